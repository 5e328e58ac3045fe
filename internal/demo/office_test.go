package demo_test

import (
	"context"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/demo"
	"startbridge/internal/office"
	"startbridge/internal/partner"
)

func TestDemoOfficesShowDemandWaitlistAndACityWithoutOffice(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := partner.SeedFounding(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Seed(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Seed(ctx, db); err != nil {
			t.Fatalf("seeding twice: %v", err)
		}
		count := func(query string) int {
			var n int
			if err := db.QueryRow(ctx, query).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count(`SELECT COUNT(*) FROM offices`); n != 3 {
			t.Errorf("%d offices, want 3", n)
		}
		if n := count(`SELECT COUNT(*) FROM office_requests WHERE status = 'waitlisted'`); n != 1 {
			t.Errorf("%d waitlisted requests, want 1", n)
		}
		staff, err := auth.NewService(db).UserByEmail(ctx, "staff.gbsa@demo.startbridge.kr")
		if err != nil {
			t.Fatal(err)
		}
		store := office.NewStore(db)
		from := store.ThisMonth()
		d, err := store.Demand(ctx, staff, from, office.AddMonths(from, 5))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range d.Cities {
			if c.Key == "shenzhen" {
				found = c.OfficeID == nil && c.Requests == 3 && c.Unmet == 3
			}
		}
		if !found || len(d.Recommendations) == 0 {
			t.Errorf("demand = %+v, want Shenzhen with 3 unmet requests and no office, and recommendations", d.Cities)
		}
	})
}
