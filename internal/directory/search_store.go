package directory

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/search"
)

// A search ranks its matches in two tiers, newest first within each: the
// profiles whose names hold every term, then all the others. This is
// coarser than BM25, and deliberate: SQLite's bm25() counts the documents
// of every term before ranking one, and PostgreSQL's ts_rank reads every
// match's vector, both in proportion to the matches — tens of milliseconds
// for a word like 杭州 in half a million profiles — while a tier is an
// ordinary term query (names are indexed a second time, marked) that both
// engines answer newest first and stop after one page. The same rule on
// both engines gives the same order on both. bench/directory.md has the
// measurements.
const tiers = 2

// SearchWindow bounds the matches a search counts for its facets. Counting
// every match of a word found in half a million profiles costs tens of
// milliseconds on either engine; a search counts the newest SearchWindow
// matches and says the facets are partial when there are more. Queries
// with fewer matches — most real ones — are counted exactly.
const SearchWindow = 500

// match is one search hit with what the facets count.
type match struct {
	id      int64
	region  string
	stage   string
	sectors string
}

// tierQuery is the engine's query for the matches of q in tier (1 or 2);
// tier 0 is every match.
func tierQuery(d database.Dialect, q search.Query, tier int) string {
	if d == database.Postgres {
		switch tier {
		case 1:
			return q.Names().TSQuery()
		case 2:
			return "(" + q.TSQuery() + ") & !(" + q.Names().TSQuery() + ")"
		}
		return q.TSQuery()
	}
	switch tier {
	case 1:
		return q.Names().FTS5()
	case 2:
		return "(" + q.FTS5() + ") NOT (" + q.Names().FTS5() + ")"
	}
	return q.FTS5()
}

// pgTier is the PostgreSQL tsquery of tier (0 for every match) with the
// terms of the filters: every one of required, none of excluded.
func pgTier(q search.Query, required, excluded []string, tier int) string {
	var expr string
	switch tier {
	case 1:
		expr = q.Names().And(required...).TSQuery()
	case 2:
		expr = "(" + q.And(required...).TSQuery() + ") & !(" + q.Names().TSQuery() + ")"
	default:
		expr = q.And(required...).TSQuery()
	}
	for _, t := range excluded {
		expr = "(" + expr + ") & !" + search.Query{}.And(t).TSQuery()
	}
	return expr
}

// filteredTier is the SQLite FTS5 query for the matches of q in tier that
// have every token of required and none of excluded (Filter.tokens).
func filteredTier(q search.Query, required, excluded []string, tier int) string {
	expr := "(" + q.Names().And(required...).FTS5() + ")"
	if tier != 1 {
		expr = "((" + q.And(required...).FTS5() + ") NOT (" + q.Names().FTS5() + "))"
	}
	if len(excluded) > 0 {
		expr += " NOT (" + strings.Join(search.Query{}.And(excluded...).FTS5Terms(), " OR ") + ")"
	}
	return expr
}

// matchIDs returns the ids of up to limit start-ups matching the SQLite
// FTS5 query expr, newest first, below beforeID when it is not 0. The
// filters are terms of expr, so the full-text index alone answers: it
// intersects the lists of a common word and a filter that excludes most
// of its matches without reading their rows (a walk that cost a second
// for 杭州 in Gyeonggi at a million start-ups).
func (s *Store) matchIDs(ctx context.Context, expr string, beforeID int64, limit int) ([]match, error) {
	below := ""
	args := []any{expr}
	if beforeID > 0 {
		below = ` AND rowid < ?`
		args = append(args, beforeID)
	}
	return scanIDs(s.db.Query(ctx, `SELECT rowid FROM startup_search WHERE startup_search MATCH ?`+below+` ORDER BY rowid DESC LIMIT ?`,
		append(args, limit)...))
}

