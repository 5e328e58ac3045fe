package booking

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// NewFeedToken gives the user a new secret calendar feed token, replacing
// the old one (whose address stops working). Only its hash is stored.
func (s *Store) NewFeedToken(ctx context.Context, userID int64) (string, error) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("feed token: %w", err)
	}
	token := hex.EncodeToString(raw)
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM calendar_feeds WHERE user_id = ?`, userID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)`,
			userID, hashToken(token), s.now())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("feed token: %w", err)
	}
	return token, nil
}

// HasFeed reports whether the user has made a feed address.
func (s *Store) HasFeed(ctx context.Context, userID int64) (bool, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM calendar_feeds WHERE user_id = ?`, userID).Scan(&n)
	return n > 0, err
}

// FeedUser returns the id of the user whose feed token this is.
func (s *Store) FeedUser(ctx context.Context, token string) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `SELECT user_id FROM calendar_feeds WHERE token_hash = ?`, hashToken(token)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("feed: %w", errs.ErrNotFound)
	}
	return id, err
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FeedBookings are the bookings of the user's start-ups that a calendar
// feed shows: those that hold or held capacity, from since on.
func (s *Store) FeedBookings(ctx context.Context, user *auth.User, since time.Time) ([]*Booking, error) {
	var out []*Booking
	for _, m := range user.Roles {
		if m.Role != auth.RoleStartup || m.StartupID == nil {
			continue
		}
		after := int64(0)
		for {
			page, err := s.Bookings(ctx, user, Filter{StartupID: *m.StartupID, From: since}, after, 500)
			if err != nil {
				return nil, err
			}
			for _, b := range page {
				if b.Status != Rejected {
					out = append(out, b)
				}
			}
			if len(page) < 500 {
				break
			}
			after = page[len(page)-1].ID
		}
	}
	return out, nil
}
