package auth_test

import (
	"context"
	"errors"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
)

func TestChangePasswordChecksTheCurrentOne(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "changer@example.kr", "gyeonggi", false)
		tests := []struct {
			name, current, next, field, key string
		}{
			{"empty current", "", "a new long passphrase", "current_password", "field.required"},
			{"wrong current", "not my password", "a new long passphrase", "current_password", "field.password_incorrect"},
			{"weak new", "correct horse battery", "short", "new_password", "field.password_weak"},
			{"same as before", "correct horse battery", "correct horse battery", "new_password", "field.password_unchanged"},
		}
		for _, tt := range tests {
			err := s.ChangePassword(ctx, u, tt.current, tt.next, "")
			if got := fieldsOf(err)[tt.field]; got != tt.key {
				t.Errorf("%s: field %s = %q, want %q (err %v)", tt.name, tt.field, got, tt.key, err)
			}
		}
		if _, err := s.Authenticate(ctx, u.Email, "correct horse battery", ""); err != nil {
			t.Fatalf("refused changes must keep the old password: %v", err)
		}
	})
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "mover@example.kr", "hangzhou", true)
		mine, _ := s.NewSession(ctx, u.ID)
		other, _ := s.NewSession(ctx, u.ID)
		if err := s.ChangePassword(ctx, u, "correct horse battery", "a brand new passphrase", mine); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, u.Email, "a brand new passphrase", ""); err != nil {
			t.Errorf("new password refused: %v", err)
		}
		if _, err := s.Authenticate(ctx, u.Email, "correct horse battery", ""); err != auth.ErrBadCredentials {
			t.Errorf("old password: err = %v, want ErrBadCredentials", err)
		}
		if _, err := s.SessionUser(ctx, mine); err != nil {
			t.Errorf("own session ended: %v", err)
		}
		if _, err := s.SessionUser(ctx, other); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("other session: err = %v, want ErrUnauthenticated", err)
		}
	})
}

func TestChangePasswordCountsWrongGuessesAsFailedLogins(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "guessed@example.kr", "", false)
		for i := 0; i < auth.MaxFailuresPerEmail; i++ {
			s.ChangePassword(ctx, u, "guess number "+string(rune('a'+i)), "a brand new passphrase", "")
		}
		if err := s.ChangePassword(ctx, u, "correct horse battery", "a brand new passphrase", ""); err != auth.ErrRateLimited {
			t.Errorf("after %d wrong guesses: err = %v, want ErrRateLimited", auth.MaxFailuresPerEmail, err)
		}
		if err := s.ChangePassword(ctx, nil, "x", "y", ""); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("visitor: err = %v, want ErrUnauthenticated", err)
		}
	})
}
