package booking_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
	"startbridge/internal/notify"
	"startbridge/internal/text"
)

func TestBadBookingsAreRefusedNamingTheFieldAndStoreNothing(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		quota := int64(2)
		lead, err := f.Store.CreateResource(ctx, f.StaffHZ, booking.ResourceInput{BasePointID: f.Hangzhou.ID,
			Kind: booking.Facility, Name: text.Text{En: "3D printer"}, Capacity: 1, GranularityMinutes: 60,
			LeadTimeMinutes: 7 * 24 * 60, MaxAdvanceDays: 14, MonthlyQuotaHours: &quota})
		if err != nil {
			t.Fatal(err)
		}
		own, err := f.Store.CreateResource(ctx, f.StaffHZ, booking.ResourceInput{BasePointID: f.Hangzhou.ID,
			Kind: booking.TechService, Name: text.Text{En: "Local lab"}, Capacity: 2, GranularityMinutes: 60,
			OpenTo: booking.OwnRegion})
		if err != nil {
			t.Fatal(err)
		}
		day := bookingtest.Day(shanghai, time.Tuesday)
		at := func(h, m int) time.Time { return bookingtest.At(day, h, m) }
		later := day.AddDate(0, 0, 7) // past the lead time of a week
		sunday := day.AddDate(0, 0, 5)
		seoul, _ := time.LoadLocation("Asia/Seoul")
		deskDay := bookingtest.Day(seoul, time.Monday)

		cases := []struct {
			name, field string
			req         booking.Request
		}{
			{"not aligned", "start", booking.Request{ResourceID: f.Room.ID, Start: at(10, 10), End: at(11, 0), Quantity: 1}},
			{"end not aligned", "end", booking.Request{ResourceID: f.Room.ID, Start: at(10, 0), End: at(11, 0).Add(time.Second), Quantity: 1}},
			{"end before start", "end", booking.Request{ResourceID: f.Room.ID, Start: at(11, 0), End: at(10, 0), Quantity: 1}},
			{"empty period", "end", booking.Request{ResourceID: f.Room.ID, Start: at(11, 0), End: at(11, 0), Quantity: 1}},
			{"before opening", "start", booking.Request{ResourceID: f.Room.ID, Start: at(8, 0), End: at(9, 30), Quantity: 1}},
			{"after closing", "start", booking.Request{ResourceID: f.Room.ID, Start: at(17, 30), End: at(18, 30), Quantity: 1}},
			{"closed on Sunday", "start", booking.Request{ResourceID: f.Room.ID, Start: bookingtest.At(sunday, 10, 0), End: bookingtest.At(sunday, 11, 0), Quantity: 1}},
			{"in the past", "start", booking.Request{ResourceID: f.Room.ID, Start: at(10, 0).AddDate(0, 0, -14), End: at(11, 0).AddDate(0, 0, -14), Quantity: 1}},
			{"inside the lead time", "start", booking.Request{ResourceID: lead.ID, Start: at(10, 0), End: at(11, 0), Quantity: 1}},
			{"past the horizon", "start", booking.Request{ResourceID: f.Room.ID, Start: at(10, 0).AddDate(0, 0, 91), End: at(11, 0).AddDate(0, 0, 91), Quantity: 1}},
			{"series past the horizon", "start", booking.Request{ResourceID: f.Room.ID, Start: at(10, 0).AddDate(0, 0, 70), End: at(11, 0).AddDate(0, 0, 70), Quantity: 1, Weeks: 4}},
			{"over the quota", "end", booking.Request{ResourceID: lead.ID, Start: bookingtest.At(later, 10, 0), End: bookingtest.At(later, 13, 0), Quantity: 1}},
			{"unknown resource", "resource_id", booking.Request{ResourceID: 999999, Start: at(10, 0), End: at(11, 0), Quantity: 1}},
			{"unknown start-up", "startup_id", booking.Request{ResourceID: f.Room.ID, StartupID: 999999, Start: at(10, 0), End: at(11, 0), Quantity: 1}},
			{"quantity 0", "quantity", booking.Request{ResourceID: f.Room.ID, Start: at(10, 0), End: at(11, 0), Quantity: 0}},
			{"quantity above capacity", "quantity", booking.Request{ResourceID: f.Room.ID, Start: at(10, 0), End: at(11, 0), Quantity: 4}},
			{"region not allowed", "startup_id", booking.Request{ResourceID: own.ID, Start: at(10, 0), End: at(11, 0), Quantity: 1}},
			{"desk not whole days", "start", booking.Request{ResourceID: f.Desks.ID, Start: deskDay.Add(9 * time.Hour), End: deskDay.AddDate(0, 0, 1), Quantity: 1}},
			{"desk on a closed day", "start", booking.Request{ResourceID: f.Desks.ID, Start: deskDay, End: deskDay.AddDate(0, 0, 7), Quantity: 1}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if c.req.StartupID == 0 {
					c.req.StartupID = f.StartupKR
				}
				_, err := f.Store.Book(ctx, f.FounderKR, c.req)
				var inv *errs.Invalid
				if !errors.As(err, &inv) {
					t.Fatalf("err = %v, want invalid %s", err, c.field)
				}
				if !inv.Has(c.field) {
					t.Errorf("fields = %+v, want %s", inv.Fields, c.field)
				}
				if n := countBookings(t, db); n != 0 {
					t.Errorf("%d bookings stored", n)
				}
			})
		}
		// The quota counts what is already booked in the month.
		if _, err := f.Store.Book(ctx, f.FounderKR, booking.Request{ResourceID: lead.ID, StartupID: f.StartupKR,
			Start: bookingtest.At(later, 10, 0), End: bookingtest.At(later, 12, 0), Quantity: 1}); err != nil {
			t.Fatalf("within quota: %v", err)
		}
		_, err = f.Store.Book(ctx, f.FounderKR, booking.Request{ResourceID: lead.ID, StartupID: f.StartupKR,
			Start: bookingtest.At(later, 14, 0), End: bookingtest.At(later, 15, 0), Quantity: 1})
		var inv *errs.Invalid
		if !errors.As(err, &inv) || !inv.Has("end") || inv.Fields[0].Key != "booking.error.quota_hours" {
			t.Errorf("second booking past the quota: err = %v", err)
		}
	})
}

