package directory_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

func TestFounderCreatesStartupAndJoinsItsTeam(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		founder := f.user(t, "kim@bio.kr", "gyeonggi", true)
		in := valid()
		in.Website = "westlake.example.cn"
		in.Markets = []string{"kr", "CN", "kr"}
		in.Seeks = directory.Seeks{Investment: true, InvestmentMin: ptr[int64](50_000_000), InvestmentMax: ptr[int64](200_000_000), Currency: "krw"}
		in.KRBizNumber = "124-81-00998"
		st, err := f.store.CreateStartup(t.Context(), founder, in)
		if err != nil {
			t.Fatal(err)
		}
		if st.ID == 0 || st.Version != 1 || st.Website != "https://westlake.example.cn" || st.KRBizNumber != "1248100998" ||
			st.Seeks.Currency != "KRW" || strings.Join(st.Markets, ",") != "KR,CN" || st.FoundedOn != "2021-03-01" ||
			strings.Join(st.Sectors, ",") != "ai,bio" || st.Visibility != directory.Public {
			t.Errorf("stored %+v", st)
		}
		founder = f.reload(t, founder)
		if !founder.MemberOfStartup(st.ID) {
			t.Errorf("founder roles %+v, want a startup membership for %d", founder.Roles, st.ID)
		}
		members, err := f.store.Members(t.Context(), founder, st.ID)
		if err != nil || len(members) != 1 || members[0].Role != directory.RoleFounder || members[0].Email != "kim@bio.kr" {
			t.Errorf("members %+v, %v", members, err)
		}
		// Staff create for others and do not join.
		other, err := f.store.CreateStartup(t.Context(), f.staff, valid())
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := f.store.MemberCount(t.Context(), other.ID); n != 0 {
			t.Errorf("staff-created start-up has %d members", n)
		}
	})
}

func TestBadStartupInputNamesEveryField(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		tomorrow := time.Now().Add(48 * time.Hour).Format(time.DateOnly)
		tests := []struct {
			name  string
			edit  func(in *directory.StartupInput)
			field string
			key   string
		}{
			{"empty name in all languages", func(in *directory.StartupInput) { in.Name = text.Text{Ko: " ", En: ""} }, "name", "field.text_one_language"},
			{"invalid stage", func(in *directory.StartupInput) { in.Stage = "unicorn" }, "stage", "directory.field.stage"},
			{"missing stage", func(in *directory.StartupInput) { in.Stage = "" }, "stage", "field.required"},
			{"unknown sector", func(in *directory.StartupInput) { in.Sectors = []string{"ai", "crypto"} }, "sectors[1]", "directory.field.sector"},
			{"unknown region", func(in *directory.StartupInput) { in.Region = "shenzhen" }, "region", "field.region"},
			{"missing region", func(in *directory.StartupInput) { in.Region = "" }, "region", "field.required"},
			{"future founding date", func(in *directory.StartupInput) { in.FoundedOn = tomorrow }, "founded_on", "directory.field.date_future"},
			{"malformed date", func(in *directory.StartupInput) { in.FoundedOn = "2021-02-30" }, "founded_on", "directory.field.date"},
			{"broken URL", func(in *directory.StartupInput) { in.Website = "htp:/broken" }, "website", "directory.field.url"},
			{"URL with spaces", func(in *directory.StartupInput) { in.Website = "my site" }, "website", "directory.field.url"},
			{"javascript URL", func(in *directory.StartupInput) { in.Website = "javascript:alert(1)" }, "website", "directory.field.url"},
			{"bad KR number", func(in *directory.StartupInput) { in.KRBizNumber = "124-81-00999" }, "kr_business_number", "directory.field.kr_business_number"},
			{"bad CN code", func(in *directory.StartupInput) { in.CNCreditNo = "91350100M000100Y44" }, "cn_credit_code", "directory.field.cn_credit_code"},
			{"negative employees", func(in *directory.StartupInput) { in.Employees = ptr(-1) }, "employees", "directory.field.employees"},
			{"unknown country", func(in *directory.StartupInput) { in.Markets = []string{"KR", "XX"} }, "target_markets[1]", "directory.field.country"},
			{"range upside down", func(in *directory.StartupInput) {
				in.Seeks = directory.Seeks{InvestmentMin: ptr[int64](10), InvestmentMax: ptr[int64](5), Currency: "USD"}
			}, "seeks.investment_max", "directory.field.range"},
			{"amount without currency", func(in *directory.StartupInput) { in.Seeks = directory.Seeks{InvestmentMin: ptr[int64](10)} }, "seeks.currency", "field.required"},
			{"unknown currency", func(in *directory.StartupInput) { in.Seeks = directory.Seeks{Currency: "BTC"} }, "seeks.currency", "directory.field.currency"},
			{"bad visibility", func(in *directory.StartupInput) { in.Visibility = "secret" }, "visibility", "directory.field.visibility"},
			{"over-long name", func(in *directory.StartupInput) { in.Name.Zh = strings.Repeat("杭", directory.MaxNameLength+1) }, "name.zh", "field.too_long"},
		}
		for _, tt := range tests {
			in := valid()
			tt.edit(&in)
			_, err := f.store.CreateStartup(t.Context(), f.staff, in)
			var inv *errs.Invalid
			if !errors.As(err, &inv) {
				t.Errorf("%s: err = %v, want invalid", tt.name, err)
				continue
			}
			found := false
			for _, fe := range inv.Fields {
				found = found || (fe.Field == tt.field && fe.Key == tt.key)
			}
			if !found {
				t.Errorf("%s: fields %+v, want %s %s", tt.name, inv.Fields, tt.field, tt.key)
			}
		}
		var n int
		db.QueryRow(t.Context(), `SELECT COUNT(*) FROM startups`).Scan(&n)
		if n != 0 {
			t.Errorf("%d start-ups stored from bad input", n)
		}
	})
}

