package office_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/office"
	"startbridge/internal/partner"
	"startbridge/internal/text"
)

// The fixed "now" of the store tests: mid-January 2027, Hangzhou time.
var now = time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC)

// fixture is a migrated store with the founding data, staff of GBSA (the
// host of the Suwon office) and of a Hangzhou institution, and start-ups
// with one founder each.
type fixture struct {
	t       *testing.T
	ctx     context.Context
	db      *database.DB
	store   *office.Store
	users   *auth.Service
	staff   *auth.User // GBSA, Gyeonggi
	hzStaff *auth.User // Hangzhou Global Innovation Center
	n       int
}

const (
	gbsa = 3
	hgic = 7
)

func newFixture(t *testing.T, db *database.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	if _, err := partner.SeedFounding(ctx, db); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, ctx: ctx, db: db, store: office.NewStore(db), users: auth.NewService(db)}
	f.store.SetClock(func() time.Time { return now })
	f.staff = f.user("staff@gbsa.test", auth.Membership{Role: auth.RoleStaff, InstitutionID: ptr(gbsa)})
	f.hzStaff = f.user("staff@hgic.test", auth.Membership{Role: auth.RoleStaff, InstitutionID: ptr(hgic)})
	return f
}

func ptr(n int64) *int64 { return &n }

func (f *fixture) user(email string, roles ...auth.Membership) *auth.User {
	f.t.Helper()
	u, err := f.users.CreateUserUnchecked(f.ctx, auth.NewUser{SignUp: auth.SignUp{Email: email, Name: email,
		Password: "correct horse battery", Language: "en"}, Roles: roles})
	if err != nil {
		f.t.Fatalf("user %s: %v", email, err)
	}
	return u
}

// founder creates a start-up of region with sectors and its founder, and
// returns the founder (with the membership loaded) and the start-up's id.
func (f *fixture) founder(region string, sectors ...string) (*auth.User, int64) {
	f.t.Helper()
	f.n++
	u := f.user(fmt.Sprintf("founder%d@startup.test", f.n))
	st, err := directory.NewStore(f.db).CreateStartupUnchecked(f.ctx, 0, directory.StartupInput{
		Name: text.Text{En: fmt.Sprintf("Startup %d", f.n)}, Region: region, City: "Hangzhou", Stage: directory.StageSeed,
		Sectors: sectors, Visibility: directory.Public}, u.ID)
	if err != nil {
		f.t.Fatalf("startup: %v", err)
	}
	if u, err = f.users.User(f.ctx, u.ID); err != nil {
		f.t.Fatal(err)
	}
	return u, st.ID
}

// office opens an office in city with desks, hosted by GBSA.
func (f *fixture) office(city string, desks int, status office.OfficeStatus) *office.Office {
	f.t.Helper()
	region := "gyeonggi"
	o, err := f.store.CreateOffice(f.ctx, f.staff, office.OfficeInput{HostInstitutionID: gbsa,
		Name: text.Text{En: city + " office"}, City: city, Region: region, Desks: desks,
		Services: []office.Service{office.ServiceDesk}, Status: status})
	if err != nil {
		f.t.Fatalf("office %s: %v", city, err)
	}
	return o
}

// request submits a request as founder.
func (f *fixture) request(founder *auth.User, startup int64, city, start string, months, desks int) *office.Request {
	f.t.Helper()
	r, err := f.store.CreateRequest(f.ctx, founder, office.RequestInput{StartupID: startup, TargetCity: city,
		StartMonth: start, Months: months, Desks: desks, Services: []office.Service{office.ServiceDesk}, Purpose: "market entry"})
	if err != nil {
		f.t.Fatalf("request: %v", err)
	}
	return r
}

func (f *fixture) approve(r *office.Request, o *office.Office) *office.Request {
	f.t.Helper()
	got, err := f.store.Decide(f.ctx, f.staff, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: o.ID})
	if err != nil {
		f.t.Fatalf("approve %d: %v", r.ID, err)
	}
	return got
}

func (f *fixture) status(id int64) office.Status {
	f.t.Helper()
	r, err := f.store.Request(f.ctx, f.staff, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r.Status
}

// fullest is the most desks allocated in any month of the office.
func (f *fixture) fullest(officeID int64) int {
	f.t.Helper()
	var n int
	err := f.db.QueryRow(f.ctx, `SELECT COALESCE(MAX(total), 0) FROM (SELECT SUM(desks) AS total FROM office_allocations
		WHERE office_id = ? GROUP BY month) t`, officeID).Scan(&n)
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.QueryRow(f.ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}
