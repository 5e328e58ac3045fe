package directory

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"startbridge/internal/audit"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// MemberRole is a person's place in a start-up's team.
type MemberRole string

// Team roles.
const (
	RoleFounder MemberRole = "founder"
	RoleMember  MemberRole = "member"
)

// MaxTitleLength bounds a member's job title.
const MaxTitleLength = 100

// Member is one person of a start-up's team, cut to what the viewer may
// see: the public profile (name, role, title) always, the personal data
// (email) only under the consent rule of auth.MaySeePersonalData.
type Member struct {
	UserID int64      `json:"user_id"`
	Name   string     `json:"name"`
	Role   MemberRole `json:"role"`
	Title  string     `json:"title"`
	Region string     `json:"region,omitempty"`
	Email  string     `json:"email,omitempty"`
	// Personal is true when the personal data is shown; false tells a page
	// to say that it is withheld for want of consent.
	Personal bool `json:"-"`
}

// Members lists the team of start-up id as viewer may see it. Visitors who
// are not signed in see no names at all.
func (s *Store) Members(ctx context.Context, viewer *auth.User, id int64) ([]Member, error) {
	if _, err := s.Startup(ctx, viewer, id); err != nil {
		return nil, err
	}
	if viewer == nil {
		return []Member{}, nil
	}
	rows, err := s.db.Query(ctx, `SELECT u.id, u.name, u.email, COALESCE(u.region_code, ''), u.consent_cross_border,
			m.role, m.title
		FROM startup_members m JOIN users u ON u.id = m.user_id
		WHERE m.startup_id = ? AND u.disabled = FALSE
		ORDER BY CASE m.role WHEN 'founder' THEN 0 ELSE 1 END, m.created_at, u.id`, id)
	if err != nil {
		return nil, fmt.Errorf("list members: %w", err)
	}
	defer rows.Close()
	out := []Member{}
	for rows.Next() {
		var m Member
		var subject auth.User
		var role string
		if err := rows.Scan(&subject.ID, &m.Name, &subject.Email, &subject.Region, &subject.ConsentCrossBorder, &role, &m.Title); err != nil {
			return nil, err
		}
		m.UserID, m.Role, m.Region = subject.ID, MemberRole(role), subject.Region
		if auth.MaySeePersonalData(viewer, &subject) {
			m.Email, m.Personal = subject.Email, true
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MemberCount returns the size of start-up id's team.
func (s *Store) MemberCount(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM startup_members WHERE startup_id = ?`, id).Scan(&n)
	return n, err
}

// AddMember puts a user on start-up id's team, or changes their role and
// title when they are on it already. Team members and staff may do this.
func (s *Store) AddMember(ctx context.Context, actor *auth.User, id, userID int64, role MemberRole, title string) error {
	if err := auth.Can(actor, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return err
	}
	title = strings.TrimSpace(title)
	var v errs.Invalid
	if role != RoleFounder && role != RoleMember {
		v.Add("role", "directory.field.member_role", nil)
	}
	if utf8.RuneCountInString(title) > MaxTitleLength {
		v.Add("title", "field.too_long", map[string]any{"max": MaxTitleLength})
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := loadStartup(ctx, tx, id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM users WHERE id = ? AND disabled = FALSE`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("user_id", "directory.field.user", nil)
		}
		if err := addMember(ctx, tx, id, userID, role, title, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor.ID, "startup.member.add", "startup", id, map[string]any{"user_id": userID, "role": role})
	})
}

// addMember writes the team row and the membership that authorization reads,
// together, so that the two never disagree.
func addMember(ctx context.Context, tx *database.Tx, startupID, userID int64, role MemberRole, title string, now time.Time) error {
	var current string
	err := tx.QueryRow(ctx, `SELECT role FROM startup_members WHERE startup_id = ? AND user_id = ?`, startupID, userID).Scan(&current)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.Exec(ctx, `INSERT INTO startup_members (startup_id, user_id, role, title, created_at) VALUES (?, ?, ?, ?, ?)`,
			startupID, userID, string(role), title, now); err != nil {
			return fmt.Errorf("add member: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read member: %w", err)
	default:
		if _, err := tx.Exec(ctx, `UPDATE startup_members SET role = ?, title = ? WHERE startup_id = ? AND user_id = ?`,
			string(role), title, startupID, userID); err != nil {
			return fmt.Errorf("update member: %w", err)
		}
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE user_id = ? AND role = ? AND startup_id = ?`,
		userID, string(auth.RoleStartup), startupID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err = tx.Exec(ctx, `INSERT INTO memberships (user_id, role, startup_id, created_at) VALUES (?, ?, ?, ?)`,
		userID, string(auth.RoleStartup), startupID, now)
	if err != nil {
		return fmt.Errorf("add membership: %w", err)
	}
	return nil
}

// RemoveMember takes a user off start-up id's team, with their membership.
func (s *Store) RemoveMember(ctx context.Context, actor *auth.User, id, userID int64) error {
	if err := auth.Can(actor, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM startup_members WHERE startup_id = ? AND user_id = ?`, id, userID)
		if err != nil {
			return fmt.Errorf("remove member: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("member %d of startup %d: %w", userID, id, errs.ErrNotFound)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM memberships WHERE user_id = ? AND role = ? AND startup_id = ?`,
			userID, string(auth.RoleStartup), id); err != nil {
			return fmt.Errorf("remove membership: %w", err)
		}
		return audit.Record(ctx, tx, actor.ID, "startup.member.remove", "startup", id, map[string]any{"user_id": userID})
	})
}

// StartupsOf lists the ids of the start-ups whose team the user is on, for
// "my start-up".
func (s *Store) StartupsOf(ctx context.Context, userID int64) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT startup_id FROM startup_members WHERE user_id = ? ORDER BY startup_id`, userID)
	if err != nil {
		return nil, fmt.Errorf("startups of user: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
