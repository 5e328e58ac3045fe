package contest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"startbridge/internal/app"
	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/i18n"
	"startbridge/internal/partner"
	"startbridge/internal/text"
)

// fixture is a contest with k = 1, three judges (two from Gyeonggi, one
// from Hangzhou) and two submitted applications.
type fixture struct {
	store    *contest.Store
	staff    *auth.User
	judges   []*auth.User
	startups []int64
	apps     []int64
	id       int64
}

func newFixture(t *testing.T, db *database.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	if _, err := partner.SeedFounding(ctx, db); err != nil {
		t.Fatal(err)
	}
	svc := app.New(db, i18n.MustLoad(), nil)
	f := &fixture{store: contest.NewStore(db), staff: contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3)}
	founded := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	c, err := f.store.Create(ctx, f.staff, contest.NewContest{Name: text.Text{En: "C"}, Hosts: []int64{3},
		Deadline: time.Now().AddDate(0, 1, 0).Format(time.RFC3339), TimeZone: "Asia/Seoul",
		Rounds: []contest.NewRound{{Name: text.Text{En: "R"}, K: 1, Criteria: []contest.NewCriterion{{Name: text.Text{En: "X"}, Weight: 1, Min: 0, Max: 10}}}}})
	if err != nil {
		t.Fatal(err)
	}
	f.id = c.ID
	for i, region := range []string{"gyeonggi", "gyeonggi", "hangzhou"} {
		u := contesttest.User(t, svc, fmt.Sprintf("judge%d@startbridge.test", i), region)
		load := 2
		if _, err := f.store.AddJudge(ctx, f.staff, c.ID, contest.JudgeInput{UserID: u.ID, MaxLoad: &load}); err != nil {
			t.Fatal(err)
		}
		u, _ = svc.Auth.User(ctx, u.ID)
		f.judges = append(f.judges, u)
	}
	for i := range 2 {
		st, founder := contesttest.Startup(t, svc, fmt.Sprintf("S%d", i), "gyeonggi", "seed", founded, "ai")
		a, err := f.store.CreateApplication(ctx, founder, c.ID, contest.ApplicationInput{StartupID: st.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Submit(ctx, founder, a.ID); err != nil {
			t.Fatal(err)
		}
		f.startups, f.apps = append(f.startups, st.ID), append(f.apps, a.ID)
	}
	return f
}

// judgeOf returns the judge assigned to application a.
func judgeOf(out *contest.AssignOutcome, a int64) (int64, int64) {
	for _, p := range out.Assignments {
		if p.ApplicationID == a {
			return p.JudgeUserID, p.ReviewID
		}
	}
	return 0, 0
}

func TestConflictDeclaredAfterAssignmentWithdrawsAndReassigns(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		out, err := f.store.Assign(ctx, f.staff, f.id, 1)
		if err != nil {
			t.Fatal(err)
		}
		judge, review := judgeOf(out, f.apps[0])
		if judge == 0 || len(out.UnderAssigned) != 0 {
			t.Fatalf("assignment = %+v", out)
		}
		res, err := f.store.DeclareConflict(ctx, f.staff, f.id, contest.ConflictInput{JudgeUserID: judge, StartupID: f.startups[0]})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Withdrawn) != 1 || res.Withdrawn[0] != review {
			t.Errorf("withdrawn = %v, want [%d]", res.Withdrawn, review)
		}
		if len(res.Reassigned) != 1 || res.Reassigned[0].ApplicationID != f.apps[0] || res.Reassigned[0].JudgeUserID == judge {
			t.Errorf("reassigned = %+v, want application %d with another judge than %d", res.Reassigned, f.apps[0], judge)
		}
		// The conflicted judge no longer sees the review.
		for _, u := range f.judges {
			if u.ID != judge {
				continue
			}
			if _, _, err := f.store.Review(ctx, u, review); err == nil {
				t.Error("the conflicted judge still sees the withdrawn review")
			}
		}
	})
}

func TestRerunKeepsStartedReviewsAndAssignsNewApplications(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		out, err := f.store.Assign(ctx, f.staff, f.id, 1)
		if err != nil {
			t.Fatal(err)
		}
		judge, review := judgeOf(out, f.apps[0])
		var judgeUser *auth.User
		for _, u := range f.judges {
			if u.ID == judge {
				judgeUser = u
			}
		}
		rv, _, err := f.store.Review(ctx, judgeUser, review)
		if err != nil {
			t.Fatal(err)
		}
		// The judge starts scoring: staff can no longer forbid that pair,
		// and a re-run for a new application leaves the review in place.
		if _, err := f.store.SaveReview(ctx, judgeUser, review, contest.ReviewInput{Scores: map[string]int{fmt.Sprint(rv.Criteria[0].ID): 5}}); err != nil {
			t.Fatal(err)
		}
		if err := f.store.SetPair(ctx, f.staff, f.id, 1, contest.PairInput{JudgeUserID: judge, ApplicationID: f.apps[0], Kind: "forbid"}); err == nil {
			t.Error("forbidding a started review was accepted")
		}
		svc := app.New(db, i18n.MustLoad(), nil)
		st, founder := contesttest.Startup(t, svc, "Late", "hangzhou", "seed", time.Now().AddDate(-1, 0, 0).Format("2006-01-02"), "bio")
		late, err := f.store.CreateApplication(ctx, founder, f.id, contest.ApplicationInput{StartupID: st.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Submit(ctx, founder, late.ID); err != nil {
			t.Fatal(err)
		}
		again, err := f.store.Assign(ctx, f.staff, f.id, 1)
		if err != nil {
			t.Fatal(err)
		}
		if j, r := judgeOf(again, f.apps[0]); j != judge || r != review {
			t.Errorf("started review moved: now judge %d review %d, want %d %d", j, r, judge, review)
		}
		if j, _ := judgeOf(again, late.ID); j == 0 || len(again.Assignments) != 3 {
			t.Errorf("assignments = %+v, want 3 with the new application", again.Assignments)
		}
	})
}

func TestKLargerThanTheJudgesIsRefused(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		c, err := f.store.Create(ctx, f.staff, contest.NewContest{Name: text.Text{En: "Big"}, Hosts: []int64{3},
			Deadline: time.Now().AddDate(0, 1, 0).Format(time.RFC3339),
			Rounds:   []contest.NewRound{{Name: text.Text{En: "R"}, K: 4, Criteria: []contest.NewCriterion{{Name: text.Text{En: "X"}, Weight: 1, Min: 0, Max: 10}}}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Assign(ctx, f.staff, c.ID, 1); err == nil {
			t.Error("k = 4 with no judges was accepted")
		}
	})
}
