package contest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
)

func ids(list []*contest.Review) []int64 {
	var out []int64
	for _, rv := range list {
		out = append(out, rv.ID)
	}
	return out
}

// pages reads viewer's reviews n at a time.
func pages(t *testing.T, s *contest.Store, viewer *auth.User, contestID int64, n int) []int64 {
	t.Helper()
	var out []int64
	after := int64(0)
	for range 20 {
		page, err := s.ReviewPage(context.Background(), viewer, contestID, after, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > n {
			t.Fatalf("page of %d holds %d", n, len(page))
		}
		out = append(out, ids(page)...)
		if len(page) < n {
			return out
		}
		after = page[len(page)-1].ID
	}
	t.Fatal("pages never end")
	return nil
}

func TestReviewPagesFollowTheWholeListAndSkipConflicts(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if _, err := f.store.Assign(ctx, f.staff, f.id, 1); err != nil {
			t.Fatal(err)
		}
		all, err := f.store.Reviews(ctx, f.staff, f.id)
		if err != nil || len(all) != 2 {
			t.Fatalf("staff see %d reviews (%v)", len(all), err)
		}
		if got := pages(t, f.store, f.staff, f.id, 1); fmt.Sprint(got) != fmt.Sprint(ids(all)) {
			t.Errorf("staff one at a time: %v, want %v", got, ids(all))
		}
		// A judge in conflict with a start-up whose review was not withdrawn
		// (a conflict source no write re-checked) never sees it, on any page,
		// even when reading no more than a page at a time means reading again.
		defer contest.SetReviewSlack(0)()
		for _, judge := range f.judges {
			mine, err := f.store.Reviews(ctx, judge, f.id)
			if err != nil || len(mine) == 0 {
				continue
			}
			if got := pages(t, f.store, judge, f.id, 1); fmt.Sprint(got) != fmt.Sprint(ids(mine)) {
				t.Errorf("judge %d one at a time: %v, want %v", judge.ID, got, ids(mine))
			}
			if _, err := db.Exec(ctx, `INSERT INTO contest_conflicts (contest_id, judge_user_id, startup_id, created_at) VALUES (?, ?, ?, ?)`, f.id, judge.ID, mine[0].StartupID, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
			if got := pages(t, f.store, judge, f.id, 1); fmt.Sprint(got) != fmt.Sprint(ids(mine[1:])) {
				t.Errorf("judge %d in conflict with the first: %v, want %v", judge.ID, got, ids(mine[1:]))
			}
			if _, err := f.store.ReviewPage(ctx, judge, f.id, mine[0].ID, 1); err == nil {
				t.Error("a cursor at a review the judge may not see was taken")
			}
		}
	})
}
