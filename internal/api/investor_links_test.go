package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// investorContest is a contest with one round (k = 1), one submitted
// application of a Hangzhou start-up, and two judges, one per side; judge
// 1 bids 100 on the application, so an assignment free to choose gives it
// to them.
type investorContest struct {
	ts               *testserver.TS
	staff, j1, j2    string
	j1ID, j2ID       int64
	base             string
	app, startup     int64
	investor         int64
	investorOwnerTok string
}

func newInvestorContest(t *testing.T, ts *testserver.TS) *investorContest {
	svc := ts.Svc
	w := &investorContest{ts: ts}
	w.staff = ts.Token(t, contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3).ID)
	a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: w.staff, body: contestBody(nextYear(), 1, 1)})
	want(t, a, http.StatusCreated)
	var c contestJSON
	decodeInto(t, a, &c)
	w.base = fmt.Sprintf("/api/v1/contests/%d", c.ID)
	st, f := contesttest.Startup(t, svc, "Portfolio Co", "hangzhou", "seed", yearsAgo(1), "ai")
	w.startup = st.ID
	tok := ts.Token(t, f.ID)
	a = do(t, ts, call{method: "POST", path: w.base + "/applications", token: tok, body: fmt.Sprintf(`{"startup_id": %d}`, st.ID)})
	want(t, a, http.StatusCreated)
	w.app = int64(a.object(t)["id"].(float64))
	want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/applications/%d/submit", w.base, w.app), token: tok}), http.StatusOK)

	j1 := contesttest.User(t, svc, "judge1@test.startbridge", "gyeonggi")
	j2 := contesttest.User(t, svc, "judge2@test.startbridge", "hangzhou")
	w.j1ID, w.j2ID = j1.ID, j2.ID
	for _, j := range []struct {
		id     int64
		region string
	}{{j1.ID, "gyeonggi"}, {j2.ID, "hangzhou"}} {
		want(t, do(t, ts, call{method: "POST", path: w.base + "/judges", token: w.staff,
			body: fmt.Sprintf(`{"user_id": %d, "region": %q, "max_load": 5}`, j.id, j.region)}), http.StatusCreated)
	}
	w.j1, w.j2 = ts.Token(t, j1.ID), ts.Token(t, j2.ID)
	want(t, do(t, ts, call{method: "PUT", path: w.base + "/rounds/1/bids", token: w.j1,
		body: fmt.Sprintf(`{"judge_user_id": %d, "bids": {"%d": 100}}`, j1.ID, w.app)}), http.StatusOK)

	// An investor whose profile an investor user owns.
	owner := contesttest.User(t, svc, "partner@fund.test", "gyeonggi", auth.Membership{Role: auth.RoleInvestor})
	iv, err := directory.NewStore(ts.DB).CreateInvestorUnchecked(t.Context(), 0, directory.InvestorInput{
		Name: text.Text{En: "Pangyo Ventures", Ko: "판교벤처스"}, Visibility: directory.Public}, owner.ID)
	if err != nil {
		t.Fatal(err)
	}
	w.investor, w.investorOwnerTok = iv.ID, ts.Token(t, owner.ID)
	return w
}

func (w *investorContest) path(rest string) string {
	return fmt.Sprintf("/api/v1/investors/%d%s", w.investor, rest)
}

// assigned returns the judge of the application's live review.
func (w *investorContest) assigned(t *testing.T) []int64 {
	t.Helper()
	var list struct {
		Items []struct {
			ApplicationID int64 `json:"application_id"`
			JudgeUserID   int64 `json:"judge_user_id"`
		} `json:"items"`
	}
	a := do(t, w.ts, call{method: "GET", path: "/api/v1/reviews?contest_id=" + strings.TrimPrefix(w.base, "/api/v1/contests/"), token: w.staff})
	want(t, a, http.StatusOK)
	decodeInto(t, a, &list)
	var out []int64
	for _, r := range list.Items {
		out = append(out, r.JudgeUserID)
	}
	return out
}

// judgeSees reports whether a judge lists any review of the contest.
func (w *investorContest) judgeSees(t *testing.T, token string) int {
	t.Helper()
	a := do(t, w.ts, call{method: "GET", path: "/api/v1/reviews?contest_id=" + strings.TrimPrefix(w.base, "/api/v1/contests/"), token: token})
	want(t, a, http.StatusOK)
	return len(a.object(t)["items"].([]any))
}

