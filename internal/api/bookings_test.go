package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"startbridge/internal/app"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/config"
	"startbridge/internal/database"
	"startbridge/internal/i18n"
	"startbridge/internal/server"
	"startbridge/internal/testserver"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// secondInstance serves the same database as ts from another server with a
// connection pool of its own, as a second `serve` behind a load balancer.
func secondInstance(t *testing.T, ts *testserver.TS) string {
	t.Helper()
	db, err := database.Open(context.Background(), ts.DB.Source())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := app.New(db, i18n.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv, err := server.New(config.Config{Addr: "127.0.0.1:0", DB: db.Source(), LogFormat: "text", LogLevel: "info"}, svc)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return hs.URL
}

func bookingBody(resource, startup int64, start, end time.Time, qty int) string {
	return fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": %q, "end": %q, "quantity": %d}`,
		resource, startup, start.Format(time.RFC3339), end.Format(time.RFC3339), qty)
}

// TestAPIRaceOfSixtyFourClientsOnTwoInstances releases 64 clients at once
// against two server instances sharing one database, for one slot of
// capacity 3: exactly 3 get 201 and 61 get 409 over_capacity.
func TestAPIRaceOfSixtyFourClientsOnTwoInstances(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		urls := []string{ts.URL, secondInstance(t, ts)}
		tokens := []string{ts.Token(t, f.FounderKR.ID), ts.Token(t, f.FounderCN.ID)}
		startups := []int64{f.StartupKR, f.StartupCN}
		day := bookingtest.Day(shanghai, time.Tuesday)
		start, end := bookingtest.At(day, 14, 0), bookingtest.At(day, 15, 0)

		const clients = 64
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
		statuses := make([]int, clients)
		codes := make([]string, clients)
		barrier := make(chan struct{})
		var wg sync.WaitGroup
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest(http.MethodPost, urls[i%2]+"/api/v1/bookings",
					strings.NewReader(bookingBody(f.Room.ID, startups[i/2%2], start, end, 1)))
				req.Header.Set("Authorization", "Bearer "+tokens[i/2%2])
				req.Header.Set("Content-Type", "application/json")
				<-barrier
				res, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				defer res.Body.Close()
				var p struct{ Code string }
				json.NewDecoder(res.Body).Decode(&p)
				statuses[i], codes[i] = res.StatusCode, p.Code
			}()
		}
		close(barrier)
		wg.Wait()
		created, full := 0, 0
		for i := range clients {
			switch {
			case statuses[i] == http.StatusCreated:
				created++
			case statuses[i] == http.StatusConflict && codes[i] == "over_capacity":
				full++
			default:
				t.Errorf("client %d: status %d code %q", i, statuses[i], codes[i])
			}
		}
		if created != 3 || full != clients-3 {
			t.Errorf("%d created, %d over capacity; want 3 and %d", created, full, clients-3)
		}
		var held int
		if err := ts.DB.QueryRow(context.Background(), `SELECT COALESCE(SUM(quantity), 0) FROM bookings
			WHERE resource_id = ? AND status IN ('pending', 'confirmed')`, f.Room.ID).Scan(&held); err != nil {
			t.Fatal(err)
		}
		if held != 3 {
			t.Errorf("%d units held, capacity 3", held)
		}
	})
}

