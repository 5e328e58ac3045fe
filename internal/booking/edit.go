package booking

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Editing a base point or a resource never breaks a booking already held:
// an edit that would leave a pending or confirmed booking that has not
// ended outside the new opening hours, off the new granularity, or over the
// new capacity is refused, naming what is in the way. Lead time, horizon,
// cancellation deadline, price, quota, approval and who may book apply to
// bookings asked for after the edit. A retired resource takes no new
// bookings; those it holds stand until staff cancel them.
//
// Edits take the same locks as Book (the resource rows on PostgreSQL, the
// store's gate and SQLite's write lock), so a booking and an edit of its
// resource are decided one after the other, on both engines and across
// instances. Every edit moves the version of the resources it touches
// (a base point's edit, all of its resources'), which is how Book knows to
// check a request again once it holds the lock.

// affectedShown bounds the bookings an edit's refusal lists.
const affectedShown = 20

// Affected is a booking an edit would no longer fit.
type Affected struct {
	ID          int64     `json:"id"`
	ResourceID  int64     `json:"resource_id"`
	StartupID   int64     `json:"startup_id"`
	StartupName text.Text `json:"startup_name"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
}

// errBookingsAffected refuses an edit that bookings held would not fit,
// naming the first of them in the base point's zone and listing a few.
func errBookingsAffected(list []Affected, loc *time.Location) error {
	first := list[0]
	e := errs.New(http.StatusConflict, "bookings_affected", "booking.error.bookings_affected", map[string]any{
		"n": len(list), "start": first.Start.In(loc).Format("2006-01-02 15:04"),
		"end": first.End.In(loc).Format("2006-01-02 15:04"), "zone": loc.String()})
	e.Extra = map[string]any{"affected": list[:min(len(list), affectedShown)], "affected_count": len(list)}
	return e
}

// errCapacityHeld refuses a capacity below what bookings hold in period.
func errCapacityHeld(p Period, held int, loc *time.Location) error {
	p = Period{p.Start.In(loc), p.End.In(loc)}
	e := errs.New(http.StatusConflict, ErrOverCapacity, "booking.error.capacity_held", map[string]any{
		"held": held, "start": p.Start.Format("2006-01-02 15:04"), "end": p.End.Format("2006-01-02 15:04"), "zone": loc.String()})
	e.Extra = map[string]any{"conflict": p, "held": held}
	return e
}

// UpdateBasePoint changes a base point at version. A change of opening
// hours or time zone that a booking held would no longer fit is refused.
func (s *Store) UpdateBasePoint(ctx context.Context, actor *auth.User, id int64, version int, in BasePointInput) (*BasePoint, error) {
	err := s.write(ctx, func(tx *database.Tx) error {
		cur, err := lockBasePoint(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := auth.Can(actor, auth.ManageBasePoint, auth.Target{InstitutionID: cur.InstitutionID}); err != nil {
			return err
		}
		if in.InstitutionID != cur.InstitutionID &&
			auth.Can(actor, auth.ManageBasePoint, auth.Target{InstitutionID: in.InstitutionID}) != nil {
			return errs.Field("institution_id", "field.institution", nil)
		}
		if cur.Version != version {
			return fmt.Errorf("basepoint %d: %w", id, errs.ErrStale)
		}
		if err := in.validate(ctx, tx); err != nil {
			return err
		}
		// No booking of its resources is decided until this ends.
		resources, err := lockResourcesOf(ctx, tx, id)
		if err != nil {
			return err
		}
		next := *cur
		next.TimeZone, next.OpeningHours = in.TimeZone, in.OpeningHours
		if next.TimeZone != cur.TimeZone || !sameHours(next.OpeningHours, cur.OpeningHours) {
			var affected []Affected
			for _, res := range resources {
				list, err := s.misfits(ctx, tx, res, &next)
				if err != nil {
					return err
				}
				affected = append(affected, list...)
			}
			if len(affected) > 0 {
				slices.SortFunc(affected, func(a, b Affected) int { return a.Start.Compare(b.Start) })
				return errBookingsAffected(affected, next.Location())
			}
		}
		// Its resources' versions move too: a booking checked against the
		// old hours before it took its resource's lock sees that, and
		// checks again.
		if _, err := tx.Exec(ctx, `UPDATE resources SET version = version + 1 WHERE basepoint_id = ?`, id); err != nil {
			return fmt.Errorf("update resources: %w", err)
		}
		hours, _ := json.Marshal(in.OpeningHours)
		if _, err := tx.Exec(ctx, `UPDATE basepoints SET institution_id = ?, region_code = ?, name_ko = ?, name_zh = ?, name_en = ?,
			address = ?, time_zone = ?, opening_hours = ?, version = version + 1 WHERE id = ?`,
			in.InstitutionID, in.Region, in.Name.Ko, in.Name.Zh, in.Name.En, in.Address, in.TimeZone, string(hours), id); err != nil {
			return fmt.Errorf("update basepoint: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "basepoint.update", "basepoint", id, in)
	})
	if err != nil {
		return nil, err
	}
	return s.BasePoint(ctx, id)
}

// UpdateResource changes a resource at version; in.Retired retires it or
// puts it back in service. A capacity below what bookings hold at some
// instant, or a granularity that a booking held is not aligned to, is
// refused.
func (s *Store) UpdateResource(ctx context.Context, actor *auth.User, id int64, version int, in ResourceInput) (*Resource, error) {
	err := s.write(ctx, func(tx *database.Tx) error {
		cur, err := loadResource(ctx, tx, id, true)
		if err != nil {
			return err
		}
		bp, err := loadBasePoint(ctx, tx, cur.BasePointID)
		if err != nil {
			return err
		}
		if err := auth.Can(actor, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("resource %d: %w", id, errs.ErrStale)
		}
		if in.BasePointID != 0 && in.BasePointID != cur.BasePointID {
			return errs.Field("basepoint_id", "booking.field.basepoint_fixed", nil)
		}
		in.BasePointID = cur.BasePointID
		quota, err := in.validate()
		if err != nil {
			return err
		}
		if err := s.checkHeld(ctx, tx, cur, bp, &in); err != nil {
			return err
		}
		retired := cur.RetiredAt
		switch {
		case in.Retired && retired == nil:
			now := s.now()
			retired = &now
		case !in.Retired:
			retired = nil
		}
		if _, err := tx.Exec(ctx, `UPDATE resources SET kind = ?, name_ko = ?, name_zh = ?, name_en = ?, capacity = ?,
			granularity_minutes = ?, approval_required = ?, open_to = ?, lead_time_minutes = ?, max_advance_days = ?,
			cancel_deadline_minutes = ?, price_minor = ?, price_currency = ?, monthly_quota_minutes = ?, retired_at = ?,
			version = version + 1 WHERE id = ?`,
			string(in.Kind), in.Name.Ko, in.Name.Zh, in.Name.En, in.Capacity, in.GranularityMinutes, in.ApprovalRequired,
			string(in.OpenTo), in.LeadTimeMinutes, in.MaxAdvanceDays, in.CancelDeadlineMinutes, in.PriceMinor,
			nullString(in.PriceCurrency), quota, retired, id); err != nil {
			return fmt.Errorf("update resource: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "resource.update", "resource", id, in)
	})
	if err != nil {
		return nil, err
	}
	return s.Resource(ctx, id)
}

// checkHeld refuses new settings that the bookings cur holds from now on
// would not fit: a lower capacity than they hold at some instant, or a
// granularity they are not aligned to. The caller holds the resource's
// lock.
func (s *Store) checkHeld(ctx context.Context, tx *database.Tx, cur *Resource, bp *BasePoint, in *ResourceInput) error {
	now := s.now()
	if in.Capacity < cur.Capacity {
		window := Period{now, now.AddDate(100, 0, 0)}
		hs, err := heldIn(ctx, tx, cur.ID, window)
		if err != nil {
			return err
		}
		if p, over := peak(hs, window, 0, in.Capacity); over {
			return errCapacityHeld(p, maxLoad(hs, p), bp.Location())
		}
	}
	if in.WholeDays == cur.WholeDays && in.GranularityMinutes == cur.GranularityMinutes {
		return nil
	}
	next := *cur
	next.WholeDays, next.GranularityMinutes = in.WholeDays, in.GranularityMinutes
	affected, err := s.misfits(ctx, tx, &next, bp)
	if err != nil || len(affected) == 0 {
		return err
	}
	return errBookingsAffected(affected, bp.Location())
}

// misfits lists the bookings of res that hold capacity and have not ended
// and that res and bp, as they would be, do not take: off the granularity
// or outside the opening hours.
func (s *Store) misfits(ctx context.Context, tx *database.Tx, res *Resource, bp *BasePoint) ([]Affected, error) {
	rows, err := tx.Query(ctx, `SELECT k.id, k.start_at, k.end_at, k.startup_id, s.name_ko, s.name_zh, s.name_en
		FROM bookings k JOIN startups s ON s.id = k.startup_id WHERE k.resource_id = ? AND k.end_at > ?
		AND k.status IN ('pending', 'confirmed') ORDER BY k.start_at, k.id`, res.ID, s.now())
	if err != nil {
		return nil, fmt.Errorf("read bookings held: %w", err)
	}
	defer rows.Close()
	var out []Affected
	loc := bp.Location()
	for rows.Next() {
		a := Affected{ResourceID: res.ID}
		if err := rows.Scan(&a.ID, &a.Start, &a.End, &a.StartupID, &a.StartupName.Ko, &a.StartupName.Zh, &a.StartupName.En); err != nil {
			return nil, err
		}
		var v errs.Invalid
		r := &Request{Start: a.Start, End: a.End}
		if res.WholeDays {
			checkDays(&v, r, bp, loc)
		} else {
			checkMinutes(&v, r, res, bp, loc)
		}
		if v.OrNil() != nil {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}

// lockBasePoint reads a base point and, on PostgreSQL, locks its row.
func lockBasePoint(ctx context.Context, tx *database.Tx, id int64) (*BasePoint, error) {
	query := `SELECT ` + basePointColumns + ` FROM basepoints WHERE id = ?`
	if tx.Dialect() == database.Postgres {
		query += ` FOR UPDATE`
	}
	b, err := scanBasePoint(tx.QueryRow(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("basepoint %d: %w", id, errs.ErrNotFound)
	}
	return b, err
}

// lockResourcesOf reads the resources of a base point and, on PostgreSQL,
// locks their rows in id order, the order every other writer takes one.
func lockResourcesOf(ctx context.Context, tx *database.Tx, basePointID int64) ([]*Resource, error) {
	query := `SELECT ` + resourceColumns + ` FROM resources WHERE basepoint_id = ? ORDER BY id`
	if tx.Dialect() == database.Postgres {
		query += ` FOR UPDATE`
	}
	return queryResources(ctx, tx, query, basePointID)
}

// sameHours reports whether two weeks of opening hours are the same.
func sameHours(a, b OpeningHours) bool {
	return maps.EqualFunc(a, b, slices.Equal)
}

// Input is the base point as staff would give it, for an edit to start
// from.
func (b *BasePoint) Input() BasePointInput {
	return BasePointInput{InstitutionID: b.InstitutionID, Name: b.Name, Region: b.Region, TimeZone: b.TimeZone,
		Address: b.Address, OpeningHours: maps.Clone(b.OpeningHours)}
}

// Input is the resource as staff would give it, for an edit to start from.
func (r *Resource) Input() ResourceInput {
	in := ResourceInput{BasePointID: r.BasePointID, Kind: r.Kind, Name: r.Name, Capacity: r.Capacity,
		GranularityMinutes: r.GranularityMinutes, WholeDays: r.WholeDays, ApprovalRequired: r.ApprovalRequired,
		OpenTo: r.OpenTo, LeadTimeMinutes: r.LeadTimeMinutes, MaxAdvanceDays: r.MaxAdvanceDays,
		CancelDeadlineMinutes: r.CancelDeadlineMinutes, PriceMinor: r.PriceMinor, PriceCurrency: r.PriceCurrency,
		Retired: r.Retired()}
	if q := r.Quota(); r.MonthlyQuotaMinutes != nil && r.WholeDays {
		in.MonthlyQuotaDays = &q
	} else if r.MonthlyQuotaMinutes != nil {
		in.MonthlyQuotaHours = &q
	}
	return in
}
