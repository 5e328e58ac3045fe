package auth

import (
	"context"
	"fmt"

	"startbridge/internal/audit"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// ChangePassword replaces the signed-in user's password after checking the
// current one. Wrong guesses count as failed logins, so a borrowed session
// cannot guess the password faster than the login form allows. Every other
// session of the user ends, so a browser signed in elsewhere with the old
// password loses access; keepSession (the caller's own cookie) stays.
func (s *Service) ChangePassword(ctx context.Context, actor *User, current, next, keepSession string) error {
	if err := Can(actor, EditUser, Target{UserID: actorID(actor)}); err != nil {
		return err
	}
	u, err := s.User(ctx, actor.ID)
	if err != nil {
		return err
	}
	if s.failures(ctx, "email:"+u.Email, s.now().Add(-LoginWindow)) >= MaxFailuresPerEmail {
		return ErrRateLimited
	}
	if current == "" {
		return errs.Field("current_password", "field.required", nil)
	}
	if !CheckPassword(u.passwordHash, current) {
		s.recordFailure(ctx, u.Email, "")
		return errs.Field("current_password", "field.password_incorrect", nil)
	}
	var v errs.Invalid
	checkPassword(&v, "new_password", next, u.Email)
	if !v.Has("new_password") && next == current {
		v.Add("new_password", "field.password_unchanged", nil)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		now := s.now()
		if _, err := tx.Exec(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, HashPassword(next), now, u.ID); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, u.ID, hashSecret(keepSession)); err != nil {
			return fmt.Errorf("end other sessions: %w", err)
		}
		return audit.Record(ctx, tx, u.ID, "password.change", "user", u.ID, nil)
	})
}

// actorID is the id of a possibly absent actor, so that Can sees the visitor
// and answers ErrUnauthenticated instead of the caller dereferencing nil.
func actorID(u *User) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}
