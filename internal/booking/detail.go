package booking

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/i18n"
	"startbridge/internal/ical"
	"startbridge/internal/text"
)

// Detail is a booking with what pages, feeds and API answers show beside
// it: its resource, base point and start-up's name.
type Detail struct {
	*Booking
	Resource    *Resource
	BasePoint   *BasePoint
	StartupName text.Text
}

// Local is the booking's period in the base point's zone.
func (d Detail) Local() Period {
	loc := d.BasePoint.Location()
	return Period{d.Start.In(loc), d.End.In(loc)}
}

// Details joins each booking with its resource, base point and start-up,
// reading each of those once.
func (s *Store) Details(ctx context.Context, bookings []*Booking) ([]Detail, error) {
	resources := map[int64]*Resource{}
	bases := map[int64]*BasePoint{}
	var startups []int64
	for _, b := range bookings {
		startups = append(startups, b.StartupID)
	}
	names, err := s.startupNames(ctx, startups)
	if err != nil {
		return nil, err
	}
	out := make([]Detail, 0, len(bookings))
	for _, b := range bookings {
		res, ok := resources[b.ResourceID]
		if !ok {
			var err error
			if res, err = s.Resource(ctx, b.ResourceID); err != nil {
				return nil, err
			}
			resources[b.ResourceID] = res
		}
		bp, ok := bases[res.BasePointID]
		if !ok {
			var err error
			if bp, err = s.BasePoint(ctx, res.BasePointID); err != nil {
				return nil, err
			}
			bases[res.BasePointID] = bp
		}
		name, ok := names[b.StartupID]
		if !ok {
			return nil, fmt.Errorf("start-up %d: %w", b.StartupID, sql.ErrNoRows)
		}
		out = append(out, Detail{Booking: b, Resource: res, BasePoint: bp, StartupName: name})
	}
	return out, nil
}

// namesPerQuery is how many start-ups one query names; shorter lists repeat
// their last id so that every query has the same text (and one prepared
// statement).
const namesPerQuery = 50

// startupNames reads the names of the start-ups, namesPerQuery at a time.
func (s *Store) startupNames(ctx context.Context, ids []int64) (map[int64]text.Text, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	names := make(map[int64]text.Text, len(ids))
	query := `SELECT id, name_ko, name_zh, name_en FROM startups WHERE id IN (?` + strings.Repeat(", ?", namesPerQuery-1) + `)`
	for len(ids) > 0 {
		part := ids[:min(namesPerQuery, len(ids))]
		ids = ids[len(part):]
		args := make([]any, namesPerQuery)
		for i := range args {
			args[i] = part[min(i, len(part)-1)]
		}
		rows, err := s.db.Query(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var name text.Text
			if err := rows.Scan(&id, &name.Ko, &name.Zh, &name.En); err != nil {
				rows.Close()
				return nil, err
			}
			names[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// StartupName is a start-up's name in every language it has.
func (s *Store) StartupName(ctx context.Context, id int64) (text.Text, error) {
	var name text.Text
	if err := s.db.QueryRow(ctx, `SELECT name_ko, name_zh, name_en FROM startups WHERE id = ?`, id).
		Scan(&name.Ko, &name.Zh, &name.En); err != nil {
		return name, fmt.Errorf("start-up %d: %w", id, err)
	}
	return name, nil
}

// Event is the booking as an iCalendar event, named in lang; description
// is the caller's translated line about it.
func (d Detail) Event(lang, description, url string) ical.Event {
	status := "CONFIRMED"
	switch d.Status {
	case Pending:
		status = "TENTATIVE"
	case Cancelled, Rejected:
		status = "CANCELLED"
	}
	return ical.Event{
		UID: "booking-" + strconv.FormatInt(d.ID, 10) + "@startbridge", Start: d.Start, End: d.End,
		Stamp:       d.UpdatedAt.Truncate(time.Second),
		Summary:     d.Resource.Name.In(lang) + " · " + d.BasePoint.Name.In(lang),
		Description: description, Location: d.BasePoint.Address, URL: url, Status: status, Sequence: d.Version - 1,
	}
}

// Describe is the translated line about the booking that its calendar
// event carries: start-up, quantity and status.
func (d Detail) Describe(p *i18n.Printer) string {
	return p.T("booking.ics.description", "startup", d.StartupName.In(p.Lang), "quantity", d.Quantity,
		"status", p.T("booking.status."+string(d.Status)))
}
