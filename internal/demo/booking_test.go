package demo_test

import (
	"context"
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/demo"
	"startbridge/internal/partner"
)

func TestDemoBasePointsInBothRegionsWithBookings(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := partner.SeedFounding(ctx, db); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if _, err := demo.Seed(ctx, db); err != nil {
				t.Fatal(err)
			}
		}
		count := func(query string) int {
			var n int
			if err := db.QueryRow(ctx, query).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count(`SELECT COUNT(DISTINCT region_code) FROM basepoints`); n != 2 {
			t.Errorf("base points in %d regions, want 2", n)
		}
		if n := count(`SELECT COUNT(*) FROM resources`); n != 8 {
			t.Errorf("%d resources, want 8", n)
		}
		if n := count(`SELECT COUNT(*) FROM bookings WHERE status = 'pending'`); n != 1 {
			t.Errorf("%d pending bookings, want the desks waiting for approval", n)
		}
		if n := count(`SELECT COUNT(*) FROM bookings WHERE status = 'confirmed'`); n != 3 {
			t.Errorf("%d confirmed bookings, want 3", n)
		}
	})
}
