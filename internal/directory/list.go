package directory

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/search"
)

// Filter narrows a list of start-ups. Empty fields do not filter.
type Filter struct {
	// Query is what the user typed in the search box.
	Query  string
	Region string
	Sector string
	Stage  Stage
}

// Facets counts the start-ups per region, sector and stage. Each dimension
// is counted with every filter but its own, so that a page can show how many
// one would find by choosing another value ("disjunctive" facets).
type Facets struct {
	Region map[string]int `json:"region"`
	Sector map[string]int `json:"sector"`
	Stage  map[string]int `json:"stage"`
}

// StartupPage is one page of a start-up list.
type StartupPage struct {
	Items []*Startup
	// Next is the sort key after which the next page starts; "" on the last
	// page.
	Next   string
	Facets Facets
	// FacetsPartial is true when a search matched more than SearchWindow
	// profiles and the facets count the ranked ones only.
	FacetsPartial bool
}

// check refuses filter values that name nothing in t, naming the query
// parameter.
func (f *Filter) check(t *taxonomy) error {
	f.Query = strings.TrimSpace(f.Query)
	f.Region = strings.ToLower(strings.TrimSpace(f.Region))
	f.Sector = strings.ToLower(strings.TrimSpace(f.Sector))
	f.Stage = Stage(strings.ToLower(strings.TrimSpace(string(f.Stage))))
	var v errs.Invalid
	t.checkRegion(&v, "region", f.Region, false)
	if _, ok := t.sectors[f.Sector]; f.Sector != "" && !ok {
		v.Add("sector", "directory.field.sector", map[string]any{"value": f.Sector})
	}
	if f.Stage != "" && !f.Stage.Valid() {
		v.Add("stage", "directory.field.stage", nil)
	}
	if len([]rune(f.Query)) > MaxQueryLength {
		v.Add("q", "field.too_long", map[string]any{"max": MaxQueryLength})
	}
	return v.OrNil()
}

// MaxQueryLength bounds a search query.
const MaxQueryLength = 200

// conditions is a WHERE clause being built, with its arguments.
type conditions struct {
	clauses []string
	args    []any
}

func (c *conditions) add(clause string, args ...any) {
	c.clauses = append(c.clauses, clause)
	c.args = append(c.args, args...)
}

func (c *conditions) sql() string {
	if len(c.clauses) == 0 {
		return "TRUE"
	}
	return strings.Join(c.clauses, " AND ")
}

// where builds the conditions of f on the start-ups table aliased s, leaving
// out the dimension named by except ("region", "sector", "stage" or "").
func (f Filter) where(except string, publicOnly bool, match *conditions) conditions {
	var c conditions
	if publicOnly {
		c.add(`s.visibility = 'public'`)
	}
	if f.Region != "" && except != "region" {
		c.add(`s.region_code = ?`, f.Region)
	}
	if f.Stage != "" && except != "stage" {
		c.add(`s.stage = ?`, string(f.Stage))
	}
	if f.Sector != "" && except != "sector" {
		c.add(`EXISTS (SELECT 1 FROM startup_sectors fs WHERE fs.startup_id = s.id AND fs.sector_code = ?)`, f.Sector)
	}
	if match != nil {
		c.add(match.sql(), match.args...)
	}
	return c
}

// tokens are the search tokens of f's filters (filterTokens), and those
// of what a visitor may not see. A visitor's search excludes the few
// partners-only profiles rather than requiring the public ones: FTS5
// seeks newest first through a long list of a common token slowly (2 ms
// for a rare word among 900,000 public profiles, against 0.5 ms).
func (f Filter) tokens(publicOnly bool) (required, excluded []string) {
	if publicOnly {
		excluded = append(excluded, search.FilterToken("v", string(PartnersOnly)))
	}
	if f.Region != "" {
		required = append(required, search.FilterToken("r", f.Region))
	}
	if f.Sector != "" {
		required = append(required, search.FilterToken("s", f.Sector))
	}
	if f.Stage != "" {
		required = append(required, search.FilterToken("t", string(f.Stage)))
	}
	return required, excluded
}

