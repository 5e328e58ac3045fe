package contest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/office"
	"startbridge/internal/text"
)

// checkOfficeBenefit fills in and checks the office support a prize
// promises: with months, a city (any city: one without an office is demand)
// and desks (default 1, no more than the city's largest office has).
func checkOfficeBenefit(ctx context.Context, q database.Querier, v *errs.Invalid, in *PrizeInput) error {
	in.OfficeCity = strings.TrimSpace(in.OfficeCity)
	if in.OfficeMonths <= 0 {
		in.OfficeCity, in.OfficeDesks = "", 1
		return nil
	}
	if in.OfficeDesks == 0 {
		in.OfficeDesks = 1
	}
	err := office.CheckAwardBenefit(ctx, q, office.AwardBenefit{City: in.OfficeCity, Months: in.OfficeMonths, Desks: in.OfficeDesks})
	var inv *errs.Invalid
	switch {
	case errors.As(err, &inv):
		for _, f := range inv.Fields {
			if f.Field != "office_months" { // already named by the prize's own check
				v.Add(f.Field, f.Key, f.Args)
			}
		}
	case err != nil:
		return err
	}
	return nil
}

// Award records that an application won a prize, and creates in the same
// transaction what the prize promises: an overseas-office request for the
// winning start-up, with award priority. Awarding the same prize to the
// same application again changes nothing. When the request cannot be
// created (the city's offices shrank below the prize's desks since), the
// award is not recorded either.
func (s *Store) Award(ctx context.Context, actor *auth.User, contestID, prizeID, applicationID int64) (*AwardOutcome, error) {
	out := &AwardOutcome{PrizeID: prizeID, ApplicationID: applicationID}
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := contestFor(ctx, tx, actor, contestID); err != nil {
			return err
		}
		v := &errs.Invalid{}
		var p Prize
		err := tx.QueryRow(ctx, `SELECT name_ko, name_zh, name_en, office_months, office_city, office_desks, fund_fast_track FROM contest_prizes
			WHERE id = ? AND contest_id = ?`, prizeID, contestID).Scan(&p.Name.Ko, &p.Name.Zh, &p.Name.En, &p.OfficeMonths, &p.OfficeCity, &p.OfficeDesks,
			&p.FundFastTrack)
		if errors.Is(err, sql.ErrNoRows) {
			v.Add("prize_id", "contest.field.prize", nil)
		} else if err != nil {
			return err
		}
		var startupID int64
		err = tx.QueryRow(ctx, `SELECT startup_id FROM contest_applications WHERE id = ? AND contest_id = ? AND status = 'submitted'`,
			applicationID, contestID).Scan(&startupID)
		if errors.Is(err, sql.ErrNoRows) {
			v.Add("application_id", "contest.field.application", nil)
		} else if err != nil {
			return err
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		if p.FundFastTrack {
			out.FundFastTrack = FundFastTrackPending
		}
		var existing sql.NullInt64
		err = tx.QueryRow(ctx, `SELECT office_request_id FROM contest_awards WHERE prize_id = ? AND application_id = ?`, prizeID, applicationID).Scan(&existing)
		if err == nil {
			if existing.Valid {
				out.OfficeRequestID = &existing.Int64
			}
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		out.Created = true
		var request any
		if p.OfficeMonths > 0 {
			offices := office.NewStore(s.db)
			offices.SetClock(s.now)
			id, err := offices.CreateAwardRequest(ctx, tx, actor.ID, startupID,
				office.AwardBenefit{City: p.OfficeCity, Months: p.OfficeMonths, Desks: p.OfficeDesks}, purposeOf(p.Name))
			if err != nil {
				return err
			}
			request, out.OfficeRequestID = id, &id
		}
		if _, err := tx.Exec(ctx, `INSERT INTO contest_awards (prize_id, application_id, awarded_by, created_at, office_request_id) VALUES (?, ?, ?, ?, ?)`,
			prizeID, applicationID, actor.ID, s.now(), request); err != nil {
			return err
		}
		return auditf(ctx, tx, actor.ID, "contest.award", "contest_prize", prizeID,
			map[string]any{"application_id": applicationID, "office_request_id": request})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AwardOutcome is an award and what it created: the office request, and
// the fund fast track, pending until the fund capability exists.
type AwardOutcome struct {
	PrizeID         int64  `json:"prize_id"`
	ApplicationID   int64  `json:"application_id"`
	OfficeRequestID *int64 `json:"office_request_id"`
	FundFastTrack   string `json:"fund_fast_track,omitempty"`
	// Created is false when the award existed already.
	Created bool `json:"-"`
}

// purposeOf is the purpose an award's office request carries: the prize's
// name in every language it has, so the host staff see where it came from.
func purposeOf(name text.Text) string {
	var parts []string
	for _, s := range []string{name.Ko, name.Zh, name.En} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// RevokeAward takes an award back: the award is removed and the office
// request it created is cancelled, freeing its desks for the waitlist, in
// one transaction. Taking back an award that does not exist is not found.
func (s *Store) RevokeAward(ctx context.Context, actor *auth.User, contestID, prizeID, applicationID int64) error {
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := contestFor(ctx, tx, actor, contestID); err != nil {
			return err
		}
		var request sql.NullInt64
		err := tx.QueryRow(ctx, `SELECT w.office_request_id FROM contest_awards w JOIN contest_prizes p ON p.id = w.prize_id
			WHERE w.prize_id = ? AND w.application_id = ? AND p.contest_id = ?`, prizeID, applicationID, contestID).Scan(&request)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("award of prize %d to application %d: %w", prizeID, applicationID, errs.ErrNotFound)
		} else if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM contest_awards WHERE prize_id = ? AND application_id = ?`, prizeID, applicationID); err != nil {
			return err
		}
		if request.Valid {
			offices := office.NewStore(s.db)
			offices.SetClock(s.now)
			if err := offices.CancelAwardRequest(ctx, tx, actor.ID, request.Int64); err != nil {
				return err
			}
		}
		return auditf(ctx, tx, actor.ID, "contest.award.revoke", "contest_prize", prizeID,
			map[string]any{"application_id": applicationID, "office_request_id": request.Int64})
	})
}
