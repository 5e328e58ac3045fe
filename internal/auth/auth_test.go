package auth_test

import (
	"context"
	"errors"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
	"startbridge/internal/partner"
)

func newService(t *testing.T, db *database.DB) *auth.Service {
	t.Helper()
	if _, err := partner.SeedFounding(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return auth.NewService(db)
}

func signUp(t *testing.T, s *auth.Service, email, region string, consent bool) *auth.User {
	t.Helper()
	u, err := s.SignUp(context.Background(), auth.SignUp{Email: email, Name: "Kim Minji", Password: "correct horse battery",
		Language: "ko", Region: region, ConsentCrossBorder: consent})
	if err != nil {
		t.Fatalf("sign up %s: %v", email, err)
	}
	return u
}

func fieldsOf(err error) map[string]string {
	var inv *errs.Invalid
	out := map[string]string{}
	if errors.As(err, &inv) {
		for _, f := range inv.Fields {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestSignUpRefusesBadInputAndStoresNothing(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		tests := []struct {
			name  string
			in    auth.SignUp
			field string
			key   string
		}{
			{"invalid email", auth.SignUp{Email: "not-an-email", Name: "A", Password: "correct horse battery"}, "email", "field.email"},
			{"email without domain dot", auth.SignUp{Email: "a@b", Name: "A", Password: "correct horse battery"}, "email", "field.email"},
			{"weak password", auth.SignUp{Email: "a@b.kr", Name: "A", Password: "1234567890"}, "password", "field.password_weak"},
			{"short password", auth.SignUp{Email: "a@b.kr", Name: "A", Password: "abc"}, "password", "field.password_weak"},
			{"empty name", auth.SignUp{Email: "a@b.kr", Name: "  ", Password: "correct horse battery"}, "name", "field.required"},
			{"unknown language", auth.SignUp{Email: "a@b.kr", Name: "A", Password: "correct horse battery", Language: "fr"}, "language", "field.language"},
			{"unknown region", auth.SignUp{Email: "a@b.kr", Name: "A", Password: "correct horse battery", Region: "mars"}, "region", "field.region"},
			{"bad zone", auth.SignUp{Email: "a@b.kr", Name: "A", Password: "correct horse battery", TimeZone: "Mars/Olympus"}, "time_zone", "field.time_zone"},
		}
		for _, tt := range tests {
			_, err := s.SignUp(ctx, tt.in)
			if got := fieldsOf(err)[tt.field]; got != tt.key {
				t.Errorf("%s: field %s = %q, want %q (err %v)", tt.name, tt.field, got, tt.key, err)
			}
		}
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
		if n != 0 {
			t.Errorf("users after refused sign-ups = %d, want 0", n)
		}
	})
}

func TestSignUpThenLogIn(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "Founder@Example.KR", "gyeonggi", true)
		if u.Email != "founder@example.kr" || u.TimeZone != "Asia/Seoul" || !u.ConsentCrossBorder || u.ConsentAt.IsZero() {
			t.Errorf("user = %+v", u)
		}
		if _, err := s.SignUp(ctx, auth.SignUp{Email: "founder@example.kr", Name: "B", Password: "correct horse battery"}); fieldsOf(err)["email"] != "field.email_taken" {
			t.Errorf("duplicate sign-up: %v", err)
		}
		got, err := s.Authenticate(ctx, "FOUNDER@example.kr", "correct horse battery", "127.0.0.1")
		if err != nil || got.ID != u.ID {
			t.Fatalf("authenticate = %v, %v", got, err)
		}
		if _, err := s.Authenticate(ctx, "founder@example.kr", "wrong password!", "127.0.0.1"); err != auth.ErrBadCredentials {
			t.Errorf("wrong password: err = %v, want ErrBadCredentials", err)
		}
		token, err := s.NewSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if su, err := s.SessionUser(ctx, token); err != nil || su.ID != u.ID {
			t.Errorf("session user = %v, %v", su, err)
		}
		s.EndSession(ctx, token)
		if _, err := s.SessionUser(ctx, token); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("after logout: err = %v", err)
		}
	})
}

func TestLoginIsRateLimited(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		signUp(t, s, "target@example.kr", "", false)
		for i := 0; i < auth.MaxFailuresPerEmail; i++ {
			s.Authenticate(ctx, "target@example.kr", "guess number "+string(rune('a'+i)), "10.0.0.1")
		}
		_, err := s.Authenticate(ctx, "target@example.kr", "correct horse battery", "10.0.0.1")
		if err != auth.ErrRateLimited {
			t.Errorf("after %d failures the right password gave %v, want ErrRateLimited", auth.MaxFailuresPerEmail, err)
		}
	})
}

