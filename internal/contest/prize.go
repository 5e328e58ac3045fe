package contest

import (
	"context"
	"database/sql"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Prize is an award of a contest: money in integer minor units of a
// currency, and benefits. Months of overseas office support name a city
// and desks, and awarding the prize creates the office request (see
// award.go). The fast track into a fund's pipeline is recorded here until
// the fund capability exists; no deal is created for it yet.
type Prize struct {
	ID           int64     `json:"id"`
	ContestID    int64     `json:"contest_id"`
	Name         text.Text `json:"name"`
	Rank         *int      `json:"rank"`
	Amount       int64     `json:"amount"`
	Currency     string    `json:"currency"`
	OfficeMonths int       `json:"office_months"`
	// OfficeCity and OfficeDesks say where and how many desks, when
	// OfficeMonths > 0.
	OfficeCity    string   `json:"office_city,omitempty"`
	OfficeDesks   int      `json:"office_desks,omitempty"`
	FundFastTrack bool     `json:"fund_fast_track"`
	Winners       []Winner `json:"winners"`
}

// Winner is an application that won a prize.
type Winner struct {
	ApplicationID int64     `json:"application_id"`
	StartupID     int64     `json:"startup_id"`
	StartupName   text.Text `json:"startup_name"`
	// OfficeRequestID is the office request the award created; shown only
	// to the contest's staff and the winning start-up's members.
	OfficeRequestID *int64 `json:"office_request_id,omitempty"`
	// FundFastTrack is "pending" while the fund capability that would
	// create the deal does not exist; shown to the same people.
	FundFastTrack string `json:"fund_fast_track,omitempty"`
}

// OfficeRequest is the id of the office request the award created, 0 when
// it created none or the viewer may not know it.
func (w Winner) OfficeRequest() int64 {
	if w.OfficeRequestID == nil {
		return 0
	}
	return *w.OfficeRequestID
}

// FundFastTrackPending is the state of a won fast track into a fund's
// pipeline until the fund capability creates the deal.
const FundFastTrackPending = "pending"

// PrizeInput defines a prize.
type PrizeInput struct {
	Name          text.Text `json:"name"`
	Rank          *int      `json:"rank"`
	Amount        int64     `json:"amount"`
	Currency      string    `json:"currency"`
	OfficeMonths  int       `json:"office_months"`
	OfficeCity    string    `json:"office_city"`
	OfficeDesks   int       `json:"office_desks"`
	FundFastTrack bool      `json:"fund_fast_track"`
}

var currencies = []string{"KRW", "CNY", "USD"}

// CreatePrize defines a prize of the contest.
func (s *Store) CreatePrize(ctx context.Context, actor *auth.User, contestID int64, in PrizeInput) (int64, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := contestFor(ctx, tx, actor, contestID); err != nil {
			return err
		}
		v := &errs.Invalid{}
		in.Name = in.Name.Trimmed()
		if in.Name.Empty() {
			v.Add("name", "contest.field.prize_name", nil)
		}
		if in.Rank != nil && *in.Rank < 1 {
			v.Add("rank", "contest.field.rank", nil)
		}
		if in.Amount < 0 {
			v.Add("amount", "contest.field.amount", nil)
		}
		if in.Currency == "" {
			in.Currency = "KRW"
		}
		if !contains(currencies, in.Currency) {
			v.Add("currency", "contest.field.currency", nil)
		}
		if in.OfficeMonths < 0 || in.OfficeMonths > 12 {
			v.Add("office_months", "contest.field.office_months", nil)
		}
		if err := checkOfficeBenefit(ctx, tx, v, &in); err != nil {
			return err
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		var err error
		id, err = insertID(ctx, tx, `INSERT INTO contest_prizes (contest_id, name_ko, name_zh, name_en, rank, amount, currency, office_months,
			office_city, office_desks, fund_fast_track, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			contestID, in.Name.Ko, in.Name.Zh, in.Name.En, in.Rank, in.Amount, in.Currency, in.OfficeMonths, in.OfficeCity, in.OfficeDesks,
			in.FundFastTrack, s.now())
		if err != nil {
			return err
		}
		return auditf(ctx, tx, actor.ID, "contest.prize.create", "contest_prize", id, in)
	})
	return id, err
}

// Prizes lists a contest's prizes with their winners. Winners are shown to
// the public only once a round of the contest is published; staff always
// see them, and a winning start-up's members see their own award.
func (s *Store) Prizes(ctx context.Context, viewer *auth.User, contestID int64) ([]*Prize, error) {
	c, err := loadContest(ctx, s.db, contestID)
	if err != nil {
		return nil, err
	}
	showWinners := MayManage(viewer, c)
	for _, r := range c.Rounds {
		if r.PublishedAt != nil {
			showWinners = true
		}
	}
	rows, err := s.db.Query(ctx, `SELECT id, name_ko, name_zh, name_en, rank, amount, currency, office_months, office_city, office_desks,
		fund_fast_track FROM contest_prizes WHERE contest_id = ? ORDER BY COALESCE(rank, 1000000), id`, contestID)
	if err != nil {
		return nil, err
	}
	var out []*Prize
	for rows.Next() {
		p := &Prize{ContestID: contestID, Winners: []Winner{}}
		var rank sql.NullInt64
		if err := rows.Scan(&p.ID, &p.Name.Ko, &p.Name.Zh, &p.Name.En, &rank, &p.Amount, &p.Currency, &p.OfficeMonths, &p.OfficeCity, &p.OfficeDesks,
			&p.FundFastTrack); err != nil {
			rows.Close()
			return nil, err
		}
		if rank.Valid {
			n := int(rank.Int64)
			p.Rank = &n
		}
		if p.OfficeMonths == 0 {
			p.OfficeCity, p.OfficeDesks = "", 0
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || (!showWinners && !viewer.HasRole(auth.RoleStartup)) {
		return out, err
	}
	for _, p := range out {
		rows, err := s.db.Query(ctx, `SELECT a.id, a.startup_id, st.name_ko, st.name_zh, st.name_en, w.office_request_id FROM contest_awards w
			JOIN contest_applications a ON a.id = w.application_id JOIN startups st ON st.id = a.startup_id WHERE w.prize_id = ? ORDER BY a.id`, p.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var w Winner
			var request sql.NullInt64
			if err := rows.Scan(&w.ApplicationID, &w.StartupID, &w.StartupName.Ko, &w.StartupName.Zh, &w.StartupName.En, &request); err != nil {
				rows.Close()
				return nil, err
			}
			own := MayManage(viewer, c) || viewer.MemberOfStartup(w.StartupID)
			if !showWinners && !own {
				// Before publication a winning start-up alone learns of
				// its award, with the office request it created.
				continue
			}
			if own {
				if request.Valid {
					w.OfficeRequestID = &request.Int64
				}
				if p.FundFastTrack {
					w.FundFastTrack = FundFastTrackPending
				}
			}
			p.Winners = append(p.Winners, w)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
