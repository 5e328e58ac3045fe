package directory

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/search"
)

// PostgreSQL plans "newest matches first, LIMIT n" well only when it knows
// how common the terms are. For a term in its statistics (the most common
// ones) it walks the ids backwards and stops early, which is right; for any
// other term it assumes a fixed share of rows and walks backwards too,
// which for a term found once reads the whole table (seconds at a million
// rows; measured in bench/directory.md). So the store reads the same
// statistics and, for a query it expects to be rare, asks for the matches
// first (a materialized CTE, answered from the GIN index) and sorts those.

// broadRows is the expected match count from which walking the ids
// backwards beats reading every match from the GIN index.
const broadRows = 10000

// termStatsLifetime is how long the statistics are trusted; ANALYZE
// (autovacuum) refreshes them in the database meanwhile.
const termStatsLifetime = 5 * time.Minute

// termStats are PostgreSQL's most common elements of the index column and
// their frequencies, and the table's row count.
type termStats struct {
	freq    map[string]float64
	minFreq float64
	rows    float64
	read    time.Time
}

// termStatistics reads (or returns the cached) statistics of
// startup_search.doc. Without statistics every query counts as rare.
func (s *Store) termStatistics(ctx context.Context) (*termStats, error) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	if s.stats != nil && s.now().Sub(s.stats.read) < termStatsLifetime {
		return s.stats, nil
	}
	st := &termStats{freq: map[string]float64{}, read: s.now()}
	rows, err := s.db.Query(ctx, `SELECT u.e, u.f FROM pg_stats,
			unnest(most_common_elems::text::text[], most_common_elem_freqs) AS u(e, f)
		WHERE schemaname = current_schema() AND tablename = 'startup_search' AND attname = 'doc' AND u.e IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("search statistics: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e string
		var f float64
		if err := rows.Scan(&e, &f); err != nil {
			return nil, err
		}
		st.freq[e] = f
		if st.minFreq == 0 || f < st.minFreq {
			st.minFreq = f
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var n sql.NullFloat64
	if err := s.db.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'startup_search'::regclass`).Scan(&n); err != nil {
		return nil, fmt.Errorf("search statistics: %w", err)
	}
	st.rows = n.Float64
	s.stats = st
	return st, nil
}

// expected estimates how many entries match every term. A term outside
// the statistics counts as rarer than the rarest inside them. The bigrams
// of one word come together (바이 and 이오 in 바이오), so a word counts as
// its rarest bigram; different words are taken as independent, their
// shares multiplied. (The planner multiplies everything, and so thinks
// 바이오 a fiftieth as common as it is.)
func (st *termStats) expected(q search.Query) float64 {
	if len(st.freq) == 0 {
		return 0
	}
	words := map[int]float64{}
	for _, t := range q.Terms {
		f, ok := st.freq[t.Text]
		if !ok {
			f = st.minFreq / 2
		}
		if w, seen := words[t.Word]; !seen || f < w {
			words[t.Word] = f
		}
	}
	share := 1.0
	for _, f := range words {
		share *= f
	}
	return share * st.rows
}

// broad tells matchStartups how to read the matches of tier on
// PostgreSQL; on SQLite, whose full-text index walks any term newest first,
// it does not matter.
func (s *Store) broad(ctx context.Context, q search.Query, tier int) (bool, error) {
	if s.db.Dialect() != database.Postgres {
		return true, nil
	}
	st, err := s.termStatistics(ctx)
	if err != nil {
		return false, err
	}
	if tier == 1 {
		q = q.Names()
	}
	return st.expected(q) >= s.broadRows, nil
}
