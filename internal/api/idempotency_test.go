package api_test

import (
	"bytes"
	"net/http"
	"sync"
	"testing"
	"time"

	"startbridge/internal/testserver"
)

func TestIdempotentCreateReplaysTheFirstAnswer(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		admin := adminToken(t, ts)
		key := map[string]string{"Idempotency-Key": "4f1c2a36-create-lee"}
		before := count(t, ts, "users")
		first := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: staffBody, header: key})
		if first.status != http.StatusCreated {
			t.Fatalf("first: %d %s", first.status, first.body)
		}
		again := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: staffBody, header: key})
		if again.status != http.StatusCreated || !bytes.Equal(again.body, first.body) {
			t.Errorf("repeat: %d %s, want the first answer %s", again.status, again.body, first.body)
		}
		if again.header.Get("Idempotent-Replayed") != "true" {
			t.Error("repeat is not marked as replayed")
		}
		if n := count(t, ts, "users"); n != before+1 {
			t.Errorf("users = %d after a repeat, want %d", n, before+1)
		}
		other := `{"email": "other@gbsa.or.kr", "name": "Other", "password": "correct horse battery"}`
		a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: other, header: key})
		if a.status != http.StatusUnprocessableEntity || a.problem(t).Code != "idempotency_mismatch" {
			t.Errorf("same key, other body: %d %s", a.status, a.body)
		}
		if n := count(t, ts, "users"); n != before+1 {
			t.Errorf("users = %d after a mismatched key, want %d", n, before+1)
		}
	})
}

func TestIdempotencyKeysAreKeptOnlyForSuccess(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		admin := adminToken(t, ts)
		key := map[string]string{"Idempotency-Key": "retry-after-fixing"}
		bad := `{"email": "fix@example.kr", "name": "Fix", "password": "1234567890"}`
		if a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: bad, header: key}); a.status != http.StatusBadRequest {
			t.Fatalf("weak password: %d %s", a.status, a.body)
		}
		good := `{"email": "fix@example.kr", "name": "Fix", "password": "correct horse battery"}`
		if a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: good, header: key}); a.status != http.StatusCreated {
			t.Errorf("corrected retry with the same key: %d %s", a.status, a.body)
		}
		long := string(bytes.Repeat([]byte("k"), 256))
		a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: good, header: map[string]string{"Idempotency-Key": long}})
		if a.status != http.StatusBadRequest || a.problem(t).message("Idempotency-Key") == "" {
			t.Errorf("over-long key: %d %s", a.status, a.body)
		}
	})
}

func TestConcurrentIdempotentCreatesMakeOneUser(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		admin := adminToken(t, ts)
		before := count(t, ts, "users")
		const racers = 8
		answers := make([]answer, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range racers {
			wg.Go(func() {
				<-start
				answers[i] = do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: staffBody,
					header: map[string]string{"Idempotency-Key": "racing-key"}})
			})
		}
		close(start)
		wg.Wait()
		for i, a := range answers {
			if a.status != http.StatusCreated || !bytes.Equal(a.body, answers[0].body) {
				t.Errorf("racer %d: %d %s, want 201 %s", i, a.status, a.body, answers[0].body)
			}
		}
		if n := count(t, ts, "users"); n != before+1 {
			t.Errorf("users = %d after %d racing duplicates, want %d", n, racers, before+1)
		}
	})
}

func TestAbandonedIdempotencyClaimIsTakenOver(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		// What an instance that crashed mid-request leaves behind.
		_, err := ts.DB.Exec(t.Context(), `INSERT INTO idempotency_keys
				(user_id, key, method, path, request_hash, status, content_type, body, created_at)
			VALUES (?, 'abandoned', 'POST', '/api/v1/users', 'another request', 0, '', '', ?)`,
			ts.Admin.ID, time.Now().Add(-2*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: adminToken(t, ts), body: staffBody,
			header: map[string]string{"Idempotency-Key": "abandoned"}})
		if a.status != http.StatusCreated {
			t.Errorf("after an abandoned claim: %d %s, want 201", a.status, a.body)
		}
	})
}
