// Package testserver starts a whole startbridge server over real HTTP on a
// freshly migrated database with the founding data, for API and browser
// tests on both engines.
package testserver

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"

	"startbridge/internal/app"
	"startbridge/internal/auth"
	"startbridge/internal/config"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/i18n"
	"startbridge/internal/partner"
	"startbridge/internal/server"
)

// TS is a running test server.
type TS struct {
	URL string
	Svc *app.Services
	DB  *database.DB
	// Admin is an administrator account, with AdminPassword.
	Admin *auth.User
}

// AdminPassword is the test administrator's password.
const AdminPassword = "test-root-passphrase-1"

// Engines runs fn against a server on SQLite and, when configured, on
// PostgreSQL.
func Engines(t *testing.T, fn func(t *testing.T, ts *TS)) {
	t.Helper()
	dbtest.Engines(t, func(t *testing.T, db *database.DB) { fn(t, Start(t, db)) })
}

// Start serves a whole site on db, which must be migrated, until the test
// ends.
func Start(t testing.TB, db *database.DB) *TS {
	t.Helper()
	ctx := context.Background()
	if _, err := partner.SeedFounding(ctx, db); err != nil {
		t.Fatalf("seed: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := app.New(db, i18n.MustLoad(), log)
	// As serve does, with every word in memory, so that the site's
	// searches are answered by the resident index (the directory's own
	// tests cover the database's).
	if err := svc.Directory.BuildResidentIndex(ctx, 1); err != nil {
		t.Fatalf("resident index: %v", err)
	}
	cfg := config.Config{Addr: "127.0.0.1:0", DB: db.Source(), LogFormat: "text", LogLevel: "info"}
	srv, err := server.New(cfg, svc)
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	admin, err := svc.Auth.CreateUserUnchecked(ctx, auth.NewUser{
		SignUp: auth.SignUp{Email: "admin@test.startbridge", Name: "Admin", Password: AdminPassword, Language: "en"},
		Roles:  []auth.Membership{{Role: auth.RoleAdmin}},
	})
	if err != nil {
		t.Fatalf("admin: %v", err)
	}
	return &TS{URL: hs.URL, Svc: svc, DB: db, Admin: admin}
}

// Token issues an API token for a user.
func (ts *TS) Token(t testing.TB, userID int64) string {
	t.Helper()
	token, err := ts.Svc.Auth.IssueToken(context.Background(), userID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// Browser returns an HTTP client with a cookie jar that does not follow
// redirects, like a browser whose every step a test checks.
func (ts *TS) Browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
