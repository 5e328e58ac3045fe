package office

import (
	"context"
	"fmt"

	"startbridge/internal/audit"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// PriorityAward is the waitlist priority of a request a contest award
// created. Ordinary requests have 0, so an award's request goes ahead of
// every ordinary one, whenever it was submitted (SPEC §3.4).
const PriorityAward = 100

// FromAward reports whether a contest award created the request.
func (r *Request) FromAward() bool { return r.Priority >= PriorityAward }

// AwardBenefit is the office support a contest prize promises its winners:
// desks in a city for a number of months.
type AwardBenefit struct {
	City   string
	Months int
	Desks  int
}

// CheckAwardBenefit validates what a prize promises, with the prize's field
// names (office_city, office_months, office_desks): any city, as for a
// start-up's own request, and no more desks than the city's largest office
// has when it has one.
func CheckAwardBenefit(ctx context.Context, q database.Querier, b AwardBenefit) error {
	var v errs.Invalid
	checkCity(&v, "office_city", b.City)
	if b.Months < 1 || b.Months > MaxMonths {
		v.Add("office_months", "office.field.months", map[string]any{"max": MaxMonths})
	}
	if b.Desks < 1 || b.Desks > MaxDesks {
		v.Add("office_desks", "office.field.desks", map[string]any{"max": MaxDesks})
	} else if largest, err := largestOffice(ctx, q, b.City); err != nil {
		return err
	} else if largest > 0 && b.Desks > largest {
		v.Add("office_desks", "office.field.desks_above_office", map[string]any{"max": largest})
	}
	return v.OrNil()
}

// largestOffice returns the desks of the largest office of a city that is
// not closed, 0 when it has none.
func largestOffice(ctx context.Context, q database.Querier, city string) (int, error) {
	key, _, err := ResolveCity(ctx, q, city)
	if err != nil || key == "" {
		return 0, err
	}
	var desks int
	err = q.QueryRow(ctx, `SELECT COALESCE(MAX(desks), 0) FROM offices WHERE (city_key = ? OR city_code = ?) AND status <> 'closed'`,
		key, key).Scan(&desks)
	if err != nil {
		return 0, fmt.Errorf("offices of %s: %w", key, err)
	}
	return desks, nil
}

// CreateAwardRequest submits, inside the award's transaction, the request
// a prize promises a winning start-up: with award priority, starting the
// month after the award so that it is never in the past, and named as
// requested by nobody (the start-up did not ask; staff awarded it). The
// host staff then decide it like any other request.
func (s *Store) CreateAwardRequest(ctx context.Context, tx *database.Tx, actorID, startupID int64, b AwardBenefit, purpose string) (int64, error) {
	if err := CheckAwardBenefit(ctx, tx, b); err != nil {
		return 0, err
	}
	in := RequestInput{StartupID: startupID, TargetCity: b.City, StartMonth: AddMonths(s.thisMonth(), 1), Months: b.Months,
		Desks: b.Desks, Services: []Service{ServiceDesk}, Purpose: purpose}
	id, err := s.insertRequest(ctx, tx, 0, in, PriorityAward)
	if err != nil {
		return 0, err
	}
	return id, audit.Record(ctx, tx, actorID, "office_request.award", "office_request", id, map[string]any{"startup_id": startupID})
}

// CancelAwardRequest cancels, inside the transaction that takes an award
// back, the request the award created, and promotes the waitlist of its
// office with what that frees. A request already over (rejected, cancelled,
// completed) is left as it is.
func (s *Store) CancelAwardRequest(ctx context.Context, tx *database.Tx, actorID, id int64) error {
	r, err := s.loadRequest(ctx, tx, id)
	if err != nil {
		return err
	}
	var o *Office
	if r.OfficeID != nil {
		if o, err = lockOffice(ctx, tx, *r.OfficeID); err != nil {
			return err
		}
	}
	if r, err = s.lockRequest(ctx, tx, id); err != nil {
		return err
	}
	if r.Status == StatusRejected || r.Status == StatusCancelled || r.Status == StatusCompleted {
		return nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM office_allocations WHERE request_id = ? AND month >= ?`, id, s.thisMonth()); err != nil {
		return fmt.Errorf("free desks: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE office_requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		string(StatusCancelled), s.now(), id); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	if err := audit.Record(ctx, tx, actorID, "office_request.cancel", "office_request", id, map[string]any{"reason": "award_withdrawn"}); err != nil {
		return err
	}
	if err := s.tellFounders(ctx, tx, r, StatusCancelled); err != nil {
		return err
	}
	if o == nil {
		return nil
	}
	_, err = s.promote(ctx, tx, o.ID)
	return err
}

// CityName is how a typed city is named: the gazetteer's names in every
// language when it knows the city, else the city as typed.
func CityName(ctx context.Context, q database.Querier, typed string) (text.Text, error) {
	_, city, err := ResolveCity(ctx, q, typed)
	return cityName(city, typed), err
}
