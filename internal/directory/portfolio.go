package directory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Where a portfolio link comes from.
const (
	// SourceRecorded links are entered by staff or the investor's members.
	SourceRecorded = "recorded"
	// SourceDeal links are written when a deal closes in a fund's pipeline.
	SourceDeal = "deal"
)

// PortfolioLink says that an investor has invested in a start-up.
type PortfolioLink struct {
	InvestorID  int64     `json:"investor_id"`
	StartupID   int64     `json:"startup_id"`
	StartupName text.Text `json:"startup_name"`
	Source      string    `json:"source"`
	CreatedAt   time.Time `json:"created_at"`
}

// PortfolioChange is what recording a link did: the link, whether it is
// new, and the contest reviews withdrawn because it put their judges in
// conflict (they are re-assigned in the same transaction).
type PortfolioChange struct {
	Link      PortfolioLink `json:"link"`
	Created   bool          `json:"-"`
	Withdrawn []int64       `json:"withdrawn_review_ids"`
}

// Portfolio lists investor id's portfolio to staff and its members, newest
// first.
func (s *Store) Portfolio(ctx context.Context, viewer *auth.User, id int64) ([]PortfolioLink, error) {
	if err := s.mayManageInvestor(ctx, s.db, viewer, id); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT `+portfolioColumns+` WHERE p.investor_id = ? ORDER BY p.created_at DESC, p.startup_id`, id)
	if err != nil {
		return nil, fmt.Errorf("portfolio: %w", err)
	}
	defer rows.Close()
	out := []PortfolioLink{}
	for rows.Next() {
		l, err := scanPortfolioLink(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *l)
	}
	return out, rows.Err()
}

const portfolioColumns = `p.investor_id, p.startup_id, s.name_ko, s.name_zh, s.name_en, p.source, p.created_at
	FROM investor_portfolio p JOIN startups s ON s.id = p.startup_id`

func scanPortfolioLink(row interface{ Scan(...any) error }) (*PortfolioLink, error) {
	var l PortfolioLink
	err := row.Scan(&l.InvestorID, &l.StartupID, &l.StartupName.Ko, &l.StartupName.Zh, &l.StartupName.En, &l.Source, &l.CreatedAt)
	return &l, err
}

// AddToPortfolio records by hand that investor id has invested in a
// start-up. Staff and the investor's members may. Recording a link that
// exists changes nothing.
func (s *Store) AddToPortfolio(ctx context.Context, actor *auth.User, id, startupID int64, cc ConflictChecker) (*PortfolioChange, error) {
	var out *PortfolioChange
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := s.mayManageInvestor(ctx, tx, actor, id); err != nil {
			return err
		}
		var err error
		out, err = RecordInvestment(ctx, tx, actor.ID, id, startupID, SourceRecorded, s.now(), cc)
		return err
	})
	return out, err
}

// RecordInvestment writes a portfolio link inside tx, for hand entries and
// for the deal that closes in a fund's pipeline, without asking who may:
// the caller has. Judges now in conflict with the start-up lose their
// reviews through cc, which re-assigns them, in the same transaction.
func RecordInvestment(ctx context.Context, tx *database.Tx, actorID, investorID, startupID int64, source string, now time.Time,
	cc ConflictChecker) (*PortfolioChange, error) {
	if source != SourceRecorded && source != SourceDeal {
		return nil, errs.Field("source", "investor.field.source", nil)
	}
	if _, err := loadStartup(ctx, tx, startupID); err != nil {
		if errors.Is(err, errs.ErrNotFound) {
			return nil, errs.Field("startup_id", "investor.field.startup", nil)
		}
		return nil, err
	}
	out := &PortfolioChange{}
	l, err := scanPortfolioLink(tx.QueryRow(ctx, `SELECT `+portfolioColumns+` WHERE p.investor_id = ? AND p.startup_id = ?`, investorID, startupID))
	switch {
	case err == nil:
		out.Link = *l
		return out, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("read portfolio link: %w", err)
	}
	var by any
	if actorID != 0 {
		by = actorID
	}
	if _, err := tx.Exec(ctx, `INSERT INTO investor_portfolio (investor_id, startup_id, source, recorded_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		investorID, startupID, source, by, now); err != nil {
		return nil, fmt.Errorf("add portfolio link: %w", err)
	}
	if err := audit.Record(ctx, tx, actorID, "investor.portfolio.add", "investor", investorID,
		map[string]any{"startup_id": startupID, "source": source}); err != nil {
		return nil, err
	}
	if out.Withdrawn, err = cc.RecheckConflicts(ctx, tx, actorID, startupID, 0); err != nil {
		return nil, err
	}
	l, err = scanPortfolioLink(tx.QueryRow(ctx, `SELECT `+portfolioColumns+` WHERE p.investor_id = ? AND p.startup_id = ?`, investorID, startupID))
	if err != nil {
		return nil, fmt.Errorf("read portfolio link: %w", err)
	}
	out.Link, out.Created = *l, true
	return out, nil
}

// RemoveFromPortfolio deletes a link recorded by mistake. Reviews withdrawn
// because of it stay withdrawn; the next assignment may give the judge the
// application again.
func (s *Store) RemoveFromPortfolio(ctx context.Context, actor *auth.User, id, startupID int64) error {
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := s.mayManageInvestor(ctx, tx, actor, id); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `DELETE FROM investor_portfolio WHERE investor_id = ? AND startup_id = ?`, id, startupID)
		if err != nil {
			return fmt.Errorf("remove portfolio link: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("start-up %d in the portfolio of investor %d: %w", startupID, id, errs.ErrNotFound)
		}
		return audit.Record(ctx, tx, actor.ID, "investor.portfolio.remove", "investor", id, map[string]any{"startup_id": startupID})
	})
}
