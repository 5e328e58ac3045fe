package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// Privacy actions: a person exports and deletes their own data (SPEC §3.9);
// admins may act for them.
const (
	ExportPersonalData Action = "user.export"
	DeleteAccount      Action = "user.delete"
)

// PersonalData is everything the platform keeps about a person as such,
// for the download that PIPA and PIPL give them a right to.
type PersonalData struct {
	ExportedAt     time.Time      `json:"exported_at"`
	Account        *User          `json:"account"`
	ConsentHistory []ConsentEvent `json:"consent_history"`
	APITokens      []Token        `json:"api_tokens"`
	ActiveSessions int            `json:"active_sessions"`
	Activity       []audit.Entry  `json:"activity"`
	// EmailNotifications holds the topics the person chose to have by
	// email or not; topics never chosen are by email.
	EmailNotifications map[string]bool `json:"email_notifications"`
}

// ExportPersonalData gathers a user's personal data.
func (s *Service) ExportPersonalData(ctx context.Context, actor *User, userID int64) (*PersonalData, error) {
	if err := Can(actor, ExportPersonalData, Target{UserID: userID}); err != nil {
		return nil, err
	}
	u, err := s.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := &PersonalData{ExportedAt: s.now().UTC(), Account: u, ConsentHistory: []ConsentEvent{}, APITokens: []Token{}}
	if h, err := s.ConsentHistory(ctx, userID); err != nil {
		return nil, err
	} else if h != nil {
		out.ConsentHistory = h
	}
	if t, err := s.Tokens(ctx, userID); err != nil {
		return nil, err
	} else if t != nil {
		out.APITokens = t
	}
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > ?`, userID, s.now()).Scan(&out.ActiveSessions); err != nil {
		return nil, err
	}
	if out.Activity, err = audit.Page(ctx, s.db, audit.Filter{ActorID: userID}, 0, 10000); err != nil {
		return nil, err
	}
	out.EmailNotifications = map[string]bool{}
	rows, err := s.db.Query(ctx, `SELECT topic, email FROM notification_preferences WHERE user_id = ?`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var topic string
		var email bool
		if err := rows.Scan(&topic, &email); err != nil {
			return nil, err
		}
		out.EmailNotifications[topic] = email
	}
	return out, rows.Err()
}

// ErrLastAdmin refuses to delete the only administrator, which would leave
// the platform without anyone who can manage it.
var ErrLastAdmin = errs.New(http.StatusConflict, "last_admin", "error.last_admin", nil)

// DeleteAccount erases a person's personal data. The account row stays,
// pseudonymized and disabled, so contest reviews, decisions and money
// records that name it keep their meaning; sign-in, sessions, tokens and
// roles go. A person deleting their own account confirms with their
// password.
func (s *Service) DeleteAccount(ctx context.Context, actor *User, userID int64, password string) error {
	if err := Can(actor, DeleteAccount, Target{UserID: userID}); err != nil {
		return err
	}
	if actor.ID == userID {
		u, err := s.UserByEmail(ctx, actor.Email)
		if err != nil {
			return err
		}
		if !CheckPassword(u.passwordHash, password) {
			return errs.Field("password", "field.password_incorrect", nil)
		}
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		var isAdmin, admins int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE user_id = ? AND role = ?`, userID, string(RoleAdmin)).Scan(&isAdmin); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(DISTINCT m.user_id) FROM memberships m JOIN users u ON u.id = m.user_id
			WHERE m.role = ? AND u.disabled = FALSE`, string(RoleAdmin)).Scan(&admins); err != nil {
			return err
		}
		if isAdmin > 0 && admins <= 1 {
			return ErrLastAdmin
		}
		var email string
		err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = ? AND disabled = FALSE`, userID).Scan(&email)
		if err != nil {
			return fmt.Errorf("user %d: %w", userID, errs.ErrNotFound)
		}
		secret := make([]byte, 16)
		rand.Read(secret)
		now := s.now()
		if _, err := tx.Exec(ctx, `UPDATE users SET email = ?, name = '', password_hash = ?, region_code = NULL,
				consent_cross_border = FALSE, consent_at = ?, disabled = TRUE, version = version + 1, updated_at = ?
			WHERE id = ?`, fmt.Sprintf("deleted-%d@deleted.invalid", userID), "!"+hex.EncodeToString(secret), now, now, userID); err != nil {
			return fmt.Errorf("pseudonymize user: %w", err)
		}
		for _, q := range []string{
			`DELETE FROM sessions WHERE user_id = ?`,
			`DELETE FROM api_tokens WHERE user_id = ?`,
			`DELETE FROM memberships WHERE user_id = ?`,
			`DELETE FROM consent_events WHERE user_id = ?`,
			// Emails, sent or not, hold the address; notifications and their
			// settings are the person's too.
			`DELETE FROM email_outbox WHERE user_id = ?`,
			`DELETE FROM notifications WHERE user_id = ?`,
			`DELETE FROM notification_preferences WHERE user_id = ?`,
		} {
			if _, err := tx.Exec(ctx, q, userID); err != nil {
				return fmt.Errorf("delete account: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_attempts WHERE key = ?`, "email:"+email); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor.ID, "account.delete", "user", userID, nil)
	})
}
