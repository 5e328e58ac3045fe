package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/testserver"
)

// patchCase is one PATCH of a scenario and what it must answer.
type patchCase struct {
	name   string
	token  string
	body   string
	etag   string
	status int
	code   string
	field  string
}

// runPatches sends each case to path and checks its answer; every refusal
// must leave the object at the version it had.
func runPatches(t *testing.T, ts *testserver.TS, path string, cases []patchCase) {
	t.Helper()
	for _, c := range cases {
		before := do(t, ts, call{method: "GET", path: path}).header.Get("ETag")
		header := map[string]string{"Accept-Language": "en"}
		if c.etag != "" {
			header["If-Match"] = c.etag
		}
		a := do(t, ts, call{method: "PATCH", path: path, token: c.token, body: c.body, header: header})
		if a.status != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, a.status, a.body, c.status)
			continue
		}
		if c.status == http.StatusOK {
			continue
		}
		p := a.problem(t)
		if c.code != "" && p.Code != c.code {
			t.Errorf("%s: code %q, want %q", c.name, p.Code, c.code)
		}
		if c.field != "" && p.message(c.field) == "" {
			t.Errorf("%s: no message for %s in %s", c.name, c.field, a.body)
		}
		if after := do(t, ts, call{method: "GET", path: path}).header.Get("ETag"); after != before {
			t.Errorf("%s: refused, yet the ETag moved from %s to %s", c.name, before, after)
		}
	}
}

func TestAPIPatchResourceGuardsTheBookingsItHolds(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		staff, other, founder := ts.Token(t, f.StaffHZ.ID), ts.Token(t, f.StaffGG.ID), ts.Token(t, f.FounderCN.ID)
		day := bookingtest.Day(shanghai, time.Tuesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }
		for _, b := range []string{bookingBody(f.Room.ID, f.StartupCN, at(10, 0), at(11, 0), 2),
			bookingBody(f.Room.ID, f.StartupCN, at(10, 30), at(11, 30), 1)} {
			if a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: founder, body: b}); a.status != http.StatusCreated {
				t.Fatalf("book: %d %s", a.status, a.body)
			}
		}
		path := "/api/v1/resources/" + itoa(f.Room.ID)
		etag := do(t, ts, call{method: "GET", path: path}).header.Get("ETag")
		runPatches(t, ts, path, []patchCase{
			{"no token", "", `{"capacity": 5}`, etag, http.StatusUnauthorized, "unauthenticated", ""},
			{"a founder", founder, `{"capacity": 5}`, etag, http.StatusForbidden, "forbidden", ""},
			{"staff of another institution", other, `{"capacity": 5}`, etag, http.StatusForbidden, "forbidden", ""},
			{"no If-Match", staff, `{"capacity": 5}`, "", http.StatusPreconditionRequired, "precondition_required", ""},
			{"stale If-Match", staff, `{"capacity": 5}`, `"99"`, http.StatusPreconditionFailed, "stale_version", ""},
			{"capacity 0", staff, `{"capacity": 0}`, etag, http.StatusBadRequest, "invalid", "capacity"},
			{"granularity 7", staff, `{"granularity_minutes": 7}`, etag, http.StatusBadRequest, "invalid", "granularity_minutes"},
			{"unknown member", staff, `{"seats": 4}`, etag, http.StatusBadRequest, "", ""},
			{"another base point", staff, fmt.Sprintf(`{"basepoint_id": %d}`, f.Gyeonggi.ID), etag, http.StatusBadRequest, "invalid", "basepoint_id"},
			{"capacity below what is held", staff, `{"capacity": 2}`, etag, http.StatusConflict, "over_capacity", ""},
			{"hour steps across a half-hour booking", staff, `{"granularity_minutes": 60}`, etag, http.StatusConflict, "bookings_affected", ""},
		})
		a := do(t, ts, call{method: "PATCH", path: path, token: staff, body: `{"capacity": 2}`, header: map[string]string{"If-Match": etag}})
		var over struct {
			Detail   string `json:"detail"`
			Held     int    `json:"held"`
			Conflict struct {
				Start, End time.Time
			} `json:"conflict"`
		}
		decodeInto(t, a, &over)
		if over.Held != 3 || !over.Conflict.Start.Equal(at(10, 30)) || !over.Conflict.End.Equal(at(11, 0)) ||
			!strings.Contains(over.Detail, "10:30") {
			t.Errorf("over_capacity = %+v, want 3 held 10:30–11:00 named in the detail", over)
		}

		a = do(t, ts, call{method: "PATCH", path: path, token: staff, header: map[string]string{"If-Match": etag},
			body: `{"capacity": 4, "name": {"en": "Room A", "zh": "会议室甲"}, "price_minor": 8000, "price_currency": "CNY", "monthly_quota_hours": 6}`})
		got := a.object(t)
		if a.status != http.StatusOK || got["capacity"] != 4.0 || got["price_minor"] != 8000.0 || got["monthly_quota_hours"] != 6.0 ||
			got["granularity_minutes"] != 30.0 || got["version"] != 2.0 || a.header.Get("ETag") != `"2"` {
			t.Errorf("patch: %d %s", a.status, a.body)
		}
		a = do(t, ts, call{method: "PATCH", path: path, token: staff, body: `{"retired": true}`, header: map[string]string{"If-Match": `"2"`}})
		if a.status != http.StatusOK || a.object(t)["retired"] != true {
			t.Fatalf("retire: %d %s", a.status, a.body)
		}
		b := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: founder,
			body: bookingBody(f.Room.ID, f.StartupCN, at(14, 0), at(15, 0), 1)})
		if p := b.problem(t); b.status != http.StatusConflict || p.Code != "retired" {
			t.Errorf("booking a retired room: %d %s", b.status, b.body)
		}
	})
}