func TestPortfolioConflictKeepsTheJudgeFromTheApplication(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newInvestorContest(t, ts)
		// Judge 1 joins the investor's team, and the investor holds the
		// start-up: judge 1 is in conflict before any assignment.
		a := do(t, ts, call{method: "POST", path: w.path("/members"), token: w.investorOwnerTok, body: fmt.Sprintf(`{"user_id": %d}`, w.j1ID)})
		want(t, a, http.StatusCreated)
		a = do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.investorOwnerTok, body: fmt.Sprintf(`{"startup_id": %d}`, w.startup)})
		want(t, a, http.StatusCreated)
		if got := a.object(t)["link"].(map[string]any)["source"]; got != "recorded" {
			t.Errorf("link source %v, want recorded", got)
		}
		a = do(t, ts, call{method: "GET", path: w.base + "/conflicts", token: w.staff})
		if !strings.Contains(string(a.body), fmt.Sprintf(`{"judge_user_id":%d,"startup_id":%d,"source":"investment"}`, w.j1ID, w.startup)) {
			t.Errorf("conflicts = %s, want judge 1's investment conflict", a.body)
		}

		// Despite judge 1's bid of 100, the application goes to judge 2.
		a = do(t, ts, call{method: "POST", path: w.base + "/rounds/1/assignment", token: w.staff})
		want(t, a, http.StatusOK)
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j2ID {
			t.Fatalf("assigned judges %v, want only judge 2 (%d)", got, w.j2ID)
		}
		if n := w.judgeSees(t, w.j1); n != 0 {
			t.Errorf("judge 1 lists %d reviews, want none", n)
		}
	})
}

func TestPortfolioLinkAfterAssignmentWithdrawsAndReassigns(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newInvestorContest(t, ts)
		want(t, do(t, ts, call{method: "POST", path: w.path("/members"), token: w.staff, body: fmt.Sprintf(`{"user_id": %d}`, w.j1ID)}), http.StatusCreated)
		want(t, do(t, ts, call{method: "POST", path: w.base + "/rounds/1/assignment", token: w.staff}), http.StatusOK)
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j1ID {
			t.Fatalf("assigned judges %v, want judge 1 (%d), who bid 100", got, w.j1ID)
		}
		var reviews struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		decodeInto(t, do(t, ts, call{method: "GET", path: "/api/v1/reviews?contest_id=" + strings.TrimPrefix(w.base, "/api/v1/contests/"), token: w.j1}), &reviews)
		if len(reviews.Items) != 1 {
			t.Fatalf("judge 1 lists %d reviews, want 1", len(reviews.Items))
		}
		old := reviews.Items[0].ID

		// A founder may not record a portfolio link; bad input stores nothing.
		_, founder := contesttest.Startup(t, ts.Svc, "Other Co", "gyeonggi", "seed", yearsAgo(1), "ai")
		want(t, do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: ts.Token(t, founder.ID), body: fmt.Sprintf(`{"startup_id": %d}`, w.startup)}), http.StatusForbidden)
		a := do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: `{"startup_id": 999999}`})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.Code != "invalid" || p.message("startup_id") == "" {
			t.Errorf("unknown start-up: %+v", p)
		}
		want(t, do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: `{"startup_id": "x"}`}), http.StatusBadRequest)
		if n := count(t, ts, "investor_portfolio"); n != 0 {
			t.Fatalf("%d portfolio links stored after refusals", n)
		}

		// The link recorded after assignment withdraws judge 1's review and
		// gives the application to judge 2 in the same request.
		a = do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: fmt.Sprintf(`{"startup_id": %d}`, w.startup),
			header: map[string]string{"Idempotency-Key": "portfolio-1"}})
		want(t, a, http.StatusCreated)
		if got := fmt.Sprint(a.object(t)["withdrawn_review_ids"]); got != fmt.Sprintf("[%d]", old) {
			t.Errorf("withdrawn %s, want [%d]", got, old)
		}
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j2ID {
			t.Errorf("assigned judges %v after the link, want judge 2 (%d)", got, w.j2ID)
		}
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews/%d", old), token: w.j1}), http.StatusNotFound)
		if n := w.judgeSees(t, w.j1); n != 0 {
			t.Errorf("judge 1 lists %d reviews after the link, want none", n)
		}
		// A repeat with the key replays; without it the link exists already.
		a = do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: fmt.Sprintf(`{"startup_id": %d}`, w.startup),
			header: map[string]string{"Idempotency-Key": "portfolio-1"}})
		want(t, a, http.StatusCreated)
		want(t, do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: fmt.Sprintf(`{"startup_id": %d}`, w.startup)}), http.StatusOK)
		if n := count(t, ts, "investor_portfolio"); n != 1 {
			t.Errorf("%d portfolio links, want 1", n)
		}
		if n := count(t, ts, "contest_reviews WHERE status <> 'withdrawn'"); n != 1 {
			t.Errorf("%d live reviews, want 1", n)
		}
		// The portfolio and team are for staff and the investor's members.
		a = do(t, ts, call{method: "GET", path: w.path("/portfolio"), token: w.investorOwnerTok})
		want(t, a, http.StatusOK)
		if items := a.object(t)["items"].([]any); len(items) != 1 {
			t.Errorf("portfolio lists %d links, want 1", len(items))
		}
		want(t, do(t, ts, call{method: "GET", path: w.path("/portfolio"), token: w.j2}), http.StatusForbidden)
		want(t, do(t, ts, call{method: "GET", path: w.path("/members"), token: w.j2}), http.StatusForbidden)
		want(t, do(t, ts, call{method: "DELETE", path: fmt.Sprintf("%s/%d", w.path("/portfolio"), w.startup), token: w.j2}), http.StatusForbidden)
		want(t, do(t, ts, call{method: "DELETE", path: fmt.Sprintf("%s/%d", w.path("/portfolio"), w.startup), token: w.investorOwnerTok}), http.StatusNoContent)
		want(t, do(t, ts, call{method: "DELETE", path: fmt.Sprintf("%s/%d", w.path("/members"), w.j1ID), token: w.staff}), http.StatusNoContent)
		want(t, do(t, ts, call{method: "DELETE", path: fmt.Sprintf("%s/%d", w.path("/members"), w.j1ID), token: w.staff}), http.StatusNotFound)
	})
}

