package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"startbridge/internal/contest"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
	"startbridge/internal/web"
)

func TestReviewsPageListsAPageAtATime(t *testing.T) {
	defer web.SetReviewsPerPage(2)()
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		svc, ctx := ts.Svc, t.Context()
		store := contest.NewStore(svc.DB)
		staff := contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3)
		c, err := store.Create(ctx, staff, contest.NewContest{Name: text.Text{En: "C"}, Hosts: []int64{3},
			Deadline: time.Now().AddDate(0, 1, 0).Format(time.RFC3339), TimeZone: "Asia/Seoul",
			Rounds: []contest.NewRound{{Name: text.Text{En: "R"}, K: 1, Criteria: []contest.NewCriterion{{Name: text.Text{En: "X"}, Weight: 1, Min: 0, Max: 10}}}}})
		if err != nil {
			t.Fatal(err)
		}
		judge := contesttest.User(t, svc, "judge@startbridge.test", "gyeonggi")
		load := 5
		if _, err := store.AddJudge(ctx, staff, c.ID, contest.JudgeInput{UserID: judge.ID, MaxLoad: &load}); err != nil {
			t.Fatal(err)
		}
		founded := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
		for i := range 3 {
			st, founder := contesttest.Startup(t, svc, fmt.Sprintf("Paged %d", i), "gyeonggi", "seed", founded, "ai")
			a, err := store.CreateApplication(ctx, founder, c.ID, contest.ApplicationInput{StartupID: st.ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := store.Submit(ctx, founder, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := store.Assign(ctx, staff, c.ID, 1); err != nil {
			t.Fatal(err)
		}
		j := newBrowser(t, ts)
		j.login(judge.Email, contesttest.Password)
		base := fmt.Sprintf("/contests/%d/reviews", c.ID)
		first := j.get(base)
		first.want(t, http.StatusOK, "Paged 0", "Paged 1", "Next 2 reviews")
		if strings.Contains(first.Body, "Paged 2") || strings.Contains(first.Body, "Back to the first page") {
			t.Errorf("the first page holds more than a page:\n%s", first.Body)
		}
		next := first.Body[strings.Index(first.Body, base+"?after="):]
		next = next[:strings.Index(next, `"`)]
		second := j.get(next)
		second.want(t, http.StatusOK, "Paged 2", "Back to the first page")
		if strings.Contains(second.Body, "Paged 0") || strings.Contains(second.Body, "Next 2 reviews") {
			t.Errorf("the second page:\n%s", second.Body)
		}
		j.get(base+"?after=999999").want(t, http.StatusBadRequest)
		j.get(base+"?after=x").want(t, http.StatusBadRequest)
	})
}