func TestTokensAreRevocable(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		u := signUp(t, s, "api@example.kr", "", false)
		token, err := s.IssueToken(ctx, u.ID, "cli")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.TokenUser(ctx, token); err != nil || got.ID != u.ID {
			t.Fatalf("token user = %v, %v", got, err)
		}
		var stored string
		db.QueryRow(ctx, `SELECT token_hash FROM api_tokens`).Scan(&stored)
		if stored == token {
			t.Error("token stored in clear")
		}
		if err := s.RevokePresentedToken(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenUser(ctx, token); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("revoked token: err = %v", err)
		}
	})
}

func TestCreateUserNeedsAnAdmin(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		email, password, created, err := s.EnsureAdmin(ctx)
		if err != nil || !created {
			t.Fatalf("EnsureAdmin = %v, %v", created, err)
		}
		if _, _, again, _ := s.EnsureAdmin(ctx); again {
			t.Error("EnsureAdmin created a second admin")
		}
		admin, err := s.Authenticate(ctx, email, password, "")
		if err != nil || !admin.IsAdmin() {
			t.Fatalf("admin login = %v, %v", admin, err)
		}
		gbsa := int64(3)
		in := auth.NewUser{SignUp: auth.SignUp{Email: "staff@gbsa.or.kr", Name: "Lee", Password: "correct horse battery"},
			Roles: []auth.Membership{{Role: auth.RoleStaff, InstitutionID: &gbsa}}}
		staff, err := s.CreateUser(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if !staff.StaffOf(3) || staff.Region != "gyeonggi" || staff.TimeZone != "Asia/Seoul" {
			t.Errorf("staff = %+v", staff)
		}
		hgic := int64(7)
		cn, err := s.CreateUser(ctx, admin, auth.NewUser{SignUp: auth.SignUp{Email: "staff@hgic.cn", Name: "Wang", Password: "correct horse battery"},
			Roles: []auth.Membership{{Role: auth.RoleStaff, InstitutionID: &hgic}}})
		if err != nil || cn.Region != "hangzhou" || cn.TimeZone != "Asia/Shanghai" {
			t.Errorf("Hangzhou staff = %+v, %v; want region hangzhou in Asia/Shanghai", cn, err)
		}
		in.Email = "other@gbsa.or.kr"
		if _, err := s.CreateUser(ctx, staff, in); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("staff creating a user: err = %v, want ErrForbidden", err)
		}
		if _, err := s.CreateUser(ctx, nil, in); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("anonymous creating a user: err = %v, want ErrUnauthenticated", err)
		}
		in.Roles = []auth.Membership{{Role: auth.RoleStaff}}
		if _, err := s.CreateUser(ctx, admin, in); fieldsOf(err)["roles[0].institution_id"] != "field.institution_required" {
			t.Errorf("staff without institution: %v", err)
		}
	})
}

func TestConsentDecidesCrossBorderVisibility(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		s := newService(t, db)
		ctx := context.Background()
		kr := signUp(t, s, "kr@example.kr", "gyeonggi", false)
		krPeer := signUp(t, s, "kr2@example.kr", "gyeonggi", false)
		cn := signUp(t, s, "cn@example.cn", "hangzhou", false)
		if !auth.MaySeePersonalData(krPeer, kr) {
			t.Error("same-region viewer may not see personal data")
		}
		if auth.MaySeePersonalData(cn, kr) {
			t.Error("other-region viewer sees personal data without consent")
		}
		if auth.MaySeePersonalData(nil, kr) {
			t.Error("anonymous viewer sees personal data")
		}
		kr, err := s.UpdateProfile(ctx, kr, kr.ID, kr.Version, auth.Profile{Name: kr.Name, Language: "ko", TimeZone: "Asia/Seoul", ConsentCrossBorder: true})
		if err != nil {
			t.Fatal(err)
		}
		if !auth.MaySeePersonalData(cn, kr) {
			t.Error("other-region viewer may not see personal data after consent")
		}
		history, _ := s.ConsentHistory(ctx, kr.ID)
		if len(history) != 2 || !history[0].Given || history[1].Given {
			t.Errorf("consent history = %+v", history)
		}
		if _, err := s.UpdateProfile(ctx, kr, kr.ID, kr.Version-1, auth.Profile{Name: "X", Language: "ko", TimeZone: "Asia/Seoul"}); !errors.Is(err, errs.ErrStale) {
			t.Errorf("stale update: err = %v, want ErrStale", err)
		}
		if _, err := s.UpdateProfile(ctx, cn, kr.ID, kr.Version, auth.Profile{Name: "X", Language: "ko", TimeZone: "Asia/Seoul"}); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("editing someone else's profile: err = %v, want ErrForbidden", err)
		}
	})
}
