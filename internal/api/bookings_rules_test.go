package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// TestAPISeriesRegionLeadTimeAndQuota covers the refusals that depend on
// the resource's terms and on what is booked already: a weekly series
// colliding in its third week stores nothing, a resource for its own
// region refuses the other side, and lead time and quota name their field.
func TestAPISeriesRegionLeadTimeAndQuota(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		ctx := context.Background()
		kr, cn := ts.Token(t, f.FounderKR.ID), ts.Token(t, f.FounderCN.ID)
		day := bookingtest.Day(shanghai, time.Monday)

		// The third Monday is full from 15:00 to 16:00.
		third := day.AddDate(0, 0, 14)
		if a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: cn,
			body: bookingBody(f.Room.ID, f.StartupCN, bookingtest.At(third, 15, 0), bookingtest.At(third, 16, 0), 3)}); a.status != http.StatusCreated {
			t.Fatalf("fill the third week: %d %s", a.status, a.body)
		}
		series := fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": %q, "end": %q, "quantity": 1, "repeat_weeks": 4}`,
			f.Room.ID, f.StartupKR, bookingtest.At(day, 15, 0).Format(time.RFC3339), bookingtest.At(day, 16, 0).Format(time.RFC3339))
		a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: kr, body: series})
		if a.status != http.StatusConflict || a.problem(t).Code != "over_capacity" {
			t.Fatalf("colliding series: %d %s", a.status, a.body)
		}
		if n := count(t, ts, "bookings"); n != 1 {
			t.Errorf("%d bookings after a refused series, want 1", n)
		}
		a = do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: kr,
			body: fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": %q, "end": %q, "repeat_weeks": 4}`,
				f.Room.ID, f.StartupKR, bookingtest.At(day, 16, 0).Format(time.RFC3339), bookingtest.At(day, 17, 0).Format(time.RFC3339))})
		if a.status != http.StatusCreated || len(a.object(t)["occurrences"].([]any)) != 4 {
			t.Fatalf("series: %d %s", a.status, a.body)
		}

		quota := int64(1)
		lab, err := f.Store.CreateResource(ctx, f.StaffHZ, booking.ResourceInput{BasePointID: f.Hangzhou.ID,
			Kind: booking.TechService, Name: text.Text{Zh: "本地测试实验室"}, Capacity: 2, GranularityMinutes: 60,
			OpenTo: booking.OwnRegion, LeadTimeMinutes: 10 * 24 * 60, MonthlyQuotaHours: &quota})
		if err != nil {
			t.Fatal(err)
		}
		later := day.AddDate(0, 0, 14) // past the lead time; day itself is within it
		for _, c := range []struct {
			name, token, body, field, says string
		}{
			{"region not allowed", kr, bookingBody(lab.ID, f.StartupKR, bookingtest.At(later, 10, 0), bookingtest.At(later, 11, 0), 1), "startup_id", "own region"},
			{"inside the lead time", cn, bookingBody(lab.ID, f.StartupCN, bookingtest.At(day, 10, 0), bookingtest.At(day, 11, 0), 1), "start", "ahead"},
			{"over the quota", cn, bookingBody(lab.ID, f.StartupCN, bookingtest.At(later, 10, 0), bookingtest.At(later, 12, 0), 1), "end", "monthly quota in"},
		} {
			a := do(t, ts, call{method: "POST", path: "/api/v1/bookings", token: c.token, body: c.body,
				header: map[string]string{"Accept-Language": "en"}})
			if a.status != http.StatusBadRequest || !strings.Contains(a.problem(t).message(c.field), c.says) {
				t.Errorf("%s: %d %s, want 400 naming %s", c.name, a.status, a.body, c.field)
			}
		}
	})
}

// TestAPIBookingWithIdempotencyKeyBooksOnce repeats a booking with the same
// Idempotency-Key: the same answer, one booking.
func TestAPIBookingWithIdempotencyKeyBooksOnce(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		kr := ts.Token(t, f.FounderKR.ID)
		day := bookingtest.Day(shanghai, time.Friday)
		c := call{method: "POST", path: "/api/v1/bookings", token: kr,
			body:   bookingBody(f.Room.ID, f.StartupKR, bookingtest.At(day, 9, 0), bookingtest.At(day, 10, 0), 1),
			header: map[string]string{"Idempotency-Key": "book-friday-9"}}
		first, again := do(t, ts, c), do(t, ts, c)
		if first.status != http.StatusCreated || again.status != http.StatusCreated || string(first.body) != string(again.body) {
			t.Errorf("answers %d and %d differ:\n%s\n%s", first.status, again.status, first.body, again.body)
		}
		if n := count(t, ts, "bookings"); n != 1 {
			t.Errorf("%d bookings, want 1", n)
		}
	})
}
