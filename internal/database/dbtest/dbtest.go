// Package dbtest gives every store test a freshly migrated database on each
// engine: a temporary SQLite file always, and a schema of its own on the
// PostgreSQL server named by STARTBRIDGE_TEST_POSTGRES when it is set.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"startbridge/internal/database"
)

// PostgresEnv names the variable holding the PostgreSQL DSN for tests.
const PostgresEnv = "STARTBRIDGE_TEST_POSTGRES"

// Engines runs fn once per available engine, each as a subtest named after
// the engine, with an empty migrated database.
func Engines(t *testing.T, fn func(t *testing.T, db *database.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated database in a temporary file, closed when the
// test ends.
func SQLite(t testing.TB) *database.DB {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "test.db"))
}

// Postgres returns a migrated database living in a schema of its own, which
// is dropped when the test ends. Without STARTBRIDGE_TEST_POSTGRES the test is
// skipped, except under CI=true where that is a failure.
func Postgres(t testing.TB) *database.DB {
	t.Helper()
	dsn := PostgresDSN(t)
	schema := "t_" + randomHex(8)
	ctx := context.Background()
	admin, err := database.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to PostgreSQL (%s): %v", PostgresEnv, err)
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	return open(t, WithSchema(t, dsn, schema))
}

// PostgresDSN returns the test server's DSN or skips the test when there is
// none (failing instead under CI=true).
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set, and CI=true requires the PostgreSQL tests to run", PostgresEnv)
		}
		t.Skipf("PostgreSQL tests skipped: set %s to a DSN such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable", PostgresEnv)
	}
	return dsn
}

// WithSchema returns dsn with its search_path set to schema, through the
// libpq "options" parameter that both pgx and pg_dump understand.
func WithSchema(t testing.TB, dsn, schema string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("options", "--search_path="+schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, source string) *database.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, source)
	if err != nil {
		t.Fatalf("open %s: %v", source, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
