package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// officeMonth is a month of next year, always in the future.
func officeMonth(month int) string { return fmt.Sprintf("%d-%02d", time.Now().Year()+1, month) }

// officeWorld has GBSA staff and Hangzhou start-ups with a founder each,
// all with API tokens.
type officeWorld struct {
	t     *testing.T
	ts    *testserver.TS
	staff string
	n     int
}

func newOfficeWorld(t *testing.T, ts *testserver.TS) *officeWorld {
	w := &officeWorld{t: t, ts: ts}
	gbsa := int64(3)
	u, err := ts.Svc.Auth.CreateUserUnchecked(t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: "staff@gbsa.test", Name: "Staff",
		Password: "correct horse battery", Language: "en"}, Roles: []auth.Membership{{Role: auth.RoleStaff, InstitutionID: &gbsa}}})
	if err != nil {
		t.Fatal(err)
	}
	w.staff = ts.Token(t, u.ID)
	return w
}

// founder makes a start-up of region with a founder and returns the
// founder's token and the start-up's id.
func (w *officeWorld) founder(region string, sectors ...string) (string, int64) {
	w.t.Helper()
	w.n++
	u, err := w.ts.Svc.Auth.CreateUserUnchecked(w.t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: fmt.Sprintf("f%d@startup.test", w.n),
		Name: "Founder", Password: "correct horse battery", Language: "en"}})
	if err != nil {
		w.t.Fatal(err)
	}
	st, err := directory.NewStore(w.ts.DB).CreateStartupUnchecked(w.t.Context(), 0, directory.StartupInput{
		Name: text.Text{En: fmt.Sprintf("Startup %d", w.n)}, Region: region, Stage: directory.StageSeed, Sectors: sectors,
		Visibility: directory.Public}, u.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return w.ts.Token(w.t, u.ID), st.ID
}

func (w *officeWorld) createOffice(city string, desks int, status string) int64 {
	w.t.Helper()
	a := do(w.t, w.ts, call{method: "POST", path: "/api/v1/offices", token: w.staff, body: fmt.Sprintf(
		`{"host_institution_id": 3, "name": {"en": "%s office"}, "city": "%s", "region": "gyeonggi", "desks": %d, "services": ["desk", "legal"], "status": "%s"}`,
		city, city, desks, status)})
	if a.status != http.StatusCreated {
		w.t.Fatalf("create office: %d %s", a.status, a.body)
	}
	return int64(a.object(w.t)["id"].(float64))
}

func (w *officeWorld) request(token string, startup int64, city, start string, months, desks int) int64 {
	w.t.Helper()
	a := do(w.t, w.ts, call{method: "POST", path: "/api/v1/office-requests", token: token, body: fmt.Sprintf(
		`{"startup_id": %d, "target_city": "%s", "start_month": "%s", "months": %d, "desks": %d, "services": ["desk"], "purpose": "Enter the market"}`,
		startup, city, start, months, desks)})
	if a.status != http.StatusCreated || a.object(w.t)["status"] != "submitted" {
		w.t.Fatalf("request: %d %s", a.status, a.body)
	}
	return int64(a.object(w.t)["id"].(float64))
}

func (w *officeWorld) decide(id, office int64) answer {
	return do(w.t, w.ts, call{method: "POST", path: "/api/v1/office-requests/" + itoa(id) + "/decision", token: w.staff,
		body: fmt.Sprintf(`{"decision": "approve", "office_id": %d}`, office)})
}

