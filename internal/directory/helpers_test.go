package directory_test

import (
	"context"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/partner"
	"startbridge/internal/text"
)

// fixture is a migrated store with the founding data and a few accounts.
type fixture struct {
	db    *database.DB
	store *directory.Store
	auth  *auth.Service
	admin *auth.User
	// staff works for GBSA (Gyeonggi).
	staff *auth.User
}

func newFixture(t *testing.T, db *database.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	if _, err := partner.SeedFounding(ctx, db); err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, store: directory.NewStore(db), auth: auth.NewService(db)}
	f.admin = f.user(t, "admin@test.kr", "gyeonggi", true, auth.Membership{Role: auth.RoleAdmin})
	gbsa := int64(3)
	f.staff = f.user(t, "staff@gbsa.kr", "gyeonggi", false, auth.Membership{Role: auth.RoleStaff, InstitutionID: &gbsa})
	return f
}

// user creates an account with roles.
func (f *fixture) user(t *testing.T, email, region string, consent bool, roles ...auth.Membership) *auth.User {
	t.Helper()
	u, err := f.auth.CreateUserUnchecked(context.Background(), auth.NewUser{
		SignUp: auth.SignUp{Email: email, Name: email[:3], Password: "correct horse battery", Region: region, ConsentCrossBorder: consent},
		Roles:  roles,
	})
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}

// reload reads a user again, with the memberships added since.
func (f *fixture) reload(t *testing.T, u *auth.User) *auth.User {
	t.Helper()
	fresh, err := f.auth.User(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return fresh
}

// startup creates a start-up as staff.
func (f *fixture) startup(t *testing.T, in directory.StartupInput) *directory.Startup {
	t.Helper()
	st, err := f.store.CreateStartup(context.Background(), f.staff, in)
	if err != nil {
		t.Fatalf("create %+v: %v", in.Name, err)
	}
	return st
}

func valid() directory.StartupInput {
	return directory.StartupInput{
		Name:        text.Text{Ko: "서호바이오", Zh: "西湖生物", En: "West Lake Bio"},
		Region:      "hangzhou",
		City:        "Hangzhou",
		FoundedOn:   "2021-03-01",
		Stage:       directory.StageSeed,
		Sectors:     []string{"bio", "ai"},
		Description: text.Text{Zh: "杭州的人工智能药物研发公司", En: "AI drug discovery in Hangzhou"},
	}
}

func ptr[T any](v T) *T { return &v }
