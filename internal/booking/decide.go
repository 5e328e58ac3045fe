package booking

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/notify"
)

// ErrDeadlinePassed refuses a start-up's cancellation after the resource's
// cancellation deadline.
var ErrDeadlinePassed = errs.New(http.StatusConflict, "deadline_passed", "booking.error.deadline_passed", nil)

// errWrongStatus refuses a transition the booking's status does not allow.
func errWrongStatus(from Status) error {
	return errs.New(http.StatusConflict, "wrong_status", "booking.error.wrong_status", map[string]any{"status": string(from)})
}

// Approve confirms a pending booking; its capacity was held since it was
// asked for, so nothing is checked again.
func (s *Store) Approve(ctx context.Context, actor *auth.User, id int64) (*Booking, error) {
	return s.move(ctx, actor, id, auth.DecideBooking, Confirmed, []Status{Pending}, nil)
}

// Reject refuses a pending booking and frees its capacity.
func (s *Store) Reject(ctx context.Context, actor *auth.User, id int64) (*Booking, error) {
	return s.move(ctx, actor, id, auth.DecideBooking, Rejected, []Status{Pending}, nil)
}

// Complete records that a confirmed booking took place.
func (s *Store) Complete(ctx context.Context, actor *auth.User, id int64) (*Booking, error) {
	return s.move(ctx, actor, id, auth.DecideBooking, Completed, []Status{Confirmed}, s.started)
}

// NoShow records that the start-up did not come.
func (s *Store) NoShow(ctx context.Context, actor *auth.User, id int64) (*Booking, error) {
	return s.move(ctx, actor, id, auth.DecideBooking, NoShow, []Status{Confirmed}, s.started)
}

// Cancel withdraws a pending or confirmed booking. The start-up may do so
// until the cancellation deadline before its start; staff of the base point
// at any time.
func (s *Store) Cancel(ctx context.Context, actor *auth.User, id int64) (*Booking, error) {
	return s.move(ctx, actor, id, auth.CancelBooking, Cancelled, []Status{Pending, Confirmed},
		func(b *Booking, res *Resource, staff bool) error {
			deadline := b.Start.Add(-time.Duration(res.CancelDeadlineMinutes) * time.Minute)
			if !staff && s.now().After(deadline) {
				return ErrDeadlinePassed
			}
			return nil
		})
}

func (s *Store) started(b *Booking, _ *Resource, _ bool) error {
	if s.now().Before(b.Start) {
		return errs.New(http.StatusConflict, "not_started", "booking.error.not_started", nil)
	}
	return nil
}

// move changes a booking's status when actor may and the status allows it.
func (s *Store) move(ctx context.Context, actor *auth.User, id int64, action auth.Action, to Status, from []Status,
	check func(*Booking, *Resource, bool) error) (*Booking, error) {
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		b, err := loadBooking(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := loadResource(ctx, tx, b.ResourceID, true)
		if err != nil {
			return err
		}
		bp, err := loadBasePoint(ctx, tx, res.BasePointID)
		if err != nil {
			return err
		}
		target := auth.Target{StartupID: b.StartupID, InstitutionID: bp.InstitutionID}
		if auth.Can(actor, auth.ViewBooking, target) != nil {
			return fmt.Errorf("booking %d: %w", id, errs.ErrNotFound)
		}
		if err := auth.Can(actor, action, target); err != nil {
			return err
		}
		allowed := false
		for _, st := range from {
			allowed = allowed || b.Status == st
		}
		if !allowed {
			return errWrongStatus(b.Status)
		}
		if check != nil {
			staff := auth.Can(actor, auth.DecideBooking, target) == nil
			if err := check(b, res, staff); err != nil {
				return err
			}
		}
		now := s.now()
		if _, err := tx.Exec(ctx, `UPDATE bookings SET status = ?, decided_by = ?, decided_at = ?, version = version + 1,
			updated_at = ? WHERE id = ?`, string(to), actor.ID, now, now, id); err != nil {
			return fmt.Errorf("update booking: %w", err)
		}
		if err := tellBooker(ctx, tx, actor, b, res, bp, to); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor.ID, "booking."+string(to), "booking", id, map[string]any{"from": b.Status})
	})
	if err != nil {
		return nil, err
	}
	return loadBooking(ctx, s.db, id)
}

// tellBooker notifies whoever asked for booking b that staff approved,
// rejected or cancelled it, in the transaction that did, in the reader's
// language (the resource is named in each) and the base point's time.
func tellBooker(ctx context.Context, tx *database.Tx, actor *auth.User, b *Booking, res *Resource, bp *BasePoint, to Status) error {
	if b.BookedBy == nil || *b.BookedBy == actor.ID || (to != Confirmed && to != Rejected && to != Cancelled) {
		return nil
	}
	loc := bp.Location()
	return notify.Send(ctx, tx, *b.BookedBy, notify.Message{Kind: "booking." + string(to), Key: "booking.notify." + string(to), Link: "/bookings",
		Args: notify.InEachLanguage(map[string]string{"start": b.Start.In(loc).Format("2006-01-02 15:04"), "zone": loc.String()},
			"resource", res.Name)})
}
