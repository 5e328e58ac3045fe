package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// IdempotencyHeader is the header a client sets on a creating POST so that
// retrying it after a lost answer creates nothing twice.
const IdempotencyHeader = "Idempotency-Key"

const (
	// idempotencyTTL is how long a first answer is kept for replay.
	idempotencyTTL = 24 * time.Hour
	// idempotencyLease is how long a claim may stay unanswered before it is
	// taken for abandoned by a crashed instance and taken over.
	idempotencyLease = time.Minute
	// idempotencyWait is how long a repeat waits for the first request to
	// finish before giving up with 409.
	idempotencyWait = 15 * time.Second
	idempotencyPoll = 20 * time.Millisecond
)

// ErrIdempotencyMismatch refuses a key already used for another request.
var ErrIdempotencyMismatch = errs.New(http.StatusUnprocessableEntity, "idempotency_mismatch",
	"error.idempotency_mismatch", nil)

// ErrIdempotencyInProgress answers a repeat whose first request is still
// running after idempotencyWait.
var ErrIdempotencyInProgress = errs.New(http.StatusConflict, "idempotency_in_progress",
	"error.idempotency_in_progress", nil)

// Idempotent wraps a creating handler so that a request repeated with the
// same Idempotency-Key gets the first answer (status and body) and creates
// nothing new, and the same key with another request gets a 422. The key
// is claimed by inserting its row before h runs, so the table's primary key
// decides between two identical requests racing: the loser waits for the
// winner's answer and replays it. Only successful answers are kept: after a
// refusal the client may correct the request and retry with the same key.
// Keys belong to the caller's account; visitors' keys are ignored, since a
// stranger's key must never replay someone else's answer.
func Idempotent(db *database.DB, h HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key, user := r.Header.Get(IdempotencyHeader), httpx.From(r).User
		if key == "" || user == nil {
			return h(w, r)
		}
		if !validIdempotencyKey(key) {
			return errs.Field(IdempotencyHeader, "field.idempotency_key", nil)
		}
		body, err := ReadBody(w, r)
		if err != nil {
			return err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		k := idempotencyKeys{db: db, userID: user.ID, key: key, method: r.Method, path: r.URL.Path, hash: requestHash(r, body)}
		return k.serve(w, r, h)
	}
}

// serve runs h once per key: it claims the key, or waits for the request
// that did and replays its answer.
func (k idempotencyKeys) serve(w http.ResponseWriter, r *http.Request, h HandlerFunc) error {
	ctx := r.Context()
	deadline := time.Now().Add(idempotencyWait)
	for {
		if time.Now().After(deadline) {
			return ErrIdempotencyInProgress
		}
		claimed, err := k.claim(ctx)
		if err != nil {
			return err
		}
		if claimed {
			return k.run(w, r, h)
		}
		first, err := k.load(ctx)
		switch {
		case err != nil:
			return err
		case first == nil:
			// The first request failed and let go of the key; claim it anew.
			continue
		case first.status == 0 && time.Since(first.createdAt) > idempotencyLease:
			// Its request died without an answer: the key is free again.
			if err := k.takeOver(ctx); err != nil {
				return err
			}
			continue
		case first.hash != k.hash:
			return ErrIdempotencyMismatch
		case first.status != 0:
			first.replay(w)
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(idempotencyPoll):
		}
	}
}

// run calls h as the owner of the key and keeps its answer when it
// succeeded, or lets go of the key when it did not (also on a panic).
func (k idempotencyKeys) run(w http.ResponseWriter, r *http.Request, h HandlerFunc) error {
	// The key's row must be settled even when the client hangs up.
	ctx := context.WithoutCancel(r.Context())
	kept := false
	defer func() {
		if !kept {
			k.release(ctx)
		}
	}()
	rec := newRecorder()
	if err := h(rec, r); err != nil {
		return err
	}
	if rec.code() >= 200 && rec.code() < 300 {
		if err := k.keep(ctx, rec); err != nil {
			// The object exists; the client must hear so. A repeat of this key
			// will wait for the lease and then run again.
			httpx.From(r).Log.ErrorContext(ctx, "keep idempotent answer", "err", err)
		}
		kept = true
	}
	rec.flush(w)
	return nil
}

// requestHash identifies a request by method, path and body. The body is
// compared as JSON, so a retry that spaces or orders members differently is
// still the same request.
func requestHash(r *http.Request, body []byte) string {
	var v any
	if json.Unmarshal(body, &v) == nil {
		if canonical, err := json.Marshal(v); err == nil {
			body = canonical
		}
	}
	sum := sha256.New()
	io.WriteString(sum, r.Method+" "+r.URL.Path+"\n")
	sum.Write(body)
	return hex.EncodeToString(sum.Sum(nil))
}

// validIdempotencyKey accepts 1 to 255 visible ASCII characters, enough for
// a UUID or any client's request id.
func validIdempotencyKey(key string) bool {
	if len(key) > 255 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return false
		}
	}
	return key != ""
}
