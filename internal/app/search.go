package app

import (
	"context"
	"fmt"
	"sync"

	"startbridge/internal/booking"
	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/office"
	"startbridge/internal/text"
)

// searchBatch is how many offices or resources one read takes when the
// platform-wide search lists them.
const searchBatch = 1000

// searchOfficesAndResources adds the overseas offices and the base points'
// resources to the directory's platform-wide search (SPEC §3.1): both are
// public and few (dozens of offices, a thousand rooms and desks at demo
// scale), so they are matched in memory like the institutions, with no
// index of their own to keep in step. Their lists, with the words of each
// read once, are kept until a write to their tables changes the tables'
// signature (changed), which every search reads first.
func searchOfficesAndResources(db *database.DB, d *directory.Store, offices *office.Store, bookings *booking.Store) {
	d.AlsoSearch("office", keep(db, []string{"offices", "cities"}, func(ctx context.Context) ([]directory.Candidate, error) {
		cities, err := offices.Cities(ctx)
		if err != nil {
			return nil, err
		}
		names := map[string]text.Text{}
		for _, c := range cities {
			names[c.Code] = c.Name
		}
		var out []directory.Candidate
		for after := int64(0); ; {
			list, err := offices.Offices(ctx, office.OfficeFilter{}, after, searchBatch)
			if err != nil {
				return nil, err
			}
			for _, o := range list {
				// A city the gazetteer knows is found by its name in every
				// language, whichever was typed.
				city, ok := names[o.CityCode]
				if !ok {
					city = text.Text{Ko: o.City, Zh: o.City, En: o.City}
				}
				out = append(out, directory.NewCandidate(directory.Hit{ID: o.ID, Title: o.Name, Snippet: city},
					o.Name.All()+" "+city.All()+" "+o.City))
			}
			if len(list) < searchBatch {
				return out, nil
			}
			after = list[len(list)-1].ID
		}
	}))
	d.AlsoSearch("resource", keep(db, []string{"resources", "basepoints"}, func(ctx context.Context) ([]directory.Candidate, error) {
		places := map[int64]text.Text{}
		for after := int64(0); ; {
			list, err := bookings.BasePoints(ctx, "", after, searchBatch)
			if err != nil {
				return nil, err
			}
			for _, bp := range list {
				places[bp.ID] = bp.Name
			}
			if len(list) < searchBatch {
				break
			}
			after = list[len(list)-1].ID
		}
		var out []directory.Candidate
		for after := int64(0); ; {
			list, err := bookings.Resources(ctx, booking.ResourceFilter{}, after, searchBatch)
			if err != nil {
				return nil, err
			}
			for _, r := range list {
				// A retired resource takes no bookings: nobody looks for it.
				if r.Retired() {
					continue
				}
				place := places[r.BasePointID]
				out = append(out, directory.NewCandidate(directory.Hit{ID: r.ID, Title: r.Name, Snippet: place},
					r.Name.All()+" "+place.All()))
			}
			if len(list) < searchBatch {
				return out, nil
			}
			after = list[len(list)-1].ID
		}
	}))
}

// keep returns read's candidates, read again only when the signature of
// tables has changed since: how many rows they hold and the sum of their
// versions (or, for the gazetteer, of nothing but their count), which
// every insert, edit and deletion through the stores changes.
func keep(db *database.DB, tables []string, read directory.Candidates) directory.Candidates {
	var mu sync.Mutex
	var sig string
	var kept []directory.Candidate
	return func(ctx context.Context) ([]directory.Candidate, error) {
		now, err := signature(ctx, db, tables)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		if kept != nil && now == sig {
			return kept, nil
		}
		list, err := read(ctx)
		if err != nil {
			return nil, err
		}
		if list == nil {
			list = []directory.Candidate{}
		}
		sig, kept = now, list
		return kept, nil
	}
}

// signature reads the count and version sum of each table (tables have a
// version column except the gazetteer of cities, counted only).
func signature(ctx context.Context, db *database.DB, tables []string) (string, error) {
	out := ""
	for _, t := range tables {
		sum := "SUM(version)"
		if t == "cities" {
			sum = "0"
		}
		var n, v int64
		// The table names are this file's, never input.
		if err := db.QueryRow(ctx, `SELECT COUNT(*), COALESCE(`+sum+`, 0) FROM `+t).Scan(&n, &v); err != nil {
			return "", fmt.Errorf("search %s: %w", t, err)
		}
		out += fmt.Sprintf("%s:%d:%d ", t, n, v)
	}
	return out, nil
}
