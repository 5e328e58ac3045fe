package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"startbridge/internal/contest/contesttest"
	"startbridge/internal/testserver"
)

// nextOfficeMonth is the month after this one where the cooperation's
// months turn (UTC+8): the month an award's office request starts.
func nextOfficeMonth() string {
	now := time.Now().In(time.FixedZone("UTC+8", 8*60*60))
	return time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

func TestAwardWithOfficeMonthsCreatesOneRequestAheadOfTheWaitlist(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		suwon := w.createOffice("Suwon", 1, "open")
		start := nextOfficeMonth()
		// The office is full for a year, and an ordinary request waits.
		holder, holderStartup := w.founder("hangzhou", "ai")
		held := w.request(holder, holderStartup, "Suwon", start, 12, 1)
		want(t, w.decide(held, suwon), http.StatusOK)
		waiting, waitingStartup := w.founder("hangzhou", "bio")
		earlier := w.request(waiting, waitingStartup, "Suwon", start, 1, 1)
		if a := w.decide(earlier, suwon); a.object(t)["status"] != "waitlisted" {
			t.Fatalf("ordinary request: %s, want waitlisted", a.body)
		}

		// A contest with a submitted application, and a prize of office months.
		a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: w.staff, body: contestBody(nextYear(), 1, 1)})
		want(t, a, http.StatusCreated)
		base := fmt.Sprintf("/api/v1/contests/%d", int64(a.object(t)["id"].(float64)))
		st, f := contesttest.Startup(t, ts.Svc, "Winner", "hangzhou", "seed", yearsAgo(1), "ai")
		founder := ts.Token(t, f.ID)
		a = do(t, ts, call{method: "POST", path: base + "/applications", token: founder, body: fmt.Sprintf(`{"startup_id": %d}`, st.ID)})
		want(t, a, http.StatusCreated)
		app := int64(a.object(t)["id"].(float64))
		want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/applications/%d/submit", base, app), token: founder}), http.StatusOK)

		// Bad prizes: office months without a city, more desks than the
		// city's largest office. Nothing is stored.
		a = do(t, ts, call{method: "POST", path: base + "/prizes", token: w.staff, body: `{"name": {"en": "Grand prize"}, "office_months": 2}`})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message("office_city") == "" {
			t.Errorf("office months without a city: %+v", p)
		}
		a = do(t, ts, call{method: "POST", path: base + "/prizes", token: w.staff, body: `{"name": {"en": "Grand prize"}, "office_months": 2, "office_city": "수원", "office_desks": 3}`})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message("office_desks") == "" {
			t.Errorf("more desks than the office: %+v", p)
		}
		if n := count(t, ts, "contest_prizes"); n != 0 {
			t.Fatalf("%d prizes stored after refusals", n)
		}
		a = do(t, ts, call{method: "POST", path: base + "/prizes", token: w.staff, body: `{"name": {"en": "Grand prize", "ko": "대상"}, "rank": 1, "office_months": 2, "office_city": "수원", "fund_fast_track": true}`})
		want(t, a, http.StatusCreated)
		prize := int64(a.object(t)["id"].(float64))

		// A bad award stores neither award nor request.
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/prizes/%d/awards", base, prize), token: w.staff, body: `{"application_id": 999999}`})
		want(t, a, http.StatusBadRequest)
		if n := count(t, ts, "contest_awards") + count(t, ts, fmt.Sprintf("office_requests WHERE startup_id = %d", st.ID)); n != 0 {
			t.Fatalf("%d awards and requests after a refused award", n)
		}

		// The award creates exactly one request, with award priority.
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/prizes/%d/awards", base, prize), token: w.staff, body: fmt.Sprintf(`{"application_id": %d}`, app)})
		want(t, a, http.StatusCreated)
		got := a.object(t)
		if got["fund_fast_track"] != "pending" || got["office_request_id"] == nil {
			t.Fatalf("award = %s, want an office request and a pending fast track", a.body)
		}
		request := int64(got["office_request_id"].(float64))
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/prizes/%d/awards", base, prize), token: w.staff, body: fmt.Sprintf(`{"application_id": %d}`, app)})
		want(t, a, http.StatusOK)
		if again := int64(a.object(t)["office_request_id"].(float64)); again != request {
			t.Errorf("awarding again names request %d, want %d", again, request)
		}
		if n := count(t, ts, fmt.Sprintf("office_requests WHERE startup_id = %d", st.ID)); n != 1 {
			t.Fatalf("%d office requests for the winner, want exactly 1", n)
		}
		// The founder sees it as theirs; the prize links to it for them.
		a = do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(request), token: founder})
		want(t, a, http.StatusOK)
		r := a.object(t)
		if r["priority"].(float64) < 1 || r["status"] != "submitted" || r["start_month"] != start || r["months"].(float64) != 2 ||
			r["desks"].(float64) != 1 || r["city_code"] != "suwon" {
			t.Errorf("award request = %s", a.body)
		}
		a = do(t, ts, call{method: "GET", path: base + "/prizes", token: founder})
		if a.status != http.StatusOK || !strings.Contains(string(a.body), fmt.Sprintf(`"office_request_id":%d`, request)) {
			t.Errorf("prizes for the founder: %s", a.body)
		}
		if a := do(t, ts, call{method: "GET", path: base + "/prizes"}); strings.Contains(string(a.body), "office_request_id") {
			t.Errorf("the public sees the office request: %s", a.body)
		}

		// Into the full office it is waitlisted, and ahead of the earlier
		// ordinary request: when the desk frees, it is the one promoted.
		if a := w.decide(request, suwon); a.object(t)["status"] != "waitlisted" {
			t.Fatalf("award request into the full office: %s, want waitlisted", a.body)
		}
		want(t, do(t, ts, call{method: "POST", path: "/api/v1/office-requests/" + itoa(held) + "/cancel", token: holder}), http.StatusOK)
		status := func(id int64) any {
			return do(t, ts, call{method: "GET", path: "/api/v1/office-requests/" + itoa(id), token: w.staff}).object(t)["status"]
		}
		if s := status(request); s != "approved" {
			t.Errorf("award request after the desk freed: %v, want approved", s)
		}
		if s := status(earlier); s != "waitlisted" {
			t.Errorf("earlier ordinary request: %v, want still waitlisted", s)
		}

		// Taking the award back cancels its request and frees the desk for
		// the ordinary request.
		path := fmt.Sprintf("%s/prizes/%d/awards/%d", base, prize, app)
		want(t, do(t, ts, call{method: "DELETE", path: path, token: founder}), http.StatusForbidden)
		want(t, do(t, ts, call{method: "DELETE", path: path, token: w.staff}), http.StatusNoContent)
		want(t, do(t, ts, call{method: "DELETE", path: path, token: w.staff}), http.StatusNotFound)
		if s := status(request); s != "cancelled" {
			t.Errorf("award request after the award was taken back: %v, want cancelled", s)
		}
		if s := status(earlier); s != "approved" {
			t.Errorf("ordinary request after the award was taken back: %v, want approved", s)
		}
	})
}