// scanIDs reads matches of which only the ids are asked for.
func scanIDs(rows *sql.Rows, err error) ([]match, error) {
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.id); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// matchStartups returns up to limit start-ups that match the engine query
// expr and the conditions c (on the start-ups table aliased s), newest
// first, below beforeID when it is not 0. broad says, for PostgreSQL, that
// the query matches many entries (see pgstats.go); otherwise all its
// matches are read from the index first and sorted. On PostgreSQL expr
// holds the filters' terms too (pgTier), so the index keeps the matches
// of a filtered search few.
func (s *Store) matchStartups(ctx context.Context, expr string, broad bool, c conditions, beforeID int64, limit int) ([]match, error) {
	if beforeID > 0 {
		c.add(`s.id < ?`, beforeID)
	}
	// Inside the first CTE there is no order to keep, so the planner reads
	// the matches' ids from the GIN index alone; the newest limit of them
	// are then looked up. The filters are terms of expr, so the index has
	// already applied them; c is checked again on the few rows looked up,
	// so that an entry out of step with its row (during a rebuild) can
	// hide a profile but never show one a filter or the viewer excludes.
	below, belowArgs := "", []any{}
	if beforeID > 0 {
		below, belowArgs = ` AND x.startup_id < ?`, []any{beforeID}
	}
	query := `WITH m AS MATERIALIZED (SELECT x.startup_id AS id FROM startup_search x
			WHERE x.doc @@ CAST(? AS tsquery)` + below + `),
		t AS MATERIALIZED (SELECT id FROM m ORDER BY id DESC LIMIT ?)
		SELECT s.id, s.region_code, s.stage, s.sector_codes FROM t JOIN startups s ON s.id = t.id
		WHERE ` + c.sql() + ` ORDER BY s.id DESC`
	args := append(append(append([]any{expr}, belowArgs...), limit), c.args...)
	if s.db.Dialect() == database.SQLite {
		// CROSS JOIN keeps the full-text index as the outer loop, walked
		// newest first, so LIMIT stops it early.
		query = `SELECT s.id, s.region_code, s.stage, s.sector_codes
			FROM startup_search f CROSS JOIN startups s ON s.id = f.rowid
			WHERE startup_search MATCH ? AND ` + c.sql() + ` ORDER BY f.rowid DESC LIMIT ?`
		return scanMatches(s.db.Query(ctx, query, append(append([]any{expr}, c.args...), limit)...))
	}
	if !broad {
		return scanMatches(s.db.Query(ctx, query, args...))
	}
	// A broad query walks the ids backwards, but only through the newest
	// span of them: a query broad over the whole directory may be sparse
	// here (two common words that seldom meet, a filter that excludes
	// most matches), and a walk through a million rows to find none costs
	// seconds. Fewer than limit matches in the span means the query is
	// sparse, and its matches are read from the index instead, where the
	// filters' terms in expr keep them few.
	top := beforeID
	if top == 0 {
		if err := s.db.QueryRow(ctx, `SELECT COALESCE(MAX(startup_id), 0) + 1 FROM startup_search`).Scan(&top); err != nil {
			return nil, fmt.Errorf("search startups: %w", err)
		}
	}
	floor := top - s.walkSpan(limit)
	walk := `SELECT s.id, s.region_code, s.stage, s.sector_codes
		FROM startup_search x JOIN startups s ON s.id = x.startup_id
		WHERE x.doc @@ CAST(? AS tsquery) AND x.startup_id >= ? AND ` + c.sql() + ` ORDER BY x.startup_id DESC LIMIT ?`
	walkArgs := append(append([]any{expr, floor}, c.args...), limit)
	// The planner, estimating the bigrams of one word as independent,
	// would read all the matches from the index instead of walking, so it
	// is told not to.
	var out []match
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL enable_bitmapscan = off`); err != nil {
			return err
		}
		var err error
		out, err = scanMatches(tx.Query(ctx, walk, walkArgs...))
		return err
	})
	if err != nil || len(out) == limit || floor <= 1 {
		return out, err
	}
	return scanMatches(s.db.Query(ctx, query, args...))
}

// walkSpan is how many ids a broad PostgreSQL search walks backwards
// before it takes itself for sparse: 400 times the matches wanted (at
// least 8,000, at most 20,000 ids, 5–13 ms), so that a query found in at
// least 0.25% of the newest profiles fills its page by walking, and one
// found in fewer reads its (then few) matches from the index. Measured
// at a million start-ups: with 100 times, filtered searches of 0.3–1%
// density fell back to the index and took 21 ms instead of 5.
func (s *Store) walkSpan(limit int) int64 {
	if s.span > 0 {
		return s.span
	}
	return min(max(400*int64(limit), 8000), 20000)
}

func scanMatches(rows *sql.Rows, err error) ([]match, error) {
	if err != nil {
		return nil, fmt.Errorf("search startups: %w", err)
	}
	defer rows.Close()
	var out []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.id, &m.region, &m.stage, &m.sectors); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// searchCursor is where a page of search results starts: in a tier, below
// an id (0 for the tier's start).
type searchCursor struct {
	tier int
	id   int64
}

func parseSearchCursor(s string) (searchCursor, error) {
	if s == "" {
		return searchCursor{tier: 1}, nil
	}
	tierText, idText, ok := strings.Cut(s, ":")
	tier, err1 := strconv.Atoi(tierText)
	id, err2 := strconv.ParseInt(idText, 10, 64)
	if !ok || err1 != nil || err2 != nil || tier < 1 || tier > tiers || id <= 0 {
		return searchCursor{}, errs.Field("cursor", "field.cursor", nil)
	}
	return searchCursor{tier: tier, id: id}, nil
}

// fetch gets up to n matches of a tier below beforeID, newest first.
type fetch func(tier int, beforeID int64, n int) ([]match, error)

// pageOfMatches collects one page, tier after tier, from the cursor on; it
// returns the ids and the cursor of the next page ("" on the last).
func pageOfMatches(cur searchCursor, limit int, get fetch) ([]int64, string, error) {
	var ids []int64
	var tierOf []int
	tier, before := cur.tier, cur.id
	for tier <= tiers && len(ids) <= limit {
		want := limit + 1 - len(ids)
		ms, err := get(tier, before, want)
		if err != nil {
			return nil, "", err
		}
		for _, m := range ms {
			ids, tierOf = append(ids, m.id), append(tierOf, tier)
		}
		if len(ms) == want {
			break
		}
		tier, before = tier+1, 0
	}
	if len(ids) <= limit {
		return ids, "", nil
	}
	last := limit - 1
	return ids[:limit], strconv.Itoa(tierOf[last]) + ":" + itoa(ids[last]), nil
}

// searchPage is startupPage for a query: from the resident index when it
// holds every token of the query, else from the database's.
func (s *Store) searchPage(ctx context.Context, gen int64, f Filter, publicOnly bool, after string, limit int) ([]*Startup, string, error) {
	q := search.Parse(f.Query)
	cur, err := parseSearchCursor(after)
	if err != nil {
		return nil, "", err
	}
	if q.Empty() {
		return []*Startup{}, "", nil
	}
	required, excluded := f.tokens(publicOnly)
	if ids, next, ok, err := s.residentPage(ctx, gen, newResidentQuery(q, required, excluded), cur, limit); ok || err != nil {
		if err != nil {
			return nil, "", err
		}
		items, err := s.startupsByID(ctx, ids)
		return items, next, err
	}
	if err := s.ensureIndex(ctx); err != nil {
		return nil, "", err
	}
	d := s.db.Dialect()
	c := f.where("", publicOnly, nil)
	ids, next, err := pageOfMatches(cur, limit, func(tier int, beforeID int64, n int) ([]match, error) {
		if d == database.SQLite {
			return s.matchIDs(ctx, filteredTier(q, required, excluded, tier), beforeID, n)
		}
		broad, err := s.broad(ctx, q, tier)
		if err != nil {
			return nil, err
		}
		return s.matchStartups(ctx, pgTier(q, required, excluded, tier), broad, c, beforeID, n)
	})
	if err != nil {
		return nil, "", err
	}
	items, err := s.startupsByID(ctx, ids)
	return items, next, err
}

// facetWindow is what the facets of a search count: the newest
// s.window matches of its query, whatever the filters, and whether there
// were more. One read serves every filter of the query, each counted in
// Go (count).
type facetWindow struct {
	matches []match
	partial bool
}

// searchWindow reads the facet window of f's query, s.window+1 matches to
// know whether there are more.
func (s *Store) searchWindow(ctx context.Context, f Filter, publicOnly bool) (*facetWindow, error) {
	q := search.Parse(f.Query)
	if q.Empty() {
		return &facetWindow{}, nil
	}
	if err := s.ensureIndex(ctx); err != nil {
		return nil, err
	}
	broad, err := s.broad(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	expr := tierQuery(s.db.Dialect(), q, 0)
	if s.db.Dialect() == database.Postgres {
		_, excluded := Filter{}.tokens(publicOnly)
		expr = pgTier(q, nil, excluded, 0)
	}
	window, err := s.matchStartups(ctx, expr, broad, Filter{}.where("", publicOnly, nil), 0, s.window+1)
	if err != nil {
		return nil, err
	}
	partial := len(window) > s.window
	if partial {
		window = window[:s.window]
	}
	return &facetWindow{matches: window, partial: partial}, nil
}

// count counts the matches of the window per dimension, each dimension
// with every filter of f but its own. When the window is partial the
// counts are lower bounds of the true ones.
func (w *facetWindow) count(f Filter) Facets {
	out := Facets{Region: map[string]int{}, Sector: map[string]int{}, Stage: map[string]int{}}
	for _, m := range w.matches {
		sectors := splitList(m.sectors)
		region := f.Region == "" || m.region == f.Region
		stage := f.Stage == "" || m.stage == string(f.Stage)
		sector := f.Sector == "" || slices.Contains(sectors, f.Sector)
		if stage && sector {
			out.Region[m.region]++
		}
		if region && sector {
			out.Stage[m.stage]++
		}
		if region && stage {
			for _, c := range sectors {
				out.Sector[c]++
			}
		}
	}
	return out
}

// size estimates the memory of the window.
func (w *facetWindow) size() int {
	n := 64
	for _, m := range w.matches {
		// The struct (64 bytes) and its three strings, each allocated.
		n += 112 + len(m.region) + len(m.stage) + len(m.sectors)
	}
	return n
}

// startupsByID loads start-ups in the order of ids.
func (s *Store) startupsByID(ctx context.Context, ids []int64) ([]*Startup, error) {
	if len(ids) == 0 {
		return []*Startup{}, nil
	}
	rows, err := s.db.Query(ctx, `SELECT `+startupReadColumns+` FROM startups s WHERE s.id IN (`+placeholders(len(ids))+`)`, idArgs(ids)...)
	if err != nil {
		return nil, fmt.Errorf("load startups: %w", err)
	}
	items, err := s.collect(ctx, rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*Startup, len(items))
	for _, st := range items {
		byID[st.ID] = st
	}
	out := make([]*Startup, 0, len(ids))
	for _, id := range ids {
		if st := byID[id]; st != nil {
			out = append(out, st)
		}
	}
	return out, nil
}
