// Package bookingtest sets up base points, resources, start-ups and people
// for the tests of bookings in every package: a base point in Hangzhou and
// one in Gyeonggi, their staff, and a start-up with a founder on each side.
package bookingtest

import (
	"context"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/partner"
	"startbridge/internal/text"
)

// Password is every fixture account's password.
const Password = "booking-test-passphrase"

// Fixture is the cast and the places of a booking test.
type Fixture struct {
	DB    *database.DB
	Store *booking.Store
	// StaffHZ runs the Hangzhou base point, StaffGG the Gyeonggi one.
	StaffHZ, StaffGG *auth.User
	// FounderKR founded StartupKR (Gyeonggi), FounderCN StartupCN (Hangzhou).
	FounderKR, FounderCN *auth.User
	StartupKR, StartupCN int64
	// Hangzhou opens Monday to Friday 09:00–18:00 and Saturday 10:00–16:00,
	// in Asia/Shanghai; Gyeonggi Monday to Friday 09:00–18:00 in Asia/Seoul.
	Hangzhou, Gyeonggi *booking.BasePoint
	// Room is a Hangzhou meeting room for 3, in 30-minute steps, open to
	// all regions, without approval.
	Room *booking.Resource
	// Desks are Gyeonggi hot desks for 10, by whole days, with approval.
	Desks *booking.Resource
}

// Setup seeds the founding data and creates the fixture on db.
func Setup(t testing.TB, db *database.DB) *Fixture {
	t.Helper()
	ctx := context.Background()
	if _, err := partner.SeedFounding(ctx, db); err != nil {
		t.Fatalf("seed: %v", err)
	}
	f := &Fixture{DB: db, Store: booking.NewStore(db)}
	f.StaffHZ = User(t, db, "staff.hz@test.startbridge", "王芳", "zh", "hangzhou", "hangzhou-global-innovation-center")
	f.StaffGG = User(t, db, "staff.gg@test.startbridge", "박서연", "ko", "gyeonggi", "gbsa")
	kr := User(t, db, "founder.kr@test.startbridge", "김민지", "ko", "gyeonggi", "")
	cn := User(t, db, "founder.cn@test.startbridge", "刘洋", "zh", "hangzhou", "")
	f.StartupKR = Startup(t, db, kr, "gyeonggi", text.Text{Ko: "판교로보틱스", En: "Pangyo Robotics"})
	f.StartupCN = Startup(t, db, cn, "hangzhou", text.Text{Zh: "西湖智能", En: "West Lake AI"})
	f.FounderKR, f.FounderCN = Reload(t, db, kr.ID), Reload(t, db, cn.ID)

	var err error
	weekdays := booking.OpeningHours{}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		weekdays[d] = []string{"09:00", "18:00"}
	}
	hz := booking.OpeningHours{"sat": {"10:00", "16:00"}}
	for d, h := range weekdays {
		hz[d] = h
	}
	f.Hangzhou, err = f.Store.CreateBasePoint(ctx, f.StaffHZ, booking.BasePointInput{
		InstitutionID: *f.StaffHZ.Roles[0].InstitutionID, Region: "hangzhou", TimeZone: "Asia/Shanghai",
		Name:    text.Text{Ko: "항저우 글로벌 혁신센터 창업기지", Zh: "杭州全球创新中心孵化基地", En: "Hangzhou Global Innovation Base"},
		Address: "杭州市余杭区文一西路 1818 号", OpeningHours: hz})
	if err != nil {
		t.Fatalf("base point: %v", err)
	}
	f.Gyeonggi, err = f.Store.CreateBasePoint(ctx, f.StaffGG, booking.BasePointInput{
		InstitutionID: *f.StaffGG.Roles[0].InstitutionID, Region: "gyeonggi", TimeZone: "Asia/Seoul",
		Name:    text.Text{Ko: "판교 창업존", Zh: "板桥创业区", En: "Pangyo Startup Zone"},
		Address: "경기도 성남시 분당구 판교로 289번길 20", OpeningHours: weekdays})
	if err != nil {
		t.Fatalf("base point: %v", err)
	}
	f.Room, err = f.Store.CreateResource(ctx, f.StaffHZ, booking.ResourceInput{
		BasePointID: f.Hangzhou.ID, Kind: booking.MeetingRoom, Capacity: 3, GranularityMinutes: 30,
		Name:   text.Text{Ko: "회의실 A", Zh: "会议室 A", En: "Meeting room A"},
		OpenTo: booking.AllRegions, MaxAdvanceDays: 90, CancelDeadlineMinutes: 60})
	if err != nil {
		t.Fatalf("room: %v", err)
	}
	f.Desks, err = f.Store.CreateResource(ctx, f.StaffGG, booking.ResourceInput{
		BasePointID: f.Gyeonggi.ID, Kind: booking.Desk, Capacity: 10, WholeDays: true, ApprovalRequired: true,
		Name:   text.Text{Ko: "자유석", Zh: "开放工位", En: "Hot desks"},
		OpenTo: booking.AllRegions, MaxAdvanceDays: 60})
	if err != nil {
		t.Fatalf("desks: %v", err)
	}
	return f
}

// User creates an account; with an institution slug it is that
// institution's staff.
func User(t testing.TB, db *database.DB, email, name, lang, region, institution string) *auth.User {
	t.Helper()
	ctx := context.Background()
	in := auth.NewUser{SignUp: auth.SignUp{Email: email, Name: name, Password: Password, Language: lang,
		Region: region, ConsentCrossBorder: true}}
	if institution != "" {
		var id int64
		if err := db.QueryRow(ctx, `SELECT id FROM institutions WHERE slug = ?`, institution).Scan(&id); err != nil {
			t.Fatalf("institution %s: %v", institution, err)
		}
		in.Roles = []auth.Membership{{Role: auth.RoleStaff, InstitutionID: &id}}
	}
	u, err := auth.NewService(db).CreateUserUnchecked(ctx, in)
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}

// Startup creates a start-up with founder on its team.
func Startup(t testing.TB, db *database.DB, founder *auth.User, region string, name text.Text) int64 {
	t.Helper()
	st, err := directory.NewStore(db).CreateStartupUnchecked(context.Background(), 0, directory.StartupInput{
		Name: name, Region: region, City: map[string]string{"gyeonggi": "Seongnam", "hangzhou": "Hangzhou"}[region],
		Stage: directory.StageSeed, Sectors: []string{"ai"}, Visibility: directory.Public}, founder.ID)
	if err != nil {
		t.Fatalf("start-up: %v", err)
	}
	return st.ID
}

// Reload reads a user again, with the memberships added since.
func Reload(t testing.TB, db *database.DB, id int64) *auth.User {
	t.Helper()
	u, err := auth.NewService(db).User(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Day returns the date, in loc, of the first weekday day that is at least
// two days after now, at midnight.
func Day(loc *time.Location, day time.Weekday) time.Time {
	d := time.Now().In(loc).AddDate(0, 0, 2)
	for d.Weekday() != day {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// At is the instant hh:mm on day, in day's zone.
func At(day time.Time, hh, mm int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, day.Location())
}
