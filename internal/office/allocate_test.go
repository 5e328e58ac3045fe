package office_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
	"startbridge/internal/office"
)

func TestApprovalAllocatesDesksMonthByMonth(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		suwon := f.office("Suwon", 10, office.OfficeOpen)
		founder, startup := f.founder("hangzhou", "ai")
		r := f.request(founder, startup, "수원", "2027-03", 6, 2)
		if r.Status != office.StatusSubmitted || r.CityCode != "suwon" || r.EndMonth != "2027-08" {
			t.Fatalf("submitted request = %+v", r)
		}
		got := f.approve(r, suwon)
		if got.Status != office.StatusApproved || got.OfficeID == nil || *got.OfficeID != suwon.ID {
			t.Fatalf("approved = %+v, want approved into office %d", got, suwon.ID)
		}
		occ, err := f.store.Occupancy(f.ctx, suwon.ID, "2027-02", "2027-09")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range occ {
			want := 2
			if m.Month == "2027-02" || m.Month == "2027-09" {
				want = 0
			}
			if m.Allocated != want || m.Desks != 10 {
				t.Errorf("%s: %d of %d desks allocated, want %d of 10", m.Month, m.Allocated, m.Desks, want)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND msg_key = 'office.notify.approved'`, founder.ID); n != 1 {
			t.Errorf("founder has %d approval notifications, want 1", n)
		}
	})
}

// Many staff approve at once into an office of three desks: whatever the
// interleaving, exactly three requests get desks and no month holds more.
func TestConcurrentApprovalsNeverExceedTheDesks(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 3, office.OfficeOpen)
		const n = 16
		var reqs []*office.Request
		for i := 0; i < n; i++ {
			founder, startup := f.founder("hangzhou")
			// Overlapping stays of different lengths and sizes.
			reqs = append(reqs, f.request(founder, startup, "Suwon", fmt.Sprintf("2027-%02d", 3+i%3), 1+i%4, 1+i%2))
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		errc := make(chan error, n)
		for _, r := range reqs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := f.store.Decide(f.ctx, f.staff, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: o.ID})
				errc <- err
			}()
		}
		close(start)
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Errorf("decide: %v", err)
			}
		}
		if got := f.fullest(o.ID); got > 3 {
			t.Fatalf("a month holds %d desks of 3", got)
		}
		approved := f.count(`SELECT COUNT(*) FROM office_requests WHERE status = 'approved'`)
		waitlisted := f.count(`SELECT COUNT(*) FROM office_requests WHERE status = 'waitlisted'`)
		t.Logf("%d approved, %d waitlisted, fullest month %d of 3 desks", approved, waitlisted, f.fullest(o.ID))
		if approved == 0 || approved+waitlisted != n {
			t.Errorf("%d approved and %d waitlisted, want all %d decided and some approved", approved, waitlisted, n)
		}
		// Every approved request holds its desks in each of its months.
		if got := f.count(`SELECT COUNT(*) FROM office_requests r WHERE r.status = 'approved' AND r.months <>
			(SELECT COUNT(*) FROM office_allocations a WHERE a.request_id = r.id AND a.desks = r.desks)`); got != 0 {
			t.Errorf("%d approved requests lack allocations", got)
		}
		// Cancelling every approved request lets the waitlist move up, still
		// within the desks.
		for _, r := range reqs {
			if f.status(r.ID) == office.StatusApproved {
				if _, err := f.store.Cancel(f.ctx, f.staff, r.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got := f.fullest(o.ID); got > 3 || got == 0 {
			t.Errorf("after cancelling, the fullest month holds %d desks, want 1–3", got)
		}
	})
}

func TestWaitlistIsOrderedByPriorityThenSubmission(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 2, office.OfficeOpen)
		firstFounder, first := f.founder("hangzhou")
		holder := f.approve(f.request(firstFounder, first, "Suwon", "2027-03", 6, 2), o)
		early, earlyStartup := f.founder("hangzhou")
		r2 := f.approve(f.request(early, earlyStartup, "Suwon", "2027-03", 3, 1), o)
		winner, winnerStartup := f.founder("hangzhou")
		awarded, err := f.store.CreateRequestUnchecked(f.ctx, office.RequestInput{StartupID: winnerStartup, TargetCity: "Suwon",
			StartMonth: "2027-04", Months: 2, Desks: 1}, 10)
		if err != nil {
			t.Fatal(err)
		}
		r3 := f.approve(awarded, o)
		late, lateStartup := f.founder("hangzhou")
		r4 := f.approve(f.request(late, lateStartup, "Suwon", "2027-03", 3, 1), o)
		for _, r := range []*office.Request{r2, r3, r4} {
			if r.Status != office.StatusWaitlisted {
				t.Fatalf("request %d is %s, want waitlisted behind the full office", r.ID, r.Status)
			}
		}
		if _, err := f.store.Cancel(f.ctx, firstFounder, holder.ID); err != nil {
			t.Fatal(err)
		}
		// Two desks free: the award goes first, then the earliest submission;
		// the latest still waits.
		want := map[int64]office.Status{holder.ID: office.StatusCancelled, r3.ID: office.StatusApproved,
			r2.ID: office.StatusApproved, r4.ID: office.StatusWaitlisted}
		for id, st := range want {
			if got := f.status(id); got != st {
				t.Errorf("request %d is %s, want %s", id, got, st)
			}
		}
		for _, u := range []int64{early.ID, winner.ID} {
			if n := f.count(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND msg_key = 'office.notify.promoted'`, u); n != 1 {
				t.Errorf("user %d has %d promotion notifications, want 1", u, n)
			}
			if n := f.count(`SELECT COUNT(*) FROM email_outbox WHERE user_id = ? AND msg_key = 'office.notify.promoted' AND status = 'pending'`, u); n != 1 {
				t.Errorf("user %d has %d promotion emails queued, want 1", u, n)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND msg_key = 'office.notify.promoted'`, late.ID); n != 0 {
			t.Errorf("the founder still waiting was told of a promotion")
		}
	})
}

func TestAShorterStayPromotesTheWaitlist(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 1, office.OfficeOpen)
		a, sa := f.founder("hangzhou")
		long := f.approve(f.request(a, sa, "Suwon", "2027-03", 6, 1), o)
		b, sb := f.founder("hangzhou")
		waiting := f.approve(f.request(b, sb, "Suwon", "2027-06", 2, 1), o)
		if waiting.Status != office.StatusWaitlisted {
			t.Fatalf("second request is %s, want waitlisted", waiting.Status)
		}
		if _, err := f.store.Shorten(f.ctx, a, long.ID, long.Version, office.Change{Months: 7}); !hasField(err, "months") {
			t.Errorf("lengthening an approved stay: %v, want a months field error", err)
		}
		got, err := f.store.Shorten(f.ctx, a, long.ID, long.Version, office.Change{Months: 3})
		if err != nil {
			t.Fatal(err)
		}
		if got.EndMonth != "2027-05" || f.status(waiting.ID) != office.StatusApproved {
			t.Errorf("after shortening: end %s, waiting request %s; want 2027-05 and approved", got.EndMonth, f.status(waiting.ID))
		}
		if f.fullest(o.ID) != 1 {
			t.Errorf("fullest month holds %d desks of 1", f.fullest(o.ID))
		}
	})
}

func TestMoreDesksPromoteTheWaitlist(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 1, office.OfficeOpen)
		a, sa := f.founder("hangzhou")
		f.approve(f.request(a, sa, "Suwon", "2027-03", 6, 1), o)
		b, sb := f.founder("hangzhou")
		waiting := f.approve(f.request(b, sb, "Suwon", "2027-03", 2, 1), o)
		in := office.OfficeInput{HostInstitutionID: gbsa, Name: o.Name, City: o.City, Region: o.Region, Desks: 0,
			Services: o.Services, Status: o.Status}
		if _, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o.Version, in); !hasField(err, "desks") {
			t.Errorf("0 desks: %v, want a desks field error", err)
		}
		if _, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o.Version+1, withDesks(in, 2)); !errors.Is(err, errs.ErrStale) {
			t.Errorf("stale version: %v, want ErrStale", err)
		}
		if _, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o.Version, withDesks(in, 2)); err != nil {
			t.Fatal(err)
		}
		if got := f.status(waiting.ID); got != office.StatusApproved {
			t.Errorf("waiting request is %s after more desks, want approved", got)
		}
		o2, _ := f.store.Office(f.ctx, o.ID)
		if _, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o2.Version, withDesks(in, 1)); code(err) != "over_capacity" {
			t.Errorf("fewer desks than allocated: %v, want over_capacity", err)
		}
	})
}

func withDesks(in office.OfficeInput, n int) office.OfficeInput {
	in.Desks = n
	return in
}

func hasField(err error, field string) bool {
	var inv *errs.Invalid
	return errors.As(err, &inv) && inv.Has(field)
}

func code(err error) string {
	var c *errs.Coded
	if errors.As(err, &c) {
		return c.Code
	}
	return ""
}
