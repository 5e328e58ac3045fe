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

const requestColumns = `r.id, r.startup_id, s.name_ko, s.name_zh, s.name_en, r.target_city, COALESCE(r.city_code, ''),
	r.start_month, r.months, r.desks, r.services, r.purpose, r.status, r.office_id, r.priority, r.reject_reason,
	r.submitted_at, r.decided_at, r.version, COALESCE(c.name_ko, r.target_city), COALESCE(c.name_zh, r.target_city),
	COALESCE(c.name_en, r.target_city)`

const requestFrom = ` FROM office_requests r JOIN startups s ON s.id = r.startup_id LEFT JOIN cities c ON c.code = r.city_code`

func (s *Store) scanRequest(row interface{ Scan(...any) error }) (*Request, error) {
	var r Request
	var services string
	var office sql.NullInt64
	var decided sql.NullTime
	err := row.Scan(&r.ID, &r.StartupID, &r.StartupName.Ko, &r.StartupName.Zh, &r.StartupName.En, &r.TargetCity, &r.CityCode,
		&r.StartMonth, &r.Months, &r.Desks, &services, &r.Purpose, &r.stored, &office, &r.Priority, &r.RejectReason,
		&r.SubmittedAt, &decided, &r.Version, &r.CityName.Ko, &r.CityName.Zh, &r.CityName.En)
	if err != nil {
		return nil, err
	}
	r.Services = splitServices(services)
	if office.Valid {
		id := office.Int64
		r.OfficeID = &id
	}
	if decided.Valid {
		t := decided.Time
		r.DecidedAt = &t
	}
	r.EndMonth = AddMonths(r.StartMonth, r.Months-1)
	r.Status = shownStatus(r.stored, r.StartMonth, r.EndMonth, s.thisMonth())
	return &r, nil
}

// shownStatus derives active and completed from an approved request's
// months, so no job has to move them on as months pass.
func shownStatus(stored Status, start, end, now string) Status {
	if stored != StatusApproved {
		return stored
	}
	switch {
	case end < now:
		return StatusCompleted
	case start <= now:
		return StatusActive
	}
	return StatusApproved
}

// CreateRequest submits a start-up's request for office support, for any
// city: one without an office is demand the partners should see.
func (s *Store) CreateRequest(ctx context.Context, actor *auth.User, in RequestInput) (*Request, error) {
	if in.StartupID <= 0 || !exists(ctx, s.db, `SELECT COUNT(*) FROM startups WHERE id = ?`, in.StartupID) {
		if actor == nil {
			return nil, errs.ErrUnauthenticated
		}
		return nil, errs.Field("startup_id", "office.field.startup", nil)
	}
	if err := auth.Can(actor, auth.RequestOffice, auth.Target{StartupID: in.StartupID}); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		var err error
		id, err = s.insertRequest(ctx, tx, actor.ID, in, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.loadRequest(ctx, s.db, id)
}

// CreateRequestUnchecked submits a request without an acting user, with a
// waitlist priority: for contest awards and demo data.
func (s *Store) CreateRequestUnchecked(ctx context.Context, in RequestInput, priority int) (*Request, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		var err error
		id, err = s.insertRequest(ctx, tx, 0, in, priority)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.loadRequest(ctx, s.db, id)
}

func (s *Store) insertRequest(ctx context.Context, tx *database.Tx, actorID int64, in RequestInput, priority int) (int64, error) {
	in.normalize()
	key, city, err := ResolveCity(ctx, tx, in.TargetCity)
	if err != nil {
		return 0, err
	}
	var maxDesks int
	if key != "" {
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(desks), 0) FROM offices WHERE (city_key = ? OR city_code = ?) AND status <> 'closed'`,
			key, key).Scan(&maxDesks); err != nil {
			return 0, fmt.Errorf("offices of %s: %w", key, err)
		}
	}
	if err := in.validate(s.thisMonth(), maxDesks); err != nil {
		return 0, err
	}
	now := s.now()
	var requestedBy any
	if actorID != 0 {
		requestedBy = actorID
	}
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO office_requests (startup_id, requested_by, target_city, city_code, city_key, start_month,
		months, desks, services, purpose, status, priority, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`, in.StartupID, requestedBy, in.TargetCity, cityCode(city), key, in.StartMonth, in.Months, in.Desks,
		joinServices(in.Services), in.Purpose, string(StatusSubmitted), priority, now, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert office request: %w", err)
	}
	return id, audit.Record(ctx, tx, actorID, "office_request.create", "office_request", id, in)
}

