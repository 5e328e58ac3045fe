package office

import (
	"context"
	"fmt"

	"startbridge/internal/auth"
	"startbridge/internal/text"
)

// StartupRef names a start-up a user may request for.
type StartupRef struct {
	ID     int64
	Name   text.Text
	Region string
}

// StartupsOf lists the start-ups the user is a member of, by id.
func (s *Store) StartupsOf(ctx context.Context, u *auth.User) ([]StartupRef, error) {
	var ids []any
	for _, m := range u.Roles {
		if m.Role == auth.RoleStartup && m.StartupID != nil {
			ids = append(ids, *m.StartupID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.db.Query(ctx, `SELECT id, name_ko, name_zh, name_en, region_code FROM startups WHERE id IN (?`+
		repeat(", ?", len(ids)-1)+`) ORDER BY id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("startups of user %d: %w", u.ID, err)
	}
	defer rows.Close()
	var out []StartupRef
	for rows.Next() {
		var r StartupRef
		if err := rows.Scan(&r.ID, &r.Name.Ko, &r.Name.Zh, &r.Name.En, &r.Region); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Allocations lists the months and desks a request holds.
func (s *Store) Allocations(ctx context.Context, requestID int64) ([]MonthOccupancy, error) {
	rows, err := s.db.Query(ctx, `SELECT month, desks FROM office_allocations WHERE request_id = ? ORDER BY month`, requestID)
	if err != nil {
		return nil, fmt.Errorf("allocations: %w", err)
	}
	defer rows.Close()
	var out []MonthOccupancy
	for rows.Next() {
		var m MonthOccupancy
		if err := rows.Scan(&m.Month, &m.Allocated); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ThisMonth is the current month as the store counts it.
func (s *Store) ThisMonth() string { return s.thisMonth() }
