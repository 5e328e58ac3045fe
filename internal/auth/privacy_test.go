package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
)

func TestExportHoldsThePersonsOwnData(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "me@example.kr", "gyeonggi", false)
		other := signUp(t, s, "other@example.cn", "hangzhou", true)
		s.IssueToken(ctx, u.ID, "laptop")
		s.NewSession(ctx, u.ID)
		u, _ = s.UpdateProfile(ctx, u, u.ID, u.Version, auth.Profile{Name: u.Name, Language: "ko", TimeZone: "Asia/Seoul", ConsentCrossBorder: true})
		data, err := s.ExportPersonalData(ctx, u, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if data.Account.Email != "me@example.kr" || len(data.ConsentHistory) != 2 || len(data.APITokens) != 1 || data.ActiveSessions != 1 || len(data.Activity) != 1 {
			t.Errorf("export = %+v", data)
		}
		if _, err := s.ExportPersonalData(ctx, other, u.ID); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("someone else's export: err = %v, want ErrForbidden", err)
		}
	})
}

func TestDeleteAccountErasesPersonalDataAndKeepsTheRow(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "leaving@example.kr", "gyeonggi", true)
		token, _ := s.IssueToken(ctx, u.ID, "cli")
		session, _ := s.NewSession(ctx, u.ID)
		// A notification queued for email, and a choice of topics.
		now := time.Now()
		if _, err := db.Exec(ctx, `INSERT INTO notifications (user_id, kind, msg_key, created_at) VALUES (?, 'office.approved', 'office.notify.approved', ?)`, u.ID, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO email_outbox (user_id, to_address, language, kind, msg_key, next_attempt_at, created_at)
			VALUES (?, 'leaving@example.kr', 'ko', 'office.approved', 'office.notify.approved', ?, ?)`, u.ID, now, now); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO notification_preferences (user_id, topic, email) VALUES (?, 'office', ?)`, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if data, err := s.ExportPersonalData(ctx, u, u.ID); err != nil || data.EmailNotifications["office"] || len(data.EmailNotifications) != 1 {
			t.Errorf("export of the email choices: %+v, %v", data, err)
		}
		if err := s.DeleteAccount(ctx, u, u.ID, "wrong password!!"); fieldsOf(err)["password"] != "field.password_incorrect" {
			t.Fatalf("wrong password: err = %v", err)
		}
		if err := s.DeleteAccount(ctx, u, u.ID, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "leaving@example.kr", "correct horse battery", ""); err != auth.ErrBadCredentials {
			t.Errorf("login after deletion: err = %v", err)
		}
		if _, err := s.TokenUser(ctx, token); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("token after deletion: err = %v", err)
		}
		if _, err := s.SessionUser(ctx, session); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("session after deletion: err = %v", err)
		}
		var email, name string
		if err := db.QueryRow(ctx, `SELECT email, name FROM users WHERE id = ?`, u.ID).Scan(&email, &name); err != nil {
			t.Fatalf("the pseudonymized row is gone: %v", err)
		}
		if email == "leaving@example.kr" || name != "" {
			t.Errorf("row still names the person: %q %q", email, name)
		}
		for _, table := range []string{"notifications", "email_outbox", "notification_preferences"} {
			var n int
			db.QueryRow(ctx, `SELECT COUNT(*) FROM `+table+` WHERE user_id = ?`, u.ID).Scan(&n)
			if n != 0 {
				t.Errorf("%d rows of %s kept after deletion", n, table)
			}
		}
		if _, err := s.SignUp(ctx, auth.SignUp{Email: "leaving@example.kr", Name: "Back", Password: "correct horse battery"}); err != nil {
			t.Errorf("the address cannot be used again: %v", err)
		}
	})
}

func TestTheLastAdminCannotBeDeleted(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		email, password, _, _ := s.EnsureAdmin(ctx)
		admin, _ := s.Authenticate(ctx, email, password, "")
		if err := s.DeleteAccount(ctx, admin, admin.ID, password); err != auth.ErrLastAdmin {
			t.Errorf("deleting the last admin: err = %v, want ErrLastAdmin", err)
		}
	})
}
