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

// code returns the stable code of a refusal, "invalid" for field problems.
func code(t *testing.T, err error) string {
	t.Helper()
	var coded *errs.Coded
	var invalid *errs.Invalid
	switch {
	case errors.As(err, &coded):
		return coded.Code
	case errors.As(err, &invalid):
		return "invalid"
	case errors.Is(err, errs.ErrStale):
		return "stale_version"
	case errors.Is(err, errs.ErrForbidden):
		return "forbidden"
	}
	t.Fatalf("err = %v, want a refusal", err)
	return ""
}

func reloadResource(t *testing.T, f *bookingtest.Fixture, id int64) *booking.Resource {
	t.Helper()
	r, err := f.Store.Resource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestResourceCapacityCannotDropBelowWhatBookingsHold(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Tuesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }
		mustBook(t, f, at(10, 0), at(11, 0), 2)
		late := mustBook(t, f, at(10, 30), at(12, 0), 1) // 10:30–11:00 holds 3

		in := f.Room.Input()
		in.Capacity = 2
		_, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in)
		p := overCapacity(t, err)
		if !p.Start.Equal(at(10, 30)) || !p.End.Equal(at(11, 0)) {
			t.Errorf("conflict = %s–%s, want 10:30–11:00", p.Start.In(shanghai), p.End.In(shanghai))
		}
		var coded *errs.Coded
		if errors.As(err, &coded); coded.Extra["held"] != 3 {
			t.Errorf("held = %v, want 3", coded.Extra["held"])
		}
		if got := reloadResource(t, f, f.Room.ID); got.Capacity != 3 || got.Version != f.Room.Version {
			t.Errorf("after the refusal capacity %d version %d, want 3 and %d", got.Capacity, got.Version, f.Room.Version)
		}

		// Bad input changes nothing either.
		for name, bad := range map[string]func(*booking.ResourceInput){
			"capacity 0":       func(in *booking.ResourceInput) { in.Capacity = 0 },
			"granularity 7":    func(in *booking.ResourceInput) { in.GranularityMinutes = 7 },
			"no name":          func(in *booking.ResourceInput) { in.Name.Ko, in.Name.Zh, in.Name.En = "", " ", "" },
			"unknown kind":     func(in *booking.ResourceInput) { in.Kind = "spaceship" },
			"negative price":   func(in *booking.ResourceInput) { p := int64(-1); in.PriceMinor, in.PriceCurrency = &p, "CNY" },
			"other base point": func(in *booking.ResourceInput) { in.BasePointID = f.Gyeonggi.ID },
		} {
			in := f.Room.Input()
			bad(&in)
			if _, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in); code(t, err) != "invalid" {
				t.Errorf("%s: %v, want invalid", name, err)
			}
		}
		in.Capacity = 2
		if _, err := f.Store.UpdateResource(ctx, f.StaffGG, f.Room.ID, f.Room.Version, in); code(t, err) != "forbidden" {
			t.Errorf("staff of another institution: %v, want forbidden", err)
		}
		if _, err := f.Store.UpdateResource(ctx, f.FounderCN, f.Room.ID, f.Room.Version, in); code(t, err) != "forbidden" {
			t.Errorf("a founder: %v, want forbidden", err)
		}
		if got := reloadResource(t, f, f.Room.ID); got.Version != f.Room.Version {
			t.Errorf("refused edits moved the version to %d", got.Version)
		}

		// Once the later booking is cancelled, 2 is enough.
		if _, err := f.Store.Cancel(ctx, f.StaffHZ, late.ID); err != nil {
			t.Fatal(err)
		}
		got, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in)
		if err != nil {
			t.Fatalf("capacity 2 with 2 held: %v", err)
		}
		if got.Capacity != 2 || got.Version != f.Room.Version+1 {
			t.Errorf("resource = capacity %d version %d, want 2 and %d", got.Capacity, got.Version, f.Room.Version+1)
		}
		if _, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in); code(t, err) != "stale_version" {
			t.Errorf("the old version again: %v, want stale_version", err)
		}
		// A booking the new capacity does not hold is refused.
		if _, err := book(f, f.Room, f.StartupCN, at(10, 0), at(10, 30), 1); err == nil {
			t.Error("a third unit at 10:00 was booked with capacity 2")
		}
	})
}