func TestAPIBaseResourceBookingAndDecisions(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		staffHZ, staffGG := ts.Token(t, f.StaffHZ.ID), ts.Token(t, f.StaffGG.ID)
		kr, cn := ts.Token(t, f.FounderKR.ID), ts.Token(t, f.FounderCN.ID)

		// Staff open a base point and share a room; founders may not.
		bpBody := fmt.Sprintf(`{"institution_id": %d, "name": {"zh": "滨江孵化器", "en": "Binjiang Incubator"},
			"region": "hangzhou", "time_zone": "Asia/Shanghai", "address": "杭州市滨江区",
			"opening_hours": {"mon": ["09:00", "18:00"], "tue": ["09:00", "18:00"], "wed": ["09:00", "18:00"],
			"thu": ["09:00", "18:00"], "fri": ["09:00", "18:00"]}}`, f.Hangzhou.InstitutionID)
		if a := do(t, ts, call{method: "POST", path: "/api/v1/basepoints", token: kr, body: bpBody}); a.status != http.StatusForbidden {
			t.Errorf("founder opens a base point: %d", a.status)
		}
		a := do(t, ts, call{method: "POST", path: "/api/v1/basepoints", token: staffHZ, body: bpBody})
		if a.status != http.StatusCreated {
			t.Fatalf("create base point: %d %s", a.status, a.body)
		}
		bpID := int64(a.object(t)["id"].(float64))
		a = do(t, ts, call{method: "POST", path: "/api/v1/basepoints", token: staffHZ,
			body: `{"institution_id": 999, "name": {}, "time_zone": "Mars/Base", "opening_hours": {"mon": ["18:00", "09:00"]}}`})
		if a.status != http.StatusForbidden {
			t.Errorf("base point for another institution: %d", a.status)
		}
		resBody := fmt.Sprintf(`{"basepoint_id": %d, "kind": "meeting_room", "name": {"zh": "路演厅", "en": "Pitch hall"},
			"capacity": 2, "granularity_minutes": 60, "approval_required": false, "open_to": "all_regions",
			"lead_time_minutes": 0, "max_advance_days": 90, "cancel_deadline_minutes": 60, "monthly_quota_hours": null}`, bpID)
		if a := do(t, ts, call{method: "POST", path: "/api/v1/resources", token: staffGG, body: resBody}); a.status != http.StatusForbidden {
			t.Errorf("other institution's staff share a resource here: %d", a.status)
		}
		a = do(t, ts, call{method: "POST", path: "/api/v1/resources", token: staffHZ, body: resBody,
			header: map[string]string{"Idempotency-Key": "pitch-hall-1"}})
		if a.status != http.StatusCreated {
			t.Fatalf("create resource: %d %s", a.status, a.body)
		}
		hall := int64(a.object(t)["id"].(float64))
		if again := do(t, ts, call{method: "POST", path: "/api/v1/resources", token: staffHZ, body: resBody,
			header: map[string]string{"Idempotency-Key": "pitch-hall-1"}}); again.status != http.StatusCreated || count(t, ts, "resources") != 3 {
			t.Errorf("repeated key: status %d, %d resources (want the first answer and 3)", again.status, count(t, ts, "resources"))
		}

		// A Korean start-up books the Hangzhou hall, in Hangzhou time.
		day := bookingtest.Day(shanghai, time.Wednesday)
		a = do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: kr,
			body: bookingBody(hall, f.StartupKR, bookingtest.At(day, 10, 0), bookingtest.At(day, 12, 0), 2)})
		if a.status != http.StatusCreated {
			t.Fatalf("book: %d %s", a.status, a.body)
		}
		b := a.object(t)
		if b["status"] != "confirmed" || b["time_zone"] != "Asia/Shanghai" || !strings.HasSuffix(b["start"].(string), "+08:00") {
			t.Errorf("booking = %v", b)
		}
		krBooking := int64(b["id"].(float64))
		a = do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: cn,
			body:   bookingBody(hall, f.StartupCN, bookingtest.At(day, 11, 0), bookingtest.At(day, 13, 0), 1),
			header: map[string]string{"Accept-Language": "zh"}})
		if a.status != http.StatusConflict {
			t.Fatalf("over capacity: %d %s", a.status, a.body)
		}
		var conflict struct {
			Code     string
			Detail   string
			Conflict struct{ Start, End time.Time }
		}
		json.Unmarshal(a.body, &conflict)
		if conflict.Code != "over_capacity" || !conflict.Conflict.Start.Equal(bookingtest.At(day, 11, 0)) ||
			!conflict.Conflict.End.Equal(bookingtest.At(day, 12, 0)) || !strings.Contains(conflict.Detail, "已订满") {
			t.Errorf("conflict answer = %s", a.body)
		}

		// Availability: 11:00–12:00 has nothing free, 12:00 two units.
		a = do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/resources/%d/availability?from=%s&to=%s", hall,
			day.Format(time.DateOnly), day.AddDate(0, 0, 1).Format(time.DateOnly))})
		var av struct {
			Slots []struct {
				Start time.Time
				Free  int
			}
		}
		json.Unmarshal(a.body, &av)
		if len(av.Slots) != 9 || av.Slots[2].Free != 0 || av.Slots[3].Free != 2 {
			t.Errorf("availability = %s", a.body)
		}

		// A start-up never sees another's bookings.
		if a := do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/bookings/%d", krBooking), token: cn}); a.status != http.StatusNotFound {
			t.Errorf("other start-up reads a booking: %d", a.status)
		}
		a = do(t, ts, call{method: "GET", path: "/api/v1/bookings", token: cn})
		if items := a.object(t)["items"].([]any); len(items) != 0 {
			t.Errorf("other start-up lists %d bookings", len(items))
		}
		if a := do(t, ts, call{method: "GET", path: "/api/v1/bookings"}); a.status != http.StatusUnauthorized {
			t.Errorf("visitor lists bookings: %d", a.status)
		}
		a = do(t, ts, call{method: "GET", path: "/api/v1/bookings?limit=1", token: staffHZ})
		if items := a.object(t)["items"].([]any); len(items) != 1 {
			t.Errorf("staff list %d bookings", len(items))
		}

		// Its iCalendar file reads in golang-ical.
		a = do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/bookings/%d/ics", krBooking), token: kr})
		cal, err := ics.ParseCalendar(strings.NewReader(string(a.body)))
		if err != nil || len(cal.Events()) != 1 {
			t.Fatalf("ics: %v\n%s", err, a.body)
		}
		if st, _ := cal.Events()[0].GetStartAt(); !st.Equal(bookingtest.At(day, 10, 0)) {
			t.Errorf("ics start = %v", st)
		}

		// A pending desk booking: the founder may not approve it, staff do.
		seoul, _ := time.LoadLocation("Asia/Seoul")
		dd := bookingtest.Day(seoul, time.Thursday)
		a = do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: cn,
			body: bookingBody(f.Desks.ID, f.StartupCN, dd, dd.AddDate(0, 0, 1), 1)})
		if a.status != http.StatusCreated || a.object(t)["status"] != "pending" {
			t.Fatalf("desk booking: %d %s", a.status, a.body)
		}
		desk := int64(a.object(t)["id"].(float64))
		if a := do(t, ts, call{method: "POST", path: fmt.Sprintf("/api/v1/bookings/%d/approve", desk), token: cn}); a.status != http.StatusForbidden {
			t.Errorf("founder approves: %d", a.status)
		}
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("/api/v1/bookings/%d/approve", desk), token: staffGG})
		if a.status != http.StatusOK || a.object(t)["status"] != "confirmed" {
			t.Errorf("staff approve: %d %s", a.status, a.body)
		}
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("/api/v1/bookings/%d/reject", desk), token: staffGG})
		if a.status != http.StatusConflict || a.problem(t).Code != "wrong_status" {
			t.Errorf("reject a confirmed booking: %d %s", a.status, a.body)
		}
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("/api/v1/bookings/%d/cancel", krBooking), token: kr})
		if a.status != http.StatusOK || a.object(t)["status"] != "cancelled" {
			t.Errorf("cancel: %d %s", a.status, a.body)
		}
	})
}