func TestAPIPatchBasePointKeepsBookingsInsideOpeningHours(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		staff, founder := ts.Token(t, f.StaffHZ.ID), ts.Token(t, f.FounderCN.ID)
		day := bookingtest.Day(shanghai, time.Tuesday)
		if a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: founder,
			body: bookingBody(f.Room.ID, f.StartupCN, bookingtest.At(day, 9, 0), bookingtest.At(day, 10, 0), 1)}); a.status != http.StatusCreated {
			t.Fatalf("book: %d %s", a.status, a.body)
		}
		path := "/api/v1/basepoints/" + itoa(f.Hangzhou.ID)
		etag := do(t, ts, call{method: "GET", path: path}).header.Get("ETag")
		runPatches(t, ts, path, []patchCase{
			{"a founder", founder, `{"address": "x"}`, etag, http.StatusForbidden, "forbidden", ""},
			{"no If-Match", staff, `{"address": "x"}`, "", http.StatusPreconditionRequired, "precondition_required", ""},
			{"stale If-Match", staff, `{"address": "x"}`, `"7"`, http.StatusPreconditionFailed, "stale_version", ""},
			{"unknown zone", staff, `{"time_zone": "Mars/Olympus"}`, etag, http.StatusBadRequest, "invalid", "time_zone"},
			{"closing before opening", staff, `{"opening_hours": {"mon": ["18:00", "09:00"]}}`, etag, http.StatusBadRequest, "invalid", "opening_hours.mon"},
			{"no name", staff, `{"name": {"ko": "", "zh": "", "en": " "}}`, etag, http.StatusBadRequest, "invalid", "name"},
			{"Tuesday opens at 10", staff, `{"opening_hours": {"mon": ["09:00", "18:00"], "tue": ["10:00", "18:00"]}}`, etag,
				http.StatusConflict, "bookings_affected", ""},
			{"London time", staff, `{"time_zone": "Europe/London"}`, etag, http.StatusConflict, "bookings_affected", ""},
		})
		// The whole week is replaced: only Monday and Tuesday stay open.
		a := do(t, ts, call{method: "PATCH", path: path, token: staff, header: map[string]string{"If-Match": etag},
			body: `{"opening_hours": {"mon": ["09:00", "18:00"], "tue": ["08:00", "20:00"]}, "address": "1818 Wenyi West Road"}`})
		got := a.object(t)
		hours, _ := got["opening_hours"].(map[string]any)
		if a.status != http.StatusOK || len(hours) != 2 || got["address"] != "1818 Wenyi West Road" || a.header.Get("ETag") != `"2"` {
			t.Errorf("patch: %d %s", a.status, a.body)
		}
	})
}