// ListStartups returns the start-ups viewer may see that pass f, newest
// first (or best match first when f has a query), at most limit of them
// after the cursor key after, with the facet counts of the whole result.
// The page may be shared with other callers (see resultCache): it must not
// be changed.
func (s *Store) ListStartups(ctx context.Context, viewer *auth.User, f Filter, after string, limit int) (*StartupPage, error) {
	return s.listStartups(ctx, viewer, f, after, limit, listing{facets: true, reuse: true})
}

// listing says what a caller of listStartups needs besides the page.
type listing struct {
	// facets asks for the facet counts.
	facets bool
	// reuse lets the answer come from the cache and be kept there; an
	// export, reading the whole directory once, does without.
	reuse bool
}

func (s *Store) listStartups(ctx context.Context, viewer *auth.User, f Filter, after string, limit int, how listing) (*StartupPage, error) {
	t, err := s.cachedTaxonomy(ctx)
	if err != nil {
		return nil, err
	}
	if err := f.check(t); err != nil {
		return nil, err
	}
	publicOnly := auth.Can(viewer, auth.SeePartnersOnly, auth.Target{}) != nil
	gen := int64(0)
	if how.reuse {
		if gen, err = s.cacheGeneration(ctx); err != nil {
			return nil, err
		}
	}
	answer := func(key string, compute func() (any, int, error)) (any, error) {
		if !how.reuse {
			v, _, err := compute()
			return v, err
		}
		return s.cache.get(gen, key, compute)
	}
	key := f.cacheKey(publicOnly)
	v, err := answer("page|"+key+"|"+strconv.Itoa(limit)+"|"+after, func() (any, int, error) {
		items, next, err := s.startupPage(ctx, gen, f, publicOnly, after, limit)
		if err != nil {
			return nil, 0, err
		}
		size := len(next)
		for _, st := range items {
			size += st.size()
		}
		return &StartupPage{Items: items, Next: next}, size, nil
	})
	if err != nil {
		return nil, err
	}
	page := *v.(*StartupPage)
	if !how.facets {
		return &page, nil
	}
	if f.Query != "" {
		// The resident index counts a search's facets exactly; the
		// database's index counts its facet window, which does not depend
		// on the filters and is kept once per query.
		v, err = answer("sfacets|"+key, func() (any, int, error) {
			facets, ok, err := s.residentFacets(ctx, gen, f, publicOnly)
			if err != nil {
				return nil, 0, err
			}
			if ok {
				return searchFacets{facets: facets}, facets.size(), nil
			}
			v, err := answer("window|"+Filter{Query: f.Query}.cacheKey(publicOnly), func() (any, int, error) {
				w, err := s.searchWindow(ctx, f, publicOnly)
				if err != nil {
					return nil, 0, err
				}
				return w, w.size(), nil
			})
			if err != nil {
				return nil, 0, err
			}
			w := v.(*facetWindow)
			facets = w.count(f)
			return searchFacets{facets: facets, partial: w.partial}, facets.size(), nil
		})
		if err != nil {
			return nil, err
		}
		sf := v.(searchFacets)
		page.Facets, page.FacetsPartial = sf.facets, sf.partial
		return &page, nil
	}
	v, err = answer("facets|"+key, func() (any, int, error) {
		// From the resident index when it is ready, without a query to the
		// database; else from the counts the triggers keep.
		facets, ok, err := s.residentFacets(ctx, gen, f, publicOnly)
		if err == nil && !ok {
			facets, err = s.facets(ctx, f, publicOnly)
		}
		if err != nil {
			return nil, 0, err
		}
		return facets, facets.size(), nil
	})
	if err != nil {
		return nil, err
	}
	page.Facets = v.(Facets)
	return &page, nil
}