func TestResourceSettingsApplyToLaterBookingsOnly(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Tuesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }
		mustBook(t, f, at(10, 30), at(11, 0), 1)

		in := f.Room.Input()
		in.GranularityMinutes = 60
		_, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in)
		if code(t, err) != "bookings_affected" {
			t.Fatalf("granularity 60 with a 10:30 booking: %v, want bookings_affected", err)
		}
		var coded *errs.Coded
		errors.As(err, &coded)
		if list := coded.Extra["affected"].([]booking.Affected); len(list) != 1 || !list[0].Start.Equal(at(10, 30)) {
			t.Errorf("affected = %+v, want the 10:30 booking", list)
		}
		in.GranularityMinutes, in.WholeDays = 0, true
		if _, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in); code(t, err) != "bookings_affected" {
			t.Errorf("whole days with a half-hour booking: %v, want bookings_affected", err)
		}

		price, quota := int64(5000), int64(4)
		in = f.Room.Input()
		in.GranularityMinutes, in.LeadTimeMinutes, in.MaxAdvanceDays, in.CancelDeadlineMinutes = 15, 120, 30, 0
		in.ApprovalRequired, in.OpenTo, in.PriceMinor, in.PriceCurrency, in.MonthlyQuotaHours = true, booking.OwnRegion, &price, "CNY", &quota
		got, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in)
		if err != nil {
			t.Fatalf("finer steps and new terms: %v", err)
		}
		if got.GranularityMinutes != 15 || got.LeadTimeMinutes != 120 || got.MaxAdvanceDays != 30 || !got.ApprovalRequired ||
			got.OpenTo != booking.OwnRegion || got.Price() != "50.00" || got.Quota() != 4 {
			t.Errorf("resource = %+v, want the new terms", got)
		}
		// Own region only now: the Gyeonggi start-up's booking stands, a new one is refused.
		if _, err := book(f, got, f.StartupKR, at(14, 0), at(14, 15), 1); code(t, err) != "invalid" {
			t.Errorf("a Gyeonggi start-up booking a Hangzhou-only room: %v", err)
		}
		bs, err := book(f, got, f.StartupCN, at(14, 15), at(14, 30), 1)
		if err != nil || bs[0].Status != booking.Pending {
			t.Errorf("a 15-minute booking after the edit: %v, want pending (approval now needed)", err)
		}
	})
}

func TestRetiredResourceTakesNoNewBookingsAndKeepsItsOwn(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Wednesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }
		held := mustBook(t, f, at(9, 0), at(10, 0), 1)

		in := f.Room.Input()
		in.Retired = true
		got, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, f.Room.Version, in)
		if err != nil || !got.Retired() {
			t.Fatalf("retire: %v, retired %v", err, got != nil && got.Retired())
		}
		if _, err := book(f, f.Room, f.StartupKR, at(11, 0), at(12, 0), 1); code(t, err) != "retired" {
			t.Errorf("booking a retired room: %v, want retired", err)
		}
		if b, err := f.Store.Booking(ctx, f.FounderKR, held.ID); err != nil || b.Status != booking.Confirmed {
			t.Errorf("the booking made before: %v %v, want still confirmed", b, err)
		}
		in.Retired = false
		if _, err := f.Store.UpdateResource(ctx, f.StaffHZ, f.Room.ID, got.Version, in); err != nil {
			t.Fatal(err)
		}
		if _, err := book(f, f.Room, f.StartupKR, at(11, 0), at(12, 0), 1); err != nil {
			t.Errorf("booking the room back in service: %v", err)
		}
	})
}

