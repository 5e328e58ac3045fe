package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

const bookingColumns = `id, resource_id, startup_id, booked_by, series_id, start_at, end_at, quantity, status, note,
	version, created_at, updated_at`

func scanBooking(row interface{ Scan(...any) error }) (*Booking, error) {
	var b Booking
	var by, series sql.NullInt64
	if err := row.Scan(&b.ID, &b.ResourceID, &b.StartupID, &by, &series, &b.Start, &b.End, &b.Quantity, &b.Status,
		&b.Note, &b.Version, &b.CreatedAt, &b.UpdatedAt); err != nil {
		return nil, err
	}
	if by.Valid {
		b.BookedBy = &by.Int64
	}
	if series.Valid {
		b.SeriesID = &series.Int64
	}
	return &b, nil
}

func loadBooking(ctx context.Context, q database.Querier, id int64) (*Booking, error) {
	b, err := scanBooking(q.QueryRow(ctx, `SELECT `+bookingColumns+` FROM bookings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("booking %d: %w", id, errs.ErrNotFound)
	}
	return b, err
}

// Booking returns one booking to a viewer who may see it: a member of its
// start-up, staff of the base point's institution or an admin. For anyone
// else it does not exist.
func (s *Store) Booking(ctx context.Context, viewer *auth.User, id int64) (*Booking, error) {
	b, err := loadBooking(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	var institution int64
	if err := s.db.QueryRow(ctx, `SELECT b.institution_id FROM resources r JOIN basepoints b ON b.id = r.basepoint_id
		WHERE r.id = ?`, b.ResourceID).Scan(&institution); err != nil {
		return nil, fmt.Errorf("booking %d institution: %w", id, err)
	}
	if auth.Can(viewer, auth.ViewBooking, auth.Target{StartupID: b.StartupID, InstitutionID: institution}) != nil {
		return nil, fmt.Errorf("booking %d: %w", id, errs.ErrNotFound)
	}
	return b, nil
}

// Filter narrows a list of bookings.
type Filter struct {
	ResourceID  int64
	StartupID   int64
	BasePointID int64
	Status      Status
	// From and To keep bookings that overlap [From, To) when set.
	From, To time.Time
}

// Bookings lists, after the id after, the bookings viewer may see that
// match f: an admin sees all; others those of their start-ups and of the
// base points of their institutions. A start-up never sees another's.
func (s *Store) Bookings(ctx context.Context, viewer *auth.User, f Filter, after int64, limit int) ([]*Booking, error) {
	if viewer == nil {
		return nil, errs.ErrUnauthenticated
	}
	where := []string{"k.id > ?"}
	args := []any{after}
	if !viewer.IsAdmin() {
		var startups, institutions []string
		for _, m := range viewer.Roles {
			if m.Role == auth.RoleStartup && m.StartupID != nil {
				startups = append(startups, fmt.Sprint(*m.StartupID))
			}
			if m.Role == auth.RoleStaff && m.InstitutionID != nil {
				institutions = append(institutions, fmt.Sprint(*m.InstitutionID))
			}
		}
		if len(startups) == 0 && len(institutions) == 0 {
			return nil, nil
		}
		// The ids come from the viewer's memberships, integers formatted
		// here, never from the request.
		var scope []string
		if len(startups) > 0 {
			scope = append(scope, "k.startup_id IN ("+strings.Join(startups, ",")+")")
		}
		if len(institutions) > 0 {
			scope = append(scope, "b.institution_id IN ("+strings.Join(institutions, ",")+")")
		}
		where = append(where, "("+strings.Join(scope, " OR ")+")")
	}
	if f.ResourceID != 0 {
		where, args = append(where, "k.resource_id = ?"), append(args, f.ResourceID)
	}
	if f.StartupID != 0 {
		where, args = append(where, "k.startup_id = ?"), append(args, f.StartupID)
	}
	if f.BasePointID != 0 {
		where, args = append(where, "r.basepoint_id = ?"), append(args, f.BasePointID)
	}
	if f.Status != "" {
		where, args = append(where, "k.status = ?"), append(args, string(f.Status))
	}
	if !f.From.IsZero() {
		where, args = append(where, "k.end_at > ?"), append(args, f.From)
	}
	if !f.To.IsZero() {
		where, args = append(where, "k.start_at < ?"), append(args, f.To)
	}
	rows, err := s.db.Query(ctx, `SELECT `+prefixed("k.", bookingColumns)+` FROM bookings k
		JOIN resources r ON r.id = k.resource_id JOIN basepoints b ON b.id = r.basepoint_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY k.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list bookings: %w", err)
	}
	defer rows.Close()
	var out []*Booking
	for rows.Next() {
		b, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
