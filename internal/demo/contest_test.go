package demo_test

import (
	"context"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/demo"
	"startbridge/internal/partner"
)

func TestDemoContestIsUnderWayWithJudgesFromBothSides(t *testing.T) {
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
		staff, err := auth.NewService(db).UserByEmail(ctx, "staff.gbsa@demo.startbridge.kr")
		if err != nil {
			t.Fatal(err)
		}
		store := contest.NewStore(db)
		list, err := store.List(ctx)
		if err != nil || len(list) != 1 {
			t.Fatalf("contests = %d (%v), want 1", len(list), err)
		}
		res, err := store.Results(ctx, staff, list[0].ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) < 4 || res.Items[0].Rank != 1 || len(res.Judges) != 4 {
			t.Errorf("results: %d items, first rank %d, %d judges", len(res.Items), res.Items[0].Rank, len(res.Judges))
		}
		// Staff advance the top two, then one more by hand.
		moved, err := store.Advance(ctx, staff, list[0].ID, 1, contest.AdvanceInput{Top: 2})
		if err != nil || len(moved) != 2 {
			t.Fatalf("advance top 2 = %v, %v", moved, err)
		}
		third := res.Items[2].Application
		if _, err := store.Advance(ctx, staff, list[0].ID, 1, contest.AdvanceInput{ApplicationIDs: []int64{third}}); err != nil {
			t.Fatal(err)
		}
		final, err := store.Results(ctx, staff, list[0].ID, 2)
		if err != nil || len(final.Items) != 3 {
			t.Errorf("round 2 has %d applications (%v), want 3", len(final.Items), err)
		}
		judges, err := store.Judges(ctx, staff, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		sides := map[string]bool{}
		for _, j := range judges {
			sides[j.Region] = true
		}
		if !sides["gyeonggi"] || !sides["hangzhou"] {
			t.Errorf("judges' sides = %v, want both", sides)
		}
	})
}
