package directory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"startbridge/internal/database"
)

// indexFormat is the format of the search entries this code writes: 2 has
// names indexed twice (search.NameDocument), 3 the filter tokens of
// start-ups (filterTokens). Raise it with any change to what an entry
// holds, with a migration that marks an empty directory current (as 0007
// and 0014 do).
const indexFormat = 3

// reindexBatch is how many profiles one rebuild transaction rewrites.
const reindexBatch = 2000

// ensureIndex rebuilds the search entries when they were written in an
// older format, once per store; later calls cost a mutex.
func (s *Store) ensureIndex(ctx context.Context) error {
	s.indexMu.Lock()
	defer s.indexMu.Unlock()
	if s.indexReady {
		return nil
	}
	var format int
	err := s.db.QueryRow(ctx, `SELECT format FROM search_index_format WHERE name = 'directory'`).Scan(&format)
	if errors.Is(err, sql.ErrNoRows) {
		format = 0
	} else if err != nil {
		return fmt.Errorf("search index format: %w", err)
	}
	if format < indexFormat {
		// A rebuild half done by a request that went away would leave the
		// index emptier than before; it finishes whoever asked.
		if err := s.RebuildSearchIndex(context.WithoutCancel(ctx)); err != nil {
			return err
		}
	}
	s.indexReady = true
	return nil
}

// RebuildSearchIndex rewrites the search entries of every start-up and
// investor and records the current format. The old entries are dropped in
// one statement and the new ones written in batches of reindexBatch per
// transaction with multi-row statements; searches during a rebuild find
// only the profiles done so far.
func (s *Store) RebuildSearchIndex(ctx context.Context) error {
	for _, kind := range []string{"startup", "investor"} {
		clear := `DELETE FROM ` + kind + `_search`
		if s.db.Dialect() == database.SQLite {
			// The FTS5 command that empties a contentless table at once.
			clear = `INSERT INTO ` + kind + `_search (` + kind + `_search) VALUES ('delete-all')`
		}
		if _, err := s.db.Exec(ctx, clear); err != nil {
			return fmt.Errorf("clear %s search: %w", kind, err)
		}
		for after := int64(0); ; {
			var last int64
			err := s.db.InTx(ctx, func(tx *database.Tx) error {
				var err error
				last, err = reindexAfter(ctx, tx, kind, after)
				return err
			})
			if err != nil {
				return fmt.Errorf("rebuild %s search: %w", kind, err)
			}
			if last == 0 {
				break
			}
			after = last
		}
	}
	res, err := s.db.Exec(ctx, `UPDATE search_index_format SET format = ? WHERE name = 'directory'`, indexFormat)
	if err != nil {
		return fmt.Errorf("record search index format: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		_, err = s.db.Exec(ctx, `INSERT INTO search_index_format (name, format) VALUES ('directory', ?)`, indexFormat)
	}
	return err
}

// reindexAfter writes the entries of the next batch of objects of kind
// with ids above after, whose old entries are gone, and returns the last
// id done (0 when none was left).
func reindexAfter(ctx context.Context, tx *database.Tx, kind string, after int64) (int64, error) {
	t, err := loadTaxonomy(ctx, tx)
	if err != nil {
		return 0, err
	}
	var entries []entry
	var ids []int64
	if kind == "startup" {
		rows, err := tx.Query(ctx, `SELECT `+startupReadColumns+` FROM startups s WHERE s.id > ? ORDER BY s.id LIMIT ?`, after, reindexBatch)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanStartup(rows)
			if err != nil {
				return 0, err
			}
			in := st.Input()
			entries, ids = append(entries, startupEntry(&in, t)), append(ids, st.ID)
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
		rows.Close()
	} else {
		rows, err := tx.Query(ctx, `SELECT `+investorReadColumns+` FROM investors i WHERE i.id > ? ORDER BY i.id LIMIT ?`, after, reindexBatch)
		if err != nil {
			return 0, err
		}
		var ivs []*Investor
		for rows.Next() {
			iv, err := scanInvestor(rows)
			if err != nil {
				rows.Close()
				return 0, err
			}
			ivs = append(ivs, iv)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		if err := loadInvestorLists(ctx, tx, ivs); err != nil {
			return 0, err
		}
		for _, iv := range ivs {
			in := iv.Input()
			entries, ids = append(entries, investorEntry(&in, t)), append(ids, iv.ID)
		}
	}
	if err := insertEntries(ctx, tx, kind, ids, entries); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[len(ids)-1], nil
}
