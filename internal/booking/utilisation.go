package booking

import (
	"context"
	"fmt"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/text"
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

// MaxListedBookings bounds BookingsBetween; a busier month is listed
// resource by resource.
const MaxListedBookings = 100000

// BookingLine is a booking with the names of its resource and start-up,
// as a base point's monthly list shows it.
type BookingLine struct {
	Booking
	Resource, Startup text.Text
}

// BookingsBetween lists the bookings of base point bp's resources that
// overlap [from, to), in every status, earliest first, for the base point's
// staff: at most MaxListedBookings, and whether there were more.
func (s *Store) BookingsBetween(ctx context.Context, actor *auth.User, bp *BasePoint, from, to time.Time) ([]BookingLine, bool, error) {
	if err := auth.Can(actor, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
		return nil, false, err
	}
	rows, err := s.db.Query(ctx, `SELECT k.id, k.resource_id, k.startup_id, k.start_at, k.end_at, k.quantity, k.status, k.note,
			r.name_ko, r.name_zh, r.name_en, st.name_ko, st.name_zh, st.name_en
		FROM bookings k JOIN resources r ON r.id = k.resource_id JOIN startups st ON st.id = k.startup_id
		WHERE r.basepoint_id = ? AND k.start_at < ? AND k.end_at > ? ORDER BY k.start_at, k.id LIMIT ?`,
		bp.ID, to, from, MaxListedBookings+1)
	if err != nil {
		return nil, false, fmt.Errorf("bookings between: %w", err)
	}
	defer rows.Close()
	var out []BookingLine
	for rows.Next() {
		var l BookingLine
		if err := rows.Scan(&l.ID, &l.ResourceID, &l.StartupID, &l.Start, &l.End, &l.Quantity, &l.Status, &l.Note,
			&l.Resource.Ko, &l.Resource.Zh, &l.Resource.En, &l.Startup.Ko, &l.Startup.Zh, &l.Startup.En); err != nil {
			return nil, false, err
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(out) > MaxListedBookings {
		return out[:MaxListedBookings], true, nil
	}
	return out, false, nil
}
