// Package contesttest makes the people and start-ups a contest test needs.
package contesttest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"startbridge/internal/app"
	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

// Password is every fixture account's password.
const Password = "contest-test-passphrase"

// User creates an account with roles; region may be "".
func User(t testing.TB, svc *app.Services, email, region string, roles ...auth.Membership) *auth.User {
	t.Helper()
	u, err := svc.Auth.CreateUserUnchecked(context.Background(), auth.NewUser{
		SignUp: auth.SignUp{Email: email, Name: email, Password: Password, Language: "en", Region: region, ConsentCrossBorder: true},
		Roles:  roles,
	})
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}

// Staff creates a staff member of institution id.
func Staff(t testing.TB, svc *app.Services, email string, institution int64) *auth.User {
	t.Helper()
	return User(t, svc, email, "", auth.Membership{Role: auth.RoleStaff, InstitutionID: &institution})
}

// Startup creates a start-up with a founder account and returns both; the
// founder is reloaded so that their membership shows.
func Startup(t testing.TB, svc *app.Services, name, region, stage, founded string, sectors ...string) (*directory.Startup, *auth.User) {
	t.Helper()
	ctx := context.Background()
	founder := User(t, svc, fmt.Sprintf("founder-%s@test.startbridge", strings.ToLower(strings.ReplaceAll(name, " ", "-"))), region)
	st, err := directory.NewStore(svc.DB).CreateStartupUnchecked(ctx, 0, directory.StartupInput{
		Name: text.Text{En: name}, Region: region, City: "City", FoundedOn: founded,
		Stage: directory.Stage(stage), Sectors: sectors, Visibility: directory.Public,
	}, founder.ID)
	if err != nil {
		t.Fatalf("startup %s: %v", name, err)
	}
	founder, err = svc.Auth.User(ctx, founder.ID)
	if err != nil {
		t.Fatal(err)
	}
	return st, founder
}
