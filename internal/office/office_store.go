package office

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

const officeColumns = `id, host_institution_id, name_ko, name_zh, name_en, city, COALESCE(city_code, ''), city_key,
	region_code, desks, services, status, version, created_at, updated_at`

func scanOffice(row interface{ Scan(...any) error }) (*Office, error) {
	var o Office
	var services string
	err := row.Scan(&o.ID, &o.HostInstitutionID, &o.Name.Ko, &o.Name.Zh, &o.Name.En, &o.City, &o.CityCode, &o.cityKey,
		&o.Region, &o.Desks, &services, &o.Status, &o.Version, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, err
	}
	o.Services = splitServices(services)
	return &o, nil
}

// CreateOffice opens (or proposes) an office; the actor must be staff of the
// host institution.
func (s *Store) CreateOffice(ctx context.Context, actor *auth.User, in OfficeInput) (*Office, error) {
	if err := auth.Can(actor, auth.ManageOffice, auth.Target{InstitutionID: in.HostInstitutionID}); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		in.normalize()
		key, city, err := in.validate(ctx, tx, nil)
		if err != nil {
			return err
		}
		now := s.now()
		err = tx.QueryRow(ctx, `INSERT INTO offices (host_institution_id, name_ko, name_zh, name_en, city, city_code, city_key,
			region_code, desks, services, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.HostInstitutionID, in.Name.Ko, in.Name.Zh, in.Name.En, in.City, cityCode(city), key, in.Region, in.Desks,
			joinServices(in.Services), string(in.Status), now, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert office: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "office.create", "office", id, in)
	})
	if err != nil {
		return nil, err
	}
	return s.Office(ctx, id)
}

// UpdateOffice changes an office at version. More desks promote waitlisted
// requests that now fit, in the same transaction; fewer desks than a month
// already holds are refused.
func (s *Store) UpdateOffice(ctx context.Context, actor *auth.User, id int64, version int, in OfficeInput) (*Office, error) {
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		o, err := lockOffice(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := auth.Can(actor, auth.ManageOffice, auth.Target{InstitutionID: o.HostInstitutionID}); err != nil {
			return err
		}
		if in.HostInstitutionID != o.HostInstitutionID {
			// The host may only be changed by someone who may manage both.
			if err := auth.Can(actor, auth.ManageOffice, auth.Target{InstitutionID: in.HostInstitutionID}); err != nil {
				return errs.Field("host_institution_id", "field.institution", nil)
			}
		}
		if o.Version != version {
			return fmt.Errorf("office %d: %w", id, errs.ErrStale)
		}
		in.normalize()
		key, city, err := in.validate(ctx, tx, o)
		if err != nil {
			return err
		}
		moved := key != o.cityKey
		if city != nil {
			moved = city.Code != o.CityCode
		}
		if err := s.checkAllocations(ctx, tx, id, in, moved); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE offices SET host_institution_id = ?, name_ko = ?, name_zh = ?, name_en = ?, city = ?,
			city_code = ?, city_key = ?, region_code = ?, desks = ?, services = ?, status = ?, version = version + 1, updated_at = ?
			WHERE id = ?`, in.HostInstitutionID, in.Name.Ko, in.Name.Zh, in.Name.En, in.City, cityCode(city), key, in.Region,
			in.Desks, joinServices(in.Services), string(in.Status), s.now(), id)
		if err != nil {
			return fmt.Errorf("update office: %w", err)
		}
		if err := audit.Record(ctx, tx, actor.ID, "office.update", "office", id, in); err != nil {
			return err
		}
		_, err = s.promote(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Office(ctx, id)
}

// checkAllocations refuses a change the desks allocated from this month on
// would not fit: fewer desks than a month holds, or an office that stops
// being open or moves to another city while approved requests hold desks
// in it. Those requests must be cancelled or shortened first, so that no
// start-up loses the desks it was promised without being told; waitlisted
// requests keep their place, and are promoted should the office open
// again.
func (s *Store) checkAllocations(ctx context.Context, tx *database.Tx, id int64, in OfficeInput, moved bool) error {
	month, allocated, err := fullestMonth(ctx, tx, id, s.thisMonth())
	if err != nil {
		return err
	}
	if allocated > in.Desks {
		return errOverCapacity(month, allocated)
	}
	if (in.Status == OfficeOpen && !moved) || allocated == 0 {
		return nil
	}
	var first string
	var requests int
	if err := tx.QueryRow(ctx, `SELECT MIN(month), COUNT(DISTINCT request_id) FROM office_allocations WHERE office_id = ? AND month >= ?`,
		id, s.thisMonth()).Scan(&first, &requests); err != nil {
		return fmt.Errorf("allocations: %w", err)
	}
	return errOfficeInUse(in.Status, first, requests)
}

// fullestMonth is the month from `from` on with the most desks allocated in
// the office.
func fullestMonth(ctx context.Context, q database.Querier, officeID int64, from string) (string, int, error) {
	var month string
	var n int
	err := q.QueryRow(ctx, `SELECT month, SUM(desks) FROM office_allocations WHERE office_id = ? AND month >= ?
		GROUP BY month ORDER BY SUM(desks) DESC, month LIMIT 1`, officeID, from).Scan(&month, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return month, n, err
}

func cityCode(c *City) any {
	if c == nil {
		return nil
	}
	return c.Code
}

// Office returns one office; offices are public.
func (s *Store) Office(ctx context.Context, id int64) (*Office, error) {
	return loadOffice(ctx, s.db, id, "")
}

// lockOffice reads the office and, on PostgreSQL, locks its row until the
// transaction ends, so that decisions on one office happen one after the
// other. SQLite transactions take the write lock when they begin, which
// serializes them already.
func lockOffice(ctx context.Context, tx *database.Tx, id int64) (*Office, error) {
	lock := ""
	if tx.Dialect() == database.Postgres {
		lock = " FOR UPDATE"
	}
	return loadOffice(ctx, tx, id, lock)
}

func loadOffice(ctx context.Context, q database.Querier, id int64, lock string) (*Office, error) {
	o, err := scanOffice(q.QueryRow(ctx, `SELECT `+officeColumns+` FROM offices WHERE id = ?`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("office %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("office %d: %w", id, err)
	}
	return o, nil
}

// OfficeFilter narrows the list of offices.
type OfficeFilter struct {
	// City matches whatever script or case it is typed in.
	City   string
	Status OfficeStatus
	HostID int64
}

// Offices lists offices by id after the cursor.
func (s *Store) Offices(ctx context.Context, f OfficeFilter, after int64, limit int) ([]*Office, error) {
	where, args := "id > ?", []any{after}
	if f.City != "" {
		key, _, err := ResolveCity(ctx, s.db, f.City)
		if err != nil {
			return nil, err
		}
		where += " AND (city_key = ? OR city_code = ?)"
		args = append(args, key, key)
	}
	if f.Status != "" {
		where += " AND status = ?"
		args = append(args, string(f.Status))
	}
	if f.HostID != 0 {
		where += " AND host_institution_id = ?"
		args = append(args, f.HostID)
	}
	rows, err := s.db.Query(ctx, `SELECT `+officeColumns+` FROM offices WHERE `+where+` ORDER BY id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list offices: %w", err)
	}
	defer rows.Close()
	var out []*Office
	for rows.Next() {
		o, err := scanOffice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// thisMonth is the current month; the cooperation's months turn at
// midnight in UTC+9/UTC+8, an hour apart, so UTC+8 is taken for both.
func (s *Store) thisMonth() string {
	return MonthOf(s.now(), cooperationZone)
}
