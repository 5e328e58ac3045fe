package directory

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/search"
)

// SearchWindow is how many matches a search ranks. Ranking every match of
// a word found in half a million profiles cannot answer in milliseconds on
// either engine, so a search takes the newest SearchWindow matches (the
// engines find those without reading the rest), ranks them by relevance,
// and lists any further matches after them, newest first. Facet counts of
// such a broad search cover the ranked matches only, and say so. Queries
// with fewer matches — nearly all real ones — are ranked and counted
// exactly. See bench/directory.md for the measurements behind the number.
const SearchWindow = 1000

// match is one search hit: the object's id and its relevance (higher is
// better).
type match struct {
	id      int64
	score   float64
	region  string
	stage   string
	sectors string
}

// matchStartups returns up to limit start-ups that match q and the
// conditions c (on the start-ups table aliased s), newest first, below
// beforeID when it is not 0.
func matchStartups(ctx context.Context, db database.Querier, q search.Query, c conditions, beforeID int64, limit int) ([]match, error) {
	if beforeID > 0 {
		c.add(`s.id < ?`, beforeID)
	}
	var query string
	var args []any
	if db.Dialect() == database.Postgres {
		// ts_rank weights are {D, C, B, A}: tags, -, body, name.
		query = `SELECT s.id, ts_rank('{0.05, 0.2, 0.2, 1.0}', x.doc, CAST(? AS tsquery)), s.region_code, s.stage, s.sector_codes
			FROM startup_search x JOIN startups s ON s.id = x.startup_id
			WHERE x.doc @@ CAST(? AS tsquery) AND ` + c.sql() + ` ORDER BY x.startup_id DESC LIMIT ?`
		args = append([]any{q.TSQuery(), q.TSQuery()}, c.args...)
	} else {
		// CROSS JOIN keeps the full-text index as the outer loop, walked
		// newest first, so LIMIT stops it early; bm25 is negative, lower
		// is better, hence the minus.
		query = `SELECT f.rowid, -bm25(startup_search, 10.0, 2.0, 0.5), s.region_code, s.stage, s.sector_codes
			FROM startup_search f CROSS JOIN startups s ON s.id = f.rowid
			WHERE startup_search MATCH ? AND ` + c.sql() + ` ORDER BY f.rowid DESC LIMIT ?`
		args = append([]any{q.FTS5()}, c.args...)
	}
	rows, err := db.Query(ctx, query, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("search startups: %w", err)
	}
	defer rows.Close()
	var out []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.id, &m.score, &m.region, &m.stage, &m.sectors); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// searchCursor is where a page of search results starts: after a ranked
// match (score, id), or in the unranked tail below id.
type searchCursor struct {
	tail  bool
	score float64
	id    int64
}

func parseSearchCursor(s string) (searchCursor, error) {
	var c searchCursor
	if s == "" {
		return c, nil
	}
	bad := errs.Field("cursor", "field.cursor", nil)
	kind, rest, ok := strings.Cut(s, ":")
	if !ok {
		return c, bad
	}
	switch kind {
	case "t":
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || id <= 0 {
			return c, bad
		}
		return searchCursor{tail: true, id: id}, nil
	case "r":
		sc, idText, ok := strings.Cut(rest, ":")
		score, err1 := strconv.ParseFloat(sc, 64)
		id, err2 := strconv.ParseInt(idText, 10, 64)
		if !ok || err1 != nil || err2 != nil || id <= 0 {
			return c, bad
		}
		return searchCursor{score: score, id: id}, nil
	}
	return c, bad
}

func (m match) rankedCursor() string {
	return "r:" + strconv.FormatFloat(m.score, 'g', -1, 64) + ":" + itoa(m.id)
}

// before reports whether a ranks before b: higher score first, then newer.
func before(a, b match) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.id > b.id
}

// rankedPage picks the matches of one page: from the ranked window first,
// then from the tail of older matches when the window is exhausted.
type rankedPage struct {
	ids  []int64
	next string
}

// tail fetches up to n matches older than beforeID, newest first.
type tail func(beforeID int64, n int) ([]match, error)

