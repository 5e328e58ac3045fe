package booking

import (
	"context"
	"fmt"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// Slot is one bookable granule (or day) of a resource with the capacity
// still free in it.
type Slot struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Free  int       `json:"free"`
}

// MaxAvailabilityDays bounds the period one availability query covers.
const MaxAvailabilityDays = 62

// Availability lists the slots of a resource that lie within [from, to)
// and inside opening hours, with their free capacity.
func (s *Store) Availability(ctx context.Context, res *Resource, bp *BasePoint, from, to time.Time) ([]Slot, error) {
	if !to.After(from) {
		return nil, errs.Field("to", "booking.error.end_before_start", nil)
	}
	if to.Sub(from) > MaxAvailabilityDays*24*time.Hour {
		return nil, errs.Field("to", "booking.error.range", map[string]any{"days": MaxAvailabilityDays})
	}
	hs, err := heldIn(ctx, s.db, res.ID, Period{from, to})
	if err != nil {
		return nil, err
	}
	var out []Slot
	for _, p := range slots(res, bp, from, to) {
		out = append(out, Slot{Start: p.Start, End: p.End, Free: max(res.Capacity-maxLoad(hs, p), 0)})
	}
	return out, nil
}

// slots are the bookable periods of a resource that lie within [from, to).
func slots(res *Resource, bp *BasePoint, from, to time.Time) []Period {
	loc := bp.Location()
	var out []Period
	for day := midnight(from, loc); day.Before(to); day = day.AddDate(0, 0, 1) {
		span, open := bp.OpeningHours.On(day.Weekday())
		if !open {
			continue
		}
		if res.WholeDays {
			p := Period{day, day.AddDate(0, 0, 1)}
			if !p.Start.Before(from) && !p.End.After(to) {
				out = append(out, p)
			}
			continue
		}
		g := res.GranularityMinutes
		for m := (span.Open + g - 1) / g * g; m+g <= span.Close; m += g {
			start, ok := wallTime(day, m, loc)
			end, _ := wallTime(day, m+g, loc)
			if !ok || !end.After(start) {
				continue // a start in the hour skipped when clocks go forward
			}
			if p := (Period{start, end}); !p.Start.Before(from) && !p.End.After(to) {
				out = append(out, p)
			}
		}
	}
	return out
}

// heldIn reads the bookings of a resource that hold capacity in window.
func heldIn(ctx context.Context, q database.Querier, resourceID int64, window Period) ([]held, error) {
	rows, err := q.Query(ctx, `SELECT start_at, end_at, quantity FROM bookings
		WHERE resource_id = ? AND end_at > ? AND start_at < ? AND status IN ('pending', 'confirmed')`,
		resourceID, window.Start, window.End)
	if err != nil {
		return nil, fmt.Errorf("read bookings held: %w", err)
	}
	defer rows.Close()
	var hs []held
	for rows.Next() {
		var h held
		if err := rows.Scan(&h.start, &h.end, &h.quantity); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// maxLoad is the most units held at any instant of window.
func maxLoad(bookings []held, window Period) int {
	most := loadAt(bookings, window.Start)
	for _, b := range bookings {
		if b.start.After(window.Start) && b.start.Before(window.End) {
			most = max(most, loadAt(bookings, b.start))
		}
	}
	return most
}