func TestBusinessNumbersAreUnique(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		in := valid()
		in.CNCreditNo = "91350100m000100y43"
		f.startup(t, in)
		_, err := f.store.CreateStartup(t.Context(), f.staff, in)
		var inv *errs.Invalid
		if !errors.As(err, &inv) || !inv.Has("cn_credit_code") {
			t.Errorf("second start-up with the same code: %v", err)
		}
	})
}

func TestCheckDigits(t *testing.T) {
	for _, s := range []string{"1248100998", "2208162517"} {
		if !directory.ValidKRBizNumber(s) {
			t.Errorf("%s refused", s)
		}
	}
	for _, s := range []string{"1248100999", "124810099", "12481009a8"} {
		if directory.ValidKRBizNumber(s) {
			t.Errorf("%s accepted", s)
		}
	}
	for _, s := range []string{"91350100M000100Y43", "91330106MA27XQ8M1M"} {
		if !directory.ValidCNCreditCode(s) {
			t.Errorf("%s refused", s)
		}
	}
	for _, s := range []string{"91350100M000100Y44", "91350100M000100Y4", "91350100I000100Y43"} {
		if directory.ValidCNCreditCode(s) {
			t.Errorf("%s accepted", s)
		}
	}
}

func TestFounderEditsOwnStartupOnlyAndStaleEditsAreRefused(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		founder := f.user(t, "kim@bio.kr", "gyeonggi", true)
		own, err := f.store.CreateStartup(t.Context(), founder, valid())
		if err != nil {
			t.Fatal(err)
		}
		founder = f.reload(t, founder)
		others := f.startup(t, valid())

		in := own.Input()
		in.City = "Pangyo"
		in.Region = "gyeonggi"
		updated, err := f.store.UpdateStartup(t.Context(), founder, own.ID, own.Version, in)
		if err != nil || updated.City != "Pangyo" || updated.Version != 2 {
			t.Fatalf("founder's own edit: %+v, %v", updated, err)
		}
		if _, err := f.store.UpdateStartup(t.Context(), founder, others.ID, others.Version, others.Input()); !errors.Is(err, errs.ErrForbidden) {
			t.Errorf("founder editing another start-up: %v, want forbidden", err)
		}
		// A colleague saved version 2 meanwhile; the edit made from version 1 is stale.
		in.City = "Suwon"
		if _, err := f.store.UpdateStartup(t.Context(), f.staff, own.ID, 1, in); !errors.Is(err, errs.ErrStale) {
			t.Errorf("stale edit: %v, want stale", err)
		}
		got, _ := f.store.Startup(t.Context(), founder, own.ID)
		if got.City != "Pangyo" || got.Version != 2 {
			t.Errorf("after stale edit: %s v%d", got.City, got.Version)
		}
	})
}