func pageOfMatches(window []match, complete bool, cur searchCursor, limit int, more tail) (rankedPage, error) {
	var page rankedPage
	var picked []match
	tailFrom := int64(0)
	if !cur.tail {
		ranked := append([]match(nil), window...)
		sort.Slice(ranked, func(i, j int) bool { return before(ranked[i], ranked[j]) })
		start := 0
		if cur.id != 0 {
			pivot := match{id: cur.id, score: cur.score}
			start = sort.Search(len(ranked), func(i int) bool { return before(pivot, ranked[i]) })
		}
		picked = ranked[start:min(len(ranked), start+limit+1)]
		if len(picked) > limit {
			page.next = picked[limit-1].rankedCursor()
			picked = picked[:limit]
		} else if !complete && len(window) > 0 {
			tailFrom = window[len(window)-1].id
		}
	} else {
		tailFrom = cur.id
	}
	for _, m := range picked {
		page.ids = append(page.ids, m.id)
	}
	if tailFrom > 0 {
		want := limit - len(page.ids)
		older, err := more(tailFrom, want+1)
		if err != nil {
			return page, err
		}
		if len(older) > want {
			older = older[:want]
			if want > 0 {
				page.next = "t:" + itoa(older[want-1].id)
			} else {
				page.next = "t:" + itoa(tailFrom)
			}
		}
		for _, m := range older {
			page.ids = append(page.ids, m.id)
		}
	}
	return page, nil
}

// searchStartups is ListStartups for a query.
func (s *Store) searchStartups(ctx context.Context, f Filter, publicOnly bool, after string, limit int) (*StartupPage, error) {
	q := search.Parse(f.Query)
	cur, err := parseSearchCursor(after)
	if err != nil {
		return nil, err
	}
	page := &StartupPage{Items: []*Startup{}, Facets: Facets{Region: map[string]int{}, Sector: map[string]int{}, Stage: map[string]int{}}}
	if q.Empty() {
		return page, nil
	}
	c := f.where("", publicOnly, nil)
	window, err := matchStartups(ctx, s.db, q, c, 0, s.window+1)
	if err != nil {
		return nil, err
	}
	complete := len(window) <= s.window
	if !complete {
		window = window[:s.window]
	}
	picked, err := pageOfMatches(window, complete, cur, limit, func(beforeID int64, n int) ([]match, error) {
		return matchStartups(ctx, s.db, q, c, beforeID, n)
	})
	if err != nil {
		return nil, err
	}
	if page.Items, err = s.startupsByID(ctx, picked.ids); err != nil {
		return nil, err
	}
	page.Next = picked.next
	page.Facets, page.FacetsPartial, err = s.searchFacets(ctx, q, f, publicOnly, window, complete)
	return page, err
}

// searchFacets counts the matches per dimension. A dimension without a
// filter of its own is counted on the main window; one with a filter needs
// the matches without that filter, fetched the same bounded way.
func (s *Store) searchFacets(ctx context.Context, q search.Query, f Filter, publicOnly bool, window []match, complete bool) (Facets, bool, error) {
	out := Facets{Region: map[string]int{}, Sector: map[string]int{}, Stage: map[string]int{}}
	partial := !complete
	windowFor := func(dim string, active bool) ([]match, error) {
		if !active {
			return window, nil
		}
		w, err := matchStartups(ctx, s.db, q, f.where(dim, publicOnly, nil), 0, s.window+1)
		if len(w) > s.window {
			w, partial = w[:s.window], true
		}
		return w, err
	}
	regions, err := windowFor("region", f.Region != "")
	if err != nil {
		return out, false, err
	}
	for _, m := range regions {
		out.Region[m.region]++
	}
	stages, err := windowFor("stage", f.Stage != "")
	if err != nil {
		return out, false, err
	}
	for _, m := range stages {
		out.Stage[m.stage]++
	}
	sectorWindow, err := windowFor("sector", f.Sector != "")
	if err != nil {
		return out, false, err
	}
	for _, m := range sectorWindow {
		for _, c := range splitList(m.sectors) {
			out.Sector[c]++
		}
	}
	return out, partial, nil
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
