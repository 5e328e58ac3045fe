// Package database opens the SQLite or PostgreSQL store, keeps the dialect
// differences in one place and runs the embedded migrations.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the SQL engine behind a DB.
type Dialect string

// The engines startbridge runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the shared handle to the store. Queries are written once with `?`
// placeholders; DB rewrites them for PostgreSQL.
type DB struct {
	sql     *sql.DB
	dialect Dialect
	source  string
	stmts   *statements // nil on PostgreSQL, whose driver caches its own
}

// maxStatements bounds the prepared statements kept per SQLite handle; each
// is prepared once per connection that runs it.
const maxStatements = 400

// statements keeps SQLite statements prepared: modernc's driver parses and
// plans every query anew, which was a quarter of the CPU of a simple read.
// Queries beyond maxStatements (dynamically built IN lists) run unprepared.
// Statements are never evicted, so one handed out is never closed under its
// user.
type statements struct {
	mu sync.RWMutex
	m  map[string]*sql.Stmt
}

// lookup returns the statement kept for query, if any, and whether the
// cache is full.
func (c *statements) lookup(query string) (st *sql.Stmt, full bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[query], len(c.m) >= maxStatements
}

// stmt returns the prepared statement for query, preparing it on first use,
// or nil when the cache is full or the query does not prepare (the caller
// then runs it directly and gets the error there). It prepares without
// holding the lock: preparing waits for a pooled connection, and
// transactions that hold connections look statements up meanwhile.
func (c *statements) stmt(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	if st, full := c.lookup(query); st != nil || full {
		return st
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.m[query]; ok || len(c.m) >= maxStatements {
		st.Close() // prepared twice at once, or the cache filled meanwhile
		return kept
	}
	c.m[query] = st
	return st
}

// IsPostgresURL reports whether source names a PostgreSQL server rather than
// a SQLite file.
func IsPostgresURL(source string) bool {
	return strings.HasPrefix(source, "postgres://") || strings.HasPrefix(source, "postgresql://")
}

// Open connects to source: a postgres:// URL or a SQLite file path. It does
// not migrate; call Migrate for that.
func Open(ctx context.Context, source string) (*DB, error) {
	if IsPostgresURL(source) {
		return openPostgres(ctx, source)
	}
	return openSQLite(ctx, source)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	// busy_timeout comes first so that the pragmas after it never fail with
	// SQLITE_BUSY; every transaction takes the write lock up front (immediate)
	// so two writers never deadlock upgrading a read lock.
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	q.Set("_time_integer_format", "unix_micro")
	q.Set("_inttotime", "1")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{sql: db, dialect: SQLite, source: path, stmts: &statements{m: map[string]*sql.Stmt{}}}, nil
}

func openPostgres(ctx context.Context, source string) (*DB, error) {
	db, err := sql.Open("pgx", source)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxLifetime(30 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &DB{sql: db, dialect: Postgres, source: source}, nil
}

// Dialect tells which engine this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Source returns what the DB was opened from (a file path or a URL).
func (db *DB) Source() string { return db.source }

// Close releases every connection.
func (db *DB) Close() error { return db.sql.Close() }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// SQL exposes the underlying handle for the few callers (backup, tests) that
// need it.
func (db *DB) SQL() *sql.DB { return db.sql }

// kept returns the statement already prepared for query, or nil.
func (db *DB) kept(query string) *sql.Stmt {
	if db.stmts == nil {
		return nil
	}
	st, _ := db.stmts.lookup(query)
	return st
}

// prepared returns the cached statement for query on SQLite, or nil.
func (db *DB) prepared(ctx context.Context, query string) *sql.Stmt {
	if db.stmts == nil || strings.Contains(query, ";") { // scripts run once
		return nil
	}
	return db.stmts.stmt(ctx, db.sql, query)
}

// Exec runs a statement outside any transaction.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := db.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, normalize(args)...)
	}
	return db.sql.ExecContext(ctx, db.rebind(query), normalize(args)...)
}

// Query runs a query outside any transaction.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := db.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, normalize(args)...)
	}
	return db.sql.QueryContext(ctx, db.rebind(query), normalize(args)...)
}

// QueryRow runs a query that returns at most one row.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := db.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, normalize(args)...)
	}
	return db.sql.QueryRowContext(ctx, db.rebind(query), normalize(args)...)
}

// Querier is what both DB and Tx offer; store functions take it so they run
// inside or outside a transaction alike.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Dialect() Dialect
}

// Tx is a transaction with the same query methods as DB.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	db      *DB
}

// prepared returns the cached statement for query bound to the
// transaction, or nil.
//
// It never prepares a new one: preparing takes a second connection from the
// pool, and a transaction that holds SQLite's write lock while waiting for a
// connection, all of them busy waiting for that lock, stalls every writer
// until their busy timeouts run out. A statement already kept is bound to
// the transaction's own connection.
func (tx *Tx) prepared(ctx context.Context, query string) *sql.Stmt {
	if st := tx.db.kept(query); st != nil {
		return tx.tx.StmtContext(ctx, st)
	}
	return nil
}

// Dialect tells which engine this transaction runs on.
func (tx *Tx) Dialect() Dialect { return tx.dialect }

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := tx.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, normalize(args)...)
	}
	return tx.tx.ExecContext(ctx, rebind(tx.dialect, query), normalize(args)...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := tx.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, normalize(args)...)
	}
	return tx.tx.QueryContext(ctx, rebind(tx.dialect, query), normalize(args)...)
}

// QueryRow runs a query that returns at most one row in the transaction.
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, normalize(args)...)
	}
	return tx.tx.QueryRowContext(ctx, rebind(tx.dialect, query), normalize(args)...)
}

// InTx runs fn in a transaction and commits when fn returns nil. A
// serialization failure or a busy database is retried a few times, so fn must
// not have effects outside the transaction.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = db.inTxOnce(ctx, fn)
		if err == nil || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt+1) * 5 * time.Millisecond):
		}
	}
	return err
}

func (db *DB) inTxOnce(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err = fn(&Tx{tx: sqlTx, dialect: db.dialect, db: db}); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// retryable reports whether err is a transient conflict worth a new attempt.
func retryable(err error) bool {
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) {
		switch coded.SQLState() {
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return true
		}
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		return lite.Code()&0xff == sqliteBusy || lite.Code()&0xff == sqliteLocked
	}
	return false
}

// SQLite result codes; extended codes keep the primary code in the low byte.
const (
	sqliteBusy             = 5
	sqliteLocked           = 6
	sqliteConstraintUnique = 2067
	sqliteConstraintPK     = 1555
)

// normalize makes argument values mean the same on both engines: times are
// stored in UTC with microsecond precision, which is what PostgreSQL keeps.
func normalize(args []any) []any {
	for i, a := range args {
		switch v := a.(type) {
		case time.Time:
			args[i] = v.UTC().Truncate(time.Microsecond)
		case *time.Time:
			if v != nil {
				args[i] = v.UTC().Truncate(time.Microsecond)
			}
		}
	}
	return args
}

func (db *DB) rebind(query string) string { return rebind(db.dialect, query) }

// rebind turns `?` placeholders into `$1, $2, …` for PostgreSQL, leaving
// question marks inside quoted strings alone.
func rebind(d Dialect, query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// IsUniqueViolation reports whether err comes from a unique constraint, on
// either engine.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) {
		return coded.SQLState() == "23505"
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		return lite.Code() == sqliteConstraintUnique || lite.Code() == sqliteConstraintPK
	}
	return false
}
