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
	"startbridge/internal/text"
)

func inputOf(o *office.Office) office.OfficeInput {
	return office.OfficeInput{HostInstitutionID: o.HostInstitutionID, Name: o.Name, City: o.City, Region: o.Region,
		Desks: o.Desks, Services: o.Services, Status: o.Status}
}

func TestOfficeIsInAGazetteerCityOfAPartnerRegion(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		good := office.OfficeInput{HostInstitutionID: gbsa, Name: text.Text{Ko: "수원 사무소"}, City: "水原",
			Desks: 3, Services: []office.Service{office.ServiceDesk}, Status: office.OfficeOpen}
		got, err := f.store.CreateOffice(f.ctx, f.staff, good)
		if err != nil {
			t.Fatal(err)
		}
		if got.Region != "gyeonggi" || got.CityCode != "suwon" {
			t.Errorf("office = region %q city %q, want the city's region gyeonggi and code suwon", got.Region, got.CityCode)
		}
		for name, tc := range map[string]struct {
			change func(*office.OfficeInput)
			field  string
		}{
			"unknown city":        {func(in *office.OfficeInput) { in.City = "Atlantis" }, "city"},
			"not a partner city":  {func(in *office.OfficeInput) { in.City = "Shenzhen" }, "city"},
			"no city":             {func(in *office.OfficeInput) { in.City = " " }, "city"},
			"region of elsewhere": {func(in *office.OfficeInput) { in.Region = "hangzhou" }, "region"},
			"0 desks":             {func(in *office.OfficeInput) { in.Desks = 0 }, "desks"},
			"too many desks":      {func(in *office.OfficeInput) { in.Desks = office.MaxDesks + 1 }, "desks"},
			"unknown service":     {func(in *office.OfficeInput) { in.Services = []office.Service{"catering"} }, "services[0]"},
			"unknown status":      {func(in *office.OfficeInput) { in.Status = "dormant" }, "status"},
			"no name":             {func(in *office.OfficeInput) { in.Name = text.Text{En: "  "} }, "name"},
			"unknown host":        {func(in *office.OfficeInput) { in.HostInstitutionID = 999 }, "host_institution_id"},
		} {
			in := good
			tc.change(&in)
			_, err := f.store.CreateOffice(f.ctx, f.staff, in)
			if tc.field == "host_institution_id" && errors.Is(err, errs.ErrForbidden) {
				// Not staff of that host: refused before anything is read.
			} else if !hasField(err, tc.field) {
				t.Errorf("create with %s: %v, want a %s field error", name, err, tc.field)
			}
			if _, err := f.store.UpdateOffice(f.ctx, f.staff, got.ID, got.Version, in); !hasField(err, tc.field) {
				t.Errorf("change to %s: %v, want a %s field error", name, err, tc.field)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM offices`); n != 1 {
			t.Errorf("%d offices stored, want 1", n)
		}
		if o, _ := f.store.Office(f.ctx, got.ID); o.Version != got.Version {
			t.Errorf("refused changes moved the version to %d", o.Version)
		}
		// Staff of a Hangzhou institution may not run a GBSA office.
		if _, err := f.store.UpdateOffice(f.ctx, f.hzStaff, got.ID, got.Version, good); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("other institution's staff: %v, want forbidden", err)
		}
	})
}

func TestClosingAnOfficeWithDesksAllocatedIsRefused(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 2, office.OfficeOpen)
		a, sa := f.founder("hangzhou")
		b, sb := f.founder("hangzhou")
		held := f.approve(f.request(a, sa, "Suwon", "2027-03", 3, 2), o)
		waiting := f.approve(f.request(b, sb, "Suwon", "2027-04", 1, 1), o)
		if waiting.Status != office.StatusWaitlisted {
			t.Fatalf("second request is %s, want waitlisted", waiting.Status)
		}
		for name, change := range map[string]func(*office.OfficeInput){
			"closed":          func(in *office.OfficeInput) { in.Status = office.OfficeClosed },
			"proposed":        func(in *office.OfficeInput) { in.Status = office.OfficeProposed },
			"moved to Yongin": func(in *office.OfficeInput) { in.City = "용인" },
		} {
			in := inputOf(o)
			change(&in)
			_, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o.Version, in)
			var coded *errs.Coded
			if !errors.As(err, &coded) || coded.Code != "office_in_use" || coded.Args["month"] != "2027-03" || coded.Args["requests"] != 1 {
				t.Errorf("%s with desks allocated: %v, want office_in_use from 2027-03 for 1 request", name, err)
			}
		}
		if got, _ := f.store.Office(f.ctx, o.ID); got.Status != office.OfficeOpen || got.Version != o.Version {
			t.Errorf("office after the refusals = %s v%d, want open v%d", got.Status, got.Version, o.Version)
		}

		// Once the stay is cancelled the waitlisted request gets the desk;
		// cancelled too, the office may close, and reopening it changes nothing.
		if _, err := f.store.Cancel(f.ctx, f.staff, held.ID); err != nil {
			t.Fatal(err)
		}
		if got := f.status(waiting.ID); got != office.StatusApproved {
			t.Fatalf("waiting request is %s after the cancellation, want approved", got)
		}
		if _, err := f.store.Cancel(f.ctx, f.staff, waiting.ID); err != nil {
			t.Fatal(err)
		}
		cur, _ := f.store.Office(f.ctx, o.ID)
		in := inputOf(cur)
		in.Status = office.OfficeClosed
		closed, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, cur.Version, in)
		if err != nil || closed.Status != office.OfficeClosed {
			t.Fatalf("close an empty office: %v", err)
		}
		c, sc := f.founder("hangzhou")
		if _, err := f.store.Decide(f.ctx, f.staff, f.request(c, sc, "Suwon", "2027-05", 1, 1).ID,
			office.Decision{Decision: office.DecideApprove, OfficeID: o.ID}); code(err) != "office_not_open" {
			t.Errorf("approve into the closed office: %v, want office_not_open", err)
		}
	})
}

// More desks promote the waitlist in order, and tell the founders, while
// approvals race the change: no month ever holds more than the desks.
func TestMoreDesksPromoteTheWaitlistUnderConcurrentDecisions(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 1, office.OfficeOpen)
		first, s1 := f.founder("hangzhou")
		f.approve(f.request(first, s1, "Suwon", "2027-03", 2, 1), o)
		var waiting []*office.Request
		var founders []int64
		for i := 0; i < 3; i++ {
			u, s := f.founder("hangzhou")
			waiting = append(waiting, f.approve(f.request(u, s, "Suwon", "2027-03", 1, 1), o))
			founders = append(founders, u.ID)
		}
		var pending []*office.Request
		for i := 0; i < 6; i++ {
			u, s := f.founder("hangzhou")
			pending = append(pending, f.request(u, s, "Suwon", fmt.Sprintf("2027-%02d", 3+i%2), 1, 1))
		}
		in := inputOf(o)
		in.Desks = 3
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, r := range pending {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				f.store.Decide(f.ctx, f.staff, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: o.ID})
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o.Version, in); err != nil {
				t.Errorf("more desks: %v", err)
			}
		}()
		close(start)
		wg.Wait()
		if n := f.fullest(o.ID); n > 3 {
			t.Errorf("a month holds %d desks of 3", n)
		}
		// The first waitlisted request, queued before all the others, is
		// promoted whatever the interleaving: it fits the moment desks grow.
		if got := f.status(waiting[0].ID); got != office.StatusApproved {
			t.Errorf("first waitlisted request is %s, want approved", got)
		}
		if n := f.count(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND msg_key = 'office.notify.promoted'`, founders[0]); n != 1 {
			t.Errorf("its founder has %d promotion notifications, want 1", n)
		}
	})
}

