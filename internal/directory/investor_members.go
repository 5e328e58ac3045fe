package directory

import (
	"context"
	"fmt"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// An investor's team is the users holding its investor membership: the
// same row authorization reads (auth.User.InvestorOf), so the team and who
// may act for the investor never disagree.

// InvestorMember is one person of an investor's team, with the email only
// under the consent rule of auth.MaySeePersonalData.
type InvestorMember struct {
	UserID   int64  `json:"user_id"`
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Personal bool   `json:"-"`
}

// ConflictChecker is told, inside the transaction that records it, of a
// link that may put contest judges in conflict with a start-up (SPEC §3.2:
// a judge whose fund has invested in it), so that their reviews are
// withdrawn and re-assigned at once. startupID or judgeID 0 matches any;
// it returns the withdrawn reviews' ids. contest.Store implements it.
type ConflictChecker interface {
	RecheckConflicts(ctx context.Context, tx *database.Tx, actorID, startupID, judgeID int64) ([]int64, error)
}

// mayManageInvestor lets staff and the investor's own members manage its
// team and portfolio; to those who may not see the investor at all it does
// not exist.
func (s *Store) mayManageInvestor(ctx context.Context, q database.Querier, actor *auth.User, investorID int64) error {
	iv, err := loadInvestor(ctx, q, investorID)
	if err != nil {
		return err
	}
	if err := auth.Can(actor, auth.EditInvestor, auth.Target{InvestorID: investorID}); err != nil {
		if !MaySee(actor, iv.Visibility, 0) {
			return fmt.Errorf("investor %d: %w", investorID, errs.ErrNotFound)
		}
		return err
	}
	return nil
}

// InvestorMembers lists investor id's team to those who may manage it.
func (s *Store) InvestorMembers(ctx context.Context, viewer *auth.User, id int64) ([]InvestorMember, error) {
	if err := s.mayManageInvestor(ctx, s.db, viewer, id); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT DISTINCT u.id, u.name, u.email, COALESCE(u.region_code, ''), u.consent_cross_border
		FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.role = ? AND m.investor_id = ? AND u.disabled = FALSE ORDER BY u.id`, string(auth.RoleInvestor), id)
	if err != nil {
		return nil, fmt.Errorf("investor members: %w", err)
	}
	defer rows.Close()
	out := []InvestorMember{}
	for rows.Next() {
		var m InvestorMember
		var subject auth.User
		if err := rows.Scan(&subject.ID, &m.Name, &subject.Email, &subject.Region, &subject.ConsentCrossBorder); err != nil {
			return nil, err
		}
		m.UserID = subject.ID
		if auth.MaySeePersonalData(viewer, &subject) {
			m.Email, m.Personal = subject.Email, true
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// AddInvestorMember puts a user on investor id's team. Staff and the
// team's members may. A judge who joins the team of an investor holding a
// start-up they review is in conflict from then on: cc withdraws and
// re-assigns those reviews in the same transaction. Adding a member twice
// changes nothing.
func (s *Store) AddInvestorMember(ctx context.Context, actor *auth.User, id, userID int64, cc ConflictChecker) ([]int64, error) {
	var withdrawn []int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := s.mayManageInvestor(ctx, tx, actor, id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM users WHERE id = ? AND disabled = FALSE`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("user_id", "directory.field.user", nil)
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE user_id = ? AND role = ? AND investor_id = ?`,
			userID, string(auth.RoleInvestor), id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO memberships (user_id, role, investor_id, created_at) VALUES (?, ?, ?, ?)`,
			userID, string(auth.RoleInvestor), id, s.now()); err != nil {
			return fmt.Errorf("add investor member: %w", err)
		}
		if err := audit.Record(ctx, tx, actor.ID, "investor.member.add", "investor", id, map[string]any{"user_id": userID}); err != nil {
			return err
		}
		var err error
		withdrawn, err = cc.RecheckConflicts(ctx, tx, actor.ID, 0, userID)
		return err
	})
	return withdrawn, err
}

// RemoveInvestorMember takes a user off investor id's team.
func (s *Store) RemoveInvestorMember(ctx context.Context, actor *auth.User, id, userID int64) error {
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := s.mayManageInvestor(ctx, tx, actor, id); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `DELETE FROM memberships WHERE user_id = ? AND role = ? AND investor_id = ?`,
			userID, string(auth.RoleInvestor), id)
		if err != nil {
			return fmt.Errorf("remove investor member: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("member %d of investor %d: %w", userID, id, errs.ErrNotFound)
		}
		return audit.Record(ctx, tx, actor.ID, "investor.member.remove", "investor", id, map[string]any{"user_id": userID})
	})
}
