package api

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/database"
)

// idempotencyKeys is one caller's key in the idempotency_keys table. A row
// with status 0 is a claim whose request is still running.
type idempotencyKeys struct {
	db     *database.DB
	userID int64
	key    string
	method string
	path   string
	hash   string
}

// claim inserts the key's row; it reports false when the row exists, which
// the primary key decides on both engines. Expired keys of the same caller
// are removed first, so an old key can be used again.
func (k idempotencyKeys) claim(ctx context.Context) (bool, error) {
	now := time.Now()
	if _, err := k.db.Exec(ctx, `DELETE FROM idempotency_keys WHERE user_id = ? AND created_at < ?`,
		k.userID, now.Add(-idempotencyTTL)); err != nil {
		return false, fmt.Errorf("expire idempotency keys: %w", err)
	}
	res, err := k.db.Exec(ctx, `INSERT INTO idempotency_keys
			(user_id, key, method, path, request_hash, status, content_type, body, created_at)
		VALUES (?, ?, ?, ?, ?, 0, '', '', ?) ON CONFLICT (user_id, key) DO NOTHING`,
		k.userID, k.key, k.method, k.path, k.hash, now)
	if err != nil {
		return false, fmt.Errorf("claim idempotency key: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// firstAnswer is what the first request with a key left behind.
type firstAnswer struct {
	hash        string
	status      int
	contentType string
	body        []byte
	createdAt   time.Time
}

// load reads the key's row, or nil when there is none.
func (k idempotencyKeys) load(ctx context.Context) (*firstAnswer, error) {
	a := &firstAnswer{}
	err := k.db.QueryRow(ctx, `SELECT request_hash, status, content_type, body, created_at
		FROM idempotency_keys WHERE user_id = ? AND key = ?`, k.userID, k.key).
		Scan(&a.hash, &a.status, &a.contentType, &a.body, &a.createdAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load idempotency key: %w", err)
	}
	return a, nil
}

// keep stores the answer of the request that claimed the key.
func (k idempotencyKeys) keep(ctx context.Context, rec *recorder) error {
	_, err := k.db.Exec(ctx, `UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?
		WHERE user_id = ? AND key = ?`, rec.code(), rec.header.Get("Content-Type"), rec.body.Bytes(), k.userID, k.key)
	return err
}

// release lets go of a claim whose request failed.
func (k idempotencyKeys) release(ctx context.Context) {
	k.db.Exec(ctx, `DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status = 0`, k.userID, k.key)
}

// takeOver removes a claim abandoned past its lease.
func (k idempotencyKeys) takeOver(ctx context.Context) error {
	_, err := k.db.Exec(ctx, `DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status = 0 AND created_at < ?`,
		k.userID, k.key, time.Now().Add(-idempotencyLease))
	return err
}

// replay writes the first answer again, marked as a replay.
func (a *firstAnswer) replay(w http.ResponseWriter) {
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(a.status)
	w.Write(a.body)
}

// recorder holds a handler's answer until its fate is known.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
}

func (rec *recorder) Write(b []byte) (int, error) {
	rec.WriteHeader(http.StatusOK)
	return rec.body.Write(b)
}

// code is the status written, 200 when the handler wrote none.
func (rec *recorder) code() int {
	if rec.status == 0 {
		return http.StatusOK
	}
	return rec.status
}

func (rec *recorder) flush(w http.ResponseWriter) {
	for name, values := range rec.header {
		w.Header()[name] = values
	}
	w.WriteHeader(rec.code())
	w.Write(rec.body.Bytes())
}