// Request returns one request to a viewer who may see it: the start-up's
// members and staff. To anyone else it does not exist.
func (s *Store) Request(ctx context.Context, viewer *auth.User, id int64) (*Request, error) {
	if viewer == nil {
		return nil, errs.ErrUnauthenticated
	}
	r, err := s.loadRequest(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if auth.Can(viewer, auth.ViewOfficeRequest, auth.Target{StartupID: r.StartupID}) != nil {
		return nil, fmt.Errorf("office request %d: %w", id, errs.ErrNotFound)
	}
	return r, nil
}

func (s *Store) loadRequest(ctx context.Context, q database.Querier, id int64) (*Request, error) {
	r, err := s.scanRequest(q.QueryRow(ctx, `SELECT `+requestColumns+requestFrom+` WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("office request %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("office request %d: %w", id, err)
	}
	return r, nil
}

// RequestFilter narrows a list of requests.
type RequestFilter struct {
	StartupID int64
	OfficeID  int64
	// Status is a stored status; active and completed are asked as approved.
	Status Status
	// Newest lists from the newest request down, before the cursor id
	// (0 for the newest).
	Newest bool
}

// Requests lists the requests the viewer may see, by id after the cursor:
// staff see all, a start-up member only their start-ups' requests.
func (s *Store) Requests(ctx context.Context, viewer *auth.User, f RequestFilter, after int64, limit int) ([]*Request, error) {
	if viewer == nil {
		return nil, errs.ErrUnauthenticated
	}
	where, args, order := "r.id > ?", []any{after}, "r.id"
	if f.Newest {
		if after <= 0 {
			after = 1<<63 - 1
		}
		where, args, order = "r.id < ?", []any{after}, "r.id DESC"
	}
	if auth.Can(viewer, auth.ViewOfficeQueue, auth.Target{}) != nil {
		var own []any
		for _, m := range viewer.Roles {
			if m.Role == auth.RoleStartup && m.StartupID != nil {
				own = append(own, *m.StartupID)
			}
		}
		if len(own) == 0 {
			return nil, nil
		}
		where += " AND r.startup_id IN (?" + repeat(", ?", len(own)-1) + ")"
		args = append(args, own...)
	}
	if f.StartupID != 0 {
		where += " AND r.startup_id = ?"
		args = append(args, f.StartupID)
	}
	if f.OfficeID != 0 {
		where += " AND r.office_id = ?"
		args = append(args, f.OfficeID)
	}
	if f.Status != "" {
		stored := f.Status
		if stored == StatusActive || stored == StatusCompleted {
			stored = StatusApproved
		}
		where += " AND r.status = ?"
		args = append(args, string(stored))
	}
	rows, err := s.db.Query(ctx, `SELECT `+requestColumns+requestFrom+` WHERE `+where+` ORDER BY `+order+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list office requests: %w", err)
	}
	defer rows.Close()
	var out []*Request
	for rows.Next() {
		r, err := s.scanRequest(rows)
		if err != nil {
			return nil, err
		}
		if f.Status == "" || r.Status == f.Status || f.Status == StatusApproved {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

// Review marks a submitted request as under review, so the start-up sees
// that someone looks at it.
func (s *Store) Review(ctx context.Context, actor *auth.User, id int64) (*Request, error) {
	if err := auth.Can(actor, auth.ViewOfficeQueue, auth.Target{}); err != nil {
		return nil, err
	}
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE office_requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND status = ?`,
			string(StatusUnderReview), s.now(), id, string(StatusSubmitted))
		if err != nil {
			return fmt.Errorf("review: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := s.loadRequest(ctx, tx, id); err != nil {
				return err
			}
			return ErrAlreadyDecided
		}
		return audit.Record(ctx, tx, actor.ID, "office_request.review", "office_request", id, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.loadRequest(ctx, s.db, id)
}
