package booking_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
)

// shanghai is the zone of the Hangzhou base point.
var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func book(f *bookingtest.Fixture, res *booking.Resource, startup int64, start, end time.Time, qty int) ([]*booking.Booking, error) {
	founder := f.FounderCN
	if startup == f.StartupKR {
		founder = f.FounderKR
	}
	return f.Store.Book(context.Background(), founder, booking.Request{ResourceID: res.ID, StartupID: startup,
		Start: start, End: end, Quantity: qty})
}

func mustBook(t *testing.T, f *bookingtest.Fixture, start, end time.Time, qty int) *booking.Booking {
	t.Helper()
	bs, err := book(f, f.Room, f.StartupKR, start, end, qty)
	if err != nil {
		t.Fatalf("book %s–%s ×%d: %v", start.Format("15:04"), end.Format("15:04"), qty, err)
	}
	return bs[0]
}

// overCapacity returns the period an over_capacity refusal names.
func overCapacity(t *testing.T, err error) booking.Period {
	t.Helper()
	var coded *errs.Coded
	if !errors.As(err, &coded) || coded.Code != "over_capacity" {
		t.Fatalf("err = %v, want over_capacity", err)
	}
	return coded.Extra["conflict"].(booking.Period)
}

func countBookings(t *testing.T, db *database.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM bookings`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBookingRefusesOverCapacityNamingThePeriod(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		day := bookingtest.Day(shanghai, time.Tuesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }

		b := mustBook(t, f, at(10, 0), at(11, 0), 2)
		if b.Status != booking.Confirmed || b.Quantity != 2 {
			t.Errorf("booking = %+v, want confirmed ×2", b)
		}
		mustBook(t, f, at(10, 30), at(12, 0), 1) // 10:30–11:00 now holds 3
		_, err := book(f, f.Room, f.StartupCN, at(9, 0), at(11, 30), 1)
		p := overCapacity(t, err)
		if !p.Start.Equal(at(10, 30)) || !p.End.Equal(at(11, 0)) {
			t.Errorf("conflict = %s–%s, want 10:30–11:00", p.Start.In(shanghai), p.End.In(shanghai))
		}
		if n := countBookings(t, db); n != 2 {
			t.Errorf("%d bookings stored, want 2", n)
		}
	})
}

func TestBookingWindowsAdjacentNestedAndOverlapping(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		day := bookingtest.Day(shanghai, time.Wednesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }

		mustBook(t, f, at(10, 0), at(11, 0), 3) // full
		// Adjacent on both sides: [9, 10) and [11, 12) touch but do not overlap.
		mustBook(t, f, at(9, 0), at(10, 0), 3)
		mustBook(t, f, at(11, 0), at(12, 0), 3)
		// Nested inside the full hour.
		_, err := book(f, f.Room, f.StartupKR, at(10, 30), at(11, 0), 1)
		overCapacity(t, err)
		// Overlapping its end.
		_, err = book(f, f.Room, f.StartupKR, at(10, 30), at(11, 30), 1)
		overCapacity(t, err)
		// Enclosing a lighter afternoon: 14–17 holds 1, 15–16 holds 1 more.
		mustBook(t, f, at(14, 0), at(17, 0), 1)
		mustBook(t, f, at(15, 0), at(16, 0), 1)
		mustBook(t, f, at(13, 0), at(18, 0), 1) // peak 3 at 15–16
		_, err = book(f, f.Room, f.StartupCN, at(15, 30), at(16, 30), 1)
		if p := overCapacity(t, err); !p.Start.Equal(at(15, 30)) || !p.End.Equal(at(16, 0)) {
			t.Errorf("conflict = %s–%s, want 15:30–16:00", p.Start.In(shanghai), p.End.In(shanghai))
		}
		mustBook(t, f, at(16, 0), at(16, 30), 1) // 16:00 holds 2 before this
		if n := countBookings(t, db); n != 7 {
			t.Errorf("%d bookings stored, want 7", n)
		}
	})
}

func TestWeeklySeriesIsAllOrNothing(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Thursday)
		third := day.AddDate(0, 0, 14)
		mustBook(t, f, bookingtest.At(third, 14, 30), bookingtest.At(third, 15, 30), 2)

		_, err := f.Store.Book(ctx, f.FounderCN, booking.Request{ResourceID: f.Room.ID, StartupID: f.StartupCN,
			Start: bookingtest.At(day, 14, 0), End: bookingtest.At(day, 15, 0), Quantity: 2, Weeks: 4})
		p := overCapacity(t, err)
		if !p.Start.Equal(bookingtest.At(third, 14, 30)) || !p.End.Equal(bookingtest.At(third, 15, 0)) {
			t.Errorf("conflict = %s–%s, want the third week 14:30–15:00", p.Start.In(shanghai), p.End.In(shanghai))
		}
		if n := countBookings(t, db); n != 1 {
			t.Errorf("%d bookings stored after a refused series, want 1", n)
		}
		bs, err := f.Store.Book(ctx, f.FounderCN, booking.Request{ResourceID: f.Room.ID, StartupID: f.StartupCN,
			Start: bookingtest.At(day, 14, 0), End: bookingtest.At(day, 15, 0), Quantity: 1, Weeks: 4})
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 4 || bs[0].SeriesID == nil || *bs[3].SeriesID != *bs[0].SeriesID {
			t.Fatalf("series = %d bookings, want 4 sharing a series", len(bs))
		}
		if got := bs[3].Start.In(shanghai); !got.Equal(bookingtest.At(day.AddDate(0, 0, 21), 14, 0)) {
			t.Errorf("fourth occurrence at %s", got)
		}
	})
}

// TestConcurrentClientsNeverOverBook releases 64 clients at once on one
// slot of capacity 3: exactly 3 win.
func TestConcurrentClientsNeverOverBook(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		day := bookingtest.Day(shanghai, time.Friday)
		start, end := bookingtest.At(day, 10, 0), bookingtest.At(day, 11, 0)
		const clients = 64
		var wg sync.WaitGroup
		barrier := make(chan struct{})
		errc := make(chan error, clients)
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-barrier
				startup := f.StartupKR
				if i%2 == 1 {
					startup = f.StartupCN
				}
				_, err := book(f, f.Room, startup, start, end, 1)
				errc <- err
			}()
		}
		close(barrier)
		wg.Wait()
		close(errc)
		won, full := 0, 0
		for err := range errc {
			var coded *errs.Coded
			switch {
			case err == nil:
				won++
			case errors.As(err, &coded) && coded.Code == "over_capacity":
				full++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if won != 3 || full != clients-3 {
			t.Errorf("%d booked and %d over capacity, want 3 and %d", won, full, clients-3)
		}
		if n := countBookings(t, db); n != 3 {
			t.Errorf("%d bookings stored, want 3", n)
		}
	})
}