func TestConcurrentEditsLeaveOneWinner(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		st := f.startup(t, valid())
		results := make(chan error, 2)
		for _, city := range []string{"Hangzhou West", "Binjiang"} {
			go func() {
				in := st.Input()
				in.City = city
				_, err := f.store.UpdateStartup(t.Context(), f.staff, st.ID, st.Version, in)
				results <- err
			}()
		}
		var ok, stale int
		for range 2 {
			switch err := <-results; {
			case err == nil:
				ok++
			case errors.Is(err, errs.ErrStale):
				stale++
			default:
				t.Errorf("unexpected %v", err)
			}
		}
		if ok != 1 || stale != 1 {
			t.Errorf("%d saved, %d stale; want 1 and 1", ok, stale)
		}
	})
}

func TestPartnersOnlyProfilesAreHiddenFromThePublic(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		in := valid()
		in.Visibility = directory.PartnersOnly
		st := f.startup(t, in)
		bare := f.user(t, "someone@example.kr", "gyeonggi", false)
		investor := f.user(t, "vc@example.kr", "gyeonggi", false, auth.Membership{Role: auth.RoleInvestor})
		for _, v := range []*auth.User{nil, bare} {
			if _, err := f.store.Startup(t.Context(), v, st.ID); !errors.Is(err, errs.ErrNotFound) {
				t.Errorf("viewer %v sees the partners-only profile: %v", v, err)
			}
			page, err := f.store.ListStartups(t.Context(), v, directory.Filter{}, "", 10)
			if err != nil || len(page.Items) != 0 || page.Facets.Region["hangzhou"] != 0 {
				t.Errorf("list for %v: %+v, %v", v, page, err)
			}
		}
		for _, v := range []*auth.User{investor, f.staff} {
			if _, err := f.store.Startup(t.Context(), v, st.ID); err != nil {
				t.Errorf("partner %s: %v", v.Email, err)
			}
		}
	})
}

func TestTeamContactsFollowTheConsentRule(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		st := f.startup(t, valid())
		withheld := f.user(t, "liu@hz.cn", "hangzhou", false)
		shared := f.user(t, "wang@hz.cn", "hangzhou", true)
		for _, u := range []*auth.User{withheld, shared} {
			if err := f.store.AddMember(t.Context(), f.admin, st.ID, u.ID, directory.RoleMember, "CTO"); err != nil {
				t.Fatal(err)
			}
		}
		// Gyeonggi staff without consent from the Hangzhou member see the public profile only.
		members, err := f.store.Members(t.Context(), f.staff, st.ID)
		if err != nil || len(members) != 2 {
			t.Fatalf("members %+v, %v", members, err)
		}
		emails := map[string]string{}
		for _, m := range members {
			emails[m.Name] = m.Email
		}
		if emails["liu"] != "" || emails["wan"] != "wang@hz.cn" {
			t.Errorf("emails seen from Gyeonggi: %v", emails)
		}
		// Same region sees it; visitors see no team at all.
		hzStaff := f.user(t, "staff@hz.cn", "hangzhou", false, auth.Membership{Role: auth.RoleStaff, InstitutionID: ptr[int64](7)})
		members, _ = f.store.Members(t.Context(), hzStaff, st.ID)
		for _, m := range members {
			if m.Email == "" {
				t.Errorf("same-region staff does not see %s's email", m.Name)
			}
		}
		if members, _ := f.store.Members(t.Context(), nil, st.ID); len(members) != 0 {
			t.Errorf("visitor sees team %+v", members)
		}
		// Members edit their start-up.
		if !f.reload(t, withheld).MemberOfStartup(st.ID) {
			t.Error("added member has no membership")
		}
	})
}
