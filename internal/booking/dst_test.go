package booking_test

import (
	"context"
	"testing"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/text"
)

// TestOpeningHoursFollowLocalTimeAcrossDaylightSaving puts a base point in
// a zone with daylight saving (a third partner region such as Munich is
// data): on the day clocks go forward, slots still start on the local hour
// and a booking at 10:00 local time is aligned and inside opening hours.
func TestOpeningHoursFollowLocalTimeAcrossDaylightSaving(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Skip("no tz database:", err)
		}
		// The last Sunday of March after now: clocks go from 02:00 to 03:00.
		now := time.Now().In(berlin)
		year := now.Year()
		if now.Month() > time.March {
			year++
		}
		day := time.Date(year, time.March, 31, 0, 0, 0, 0, berlin)
		for day.Weekday() != time.Sunday {
			day = day.AddDate(0, 0, -1)
		}
		hours := booking.OpeningHours{"sun": {"00:00", "24:00"}}
		bp, err := f.Store.CreateBasePoint(ctx, f.StaffHZ, booking.BasePointInput{InstitutionID: f.Hangzhou.InstitutionID,
			Region: "hangzhou", TimeZone: "Europe/Berlin", Name: text.Text{En: "Munich desk"}, OpeningHours: hours})
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.Store.CreateResource(ctx, f.StaffHZ, booking.ResourceInput{BasePointID: bp.ID, Kind: booking.MeetingRoom,
			Name: text.Text{En: "Room"}, Capacity: 1, GranularityMinutes: 60, MaxAdvanceDays: 500})
		if err != nil {
			t.Fatal(err)
		}
		slots, err := f.Store.Availability(ctx, res, bp, day, day.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		if len(slots) != 23 {
			t.Errorf("%d slots on the day clocks go forward, want 23", len(slots))
		}
		nine := false
		for _, s := range slots {
			l := s.Start.In(berlin)
			if l.Minute() != 0 || l.Hour() == 2 || s.End.Sub(s.Start) != time.Hour {
				t.Errorf("slot at %s local lasting %s", l.Format("15:04"), s.End.Sub(s.Start))
			}
			nine = nine || l.Hour() == 9
		}
		if !nine {
			t.Error("no slot at 09:00 local")
		}
		start := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, berlin)
		if _, err := f.Store.Book(ctx, f.FounderKR, booking.Request{ResourceID: res.ID, StartupID: f.StartupKR,
			Start: start, End: start.Add(time.Hour), Quantity: 1}); err != nil {
			t.Errorf("10:00 local on the day of the change: %v", err)
		}
		// The last hour of the day ends at the midnight that closes it.
		last := time.Date(day.Year(), day.Month(), day.Day(), 23, 0, 0, 0, berlin)
		if _, err := f.Store.Book(ctx, f.FounderKR, booking.Request{ResourceID: res.ID, StartupID: f.StartupKR,
			Start: last, End: last.Add(time.Hour), Quantity: 1}); err != nil {
			t.Errorf("23:00–24:00: %v", err)
		}
	})
}
