package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
)

// syncBuffer collects a command's output while the command still runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var readyLine = regexp.MustCompile(`ready at (http://[0-9.:]+)`)

// startServe runs "serve" on db until the test ends and returns its URL and
// output.
func startServe(t *testing.T, db string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--log-level", "warn"}, out, io.Discard)
	}()
	stopped := false
	t.Cleanup(func() {
		cancel()
		if stopped {
			return
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after SIGTERM, want a clean shutdown", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := readyLine.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		select {
		case err := <-done:
			stopped = true
			t.Fatalf("serve stopped: %v\n%s", err, out)
		default:
		}
	}
	t.Fatalf("serve never became ready:\n%s", out)
	return "", nil
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServeOnAFreshSQLiteFileServesTheFoundingData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "startbridge.db")
	url, out := startServe(t, path)
	if !strings.Contains(out.String(), "admin@startbridge.local") {
		t.Errorf("first start did not print the one-time admin login:\n%s", out)
	}
	if code, body := get(t, url+"/readyz"); code != 200 {
		t.Errorf("readyz = %d %s", code, body)
	}
	code, body := get(t, url+"/api/v1/regions")
	if code != 200 || !strings.Contains(body, `"gyeonggi"`) || !strings.Contains(body, "杭州市") {
		t.Errorf("regions = %d %s", code, body)
	}
}

func TestSecondStartPrintsNoAdminLogin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "startbridge.db")
	if err := run(context.Background(), []string{"migrate", "--db", path}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"user", "create", "--db", path, "--email", "boss@example.kr",
		"--password", "a long enough secret", "--role", "admin"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	_, out := startServe(t, path)
	if strings.Contains(out.String(), "password:") {
		t.Errorf("an admin exists, yet serve printed a login:\n%s", out)
	}
}

func TestUserCreateExplainsBadInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "startbridge.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--email", "x@example.kr", "--password", "short", "--role", "admin"}, "--password"},
		{[]string{"--email", "not-an-email", "--password", "a long enough secret", "--role", "admin"}, "--email"},
		{[]string{"--email", "x@example.kr", "--password", "a long enough secret", "--role", "king"}, "--role"},
		{[]string{"--email", "x@example.kr", "--password", "a long enough secret", "--role", "staff"}, "institution"},
		{[]string{"--email", "x@example.kr", "--password", "a long enough secret", "--role", "staff", "--institution", "nowhere"}, "--institution"},
	}
	for _, tt := range tests {
		err := run(context.Background(), append([]string{"user", "create", "--db", path}, tt.args...), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want it to mention %s", tt.args, err, tt.want)
		}
	}
	err := run(context.Background(), []string{"user", "create", "--db", path, "--email", "staff@gbsa.or.kr",
		"--password", "a long enough secret", "--role", "staff", "--institution", "gbsa"}, io.Discard, io.Discard)
	if err != nil {
		t.Errorf("valid staff user: %v", err)
	}
}

func TestUnknownCommandAndVersion(t *testing.T) {
	if err := run(context.Background(), []string{"fly"}, io.Discard, io.Discard); err == nil {
		t.Error("unknown command accepted")
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, &out, io.Discard); err != nil || !strings.HasPrefix(out.String(), "startbridge ") {
		t.Errorf("version = %q, %v", out.String(), err)
	}
}

func countUsers(t *testing.T, source string) int {
	t.Helper()
	db, err := database.Open(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// backupRestoreWhileServing takes a backup while serve runs, changes the
// data, restores, and checks the change is gone.
func backupRestoreWhileServing(t *testing.T, source string) {
	ctx := context.Background()
	if err := run(ctx, []string{"seed", "--demo", "--db", source}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	url, _ := startServe(t, source)
	before := countUsers(t, source)
	file := filepath.Join(t.TempDir(), "backup")
	var out bytes.Buffer
	if err := run(ctx, []string{"backup", file, "--db", source}, &out, io.Discard); err != nil {
		t.Fatalf("backup: %v", err)
	}
	if err := run(ctx, []string{"backup", file, "--db", source}, io.Discard, io.Discard); err == nil {
		t.Error("backup overwrote an existing file")
	}
	if err := run(ctx, []string{"user", "create", "--db", source, "--email", "late@example.kr",
		"--password", "a long enough secret", "--role", "investor"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := countUsers(t, source); got != before+1 {
		t.Fatalf("users after create = %d, want %d", got, before+1)
	}
	if err := run(ctx, []string{"restore", file, "--db", source}, io.Discard, io.Discard); err != nil {
		t.Fatalf("restore: %v", err)
	}
	if got := countUsers(t, source); got != before {
		t.Errorf("users after restore = %d, want %d", got, before)
	}
	if code, _ := get(t, url+"/readyz"); code != 200 {
		t.Errorf("readyz after restore = %d", code)
	}
}

func TestBackupAndRestoreWhileServingOnSQLite(t *testing.T) {
	backupRestoreWhileServing(t, filepath.Join(t.TempDir(), "startbridge.db"))
}

func TestBackupAndRestoreWhileServingOnPostgres(t *testing.T) {
	backupRestoreWhileServing(t, dbtest.Postgres(t).Source())
}

func TestRestoreRefusesAFileThatIsNotABackup(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := run(context.Background(), []string{"migrate", "--db", filepath.Join(dir, "x.db")}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(junk, "this is not a database"); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"restore", junk, "--db", filepath.Join(dir, "x.db")}, io.Discard, io.Discard); err == nil {
		t.Error("restore accepted a text file")
	}
}

func writeFile(path, content string) error {
	return os.WriteFile(path, []byte(content), 0o600)
}
