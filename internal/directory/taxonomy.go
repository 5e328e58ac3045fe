package directory

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// taxonomy is the reference data profiles are checked against and tagged
// with: the regions (names and time zones) and the sectors. It is read once
// per transaction, so a bulk import checks thousands of rows with two reads.
type taxonomy struct {
	sectors map[string]text.Text
	// order is each sector's place in the taxonomy.
	order   map[string]int
	regions map[string]regionRef
}

type regionRef struct {
	name text.Text
	zone *time.Location
}

func loadTaxonomy(ctx context.Context, q database.Querier) (*taxonomy, error) {
	t := &taxonomy{sectors: map[string]text.Text{}, order: map[string]int{}, regions: map[string]regionRef{}}
	all, err := listSectors(ctx, q)
	if err != nil {
		return nil, err
	}
	for i, sc := range all {
		t.sectors[sc.Code], t.order[sc.Code] = sc.Name, i
	}
	rows, err := q.Query(ctx, `SELECT code, time_zone, name_ko, name_zh, name_en FROM regions`)
	if err != nil {
		return nil, fmt.Errorf("load regions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, zone string
		var r regionRef
		if err := rows.Scan(&code, &zone, &r.name.Ko, &r.name.Zh, &r.name.En); err != nil {
			return nil, err
		}
		if r.zone, err = time.LoadLocation(zone); err != nil {
			r.zone = time.UTC
		}
		t.regions[code] = r
	}
	return t, rows.Err()
}

func (t *taxonomy) checkRegion(v *errs.Invalid, field, code string, required bool) {
	if code == "" {
		if required {
			v.Add(field, "field.required", nil)
		}
		return
	}
	if _, ok := t.regions[code]; !ok {
		v.Add(field, "field.region", nil)
	}
}

// sortSectors puts valid sector codes in taxonomy order, the order every
// view shows them in.
func (t *taxonomy) sortSectors(codes []string) {
	sort.SliceStable(codes, func(i, j int) bool { return t.order[codes[i]] < t.order[codes[j]] })
}

func (t *taxonomy) checkSectors(v *errs.Invalid, field string, codes []string) {
	for i, c := range codes {
		if _, ok := t.sectors[c]; !ok {
			v.Add(indexed(field, i), "directory.field.sector", map[string]any{"value": c})
		}
	}
}

// today is the date (YYYY-MM-DD) in the region's time zone, so a start-up
// founded today in Hangzhou is not "in the future" for a server on UTC.
func (t *taxonomy) today(region string, now time.Time) string {
	zone := time.UTC
	if r, ok := t.regions[region]; ok {
		zone = r.zone
	}
	return now.In(zone).Format(time.DateOnly)
}

// tags are the region and sector names in every language, indexed with a
// profile so that "바이오" or "杭州" finds profiles written in another
// language.
func (t *taxonomy) tags(region string, sectors []string) string {
	parts := []string{t.regions[region].name.All()}
	for _, s := range sectors {
		parts = append(parts, s, t.sectors[s].All())
	}
	return strings.Join(parts, " ")
}

// cachedTaxonomy is the taxonomy for reads, read again after refsLifetime.
func (s *Store) cachedTaxonomy(ctx context.Context) (*taxonomy, error) {
	s.refsMu.Lock()
	defer s.refsMu.Unlock()
	if s.refs != nil && s.now().Sub(s.refsRead) < refsLifetime {
		return s.refs, nil
	}
	t, err := loadTaxonomy(ctx, s.db)
	if err != nil {
		return nil, err
	}
	s.refs, s.refsRead = t, s.now()
	return t, nil
}
