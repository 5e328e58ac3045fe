package office_test

import (
	"errors"
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
	"startbridge/internal/i18n"
	"startbridge/internal/office"
)

func TestBadRequestsAreRefusedWithNothingStored(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		f.office("Suwon", 3, office.OfficeOpen)
		founder, startup := f.founder("hangzhou")
		valid := office.RequestInput{StartupID: startup, TargetCity: "Suwon", StartMonth: "2027-03", Months: 6, Desks: 2}
		tests := []struct {
			name   string
			change func(*office.RequestInput)
			field  string
			key    string
		}{
			{"start month in the past", func(in *office.RequestInput) { in.StartMonth = "2026-12" }, "start_month", "office.field.month_past"},
			{"start month malformed", func(in *office.RequestInput) { in.StartMonth = "March 2027" }, "start_month", "office.field.month"},
			{"0 months", func(in *office.RequestInput) { in.Months = 0 }, "months", "office.field.months"},
			{"13 months", func(in *office.RequestInput) { in.Months = 13 }, "months", "office.field.months"},
			{"0 desks", func(in *office.RequestInput) { in.Desks = 0 }, "desks", "office.field.desks"},
			{"desks above the office's size", func(in *office.RequestInput) { in.Desks = 4 }, "desks", "office.field.desks_above_office"},
			{"no city", func(in *office.RequestInput) { in.TargetCity = "  " }, "target_city", "office.field.city"},
			{"unknown service", func(in *office.RequestInput) { in.Services = []office.Service{"massage"} }, "services[0]", "office.field.service"},
		}
		cat := i18n.MustLoad()
		for _, tt := range tests {
			in := valid
			tt.change(&in)
			_, err := f.store.CreateRequest(f.ctx, founder, in)
			var inv *errs.Invalid
			if !errors.As(err, &inv) || len(inv.Fields) == 0 || inv.Fields[0].Field != tt.field || inv.Fields[0].Key != tt.key {
				t.Errorf("%s: %v, want %s on %s", tt.name, err, tt.key, tt.field)
				continue
			}
			if !cat.Has(tt.key) {
				t.Errorf("%s: %s is not in the catalogue", tt.name, tt.key)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM office_requests`); n != 0 {
			t.Errorf("%d requests stored from bad input", n)
		}
	})
}

func TestBadDecisionsAreRefusedWithNothingStored(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		small := f.office("Suwon", 2, office.OfficeOpen)
		closed := f.office("Yongin", 5, office.OfficeClosed)
		founder, startup := f.founder("hangzhou")
		big := f.request(founder, startup, "Seongnam", "2027-03", 3, 3)
		if _, err := f.store.Decide(f.ctx, f.staff, big.ID, office.Decision{Decision: office.DecideApprove, OfficeID: small.ID}); code(err) != "exceeds_office" {
			t.Errorf("3 desks into a 2-desk office: %v, want exceeds_office", err)
		}
		if _, err := f.store.Decide(f.ctx, f.staff, big.ID, office.Decision{Decision: office.DecideApprove, OfficeID: closed.ID}); code(err) != "office_not_open" {
			t.Errorf("approving into a closed office: %v, want office_not_open", err)
		}
		if _, err := f.store.Decide(f.ctx, f.staff, big.ID, office.Decision{Decision: "maybe"}); !hasField(err, "decision") {
			t.Errorf("unknown decision: %v, want a decision field error", err)
		}
		if _, err := f.store.Decide(f.ctx, f.staff, big.ID, office.Decision{Decision: office.DecideApprove}); !hasField(err, "office_id") {
			t.Errorf("approval without an office: %v, want an office_id field error", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM office_allocations`) + f.count(`SELECT COUNT(*) FROM office_requests WHERE status <> 'submitted'`); n != 0 {
			t.Errorf("refused decisions left %d rows behind", n)
		}
		r := f.request(founder, startup, "Suwon", "2027-03", 3, 1)
		f.approve(r, small)
		for _, d := range []office.Decision{{Decision: office.DecideApprove, OfficeID: small.ID}, {Decision: office.DecideReject}} {
			if _, err := f.store.Decide(f.ctx, f.staff, r.ID, d); !errors.Is(err, office.ErrAlreadyDecided) {
				t.Errorf("deciding twice (%s): %v, want already_decided", d.Decision, err)
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM office_allocations WHERE request_id = ?`, r.ID); n != 3 {
			t.Errorf("request holds %d allocations after a second decision, want 3", n)
		}
	})
}

func TestOnlyThoseConcernedSeeAndDecideRequests(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		o := f.office("Suwon", 5, office.OfficeOpen)
		founder, startup := f.founder("hangzhou")
		other, otherStartup := f.founder("gyeonggi")
		r := f.request(founder, startup, "Suwon", "2027-03", 3, 1)
		if _, err := f.store.Request(f.ctx, other, r.ID); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("another start-up reads the request: %v, want not found", err)
		}
		if _, err := f.store.Cancel(f.ctx, other, r.ID); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("another start-up cancels the request: %v, want not found", err)
		}
		if _, err := f.store.CreateRequest(f.ctx, other, office.RequestInput{StartupID: startup, TargetCity: "Suwon",
			StartMonth: "2027-03", Months: 1, Desks: 1}); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("requesting for another's start-up: %v, want forbidden", err)
		}
		list, err := f.store.Requests(f.ctx, other, office.RequestFilter{}, 0, 50)
		if err != nil || len(list) != 0 {
			t.Errorf("another start-up lists %d requests (%v), want none", len(list), err)
		}
		if _, err := f.store.Decide(f.ctx, founder, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: o.ID}); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("a founder decides: %v, want forbidden", err)
		}
		if _, err := f.store.Decide(f.ctx, f.hzStaff, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: o.ID}); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("staff of another institution approve into GBSA's office: %v, want forbidden", err)
		}
		if _, err := f.store.CreateOffice(f.ctx, founder, office.OfficeInput{HostInstitutionID: gbsa}); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("a founder opens an office: %v, want forbidden", err)
		}
		if _, err := f.store.Demand(f.ctx, founder, "2027-01", "2027-06"); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("a founder reads the demand view: %v, want forbidden", err)
		}
		own, err := f.store.Requests(f.ctx, founder, office.RequestFilter{}, 0, 50)
		if err != nil || len(own) != 1 || own[0].ID != r.ID {
			t.Errorf("founder lists %v (%v), want their one request", own, err)
		}
		_ = otherStartup
	})
}

func TestCitiesMatchWhateverScriptOrCase(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		for _, typed := range []string{"Shenzhen", "深圳", "선전", "shenzhen ", "ＳＨＥＮＺＨＥＮ", "深圳市", "Shen Zhen"} {
			key, city, err := office.ResolveCity(f.ctx, db, typed)
			if err != nil || city == nil || key != "shenzhen" || city.Name.En != "Shenzhen" {
				t.Errorf("%q → %q %+v %v, want shenzhen", typed, key, city, err)
			}
		}
		for typed, want := range map[string]string{"수원시": "suwon", "판교": "seongnam", "Pangyo": "seongnam", "杭州市": "hangzhou", "서울특별시": "seoul", "Xi'an": "xian"} {
			if key, _, _ := office.ResolveCity(f.ctx, db, typed); key != want {
				t.Errorf("%q → %q, want %q", typed, key, want)
			}
		}
		a, _, _ := office.ResolveCity(f.ctx, db, "Ho Chi Minh City")
		b, city, _ := office.ResolveCity(f.ctx, db, "  ho chi minh city")
		if a != b || a == "" || city != nil {
			t.Errorf("unknown city keys %q and %q, want one key and no gazetteer city", a, b)
		}
	})
}

func TestDemandCountsRequestsAndUnmetDemandPerCity(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		suwon := f.office("Suwon", 2, office.OfficeOpen)
		ai, aiStartup := f.founder("hangzhou", "ai")
		bio, bioStartup := f.founder("hangzhou", "bio", "ai")
		f.approve(f.request(ai, aiStartup, "Suwon", "2027-03", 2, 2), suwon)
		f.approve(f.request(bio, bioStartup, "수원", "2027-03", 1, 1), suwon) // waitlisted
		for _, typed := range []string{"Shenzhen", "深圳", "선전"} {
			f.request(ai, aiStartup, typed, "2027-04", 3, 1)
		}
		rejected := f.request(bio, bioStartup, "Suwon", "2027-05", 1, 1)
		if _, err := f.store.Decide(f.ctx, f.staff, rejected.ID, office.Decision{Decision: office.DecideReject, Reason: office.ReasonCapacity}); err != nil {
			t.Fatal(err)
		}
		cancelled := f.request(bio, bioStartup, "Shenzhen", "2027-04", 1, 1)
		if _, err := f.store.Cancel(f.ctx, bio, cancelled.ID); err != nil {
			t.Fatal(err)
		}
		f.request(ai, aiStartup, "Shenzhen", "2027-12", 1, 1) // outside the window
		d, err := f.store.Demand(f.ctx, f.hzStaff, "2027-01", "2027-06")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Cities) != 2 {
			t.Fatalf("cities = %+v, want Shenzhen and Suwon", d.Cities)
		}
		sz, sw := d.Cities[0], d.Cities[1]
		if sz.Key != "shenzhen" || sz.Requests != 3 || sz.Unmet != 3 || sz.OfficeID != nil || sz.DeskMonths != 9 {
			t.Errorf("Shenzhen = %+v, want 3 requests, 3 unmet, no office, 9 desk-months", sz)
		}
		if sw.Key != "suwon" || sw.Requests != 3 || sw.Approved != 1 || sw.Waitlisted != 1 || sw.RejectedForCapacity != 1 ||
			sw.Unmet != 2 || sw.OfficeID == nil || *sw.OfficeID != suwon.ID {
			t.Errorf("Suwon = %+v, want 3 requests: 1 approved, 1 waitlisted, 1 rejected for capacity, 2 unmet", sw)
		}
		cells := map[string]int{}
		for _, c := range d.Cells {
			cells[c.Key+" "+c.Month+" "+c.Sector] = c.Requests
		}
		for cell, want := range map[string]int{"shenzhen 2027-04 ai": 3, "shenzhen 2027-06 ai": 3, "suwon 2027-03 ai": 2,
			"suwon 2027-03 bio": 1, "suwon 2027-04 ai": 1, "suwon 2027-05 bio": 1, "shenzhen 2027-07 ai": 0} {
			if cells[cell] != want {
				t.Errorf("cell %s = %d, want %d", cell, cells[cell], want)
			}
		}
		if len(d.Recommendations) != 2 || d.Recommendations[0].Key != "office.rec.no_office" || d.Recommendations[0].City.En != "Shenzhen" ||
			d.Recommendations[1].Key != "office.rec.more_desks" {
			t.Fatalf("recommendations = %+v", d.Recommendations)
		}
		p := i18n.MustLoad().Printer("en", nil)
		r := d.Recommendations[0]
		args := []any{"city", r.City.In("en")}
		for k, v := range r.Args {
			args = append(args, k, v)
		}
		if got, want := p.T(r.Key, args...), "Shenzhen: 3 requests in 6 months, no office — consider opening one."; got != want {
			t.Errorf("recommendation = %q, want %q", got, want)
		}
		if len(d.Offices) != 1 || d.Offices[0].Months[2].Allocated != 2 {
			t.Errorf("occupancy = %+v, want Suwon with 2 desks in 2027-03", d.Offices)
		}
	})
}
