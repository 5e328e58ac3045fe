package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/office"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

const officePassword = "correct horse battery"

// officeSite is a test server with GBSA staff, an open office of two desks
// in Suwon and Hangzhou start-ups whose founders sign in with
// officePassword.
type officeSite struct {
	t      *testing.T
	ts     *testserver.TS
	store  *office.Store
	staff  *auth.User
	suwon  *office.Office
	n      int
	months func(int) string
}

func newOfficeSite(t *testing.T, ts *testserver.TS) *officeSite {
	t.Helper()
	gbsa := int64(3)
	s := &officeSite{t: t, ts: ts, store: office.NewStore(ts.DB)}
	s.staff = s.user("staff@gbsa.test", "ko", auth.Membership{Role: auth.RoleStaff, InstitutionID: &gbsa})
	var err error
	s.suwon, err = s.store.CreateOffice(t.Context(), s.staff, office.OfficeInput{HostInstitutionID: gbsa,
		Name: text.Text{Ko: "경기-항저우 수원 사무소", Zh: "京畿-杭州 水原办公室", En: "Gyeonggi-Hangzhou Suwon office"}, City: "수원",
		Region: "gyeonggi", Desks: 2, Services: []office.Service{office.ServiceDesk, office.ServiceLegal}, Status: office.OfficeOpen})
	if err != nil {
		t.Fatal(err)
	}
	this := s.store.ThisMonth()
	s.months = func(n int) string { return office.AddMonths(this, n) }
	return s
}

func (s *officeSite) user(email, lang string, roles ...auth.Membership) *auth.User {
	s.t.Helper()
	u, err := s.ts.Svc.Auth.CreateUserUnchecked(s.t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: email, Name: email,
		Password: officePassword, Language: lang}, Roles: roles})
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// founder makes a Hangzhou start-up and its founder.
func (s *officeSite) founder(name, lang string) (*auth.User, int64) {
	s.t.Helper()
	s.n++
	u := s.user(fmt.Sprintf("founder%d@startup.test", s.n), lang)
	st, err := directory.NewStore(s.ts.DB).CreateStartupUnchecked(s.t.Context(), 0, directory.StartupInput{
		Name: text.Text{En: name, Zh: name}, Region: "hangzhou", City: "Hangzhou", Stage: directory.StageSeed,
		Sectors: []string{"ai"}, Visibility: directory.Public}, u.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	if u, err = s.ts.Svc.Auth.User(s.t.Context(), u.ID); err != nil {
		s.t.Fatal(err)
	}
	return u, st.ID
}

func TestRequestFormShowsTranslatedErrorsBesideTheFields(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		s := newOfficeSite(t, ts)
		founder, startup := s.founder("Westlake Robotics", "ko")
		b := newBrowser(t, ts)
		b.login(founder.Email, officePassword)
		b.get("/office-requests/new").want(t, http.StatusOK, "사무소 지원 신청", "선전")
		past := office.AddMonths(s.store.ThisMonth(), -1)
		r := b.post("/office-requests", url.Values{"startup_id": {fmt.Sprint(startup)}, "target_city": {"수원"},
			"start_month": {past}, "months": {"13"}, "desks": {"3"}, "services": {"desk"}})
		r.want(t, http.StatusBadRequest, "수원")
		for field, want := range map[string]string{"start_month": "이미 지난 달입니다", "months": "1개월에서 12개월", "desks": "책상이 2개뿐입니다"} {
			if got := r.fieldError(field); got == "" || !strings.Contains(got, want) {
				t.Errorf("%s: %q, want a message with %q", field, got, want)
			}
		}
		var n int
		ts.DB.QueryRow(t.Context(), `SELECT COUNT(*) FROM office_requests`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d requests stored from a refused form", n)
		}
		r = b.post("/office-requests", url.Values{"startup_id": {fmt.Sprint(startup)}, "target_city": {"Suwon"},
			"start_month": {s.months(1)}, "months": {"6"}, "desks": {"2"}, "services": {"desk"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("valid form: %d, want 303\n%s", r.Status, r.Body)
		}
		b.get(r.Location).want(t, http.StatusOK, "접수됨", "Westlake Robotics")
		other, _ := s.founder("Other", "en")
		ob := newBrowser(t, ts)
		ob.login(other.Email, officePassword)
		if r := ob.get(r.Location); r.Status != http.StatusNotFound {
			t.Errorf("another founder opens the request: %d, want 404", r.Status)
		}
		if r := ob.get("/offices/demand"); r.Status != http.StatusForbidden {
			t.Errorf("a founder opens the demand view: %d, want 403", r.Status)
		}
	})
}

func TestMoreDesksOnTheOfficePagePromoteTheWaitlist(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		s := newOfficeSite(t, ts)
		a, sa := s.founder("Alpha", "en")
		b, sb := s.founder("Beta", "zh")
		ctx := t.Context()
		ra, err := s.store.CreateRequest(ctx, a, office.RequestInput{StartupID: sa, TargetCity: "Suwon", StartMonth: s.months(1), Months: 3, Desks: 2})
		if err != nil {
			t.Fatal(err)
		}
		rb, err := s.store.CreateRequest(ctx, b, office.RequestInput{StartupID: sb, TargetCity: "Suwon", StartMonth: s.months(2), Months: 1, Desks: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{ra.ID, rb.ID} {
			if _, err := s.store.Decide(ctx, s.staff, id, office.Decision{Decision: office.DecideApprove, OfficeID: s.suwon.ID}); err != nil {
				t.Fatal(err)
			}
		}
		staff := newBrowser(t, ts)
		staff.login(s.staff.Email, officePassword)
		page := fmt.Sprintf("/offices/%d", s.suwon.ID)
		staff.get(page).want(t, http.StatusOK, "책상 수와 상태")
		r := staff.post(page, url.Values{"desks": {"0"}, "status": {"open"}, "version": {"1"}})
		if r.Status != http.StatusBadRequest || r.fieldError("desks") == "" {
			t.Errorf("0 desks: %d, desks error %q", r.Status, r.fieldError("desks"))
		}
		r = staff.post(page, url.Values{"desks": {"3"}, "status": {"open"}, "version": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("more desks: %d\n%s", r.Status, r.Body)
		}
		got, err := s.store.Request(ctx, b, rb.ID)
		if err != nil || got.Status != office.StatusApproved {
			t.Errorf("waitlisted request after more desks: %+v %v, want approved", got, err)
		}
		founder := newBrowser(t, ts)
		founder.login(a.Email, officePassword)
		if r := founder.post(page, url.Values{"desks": {"9"}, "status": {"open"}, "version": {"2"}}); r.Status != http.StatusForbidden {
			t.Errorf("a founder changes the office: %d, want 403", r.Status)
		}
	})
}
