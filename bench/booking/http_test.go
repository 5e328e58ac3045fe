package booking

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/database"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// BenchmarkConfirmedBookingsHTTP is BenchmarkConfirmedBookings through the
// whole server: POST /api/v1/bookings over loopback HTTP with a bearer
// token, clients at a time, server and clients sharing the cores.
func BenchmarkConfirmedBookingsHTTP(b *testing.B) {
	engines(b, func(b *testing.B, db *database.DB) {
		ctx := context.Background()
		ts := testserver.Start(b, db)
		f := bookingtest.Setup(b, db)
		token := ts.Token(b, f.FounderKR.ID)
		always := booking.OpeningHours{}
		for _, d := range booking.Weekdays {
			always[d] = []string{"00:00", "24:00"}
		}
		bp, err := f.Store.CreateBasePoint(ctx, f.StaffHZ, booking.BasePointInput{InstitutionID: f.Hangzhou.InstitutionID,
			Region: "hangzhou", TimeZone: "Asia/Shanghai", Name: text.Text{En: "Always open"}, OpeningHours: always})
		if err != nil {
			b.Fatal(err)
		}
		var resources [clients]int64
		for i := range resources {
			res, err := f.Store.CreateResource(ctx, f.StaffHZ, booking.ResourceInput{BasePointID: bp.ID,
				Kind: booking.MeetingRoom, Name: text.Text{En: "Booth"}, Capacity: 1, GranularityMinutes: 5, MaxAdvanceDays: 730})
			if err != nil {
				b.Fatal(err)
			}
			resources[i] = res.ID
		}
		loc := bp.Location()
		now := time.Now().In(loc)
		first := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, loc)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
		var taken atomic.Int64
		b.ResetTimer()
		began := time.Now()
		run(b, &taken, func(c, i int) error {
			start := first.Add(time.Duration(i) * 5 * time.Minute)
			body := fmt.Sprintf(`{"resource_id": %d, "startup_id": %d, "start": %q, "end": %q}`, resources[c], f.StartupKR,
				start.Format(time.RFC3339), start.Add(5*time.Minute).Format(time.RFC3339))
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/bookings", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			res, err := client.Do(req)
			if err != nil {
				return err
			}
			defer res.Body.Close()
			msg, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusCreated {
				return fmt.Errorf("status %d: %s", res.StatusCode, msg)
			}
			return nil
		})
		b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "bookings/s")
	})
}