func TestBookingAuthorizationApprovalAndCancellation(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		ctx := context.Background()
		seoul, _ := time.LoadLocation("Asia/Seoul")
		day := bookingtest.Day(seoul, time.Tuesday)
		desk := booking.Request{ResourceID: f.Desks.ID, StartupID: f.StartupCN, Start: day, End: day.AddDate(0, 0, 1), Quantity: 2}

		// Nobody books for another start-up.
		wrong := desk
		wrong.StartupID = f.StartupKR
		if _, err := f.Store.Book(ctx, f.FounderCN, wrong); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("booking for another start-up: err = %v, want forbidden", err)
		}
		if _, err := f.Store.Book(ctx, nil, desk); !errors.Is(err, errs.ErrUnauthenticated) {
			t.Errorf("visitor booking: err = %v, want unauthenticated", err)
		}
		bs, err := f.Store.Book(ctx, f.FounderCN, desk)
		if err != nil {
			t.Fatal(err)
		}
		b := bs[0]
		if b.Status != booking.Pending {
			t.Fatalf("desk booking is %s, want pending", b.Status)
		}
		// The other start-up neither sees nor decides it; the other base
		// point's staff neither.
		if _, err := f.Store.Booking(ctx, f.FounderKR, b.ID); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("other start-up reads it: err = %v, want not found", err)
		}
		if list, _ := f.Store.Bookings(ctx, f.FounderKR, booking.Filter{}, 0, 50); len(list) != 0 {
			t.Errorf("other start-up lists %d bookings", len(list))
		}
		for _, u := range []*auth.User{f.FounderKR, f.StaffHZ} {
			if _, err := f.Store.Approve(ctx, u, b.ID); !errors.Is(err, errs.ErrNotFound) {
				t.Errorf("%s approves: err = %v, want not found", u.Email, err)
			}
		}
		if _, err := f.Store.Approve(ctx, f.FounderCN, b.ID); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("founder approves own booking: err = %v, want forbidden", err)
		}
		got, err := f.Store.Approve(ctx, f.StaffGG, b.ID)
		if err != nil || got.Status != booking.Confirmed {
			t.Fatalf("staff approves: %v, %+v", err, got)
		}
		if _, err := f.Store.Reject(ctx, f.StaffGG, b.ID); err == nil {
			t.Error("a confirmed booking was rejected")
		}
		if list, _ := f.Store.Bookings(ctx, f.StaffGG, booking.Filter{Status: booking.Confirmed}, 0, 50); len(list) != 1 {
			t.Errorf("staff lists %d confirmed bookings, want 1", len(list))
		}
		got, err = f.Store.Cancel(ctx, f.FounderCN, b.ID)
		if err != nil || got.Status != booking.Cancelled {
			t.Fatalf("founder cancels: %v", err)
		}
		// The founder who asked was told of the approval, in the same
		// transaction; not of their own cancellation.
		kinds := func(u *auth.User) []string {
			list, err := notify.NewStore(db).List(ctx, u.ID, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, n := range list {
				out = append(out, n.Kind)
			}
			return out
		}
		if got := kinds(f.FounderCN); fmt.Sprint(got) != "[booking.confirmed]" {
			t.Errorf("the booker was told %v, want [booking.confirmed]", got)
		}

		// Past the deadline (an hour before the start) a founder may not
		// cancel; staff may.
		room := bookingtest.Day(shanghai, time.Monday)
		bs, err = book(f, f.Room, f.StartupKR, bookingtest.At(room, 10, 0), bookingtest.At(room, 11, 0), 1)
		if err != nil {
			t.Fatal(err)
		}
		late := f.Store.WithClock(func() time.Time { return bookingtest.At(room, 9, 30) })
		var coded *errs.Coded
		if _, err := late.Cancel(ctx, f.FounderKR, bs[0].ID); !errors.As(err, &coded) || coded.Code != "deadline_passed" {
			t.Errorf("late cancel: err = %v, want deadline_passed", err)
		}
		if _, err := late.Cancel(ctx, f.StaffHZ, bs[0].ID); err != nil {
			t.Errorf("staff cancel past the deadline: %v", err)
		}
		if got := kinds(f.FounderKR); fmt.Sprint(got) != "[booking.cancelled]" {
			t.Errorf("the booker of a booking staff cancelled was told %v", got)
		}
	})
}

func TestAvailabilityShowsFreeCapacityPerSlot(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := bookingtest.Setup(t, db)
		day := bookingtest.Day(shanghai, time.Tuesday)
		mustBook(t, f, bookingtest.At(day, 10, 0), bookingtest.At(day, 11, 0), 2)
		slots, err := f.Store.Availability(context.Background(), f.Room, f.Hangzhou, day, day.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		if len(slots) != 18 {
			t.Fatalf("%d slots, want 18 half hours from 09:00 to 18:00", len(slots))
		}
		for _, s := range slots {
			want := 3
			if h := s.Start.In(shanghai).Hour(); h == 10 {
				want = 1
			}
			if s.Free != want {
				t.Errorf("%s: free %d, want %d", s.Start.In(shanghai).Format("15:04"), s.Free, want)
			}
		}
	})
}