func TestOfficeRequestFlowOverTheAPI(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		suwon := w.createOffice("Suwon", 2, "open")
		first, firstStartup := w.founder("hangzhou", "ai")
		second, secondStartup := w.founder("hangzhou", "bio")
		start := officeMonth(3)
		r1 := w.request(first, firstStartup, "수원", start, 6, 2)
		if a := do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(r1), token: second}); a.status != http.StatusNotFound {
			t.Errorf("another start-up reads the request: %d, want 404", a.status)
		}
		if a := w.decide(r1, suwon); a.status != http.StatusOK || a.object(t)["status"] != "approved" {
			t.Fatalf("approve: %d %s", a.status, a.body)
		}
		r2 := w.request(second, secondStartup, "Suwon", officeMonth(4), 2, 1)
		if a := w.decide(r2, suwon); a.status != http.StatusOK || a.object(t)["status"] != "waitlisted" {
			t.Fatalf("approve into a full office: %d %s, want waitlisted", a.status, a.body)
		}
		a := do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/offices/%d/occupancy?from=%s&to=%s", suwon, start, officeMonth(4)), token: w.staff})
		if a.status != http.StatusOK || !strings.Contains(string(a.body), `{"month":"`+officeMonth(4)+`","desks":2,"allocated":2}`) {
			t.Errorf("occupancy: %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "POST", path: "/api/v1/office-requests/" + itoa(r1) + "/cancel", token: second}); a.status != http.StatusNotFound {
			t.Errorf("another start-up cancels: %d, want 404", a.status)
		}
		if a := do(t, ts, call{method: "POST", path: "/api/v1/office-requests/" + itoa(r1) + "/cancel", token: first}); a.status != http.StatusOK || a.object(t)["status"] != "cancelled" {
			t.Fatalf("cancel: %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(r2), token: second}); a.object(t)["status"] != "approved" {
			t.Errorf("waitlisted request after the cancellation: %s, want approved", a.body)
		}
		a = do(t, ts, call{method: "GET", path: "/api/v1/notifications", token: second, header: map[string]string{"Accept-Language": "zh-CN"}})
		if a.status != http.StatusOK || !strings.Contains(string(a.body), "有空位了") {
			t.Errorf("the promoted founder's notifications: %d %s", a.status, a.body)
		}
		list := do(t, ts, call{method: "GET", path: "/api/v1/office-requests", token: second}).object(t)["items"].([]any)
		if len(list) != 1 {
			t.Errorf("the second founder lists %d requests, want their own 1", len(list))
		}
		for _, city := range []string{"Shenzhen", "深圳", "선전"} {
			w.request(first, firstStartup, city, start, 3, 1)
		}
		a = do(t, ts, call{method: "GET", path: "/api/v1/offices/demand?from=" + start + "&to=" + officeMonth(8), token: w.staff})
		if a.status != http.StatusOK || !strings.Contains(string(a.body), `"city":"Shenzhen","key":"shenzhen"`) ||
			!strings.Contains(string(a.body), `"office_id":null`) || !strings.Contains(string(a.body), "Shenzhen: 3 requests in 6 months, no office") {
			t.Errorf("demand: %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "GET", path: "/api/v1/offices/demand", token: first}); a.status != http.StatusForbidden {
			t.Errorf("a founder reads the demand: %d, want 403", a.status)
		}
	})
}

func TestOfficeCreationIsIdempotent(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		body := `{"host_institution_id": 3, "name": {"ko": "수원 사무소"}, "city": "Suwon", "region": "gyeonggi", "desks": 4, "status": "open"}`
		key := map[string]string{"Idempotency-Key": "office-1"}
		a := do(t, ts, call{method: "POST", path: "/api/v1/offices", token: w.staff, body: body, header: key})
		b := do(t, ts, call{method: "POST", path: "/api/v1/offices", token: w.staff, body: body, header: key})
		if a.status != http.StatusCreated || b.status != http.StatusCreated || string(a.body) != string(b.body) || count(t, ts, "offices") != 1 {
			t.Errorf("repeat: %d %s / %d %s, %d offices", a.status, a.body, b.status, b.body, count(t, ts, "offices"))
		}
		founder, startup := w.founder("hangzhou")
		if a := do(t, ts, call{method: "POST", path: "/api/v1/offices", token: founder, body: body}); a.status != http.StatusForbidden {
			t.Errorf("a founder opens an office: %d, want 403", a.status)
		}
		req := fmt.Sprintf(`{"startup_id": %d, "target_city": "深圳", "start_month": "%s", "months": 2, "desks": 1}`, startup, officeMonth(5))
		rkey := map[string]string{"Idempotency-Key": "request-1"}
		a = do(t, ts, call{method: "POST", path: "/api/v1/office-requests", token: founder, body: req, header: rkey})
		b = do(t, ts, call{method: "POST", path: "/api/v1/office-requests", token: founder, body: req, header: rkey})
		if a.status != http.StatusCreated || string(a.body) != string(b.body) || count(t, ts, "office_requests") != 1 {
			t.Errorf("repeated request: %d %s / %d %s, %d stored", a.status, a.body, b.status, b.body, count(t, ts, "office_requests"))
		}
	})
}

