package app

import (
	"context"

	"startbridge/internal/booking"
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
// index of their own to keep in step.
func searchOfficesAndResources(d *directory.Store, offices *office.Store, bookings *booking.Store) {
	d.AlsoSearch("office", func(ctx context.Context) ([]directory.Candidate, error) {
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
				out = append(out, directory.Candidate{
					Hit:  directory.Hit{ID: o.ID, Title: o.Name, Snippet: city},
					Text: words(o.Name) + " " + words(city) + " " + o.City,
				})
			}
			if len(list) < searchBatch {
				return out, nil
			}
			after = list[len(list)-1].ID
		}
	})
	d.AlsoSearch("resource", func(ctx context.Context) ([]directory.Candidate, error) {
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
				out = append(out, directory.Candidate{
					Hit:  directory.Hit{ID: r.ID, Title: r.Name, Snippet: place},
					Text: words(r.Name) + " " + words(place),
				})
			}
			if len(list) < searchBatch {
				return out, nil
			}
			after = list[len(list)-1].ID
		}
	})
}

// words is a text in all its languages, for matching.
func words(t text.Text) string { return t.Ko + " " + t.Zh + " " + t.En }