func TestBasePointHoursAndZoneCannotStrandBookings(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Tuesday)
		mustBook(t, f, bookingtest.At(day, 10, 0), bookingtest.At(day, 11, 0), 1)
		bp := f.Hangzhou

		for name, change := range map[string]func(*booking.BasePointInput){
			"Tuesday opens at 11":  func(in *booking.BasePointInput) { in.OpeningHours["tue"] = []string{"11:00", "18:00"} },
			"closed on Tuesdays":   func(in *booking.BasePointInput) { delete(in.OpeningHours, "tue") },
			"London time":          func(in *booking.BasePointInput) { in.TimeZone = "Europe/London" },
			"bad hours":            func(in *booking.BasePointInput) { in.OpeningHours["tue"] = []string{"18:00", "09:00"} },
			"unknown zone":         func(in *booking.BasePointInput) { in.TimeZone = "Mars/Olympus" },
			"no name":              func(in *booking.BasePointInput) { in.Name.Ko, in.Name.Zh, in.Name.En = "", "", "" },
			"unknown institution":  func(in *booking.BasePointInput) { in.InstitutionID = 9999 },
			"another institution":  func(in *booking.BasePointInput) { in.InstitutionID = *f.StaffGG.Roles[0].InstitutionID },
			"no opening hours":     func(in *booking.BasePointInput) { in.OpeningHours = booking.OpeningHours{} },
			"address far too long": func(in *booking.BasePointInput) { in.Address = string(make([]byte, 501)) },
		} {
			in := bp.Input()
			change(&in)
			_, err := f.Store.UpdateBasePoint(ctx, f.StaffHZ, bp.ID, bp.Version, in)
			want := "bookings_affected"
			if name != "Tuesday opens at 11" && name != "closed on Tuesdays" && name != "London time" {
				want = "invalid"
			}
			if got := code(t, err); got != want {
				t.Errorf("%s: %v, want %s", name, err, want)
			}
		}
		if got, _ := f.Store.BasePoint(ctx, bp.ID); got.Version != bp.Version || got.TimeZone != "Asia/Shanghai" {
			t.Errorf("refused edits changed the base point: %+v", got)
		}
		if _, err := f.Store.UpdateBasePoint(ctx, f.FounderCN, bp.ID, bp.Version, bp.Input()); code(t, err) != "forbidden" {
			t.Errorf("a founder edits a base point: %v", err)
		}

		in := bp.Input()
		in.OpeningHours["wed"] = []string{"10:00", "20:00"}
		in.Name.En, in.Address = "Hangzhou Innovation Base", "1818 Wenyi West Road"
		got, err := f.Store.UpdateBasePoint(ctx, f.StaffHZ, bp.ID, bp.Version, in)
		if err != nil {
			t.Fatalf("longer Wednesday: %v", err)
		}
		if got.Version != bp.Version+1 || got.Name.En != "Hangzhou Innovation Base" || got.OpeningHours["wed"][1] != "20:00" {
			t.Errorf("base point = %+v", got)
		}
		if _, err := f.Store.UpdateBasePoint(ctx, f.StaffHZ, bp.ID, bp.Version, in); code(t, err) != "stale_version" {
			t.Errorf("the old version again: %v, want stale_version", err)
		}
	})
}

// TestCapacityEditsRaceBookingsWithoutOverBooking lowers a room's capacity
// while clients book it, through stores of their own (as separate
// instances would): whichever wins, the slot never holds more than the
// capacity that ends up stored.
func TestCapacityEditsRaceBookingsWithoutOverBooking(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Thursday)
		for round := range 4 {
			start := bookingtest.At(day, 9+round, 0)
			race(db, 12, func(store *booking.Store) {
				cur, err := store.Resource(ctx, f.Room.ID)
				if err != nil {
					t.Error(err)
					return
				}
				in := cur.Input()
				in.Capacity = 1 + round%2
				store.UpdateResource(ctx, f.StaffHZ, cur.ID, cur.Version, in)
			}, func(store *booking.Store) {
				store.Book(ctx, f.FounderKR, booking.Request{ResourceID: f.Room.ID, StartupID: f.StartupKR,
					Start: start, End: start.Add(30 * time.Minute), Quantity: 1})
			})
			room := reloadResource(t, f, f.Room.ID)
			var held int
			if err := db.QueryRow(ctx, `SELECT COALESCE(SUM(quantity), 0) FROM bookings WHERE resource_id = ? AND start_at = ?
				AND status IN ('pending', 'confirmed')`, f.Room.ID, start).Scan(&held); err != nil {
				t.Fatal(err)
			}
			if held > room.Capacity || held == 0 {
				t.Errorf("round %d: %d held with capacity %d", round, held, room.Capacity)
			}
			// Back to 3 for the next round.
			in := room.Input()
			in.Capacity = 3
			if _, err := f.Store.UpdateResource(ctx, f.StaffHZ, room.ID, room.Version, in); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestBookingChecksAgainAfterAnEditInTheGap commits an edit between a
// booking's first checks and its transaction: the booking is judged by the
// settings the edit left, not by those it first read.
func TestBookingChecksAgainAfterAnEditInTheGap(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Tuesday)
		editor := booking.NewStore(db)
		// In this order: each edit leaves the next case's booking well
		// shaped until that case's own edit.
		for _, tc := range []struct {
			name       string
			edit       func() error
			start, end time.Time
			want       string
		}{
			{"Tuesday now opens at 10", func() error {
				bp, _ := editor.BasePoint(ctx, f.Hangzhou.ID)
				in := bp.Input()
				in.OpeningHours["tue"] = []string{"10:00", "18:00"}
				_, err := editor.UpdateBasePoint(ctx, f.StaffHZ, bp.ID, bp.Version, in)
				return err
			}, bookingtest.At(day, 9, 0), bookingtest.At(day, 10, 0), "invalid"},
			{"hour steps now", func() error {
				res, _ := editor.Resource(ctx, f.Room.ID)
				in := res.Input()
				in.GranularityMinutes = 60
				_, err := editor.UpdateResource(ctx, f.StaffHZ, res.ID, res.Version, in)
				return err
			}, bookingtest.At(day.AddDate(0, 0, 7), 11, 30), bookingtest.At(day.AddDate(0, 0, 7), 12, 0), "invalid"},
			{"retired now", func() error {
				res, _ := editor.Resource(ctx, f.Room.ID)
				in := res.Input()
				in.Retired = true
				_, err := editor.UpdateResource(ctx, f.StaffHZ, res.ID, res.Version, in)
				return err
			}, bookingtest.At(day.AddDate(0, 0, 14), 14, 0), bookingtest.At(day.AddDate(0, 0, 14), 15, 0), "retired"},
		} {
			name := tc.name
			booker := booking.NewStore(db)
			booking.SetAfterCheck(booker, func() {
				if err := tc.edit(); err != nil {
					t.Errorf("%s: the edit: %v", name, err)
				}
			})
			_, err := booker.Book(ctx, f.FounderKR, booking.Request{ResourceID: f.Room.ID, StartupID: f.StartupKR,
				Start: tc.start, End: tc.end, Quantity: 1})
			if got := code(t, err); got != tc.want {
				t.Errorf("%s: booking after the edit: %v, want %s", name, err, tc.want)
			}
		}
		if n := countBookings(t, db); n != 0 {
			t.Errorf("%d bookings stored, want none", n)
		}
	})
}