func TestBadOfficeInputGetsCodedTranslatedErrors(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		suwon := w.createOffice("Suwon", 3, "open")
		closed := w.createOffice("Yongin", 3, "closed")
		founder, startup := w.founder("hangzhou")
		past := time.Now().AddDate(0, -2, 0).Format("2006-01")
		tests := []struct {
			name, body, field string
		}{
			{"start month in the past", fmt.Sprintf(`{"startup_id": %d, "target_city": "Suwon", "start_month": "%s", "months": 3, "desks": 1}`, startup, past), "start_month"},
			{"0 months", fmt.Sprintf(`{"startup_id": %d, "target_city": "Suwon", "start_month": "%s", "months": 0, "desks": 1}`, startup, officeMonth(3)), "months"},
			{"13 months", fmt.Sprintf(`{"startup_id": %d, "target_city": "Suwon", "start_month": "%s", "months": 13, "desks": 1}`, startup, officeMonth(3)), "months"},
			{"0 desks", fmt.Sprintf(`{"startup_id": %d, "target_city": "Suwon", "start_month": "%s", "months": 3, "desks": 0}`, startup, officeMonth(3)), "desks"},
			{"desks above the office", fmt.Sprintf(`{"startup_id": %d, "target_city": "수원시", "start_month": "%s", "months": 3, "desks": 4}`, startup, officeMonth(3)), "desks"},
			{"months as text", fmt.Sprintf(`{"startup_id": %d, "target_city": "Suwon", "start_month": "%s", "months": "three", "desks": 1}`, startup, officeMonth(3)), "months"},
		}
		for _, tt := range tests {
			a := do(t, ts, call{method: "POST", path: "/api/v1/office-requests", token: founder, body: tt.body,
				header: map[string]string{"Accept-Language": "ko"}})
			p := a.problem(t)
			if a.status != http.StatusBadRequest || p.Code != "invalid" || p.message(tt.field) == "" || !officeHangul(p.message(tt.field)) {
				t.Errorf("%s: %d %s, want 400 invalid naming %s in Korean", tt.name, a.status, a.body, tt.field)
			}
		}
		if n := count(t, ts, "office_requests"); n != 0 {
			t.Fatalf("%d requests stored from bad input", n)
		}
		r := w.request(founder, startup, "Suwon", officeMonth(3), 3, 1)
		a := w.decide(r, closed)
		if p := a.problem(t); a.status != http.StatusConflict || p.Code != "office_not_open" {
			t.Errorf("approve into a closed office: %d %s", a.status, a.body)
		}
		w.decide(r, suwon)
		a = w.decide(r, suwon)
		if p := a.problem(t); a.status != http.StatusConflict || p.Code != "already_decided" || p.Detail == "" {
			t.Errorf("deciding twice: %d %s", a.status, a.body)
		}
		if n := count(t, ts, "office_allocations"); n != 3 {
			t.Errorf("%d allocations after refused decisions, want the 3 months of the approval", n)
		}
	})
}

// Staff approve many requests at once over real HTTP: no month of the
// office ever holds more desks than it has.
func TestConcurrentApprovalsOverHTTPNeverOverbook(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		o := w.createOffice("Suwon", 4, "open")
		var ids []int64
		for i := 0; i < 12; i++ {
			token, startup := w.founder("hangzhou")
			ids = append(ids, w.request(token, startup, "Suwon", officeMonth(3+i%2), 2+i%3, 1+i%2))
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if a := w.decide(id, o); a.status != http.StatusOK {
					t.Errorf("decide %d: %d %s", id, a.status, a.body)
				}
			}()
		}
		close(start)
		wg.Wait()
		var fullest int
		if err := ts.DB.QueryRow(t.Context(), `SELECT COALESCE(MAX(total), 0) FROM (SELECT SUM(desks) AS total FROM office_allocations GROUP BY month) t`).Scan(&fullest); err != nil {
			t.Fatal(err)
		}
		if fullest > 4 || fullest == 0 {
			t.Errorf("the fullest month holds %d desks of 4", fullest)
		}
	})
}