func TestAnOfficeRecordedInAnUnlistedCityKeepsIt(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o, err := f.store.CreateOffice(f.ctx, f.staff, office.OfficeInput{HostInstitutionID: gbsa, Name: text.Text{Ko: "옛 사무소"}, City: "水原",
			Desks: 3, Services: []office.Service{office.ServiceDesk}, Status: office.OfficeOpen})
		if err != nil {
			t.Fatal(err)
		}
		// As recorded before cities were checked against the gazetteer.
		if _, err := db.Exec(f.ctx, `UPDATE offices SET city = 'Atlantis', city_code = NULL, city_key = ? WHERE id = ?`, office.CityKey("Atlantis"), o.ID); err != nil {
			t.Fatal(err)
		}
		o, _ = f.store.Office(f.ctx, o.ID)
		in := inputOf(o)
		in.Desks = 5
		got, err := f.store.UpdateOffice(f.ctx, f.staff, o.ID, o.Version, in)
		if err != nil || got.Desks != 5 || got.City != "Atlantis" || got.Region != "gyeonggi" {
			t.Fatalf("more desks in the office's own city: %+v, %v", got, err)
		}
		for name, tc := range map[string]struct {
			change func(*office.OfficeInput)
			field  string
		}{
			"another unlisted city":         {func(in *office.OfficeInput) { in.City = "Lemuria" }, "city"},
			"the same city in other region": {func(in *office.OfficeInput) { in.Region = "hangzhou" }, "region"},
		} {
			in := inputOf(got)
			tc.change(&in)
			if _, err := f.store.UpdateOffice(f.ctx, f.staff, got.ID, got.Version, in); !hasField(err, tc.field) {
				t.Errorf("%s: %v, want a %s field error", name, err, tc.field)
			}
		}
		// Moving it to a listed city is a move like any other.
		in = inputOf(got)
		in.City = "수원"
		if moved, err := f.store.UpdateOffice(f.ctx, f.staff, got.ID, got.Version, in); err != nil || moved.CityCode != "suwon" {
			t.Errorf("moved to Suwon: %+v, %v", moved, err)
		}
	})
}