func TestAPIPatchOfficeRefusesBadChangesAndChangesNothing(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		o := w.createOffice("Suwon", 2, "open")
		a, sa := w.founder("hangzhou")
		b, sb := w.founder("hangzhou")
		start := office0Month(t, ts, 2)
		held := w.request(a, sa, "Suwon", start, 2, 2)
		waiting := w.request(b, sb, "水原", start, 1, 1)
		for _, id := range []int64{held, waiting} {
			if r := do(t, ts, call{method: "POST", path: "/api/v1/office-requests/" + itoa(id) + "/decision", token: w.staff,
				body: fmt.Sprintf(`{"decision": "approve", "office_id": %d}`, o)}); r.status != http.StatusOK {
				t.Fatalf("decide: %d %s", r.status, r.body)
			}
		}
		path := "/api/v1/offices/" + itoa(o)
		etag := do(t, ts, call{method: "GET", path: path}).header.Get("ETag")
		runPatches(t, ts, path, []patchCase{
			{"a founder", a, `{"desks": 5}`, etag, http.StatusForbidden, "forbidden", ""},
			{"no If-Match", w.staff, `{"desks": 5}`, "", http.StatusPreconditionRequired, "precondition_required", ""},
			{"stale If-Match", w.staff, `{"desks": 5}`, `"9"`, http.StatusPreconditionFailed, "stale_version", ""},
			{"0 desks", w.staff, `{"desks": 0}`, etag, http.StatusBadRequest, "invalid", "desks"},
			{"unknown service", w.staff, `{"services": ["desk", "catering"]}`, etag, http.StatusBadRequest, "invalid", "services[1]"},
			{"unknown city", w.staff, `{"city": "Atlantis"}`, etag, http.StatusBadRequest, "invalid", "city"},
			{"city of no partner region", w.staff, `{"city": "Shenzhen"}`, etag, http.StatusBadRequest, "invalid", "city"},
			{"desks below the allocation", w.staff, `{"desks": 1}`, etag, http.StatusConflict, "over_capacity", ""},
			{"closing while desks are held", w.staff, `{"status": "closed"}`, etag, http.StatusConflict, "office_in_use", ""},
			{"moving while desks are held", w.staff, `{"city": "杭州"}`, etag, http.StatusConflict, "office_in_use", ""},
		})
		r := do(t, ts, call{method: "PATCH", path: path, token: w.staff, body: `{"desks": 1}`,
			header: map[string]string{"If-Match": etag, "Accept-Language": "ko"}})
		if p := r.problem(t); !strings.Contains(p.Detail, start) {
			t.Errorf("over_capacity detail %q does not name %s", p.Detail, start)
		}
		if st := do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(waiting), token: b}).object(t)["status"]; st != "waitlisted" {
			t.Fatalf("second request is %v, want waitlisted", st)
		}
		// Three desks: the waitlisted request fits and is approved, and its
		// founder hears of it.
		r = do(t, ts, call{method: "PATCH", path: path, token: w.staff, body: `{"desks": 3}`, header: map[string]string{"If-Match": etag}})
		if r.status != http.StatusOK || r.object(t)["desks"] != 3.0 {
			t.Fatalf("more desks: %d %s", r.status, r.body)
		}
		if st := do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(waiting), token: b}).object(t)["status"]; st != "approved" {
			t.Errorf("after more desks the waitlisted request is %v, want approved", st)
		}
		// An office without desks allocated may move; the new city brings
		// its region when none is given.
		empty := "/api/v1/offices/" + itoa(w.createOffice("Yongin", 2, "proposed"))
		r = do(t, ts, call{method: "PATCH", path: empty, token: w.staff, body: `{"city": "杭州", "name": {"en": "Hangzhou office"}}`,
			header: map[string]string{"If-Match": `"1"`}})
		if got := r.object(t); r.status != http.StatusOK || got["city_code"] != "hangzhou" || got["region"] != "hangzhou" {
			t.Errorf("move to Hangzhou: %d %s", r.status, r.body)
		}
		notes := do(t, ts, call{method: "GET", path: "/api/v1/notifications", token: b})
		if !strings.Contains(string(notes.body), `"key":"office.notify.promoted"`) {
			t.Errorf("the founder was not told of the promotion: %s", notes.body)
		}
	})
}

// office0Month is the month n months from now, as the office store counts
// months.
func office0Month(t *testing.T, ts *testserver.TS, n int) string {
	t.Helper()
	now := time.Now().In(time.FixedZone("UTC+8", 8*3600))
	return time.Date(now.Year(), now.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// TestAPICapacityEditRacesBookingsOnTwoInstances lowers a room's capacity
// on one instance while clients book it on two: the slot never ends up
// holding more than the capacity stored.
func TestAPICapacityEditRacesBookingsOnTwoInstances(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		urls := []string{ts.URL, secondInstance(t, ts)}
		founder, staff := ts.Token(t, f.FounderKR.ID), ts.Token(t, f.StaffHZ.ID)
		day := bookingtest.Day(shanghai, time.Wednesday)
		start := bookingtest.At(day, 14, 0)
		body := bookingBody(f.Room.ID, f.StartupKR, start, start.Add(30*time.Minute), 1)
		var wg sync.WaitGroup
		ready := make(chan struct{})
		send := func(url, method, path, token, body string, header map[string]string) {
			defer wg.Done()
			<-ready
			req, _ := http.NewRequest(method, url+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			for k, v := range header {
				req.Header.Set(k, v)
			}
			if res, err := http.DefaultClient.Do(req); err == nil {
				if res.StatusCode >= 500 {
					t.Errorf("%s %s: %d", method, path, res.StatusCode)
				}
				res.Body.Close()
			}
		}
		for i := range 16 {
			wg.Add(1)
			go send(urls[i%2], "POST", "/api/v1/bookings", founder, body, nil)
		}
		wg.Add(1)
		go send(urls[1], "PATCH", "/api/v1/resources/"+itoa(f.Room.ID), staff, `{"capacity": 1}`, map[string]string{"If-Match": `"1"`})
		close(ready)
		wg.Wait()
		capacity := do(t, ts, call{method: "GET", path: "/api/v1/resources/" + itoa(f.Room.ID)}).object(t)["capacity"].(float64)
		var held int
		if err := ts.DB.QueryRow(t.Context(), `SELECT COALESCE(SUM(quantity), 0) FROM bookings WHERE resource_id = ?
			AND status IN ('pending', 'confirmed')`, f.Room.ID).Scan(&held); err != nil {
			t.Fatal(err)
		}
		if held == 0 || held > int(capacity) {
			t.Errorf("%d units held with capacity %v", held, capacity)
		}
	})
}