func officeHangul(s string) bool {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return true
		}
	}
	return false
}

func TestShorterStaysAndMoreDesksPromoteOverTheAPI(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		o := w.createOffice("Suwon", 1, "open")
		a, sa := w.founder("hangzhou")
		b, sb := w.founder("hangzhou")
		c, sc := w.founder("hangzhou")
		long := w.request(a, sa, "Suwon", officeMonth(3), 6, 1)
		w.decide(long, o)
		late := w.request(b, sb, "Suwon", officeMonth(7), 2, 1)
		early := w.request(c, sc, "Suwon", officeMonth(3), 2, 1)
		for _, id := range []int64{late, early} {
			if a := w.decide(id, o); a.object(t)["status"] != "waitlisted" {
				t.Fatalf("request %d: %s, want waitlisted", id, a.body)
			}
		}
		path := "/api/v1/office-requests/" + itoa(long)
		if a := do(t, ts, call{method: "PATCH", path: path, token: a, body: `{"months": 4}`}); a.status != http.StatusPreconditionRequired {
			t.Errorf("PATCH without If-Match: %d, want 428", a.status)
		}
		if a := do(t, ts, call{method: "PATCH", path: path, token: a, body: `{"months": 4}`, header: map[string]string{"If-Match": `"1"`}}); a.status != http.StatusPreconditionFailed {
			t.Errorf("PATCH with a stale If-Match: %d %s, want 412", a.status, a.body)
		}
		etag := do(t, ts, call{method: "GET", path: path, token: a}).header.Get("ETag")
		if r := do(t, ts, call{method: "PATCH", path: path, token: a, body: `{"months": 8}`, header: map[string]string{"If-Match": etag}}); r.status != http.StatusBadRequest {
			t.Errorf("lengthening an approved stay: %d %s, want 400", r.status, r.body)
		}
		// Four months free months 7 and 8: the later request fits there and
		// moves up; the earlier one still overlaps and waits.
		if r := do(t, ts, call{method: "PATCH", path: path, token: a, body: `{"months": 4}`, header: map[string]string{"If-Match": etag}}); r.status != http.StatusOK {
			t.Fatalf("shorten: %d %s", r.status, r.body)
		}
		status := func(token string, id int64) any {
			return do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(id), token: token}).object(t)["status"]
		}
		if status(b, late) != "approved" || status(c, early) != "waitlisted" {
			t.Errorf("after shortening: later %v, earlier %v; want approved and waitlisted", status(b, late), status(c, early))
		}
		opath := "/api/v1/offices/" + itoa(o)
		oetag := do(t, ts, call{method: "GET", path: opath}).header.Get("ETag")
		if r := do(t, ts, call{method: "PATCH", path: opath, token: w.staff, body: `{"desks": 2}`, header: map[string]string{"If-Match": oetag}}); r.status != http.StatusOK {
			t.Fatalf("more desks: %d %s", r.status, r.body)
		}
		if status(c, early) != "approved" {
			t.Errorf("after more desks the earlier request is %v, want approved", status(c, early))
		}
		oetag = do(t, ts, call{method: "GET", path: opath}).header.Get("ETag")
		r := do(t, ts, call{method: "PATCH", path: opath, token: w.staff, body: `{"desks": 1}`, header: map[string]string{"If-Match": oetag}})
		if p := r.problem(t); r.status != http.StatusConflict || p.Code != "over_capacity" {
			t.Errorf("fewer desks than allocated: %d %s, want 409 over_capacity", r.status, r.body)
		}
	})
}
