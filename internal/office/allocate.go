package office

import (
	"context"
	"fmt"
	"strconv"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/notify"
)

// Decide approves or rejects a submitted request. Approval allocates the
// request's desks in every month of its stay when they fit in the office,
// and waitlists it otherwise; the office row is locked first, so concurrent
// decisions on one office see each other's allocations and no month ever
// holds more desks than the office has.
func (s *Store) Decide(ctx context.Context, actor *auth.User, id int64, d Decision) (*Request, error) {
	if actor == nil {
		return nil, errs.ErrUnauthenticated
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		var o *Office
		if d.OfficeID != 0 {
			var err error
			if o, err = lockOffice(ctx, tx, d.OfficeID); err != nil {
				return errs.Field("office_id", "office.field.office", nil)
			}
		}
		var host int64
		if o != nil {
			host = o.HostInstitutionID
		}
		if err := auth.Can(actor, auth.DecideOfficeRequest, auth.Target{InstitutionID: host}); err != nil {
			return err
		}
		r, err := s.lockRequest(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.stored != StatusSubmitted && r.stored != StatusUnderReview {
			return ErrAlreadyDecided
		}
		status, reason := StatusRejected, d.Reason
		if d.Decision == DecideApprove {
			reason = ""
			if status, err = s.allocate(ctx, tx, o, r); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE office_requests SET status = ?, office_id = ?, reject_reason = ?, decided_at = ?, decided_by = ?,
			version = version + 1, updated_at = ? WHERE id = ?`, string(status), nullID(d.OfficeID), reason, s.now(), actor.ID, s.now(), id)
		if err != nil {
			return fmt.Errorf("decide: %w", err)
		}
		if err := audit.Record(ctx, tx, actor.ID, "office_request.decide", "office_request", id,
			map[string]any{"decision": d.Decision, "office_id": d.OfficeID, "status": status, "reason": reason}); err != nil {
			return err
		}
		return s.tellFounders(ctx, tx, r, status)
	})
	if err != nil {
		return nil, err
	}
	return s.loadRequest(ctx, s.db, id)
}

func (d *Decision) check() error {
	var v errs.Invalid
	switch d.Decision {
	case DecideApprove:
		if d.OfficeID <= 0 {
			v.Add("office_id", "field.required", nil)
		}
	case DecideReject:
		if d.Reason == "" {
			d.Reason = ReasonOther
		}
		if d.Reason != ReasonCapacity && d.Reason != ReasonOther {
			v.Add("reason", "office.field.reason", nil)
		}
		if d.OfficeID < 0 {
			v.Add("office_id", "office.field.office", nil)
		}
	default:
		v.Add("decision", "office.field.decision", nil)
	}
	return v.OrNil()
}

// allocate gives r its desks in o for every month of its stay when they
// fit, and says whether r is approved or waitlisted. The caller holds the
// office's lock.
func (s *Store) allocate(ctx context.Context, tx *database.Tx, o *Office, r *Request) (Status, error) {
	if o.Status != OfficeOpen {
		return "", errOfficeNotOpen(o.Status)
	}
	if r.Desks > o.Desks {
		return "", errExceedsOffice(r.Desks, o.Desks)
	}
	fits, err := fitsIn(ctx, tx, o, r.StartMonth, r.EndMonth, r.Desks)
	if err != nil || !fits {
		return StatusWaitlisted, err
	}
	for _, m := range MonthsFrom(r.StartMonth, r.Months) {
		if _, err := tx.Exec(ctx, `INSERT INTO office_allocations (request_id, office_id, month, desks) VALUES (?, ?, ?, ?)`,
			r.ID, o.ID, m, r.Desks); err != nil {
			return "", fmt.Errorf("allocate %s: %w", m, err)
		}
	}
	return StatusApproved, nil
}

// fitsIn reports whether desks more fit in o in every month from start to
// end, given what is allocated now.
func fitsIn(ctx context.Context, tx *database.Tx, o *Office, start, end string, desks int) (bool, error) {
	var fullest int
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(total), 0) FROM (SELECT SUM(desks) AS total FROM office_allocations
		WHERE office_id = ? AND month >= ? AND month <= ? GROUP BY month) t`, o.ID, start, end).Scan(&fullest)
	if err != nil {
		return false, fmt.Errorf("allocated desks: %w", err)
	}
	return fullest+desks <= o.Desks, nil
}

// lockRequest reads a request and, on PostgreSQL, locks its row.
func (s *Store) lockRequest(ctx context.Context, tx *database.Tx, id int64) (*Request, error) {
	lock := ""
	if tx.Dialect() == database.Postgres {
		lock = " FOR UPDATE OF r"
	}
	r, err := s.scanRequest(tx.QueryRow(ctx, `SELECT `+requestColumns+requestFrom+` WHERE r.id = ?`+lock, id))
	if err != nil {
		if _, lerr := s.loadRequest(ctx, tx, id); lerr != nil {
			return nil, lerr
		}
		return nil, fmt.Errorf("lock office request %d: %w", id, err)
	}
	return r, nil
}

// Cancel ends a request: its desks from this month on are freed and the
// first waitlisted requests that now fit are promoted, in one transaction.
func (s *Store) Cancel(ctx context.Context, actor *auth.User, id int64) (*Request, error) {
	err := s.change(ctx, actor, id, func(tx *database.Tx, r *Request, o *Office) error {
		if r.Status == StatusRejected || r.Status == StatusCancelled || r.Status == StatusCompleted {
			return ErrNotCancellable
		}
		if _, err := tx.Exec(ctx, `DELETE FROM office_allocations WHERE request_id = ? AND month >= ?`, r.ID, s.thisMonth()); err != nil {
			return fmt.Errorf("free desks: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE office_requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(StatusCancelled), s.now(), r.ID); err != nil {
			return fmt.Errorf("cancel: %w", err)
		}
		if err := audit.Record(ctx, tx, actor.ID, "office_request.cancel", "office_request", r.ID, nil); err != nil {
			return err
		}
		if !actor.MemberOfStartup(r.StartupID) {
			return s.tellFounders(ctx, tx, r, StatusCancelled)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.loadRequest(ctx, s.db, id)
}

// Shorten lowers a request's months or desks (zero keeps a value). For an
// approved request only less is possible, and what it frees goes to the
// waitlist at once; a request not yet decided may be changed either way.
func (s *Store) Shorten(ctx context.Context, actor *auth.User, id int64, version int, c Change) (*Request, error) {
	err := s.change(ctx, actor, id, func(tx *database.Tx, r *Request, o *Office) error {
		if version != 0 && version != r.Version {
			return fmt.Errorf("office request %d: %w", id, errs.ErrStale)
		}
		switch r.stored {
		case StatusSubmitted, StatusUnderReview, StatusWaitlisted, StatusApproved:
		default:
			return ErrNotChangeable
		}
		if r.Status == StatusCompleted {
			return ErrNotChangeable
		}
		months, desks := r.Months, r.Desks
		if c.Months != 0 {
			months = c.Months
		}
		if c.Desks != 0 {
			desks = c.Desks
		}
		if err := s.checkChange(r, o, months, desks); err != nil {
			return err
		}
		end := AddMonths(r.StartMonth, months-1)
		if _, err := tx.Exec(ctx, `DELETE FROM office_allocations WHERE request_id = ? AND month > ?`, r.ID, end); err != nil {
			return fmt.Errorf("free months: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE office_allocations SET desks = ? WHERE request_id = ? AND month >= ?`,
			desks, r.ID, s.thisMonth()); err != nil {
			return fmt.Errorf("free desks: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE office_requests SET months = ?, desks = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			months, desks, s.now(), r.ID); err != nil {
			return fmt.Errorf("change: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "office_request.change", "office_request", r.ID,
			map[string]any{"months": months, "desks": desks})
	})
	if err != nil {
		return nil, err
	}
	return s.loadRequest(ctx, s.db, id)
}

func (s *Store) checkChange(r *Request, o *Office, months, desks int) error {
	var v errs.Invalid
	if months < 1 || months > MaxMonths {
		v.Add("months", "office.field.months", map[string]any{"max": MaxMonths})
	} else if r.stored == StatusApproved && months > r.Months {
		v.Add("months", "office.field.only_shorter", map[string]any{"max": r.Months})
	} else if end := AddMonths(r.StartMonth, months-1); r.stored == StatusApproved && end < s.thisMonth() {
		v.Add("months", "office.field.month_past", map[string]any{"month": s.thisMonth()})
	}
	if desks < 1 || desks > MaxDesks {
		v.Add("desks", "office.field.desks", map[string]any{"max": MaxDesks})
	} else if r.stored == StatusApproved && desks > r.Desks {
		v.Add("desks", "office.field.only_fewer", map[string]any{"max": r.Desks})
	} else if o != nil && desks > o.Desks {
		v.Add("desks", "office.field.desks_above_office", map[string]any{"max": o.Desks})
	}
	return v.OrNil()
}

// change runs fn on a request with its office locked, then promotes the
// office's waitlist, all in one transaction. Those who may not see the
// request are told it does not exist.
func (s *Store) change(ctx context.Context, actor *auth.User, id int64, fn func(*database.Tx, *Request, *Office) error) error {
	if actor == nil {
		return errs.ErrUnauthenticated
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
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
		if (r.OfficeID == nil) != (o == nil) || (o != nil && *r.OfficeID != o.ID) {
			// Decided into an office between the two reads: lock that one too.
			if o, err = lockOffice(ctx, tx, *r.OfficeID); err != nil {
				return err
			}
		}
		var host int64
		if o != nil {
			host = o.HostInstitutionID
		}
		if err := auth.Can(actor, auth.ChangeOfficeRequest, auth.Target{StartupID: r.StartupID, InstitutionID: host}); err != nil {
			if auth.Can(actor, auth.ViewOfficeRequest, auth.Target{StartupID: r.StartupID}) != nil {
				return fmt.Errorf("office request %d: %w", id, errs.ErrNotFound)
			}
			return err
		}
		if err := fn(tx, r, o); err != nil {
			return err
		}
		if o == nil {
			return nil
		}
		_, err = s.promote(ctx, tx, o.ID)
		return err
	})
}

// promote gives desks to the waitlisted requests of an office that now fit,
// in waitlist order (priority, then submission time), and tells their
// founders. A request that still does not fit keeps its place; smaller ones
// behind it may pass. The caller holds the office's lock.
func (s *Store) promote(ctx context.Context, tx *database.Tx, officeID int64) ([]int64, error) {
	o, err := loadOffice(ctx, tx, officeID, "")
	if err != nil || o.Status != OfficeOpen {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT r.id FROM office_requests r WHERE r.office_id = ? AND r.status = ?
		ORDER BY r.priority DESC, r.submitted_at, r.id`, officeID, string(StatusWaitlisted))
	if err != nil {
		return nil, fmt.Errorf("waitlist: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var promoted []int64
	for _, id := range ids {
		r, err := s.loadRequest(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if r.Desks > o.Desks {
			continue
		}
		status, err := s.allocate(ctx, tx, o, r)
		if err != nil {
			return nil, err
		}
		if status != StatusApproved {
			continue
		}
		if _, err := tx.Exec(ctx, `UPDATE office_requests SET status = ?, decided_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(StatusApproved), s.now(), s.now(), id); err != nil {
			return nil, fmt.Errorf("promote: %w", err)
		}
		if err := audit.Record(ctx, tx, 0, "office_request.promote", "office_request", id, map[string]any{"office_id": officeID}); err != nil {
			return nil, err
		}
		if err := s.tellFounders(ctx, tx, r, "promoted"); err != nil {
			return nil, err
		}
		promoted = append(promoted, id)
	}
	return promoted, nil
}

// tellFounders notifies every member of the request's start-up of what
// became of it (office.notify.<what>).
func (s *Store) tellFounders(ctx context.Context, tx *database.Tx, r *Request, what Status) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT user_id FROM memberships WHERE role = ? AND startup_id = ?`,
		string(auth.RoleStartup), r.StartupID)
	if err != nil {
		return fmt.Errorf("founders: %w", err)
	}
	var users []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		users = append(users, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ref := strconv.FormatInt(r.ID, 10)
	m := notify.Message{Kind: "office." + string(what), Key: "office.notify." + string(what),
		Args: map[string]string{"id": ref, "city": r.TargetCity, "start": r.StartMonth, "months": strconv.Itoa(r.Months),
			"desks": strconv.Itoa(r.Desks)},
		Link: "/office-requests/" + ref}
	for _, u := range users {
		if err := notify.Send(ctx, tx, u, m); err != nil {
			return err
		}
	}
	return nil
}

func nullID(id int64) any {
	if id <= 0 {
		return nil
	}
	return id
}