func TestJoiningAnInvestorTeamAfterAssignmentReassigns(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newInvestorContest(t, ts)
		want(t, do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: fmt.Sprintf(`{"startup_id": %d}`, w.startup)}), http.StatusCreated)
		want(t, do(t, ts, call{method: "POST", path: w.base + "/rounds/1/assignment", token: w.staff}), http.StatusOK)
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j1ID {
			t.Fatalf("assigned judges %v, want judge 1 (%d)", got, w.j1ID)
		}
		a := do(t, ts, call{method: "POST", path: w.path("/members"), token: w.investorOwnerTok, body: `{"user_id": 999999}`})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message("user_id") == "" {
			t.Errorf("unknown user: %+v", p)
		}
		a = do(t, ts, call{method: "POST", path: w.path("/members"), token: w.investorOwnerTok, body: fmt.Sprintf(`{"user_id": %d}`, w.j1ID)})
		want(t, a, http.StatusCreated)
		if got := a.object(t)["withdrawn_review_ids"].([]any); len(got) != 1 {
			t.Errorf("withdrawn %v, want judge 1's review", got)
		}
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j2ID {
			t.Errorf("assigned judges %v after joining, want judge 2 (%d)", got, w.j2ID)
		}
	})
}

func TestInvestorMovingToAJudgesInstitutionWithdrawsAndReassigns(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newInvestorContest(t, ts)
		// Judge 1 works for institution 4; the investor, not yet part of any
		// institution, holds the start-up: no conflict, and judge 1, who bid
		// on it, is given the application.
		inst := int64(4)
		if err := ts.Svc.Auth.AddMembership(t.Context(), ts.Admin, w.j1ID, auth.Membership{Role: auth.RoleStaff, InstitutionID: &inst}); err != nil {
			t.Fatal(err)
		}
		want(t, do(t, ts, call{method: "POST", path: w.path("/portfolio"), token: w.staff, body: fmt.Sprintf(`{"startup_id": %d}`, w.startup)}), http.StatusCreated)
		want(t, do(t, ts, call{method: "POST", path: w.base + "/rounds/1/assignment", token: w.staff}), http.StatusOK)
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j1ID {
			t.Fatalf("assigned judges %v, want judge 1 (%d)", got, w.j1ID)
		}
		// The investor joins institution 4: judge 1 is now staff of the
		// institution whose fund invested in the start-up (SPEC §3.2), and the
		// same request withdraws their review and gives it to judge 2.
		a := do(t, ts, call{method: "GET", path: w.path(""), token: w.staff})
		want(t, a, http.StatusOK)
		a = do(t, ts, call{method: "PATCH", path: w.path(""), token: w.staff, body: `{"institution_id": 4}`,
			header: map[string]string{"If-Match": a.header.Get("ETag")}})
		want(t, a, http.StatusOK)
		if got := w.assigned(t); len(got) != 1 || got[0] != w.j2ID {
			t.Errorf("assigned judges %v after the move, want judge 2 (%d)", got, w.j2ID)
		}
		if n := w.judgeSees(t, w.j1); n != 0 {
			t.Errorf("judge 1 lists %d reviews after the move, want none", n)
		}
	})
}
