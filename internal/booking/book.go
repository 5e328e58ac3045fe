package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// ErrOverCapacity is the code of a booking refused because some instant of
// its period is booked full; the error names that period.
const ErrOverCapacity = "over_capacity"

// OverCapacity builds the refusal naming the period that is full.
// Times are shown in loc, the base point's zone.
func OverCapacity(p Period, loc *time.Location) *errs.Coded {
	p = Period{p.Start.In(loc), p.End.In(loc)}
	e := errs.New(http.StatusConflict, ErrOverCapacity, "booking.error.over_capacity", map[string]any{
		"start": p.Start.Format("2006-01-02 15:04"), "end": p.End.Format("2006-01-02 15:04"), "zone": loc.String()})
	e.Extra = map[string]any{"conflict": p}
	return e
}

// Book books a resource for a start-up, once or as a weekly series. In one
// transaction it locks the resource, checks every rule and the capacity of
// every occurrence against the bookings held, and inserts them all; any
// refusal stores nothing. The transaction, not process memory, is what
// keeps two instances from over-booking.
func (s *Store) Book(ctx context.Context, actor *auth.User, r Request) ([]*Booking, error) {
	res, bp, err := s.resourceOf(ctx, r.ResourceID)
	if err != nil {
		return nil, err
	}
	region, err := s.startupRegion(ctx, r.StartupID)
	if err != nil {
		return nil, err
	}
	if err := auth.Can(actor, auth.BookResource, auth.Target{StartupID: r.StartupID, InstitutionID: bp.InstitutionID}); err != nil {
		return nil, err
	}
	if res.OpenTo == OwnRegion && region != bp.Region {
		return nil, errs.Field("startup_id", "booking.error.region", nil)
	}
	now := s.now()
	if err := bookable(&r, res, bp, now); err != nil {
		return nil, err
	}
	seen := res.Version
	if s.afterCheck != nil {
		s.afterCheck()
	}
	var made []*Booking
	err = s.write(ctx, func(tx *database.Tx) error {
		made = made[:0]
		// Take the resource's lock first: from here on no other booking of
		// it is decided, and neither it nor its base point is edited, until
		// this transaction ends.
		res, err := loadResource(ctx, tx, r.ResourceID, true)
		if err != nil {
			return err
		}
		// An edit of the resource or of its base point committed since the
		// checks above moved the resource's version: check again against
		// the settings as they are now.
		if res.Version != seen {
			if bp, err = loadBasePoint(ctx, tx, res.BasePointID); err != nil {
				return err
			}
			if err := bookable(&r, res, bp, now); err != nil {
				return err
			}
		}
		var series *int64
		if r.Weeks > 1 {
			var id int64
			if err := tx.QueryRow(ctx, `INSERT INTO booking_series (weeks, created_at) VALUES (?, ?) RETURNING id`,
				r.Weeks, now).Scan(&id); err != nil {
				return fmt.Errorf("insert series: %w", err)
			}
			series = &id
		}
		status := Confirmed
		if res.ApprovalRequired {
			status = Pending
		}
		for w := range max(r.Weeks, 1) {
			occ := Period{r.Start.In(bp.Location()).AddDate(0, 0, 7*w), r.End.In(bp.Location()).AddDate(0, 0, 7*w)}
			if err := reserve(ctx, tx, res, bp.Location(), occ, r.Quantity); err != nil {
				return err
			}
			if err := checkQuota(ctx, tx, res, bp, r.StartupID, occ, r.Quantity); err != nil {
				return err
			}
			var id int64
			err := tx.QueryRow(ctx, `INSERT INTO bookings (resource_id, startup_id, booked_by, series_id, start_at, end_at,
				quantity, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				r.ResourceID, r.StartupID, actor.ID, series, occ.Start, occ.End, r.Quantity, string(status), r.Note, now, now).Scan(&id)
			if err != nil {
				return fmt.Errorf("insert booking: %w", err)
			}
			stamp := now.UTC().Truncate(time.Microsecond)
			made = append(made, &Booking{ID: id, ResourceID: r.ResourceID, StartupID: r.StartupID, BookedBy: &actor.ID,
				SeriesID: series, Start: occ.Start.UTC().Truncate(time.Microsecond), End: occ.End.UTC().Truncate(time.Microsecond),
				Quantity: r.Quantity, Status: status, Note: r.Note, Version: 1, CreatedAt: stamp, UpdatedAt: stamp})
		}
		return audit.Record(ctx, tx, actor.ID, "booking.create", "booking", made[0].ID, map[string]any{
			"resource_id": r.ResourceID, "startup_id": r.StartupID, "occurrences": len(made), "status": status})
	})
	if err != nil {
		return nil, err
	}
	return made, nil
}

// ErrRetired refuses a booking of a resource that staff retired.
var ErrRetired = errs.New(http.StatusConflict, "retired", "booking.error.retired", nil)

// bookable refuses a request the resource does not take: retired, or
// misshapen (alignment, opening hours, lead time, horizon, quantity).
func bookable(r *Request, res *Resource, bp *BasePoint, now time.Time) error {
	if res.Retired() {
		return ErrRetired
	}
	return checkShape(r, res, bp, now)
}

// write runs fn in a transaction, through the gate on SQLite.
func (s *Store) write(ctx context.Context, fn func(tx *database.Tx) error) error {
	if s.gate != nil {
		s.gate.Lock()
		defer s.gate.Unlock()
	}
	return s.db.InTx(ctx, fn)
}

// reserve refuses with OverCapacity when quantity more units over window
// would exceed the resource's capacity at some instant. It reads the
// bookings that hold capacity and overlap the window; the caller holds the
// resource's lock, so none can be added meanwhile.
func reserve(ctx context.Context, tx *database.Tx, res *Resource, loc *time.Location, window Period, quantity int) error {
	hs, err := heldIn(ctx, tx, res.ID, window)
	if err != nil {
		return err
	}
	if p, over := peak(hs, window, quantity, res.Capacity); over {
		return OverCapacity(p, loc)
	}
	return nil
}

// checkQuota refuses a booking that would take the start-up past the
// resource's quota for the calendar month (in the base point's zone) in
// which it starts.
func checkQuota(ctx context.Context, tx *database.Tx, res *Resource, bp *BasePoint, startupID int64, occ Period, quantity int) error {
	if res.MonthlyQuotaMinutes == nil {
		return nil
	}
	local := occ.Start.In(bp.Location())
	from := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, bp.Location())
	to := from.AddDate(0, 1, 0)
	rows, err := tx.Query(ctx, `SELECT start_at, end_at, quantity FROM bookings
		WHERE resource_id = ? AND startup_id = ? AND start_at >= ? AND start_at < ? AND status IN ('pending', 'confirmed', 'completed', 'no_show')`,
		res.ID, startupID, from, to)
	if err != nil {
		return fmt.Errorf("read quota: %w", err)
	}
	defer rows.Close()
	used := int64(0)
	for rows.Next() {
		var b Booking
		if err := rows.Scan(&b.Start, &b.End, &b.Quantity); err != nil {
			return err
		}
		used += b.Minutes()
	}
	if err := rows.Err(); err != nil {
		return err
	}
	want := (&Booking{Start: occ.Start, End: occ.End, Quantity: quantity}).Minutes()
	if used+want > *res.MonthlyQuotaMinutes {
		unit, per := "hours", int64(60)
		if res.WholeDays {
			unit, per = "days", 1440
		}
		return errs.Field("end", "booking.error.quota_"+unit, map[string]any{
			"quota": *res.MonthlyQuotaMinutes / per, "used": used / per, "month": local.Format("2006-01")})
	}
	return nil
}

// resourceOf reads a resource and its base point; an unknown resource is a
// problem with the request's resource_id.
func (s *Store) resourceOf(ctx context.Context, id int64) (*Resource, *BasePoint, error) {
	res, err := s.Resource(ctx, id)
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil, errs.Field("resource_id", "booking.error.unknown_resource", nil)
	}
	if err != nil {
		return nil, nil, err
	}
	bp, err := s.BasePoint(ctx, res.BasePointID)
	if err != nil {
		return nil, nil, err
	}
	return res, bp, nil
}

// startupRegion returns the region of a start-up; an unknown one is a
// problem with the request's startup_id.
func (s *Store) startupRegion(ctx context.Context, id int64) (string, error) {
	var region string
	err := s.db.QueryRow(ctx, `SELECT region_code FROM startups WHERE id = ?`, id).Scan(&region)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.Field("startup_id", "booking.error.unknown_startup", nil)
	}
	if err != nil {
		return "", fmt.Errorf("startup %d: %w", id, err)
	}
	return region, nil
}