func TestAwardWhoseOfficeRequestCannotBeMadeStoresNothing(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newOfficeWorld(t, ts)
		a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: w.staff, body: contestBody(nextYear(), 1, 1)})
		want(t, a, http.StatusCreated)
		base := fmt.Sprintf("/api/v1/contests/%d", int64(a.object(t)["id"].(float64)))
		st, f := contesttest.Startup(t, ts.Svc, "Winner", "gyeonggi", "seed", yearsAgo(1), "ai")
		founder := ts.Token(t, f.ID)
		a = do(t, ts, call{method: "POST", path: base + "/applications", token: founder, body: fmt.Sprintf(`{"startup_id": %d}`, st.ID)})
		want(t, a, http.StatusCreated)
		app := int64(a.object(t)["id"].(float64))
		want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/applications/%d/submit", base, app), token: founder}), http.StatusOK)
		// Three desks in Yongin, which has no office yet: that is demand.
		a = do(t, ts, call{method: "POST", path: base + "/prizes", token: w.staff, body: `{"name": {"en": "Yongin landing"}, "office_months": 3, "office_city": "Yongin", "office_desks": 3}`})
		want(t, a, http.StatusCreated)
		prize := int64(a.object(t)["id"].(float64))
		// Then a one-desk office opens there: the promise no longer fits.
		w.createOffice("Yongin", 1, "open")
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/prizes/%d/awards", base, prize), token: w.staff, body: fmt.Sprintf(`{"application_id": %d}`, app)})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message("office_desks") == "" {
			t.Errorf("award that cannot be kept: %+v", p)
		}
		if n := count(t, ts, "contest_awards") + count(t, ts, "office_requests"); n != 0 {
			t.Errorf("%d awards and requests stored after the refusal, want none", n)
		}
	})
}