// TestHoursEditsRaceBookingsWithoutStrandingThem moves Tuesday's opening
// to 10:00 while clients book 09:00 on Tuesdays, through stores of their
// own: whichever wins, no booking held lies outside the opening hours
// stored.
func TestHoursEditsRaceBookingsWithoutStrandingThem(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		day := bookingtest.Day(shanghai, time.Tuesday)
		for round := range 4 {
			start := bookingtest.At(day.AddDate(0, 0, 7*round), 9, 0)
			bp, err := f.Store.BasePoint(ctx, f.Hangzhou.ID)
			if err != nil {
				t.Fatal(err)
			}
			race(db, 8, func(store *booking.Store) {
				in := bp.Input()
				in.OpeningHours["tue"] = []string{"10:00", "18:00"}
				store.UpdateBasePoint(ctx, f.StaffHZ, bp.ID, bp.Version, in)
			}, func(store *booking.Store) {
				store.Book(ctx, f.FounderKR, booking.Request{ResourceID: f.Room.ID, StartupID: f.StartupKR,
					Start: start, End: start.Add(30 * time.Minute), Quantity: 1})
			})
			got, err := f.Store.BasePoint(ctx, bp.ID)
			if err != nil {
				t.Fatal(err)
			}
			var held int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM bookings WHERE resource_id = ? AND start_at = ?
				AND status IN ('pending', 'confirmed')`, f.Room.ID, start).Scan(&held); err != nil {
				t.Fatal(err)
			}
			opened := got.OpeningHours["tue"][0]
			if opened == "10:00" && held > 0 {
				t.Errorf("round %d: Tuesday opens at 10:00 and %d bookings hold 09:00", round, held)
			}
			if opened == "09:00" && held == 0 {
				t.Errorf("round %d: the edit lost and yet no booking was made", round)
			}
			// Back to 09:00, with no booking at 09:00 left, for the next round.
			if _, err := db.Exec(ctx, `UPDATE bookings SET status = 'cancelled' WHERE resource_id = ?`, f.Room.ID); err != nil {
				t.Fatal(err)
			}
			in := got.Input()
			in.OpeningHours["tue"] = []string{"09:00", "18:00"}
			if _, err := f.Store.UpdateBasePoint(ctx, f.StaffHZ, got.ID, got.Version, in); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// race releases clients at once, each with a store of its own as separate
// instances would have: one edits, the others book.
func race(db *database.DB, clients int, edit, book func(*booking.Store)) {
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store := booking.NewStore(db)
			<-ready
			if i == clients/2 {
				edit(store)
				return
			}
			book(store)
		}()
	}
	close(ready)
	wg.Wait()
}