// searchFacets are the facets of a search, partial when they count its
// facet window only.
type searchFacets struct {
	facets  Facets
	partial bool
}

// cacheKey names what f asks for, as the cache knows it: a search by the
// terms of its query, which are all that decide its answer.
func (f Filter) cacheKey(publicOnly bool) string {
	var b strings.Builder
	b.WriteString(strconv.FormatBool(publicOnly))
	for _, v := range []string{f.Region, f.Sector, string(f.Stage)} {
		b.WriteByte('|')
		b.WriteString(v)
	}
	if f.Query != "" {
		b.WriteString("|q")
		for _, t := range search.Parse(f.Query).Terms {
			b.WriteByte(' ')
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// startupPage reads one page of a list or search: the start-ups and the
// cursor of the next page ("" on the last). gen is the directory
// generation the caller read, or 0.
func (s *Store) startupPage(ctx context.Context, gen int64, f Filter, publicOnly bool, after string, limit int) ([]*Startup, string, error) {
	if f.Query != "" {
		return s.searchPage(ctx, gen, f, publicOnly, after, limit)
	}
	var afterID int64
	if after != "" {
		if _, err := fmt.Sscan(after, &afterID); err != nil || afterID <= 0 {
			return nil, "", errs.Field("cursor", "field.cursor", nil)
		}
	}
	c := f.where("", publicOnly, nil)
	if afterID > 0 {
		c.add(`s.id < ?`, afterID)
	}
	rows, err := s.db.Query(ctx, `SELECT `+startupReadColumns+` FROM startups s WHERE `+c.sql()+` ORDER BY s.id DESC LIMIT ?`,
		append(c.args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("list startups: %w", err)
	}
	items, err := s.collect(ctx, rows)
	if err != nil {
		return nil, "", err
	}
	if len(items) > limit {
		return items[:limit], itoa(items[limit-1].ID), nil
	}
	return items, "", nil
}

// collect scans a page of start-ups.
func (s *Store) collect(ctx context.Context, rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]*Startup, error) {
	defer rows.Close()
	var items []*Startup
	for rows.Next() {
		st, err := scanStartup(rows)
		if err != nil {
			return nil, err
		}
		items = append(items, st)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return items, nil
}

// facets counts the whole directory as filtered by f, per dimension, from
// the counts the triggers keep: a few hundred rows whatever the size of the
// directory.
func (s *Store) facets(ctx context.Context, f Filter, publicOnly bool) (Facets, error) {
	out := Facets{Region: map[string]int{}, Sector: map[string]int{}, Stage: map[string]int{}}
	counted := func(into map[string]int, dim string, except string) error {
		var c conditions
		table := "startup_counts"
		if f.Sector != "" && except != "sector" || dim == "sector_code" {
			table = "startup_sector_counts"
		}
		if publicOnly {
			c.add(`visibility = 'public'`)
		}
		if f.Region != "" && except != "region" {
			c.add(`region_code = ?`, f.Region)
		}
		if f.Stage != "" && except != "stage" {
			c.add(`stage = ?`, string(f.Stage))
		}
		if f.Sector != "" && except != "sector" {
			c.add(`sector_code = ?`, f.Sector)
		}
		// dim and table are names from this function, never input.
		rows, err := s.db.Query(ctx, `SELECT `+dim+`, SUM(n) FROM `+table+` WHERE `+c.sql()+` GROUP BY `+dim+` HAVING SUM(n) > 0`, c.args...)
		if err != nil {
			return fmt.Errorf("facets: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			var n int
			if err := rows.Scan(&key, &n); err != nil {
				return err
			}
			into[key] = n
		}
		return rows.Err()
	}
	if err := counted(out.Region, "region_code", "region"); err != nil {
		return out, err
	}
	if err := counted(out.Stage, "stage", "stage"); err != nil {
		return out, err
	}
	return out, counted(out.Sector, "sector_code", "sector")
}
