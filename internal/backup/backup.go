// Package backup takes consistent copies of a live store and puts them back:
// SQLite's own online copy for the embedded database, pg_dump and
// pg_restore for PostgreSQL.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"modernc.org/sqlite"

	"startbridge/internal/database"
)

// Write copies the store to path while it may be serving. SQLite writes a
// compact, consistent database file (VACUUM INTO reads one snapshot);
// PostgreSQL writes a pg_dump archive, also from one snapshot.
func Write(ctx context.Context, db *database.DB, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file", path)
	}
	switch db.Dialect() {
	case database.SQLite:
		if _, err := db.Exec(ctx, `VACUUM INTO ?`, path); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		return nil
	case database.Postgres:
		// Only the schema startbridge lives in, so a shared server's other
		// tenants stay out of the archive.
		var schema string
		if err := db.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		cmd := exec.CommandContext(ctx, "pg_dump", "--format=custom", "--no-owner", "--schema", schema, "--file", path, "--dbname", db.Source())
		if out, err := cmd.CombinedOutput(); err != nil {
			os.Remove(path)
			return fmt.Errorf("backup: pg_dump: %w: %s", err, out)
		}
		return nil
	}
	return fmt.Errorf("backup: unknown dialect %s", db.Dialect())
}

// Restore replaces the contents of the store named by target with the
// backup at path. For SQLite the copy is checked first and written page by
// page through SQLite's backup API, so a server still running sees either
// the old or the new database, never a torn file; stop it anyway, since its
// sessions and caches describe the old data.
func Restore(ctx context.Context, target, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if database.IsPostgresURL(target) {
		cmd := exec.CommandContext(ctx, "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", target, path)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("restore: pg_restore: %w: %s", err, out)
		}
		return nil
	}
	if err := checkSQLite(ctx, path); err != nil {
		return err
	}
	db, err := database.Open(ctx, target)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		r, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("restore: the SQLite driver offers no backup API")
		}
		b, err := r.NewRestore(path)
		if err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		for {
			// Step reports whether pages remain to be copied.
			more, err := b.Step(256)
			if err != nil {
				b.Finish()
				return fmt.Errorf("restore: %w", err)
			}
			if !more {
				return b.Finish()
			}
		}
	})
}

// checkSQLite refuses a file that is not a sound startbridge database.
func checkSQLite(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return fmt.Errorf("restore: %s is not a SQLite database: %w", path, err)
	}
	if result != "ok" {
		return fmt.Errorf("restore: %s is damaged: %s", path, result)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		return fmt.Errorf("restore: %s is not a startbridge backup", path)
	}
	return nil
}