// TestAPIBadBookingsNameTheFieldInTheReadersLanguage sends every kind of
// bad booking; each gets a 400 naming the field, translated, and nothing
// is stored.
func TestAPIBadBookingsNameTheFieldInTheReadersLanguage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		kr := ts.Token(t, f.FounderKR.ID)
		day := bookingtest.Day(shanghai, time.Tuesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }
		room, su := f.Room.ID, f.StartupKR
		cases := []struct{ name, body, field string }{
			{"not aligned", bookingBody(room, su, at(10, 15), at(11, 0), 1), "start"},
			{"end before start", bookingBody(room, su, at(11, 0), at(10, 0), 1), "end"},
			{"outside opening hours", bookingBody(room, su, at(18, 0), at(19, 0), 1), "start"},
			{"past the horizon", bookingBody(room, su, at(10, 0).AddDate(0, 0, 100), at(11, 0).AddDate(0, 0, 100), 1), "start"},
			{"in the past", bookingBody(room, su, at(10, 0).AddDate(0, 0, -21), at(11, 0).AddDate(0, 0, -21), 1), "start"},
			{"unknown resource", bookingBody(424242, su, at(10, 0), at(11, 0), 1), "resource_id"},
			{"quantity 0", bookingBody(room, su, at(10, 0), at(11, 0), 0), "quantity"},
			{"quantity above capacity", bookingBody(room, su, at(10, 0), at(11, 0), 4), "quantity"},
			{"not a time", fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": "tomorrow", "end": "2027-01-05T11:00:00+08:00"}`, room, su), "start"},
			{"quantity not a number", fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": "x", "end": "y", "quantity": "two"}`, room, su), "quantity"},
			{"unknown member", fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": "x", "end": "y", "colour": "red"}`, room, su), "colour"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: kr, body: c.body,
					header: map[string]string{"Accept-Language": "ko-KR"}})
				if a.status != http.StatusBadRequest {
					t.Fatalf("status %d, want 400: %s", a.status, a.body)
				}
				p := a.problem(t)
				if p.Code != "invalid" || p.message(c.field) == "" {
					t.Errorf("problem names %+v, want field %s", p.Errors, c.field)
				}
				if msg := p.message(c.field); strings.Contains(msg, "booking.") || !containsHangul(msg) {
					t.Errorf("message %q is not in Korean", msg)
				}
			})
		}
		if n := count(t, ts, "bookings"); n != 0 {
			t.Errorf("%d bookings stored", n)
		}
		// Booking for someone else's start-up is forbidden, not invalid.
		a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: kr, body: bookingBody(room, f.StartupCN, at(10, 0), at(11, 0), 1)})
		if a.status != http.StatusForbidden {
			t.Errorf("booking for another start-up: %d", a.status)
		}
	})
}

func containsHangul(s string) bool {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return true
		}
	}
	return false
}
