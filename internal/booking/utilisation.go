package booking

import (
	"context"
	"fmt"
	"time"
)

// Use is how much of a resource was booked over a period: unit-minutes
// booked (confirmed, completed or no-show) and pending, against the
// unit-minutes it was open.
type Use struct {
	Resource      *Resource
	BookedMinutes int64
	PendingMinute int64
	OpenMinutes   int64
}

// Percent is the booked share of the open time, 0–100.
func (u Use) Percent() int {
	if u.OpenMinutes == 0 {
		return 0
	}
	return int(u.BookedMinutes * 100 / u.OpenMinutes)
}

// Utilisation measures every resource of a base point over [from, to).
func (s *Store) Utilisation(ctx context.Context, bp *BasePoint, from, to time.Time) ([]Use, error) {
	resources, err := s.Resources(ctx, ResourceFilter{BasePointID: bp.ID}, 0, 1000)
	if err != nil {
		return nil, err
	}
	var out []Use
	for _, res := range resources {
		u := Use{Resource: res}
		for _, p := range slots(res, bp, from, to) {
			u.OpenMinutes += int64(p.End.Sub(p.Start)/time.Minute) * int64(res.Capacity)
		}
		rows, err := s.db.Query(ctx, `SELECT start_at, end_at, quantity, status FROM bookings
			WHERE resource_id = ? AND end_at > ? AND start_at < ? AND status IN ('pending', 'confirmed', 'completed', 'no_show')`,
			res.ID, from, to)
		if err != nil {
			return nil, fmt.Errorf("utilisation: %w", err)
		}
		for rows.Next() {
			var b Booking
			if err := rows.Scan(&b.Start, &b.End, &b.Quantity, &b.Status); err != nil {
				rows.Close()
				return nil, err
			}
			if b.Start.Before(from) {
				b.Start = from
			}
			if b.End.After(to) {
				b.End = to
			}
			if b.Status == Pending {
				u.PendingMinute += b.Minutes()
			} else {
				u.BookedMinutes += b.Minutes()
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}
