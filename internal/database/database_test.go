package database_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		n, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("second migrate applied %d steps, want 0", n)
		}
		want, _ := database.Migrations(db.Dialect())
		got, err := db.SchemaVersion(ctx)
		if err != nil || got != want[len(want)-1].Version {
			t.Errorf("schema version = %d, %v; want %d", got, err, want[len(want)-1].Version)
		}
	})
}

func TestDialectsHaveTheSameSteps(t *testing.T) {
	lite, err := database.Migrations(database.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := database.Migrations(database.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Name != pg[i].Name || lite[i].Version != pg[i].Version {
			t.Errorf("migration %d: sqlite %q, postgres %q", i+1, lite[i].Name, pg[i].Name)
		}
	}
}

func TestTimesRoundTripInUTC(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		seoul, _ := time.LoadLocation("Asia/Seoul")
		at := time.Date(2027, 3, 31, 18, 0, 0, 123456789, seoul)
		if _, err := db.Exec(ctx, `INSERT INTO login_attempts (key, at) VALUES (?, ?)`, "k", at); err != nil {
			t.Fatal(err)
		}
		var got time.Time
		if err := db.QueryRow(ctx, `SELECT at FROM login_attempts WHERE key = ? AND at > ?`, "k", at.Add(-time.Second)).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := at.Truncate(time.Microsecond); !got.Equal(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
}

func TestInTxRollsBackOnError(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx *database.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO login_attempts (key, at) VALUES (?, ?)`, "x", time.Now()); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM login_attempts`).Scan(&n)
		if n != 0 {
			t.Errorf("rows after rollback = %d, want 0", n)
		}
	})
}

func TestUniqueViolationIsRecognised(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		q := `INSERT INTO regions (code, country, time_zone, currency, language) VALUES (?, 'KR', 'Asia/Seoul', 'KRW', 'ko')`
		if _, err := db.Exec(ctx, q, "r"); err != nil {
			t.Fatal(err)
		}
		_, err := db.Exec(ctx, q, "r")
		if !database.IsUniqueViolation(err) {
			t.Errorf("IsUniqueViolation(%v) = false", err)
		}
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `INSERT INTO audit_log (at, action, object_kind) VALUES (?, 'a', 'b')`, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE audit_log SET action = 'z'`); err == nil {
			t.Error("update of audit_log succeeded")
		}
		if _, err := db.Exec(ctx, `DELETE FROM audit_log`); err == nil {
			t.Error("delete from audit_log succeeded")
		}
	})
}

// The same query runs outside and inside transactions, from many goroutines,
// also past the number of statements kept prepared; a query that does not
// parse fails where it is run.
func TestPreparedStatementsAreReusedSafely(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO counters (id, n) VALUES (1, 0)`); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 25 {
					err := db.InTx(ctx, func(tx *database.Tx) error {
						_, err := tx.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = ?`, 1)
						return err
					})
					if err != nil {
						t.Error(err)
						return
					}
					var n int
					if err := db.QueryRow(ctx, `SELECT n FROM counters WHERE id = ?`, 1).Scan(&n); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		var n int
		if err := db.QueryRow(ctx, `SELECT n FROM counters WHERE id = ?`, 1).Scan(&n); err != nil || n != 200 {
			t.Fatalf("n = %d (%v), want 200", n, err)
		}
		// Far more distinct queries than are kept prepared all still answer.
		for i := range 500 {
			var got int
			if err := db.QueryRow(ctx, fmt.Sprintf(`SELECT n + %d FROM counters WHERE id = ?`, i), 1).Scan(&got); err != nil || got != 200+i {
				t.Fatalf("query %d = %d (%v)", i, got, err)
			}
		}
		if _, err := db.Exec(ctx, `UPDATE no_such_table SET n = 1`); err == nil {
			t.Error("a query on a missing table succeeded")
		}
	})
}

// More writers than connections, each running a query inside its
// transaction that no one has run before: the writer holding the lock must
// not need a second connection (to prepare the query) while every other
// connection waits for that lock.
func TestWritersOutnumberingConnectionsDoNotStall(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE tallies (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO tallies (id, n) VALUES (1, 0)`); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errors := make(chan error, 32)
		for i := range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errors <- db.InTx(ctx, func(tx *database.Tx) error {
					// Hold the lock long enough for the others to queue.
					time.Sleep(10 * time.Millisecond)
					var n int
					if err := tx.QueryRow(ctx, fmt.Sprintf(`SELECT n + %d FROM tallies WHERE id = ?`, i), 1).Scan(&n); err != nil {
						return err
					}
					_, err := tx.Exec(ctx, `UPDATE tallies SET n = n + 1 WHERE id = ?`, 1)
					return err
				})
			}()
		}
		wg.Wait()
		close(errors)
		for err := range errors {
			if err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT n FROM tallies WHERE id = ?`, 1).Scan(&n); err != nil || n != 32 {
			t.Fatalf("n = %d (%v), want 32", n, err)
		}
	})
}
