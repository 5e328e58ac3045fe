package api_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"startbridge/internal/api"
	"testing"
	"time"

	"startbridge/internal/contest/contesttest"
	"startbridge/internal/testserver"
)

// contestBody is a contest of GBSA (institution 3) with one round: one
// criterion on 0–10, so a raw total is ten times the score.
func contestBody(deadline string, k int, weight int) string {
	return contestBodyWith(deadline, k, weight, "zscore")
}

func contestBodyWith(deadline string, k int, weight int, method string) string {
	return fmt.Sprintf(`{"name": {"en": "Global Start-up Contest 2027", "ko": "글로벌 스타트업 콘테스트 2027"},
		"host_institution_ids": [3], "deadline": %q, "time_zone": "Asia/Seoul",
		"eligibility": {"regions": ["gyeonggi", "hangzhou"], "stages": ["seed", "series_a"], "max_age_years": 7},
		"rounds": [{"name": {"en": "Screening"}, "reviewers_per_application": %d, "normalization": %q,
			"criteria": [{"name": {"en": "Overall"}, "weight": %d, "min": 0, "max": 10}]}]}`, deadline, k, method, weight)
}

// nextYear is a deadline a year from now, in the contest's wall clock.
func nextYear() string { return time.Now().AddDate(1, 0, 0).Format("2006-01-02T15:04:05") }

// yearsAgo is a founding date n years back.
func yearsAgo(n int) string { return time.Now().AddDate(-n, 0, 0).Format("2006-01-02") }

type contestJSON struct {
	ID     int64 `json:"id"`
	Rounds []struct {
		Number   int `json:"number"`
		Criteria []struct {
			ID int64 `json:"id"`
		} `json:"criteria"`
	} `json:"rounds"`
}

func decodeInto(t *testing.T, a answer, v any) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("decode %s: %v", a.body, err)
	}
}

func want(t *testing.T, a answer, status int) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
}

func TestContestRunsEndToEndAndReproducesSpecNumbers(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		svc := ts.Svc
		staff := ts.Token(t, contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3).ID)
		var founders []string
		var startups []int64
		for i, region := range []string{"gyeonggi", "hangzhou", "gyeonggi"} {
			st, f := contesttest.Startup(t, svc, fmt.Sprintf("Startup%d", i+1), region, "seed", yearsAgo(2), "ai")
			startups = append(startups, st.ID)
			founders = append(founders, ts.Token(t, f.ID))
		}
		j1u := contesttest.User(t, svc, "judge1@test.startbridge", "gyeonggi")
		j2u := contesttest.User(t, svc, "judge2@test.startbridge", "hangzhou")

		// Weights zero or negative: refused, nothing stored.
		a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: staff, body: contestBody(nextYear(), 2, 0)})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.Code != "invalid" || p.message("rounds[0].criteria[0].weight") == "" {
			t.Errorf("weight 0: %+v", p)
		}
		if n := count(t, ts, "contests"); n != 0 {
			t.Fatalf("%d contests stored after a refusal", n)
		}
		// A founder may not create a contest.
		want(t, do(t, ts, call{method: "POST", path: "/api/v1/contests", token: founders[0], body: contestBody(nextYear(), 2, 1)}), http.StatusForbidden)

		a = do(t, ts, call{method: "POST", path: "/api/v1/contests", token: staff, body: contestBody(nextYear(), 2, 3)})
		want(t, a, http.StatusCreated)
		var c contestJSON
		decodeInto(t, a, &c)
		crit := c.Rounds[0].Criteria[0].ID
		base := fmt.Sprintf("/api/v1/contests/%d", c.ID)

		// Applications: create, submit, and once only per start-up.
		var apps []int64
		for i, tok := range founders {
			a := do(t, ts, call{method: "POST", path: base + "/applications", token: tok,
				body: fmt.Sprintf(`{"startup_id": %d, "pitch": "We build things.", "languages": ["ko", "en"]}`, startups[i])})
			want(t, a, http.StatusCreated)
			var app struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			}
			decodeInto(t, a, &app)
			if app.Status != "draft" {
				t.Errorf("status %q, want draft", app.Status)
			}
			a = do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/applications/%d/submit", base, app.ID), token: tok})
			want(t, a, http.StatusOK)
			if got := a.object(t)["status"]; got != "submitted" || a.object(t)["submitted_at"] == nil {
				t.Errorf("submit answered %s", a.body)
			}
			apps = append(apps, app.ID)
		}
		a = do(t, ts, call{method: "POST", path: base + "/applications", token: founders[0], body: fmt.Sprintf(`{"startup_id": %d}`, startups[0])})
		want(t, a, http.StatusConflict)
		if p := a.problem(t); p.Code != "conflict" {
			t.Errorf("applying twice: code %q", p.Code)
		}
		// Applying for someone else's start-up.
		want(t, do(t, ts, call{method: "POST", path: base + "/applications", token: founders[0], body: fmt.Sprintf(`{"startup_id": %d}`, startups[1])}), http.StatusForbidden)

		// k larger than the number of judges.
		for _, u := range []int64{j1u.ID} {
			want(t, do(t, ts, call{method: "POST", path: base + "/judges", token: staff, body: fmt.Sprintf(`{"user_id": %d, "sectors": ["ai"], "languages": ["en"], "max_load": 3}`, u)}), http.StatusCreated)
		}
		a = do(t, ts, call{method: "POST", path: base + "/rounds/1/assignment", token: staff})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message("reviewers_per_application") == "" {
			t.Errorf("k > judges: %+v", p)
		}
		want(t, do(t, ts, call{method: "POST", path: base + "/judges", token: staff, body: fmt.Sprintf(`{"user_id": %d, "region": "hangzhou", "sectors": ["ai"], "languages": ["en"], "max_load": 3}`, j2u.ID)}), http.StatusCreated)
		j1, j2 := ts.Token(t, j1u.ID), ts.Token(t, j2u.ID)

		// Judge 1 bids 10 on the first application.
		want(t, do(t, ts, call{method: "PUT", path: base + "/rounds/1/bids", token: j1, body: fmt.Sprintf(`{"judge_user_id": %d, "bids": {"%d": 10}}`, j1u.ID, apps[0])}), http.StatusOK)
		a = do(t, ts, call{method: "POST", path: base + "/rounds/1/assignment", token: staff})
		want(t, a, http.StatusOK)
		var asg struct {
			Assignments []struct {
				ApplicationID int64 `json:"application_id"`
				JudgeUserID   int64 `json:"judge_user_id"`
				ReviewID      int64 `json:"review_id"`
			} `json:"assignments"`
			UnderAssigned []any `json:"under_assigned"`
			TotalScore    int   `json:"total_score"`
		}
		decodeInto(t, a, &asg)
		// Every pair shares the sector (10) and a language (5); one bid of 10.
		if len(asg.Assignments) != 6 || len(asg.UnderAssigned) != 0 || asg.TotalScore != 6*15+10 {
			t.Fatalf("assignment = %s", a.body)
		}
		review := map[[2]int64]int64{}
		for _, x := range asg.Assignments {
			review[[2]int64{x.JudgeUserID, x.ApplicationID}] = x.ReviewID
		}

		// A judge sees only their own reviews, and never another judge's.
		var list struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		decodeInto(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews?contest_id=%d", c.ID), token: j2}), &list)
		if len(list.Items) != 3 {
			t.Errorf("judge 2 sees %d reviews, want 3", len(list.Items))
		}
		r1 := review[[2]int64{j1u.ID, apps[0]}]
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews/%d", r1), token: j2}), http.StatusNotFound)
		want(t, do(t, ts, call{method: "PUT", path: fmt.Sprintf("/api/v1/reviews/%d", r1), token: j2, body: fmt.Sprintf(`{"scores": {"%d": 5}, "submit": true}`, crit)}), http.StatusNotFound)
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews/%d", r1), token: founders[0]}), http.StatusNotFound)

		// Scores outside the scale, and submitting without every criterion.
		a = do(t, ts, call{method: "PUT", path: fmt.Sprintf("/api/v1/reviews/%d", r1), token: j1, body: fmt.Sprintf(`{"scores": {"%d": 11}, "submit": true}`, crit)})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message(fmt.Sprintf("scores.%d", crit)) == "" {
			t.Errorf("out of scale: %+v", p)
		}
		a = do(t, ts, call{method: "PUT", path: fmt.Sprintf("/api/v1/reviews/%d", r1), token: j1, body: `{"scores": {}, "submit": true}`})
		want(t, a, http.StatusBadRequest)
		if n := count(t, ts, "contest_scores"); n != 0 {
			t.Fatalf("%d scores stored after refusals", n)
		}

		// The scores of SPEC §3.2's example: judge 1 gives 40, 60, 80;
		// judge 2 gives 50 and 70 and leaves the third unsubmitted.
		score := func(tok string, judge, app int64, s int, submit bool) {
			t.Helper()
			a := do(t, ts, call{method: "PUT", path: fmt.Sprintf("/api/v1/reviews/%d", review[[2]int64{judge, app}]), token: tok,
				body: fmt.Sprintf(`{"scores": {"%d": %d}, "comments": {"%d": "Comment %d"}, "submit": %t}`, crit, s, crit, s, submit)})
			want(t, a, http.StatusOK)
		}
		score(j1, j1u.ID, apps[0], 4, true)
		score(j1, j1u.ID, apps[1], 6, true)
		score(j1, j1u.ID, apps[2], 8, true)
		score(j2, j2u.ID, apps[0], 5, true)
		score(j2, j2u.ID, apps[1], 7, true)
		// Submitted reviews are final.
		want(t, do(t, ts, call{method: "PUT", path: fmt.Sprintf("/api/v1/reviews/%d", review[[2]int64{j1u.ID, apps[0]}]), token: j1, body: fmt.Sprintf(`{"scores": {"%d": 9}}`, crit)}), http.StatusConflict)

		// Staff page through the six reviews one at a time, in the order of
		// the whole list, with their scores; a cursor naming no review the
		// viewer sees is refused.
		type reviewItem struct {
			ID     int64          `json:"id"`
			Scores map[string]int `json:"scores"`
		}
		var whole struct {
			Items []reviewItem `json:"items"`
		}
		decodeInto(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews?contest_id=%d", c.ID), token: staff}), &whole)
		var paged []reviewItem
		cursor := ""
		for range 10 {
			var pg struct {
				Items      []reviewItem `json:"items"`
				NextCursor *string      `json:"next_cursor"`
			}
			decodeInto(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews?contest_id=%d&limit=1&cursor=%s", c.ID, cursor), token: staff}), &pg)
			paged = append(paged, pg.Items...)
			if pg.NextCursor == nil {
				break
			}
			cursor = *pg.NextCursor
		}
		if len(whole.Items) != 6 || fmt.Sprint(paged) != fmt.Sprint(whole.Items) {
			t.Errorf("paged one at a time: %v, whole: %v", paged, whole.Items)
		}
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews?contest_id=%d&cursor=%s", c.ID, api.EncodeCursor("999999")), token: staff}), http.StatusBadRequest)
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews?contest_id=%d&cursor=%s", c.ID, api.EncodeCursor(fmt.Sprint(r1))), token: j2}), http.StatusBadRequest)

		// Judge 2 declares a conflict with the third start-up after
		// assignment: the review is withdrawn and they no longer see it.
		a = do(t, ts, call{method: "POST", path: base + "/conflicts", token: j2, body: fmt.Sprintf(`{"judge_user_id": %d, "startup_id": %d}`, j2u.ID, startups[2])})
		want(t, a, http.StatusCreated)
		decodeInto(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews?contest_id=%d", c.ID), token: j2}), &list)
		if len(list.Items) != 2 {
			t.Errorf("judge 2 sees %d reviews after the conflict, want 2", len(list.Items))
		}
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews/%d", review[[2]int64{j2u.ID, apps[2]}]), token: j2}), http.StatusNotFound)

		// Results for staff only, exactly the hand-computed numbers.
		want(t, do(t, ts, call{method: "GET", path: base + "/rounds/1/results", token: j1}), http.StatusForbidden)
		a = do(t, ts, call{method: "GET", path: base + "/rounds/1/results", token: staff})
		want(t, a, http.StatusOK)
		var res struct {
			Method string `json:"method"`
			Items  []struct {
				ApplicationID int64   `json:"application_id"`
				Rank          int     `json:"rank"`
				RawMean       float64 `json:"raw_mean"`
				Normalized    float64 `json:"normalized"`
				Reviews       int     `json:"reviews"`
			} `json:"items"`
			Judges []struct {
				JudgeUserID int64   `json:"judge_user_id"`
				MeanRaw     float64 `json:"mean_raw"`
				StddevRaw   float64 `json:"stddev_raw"`
			} `json:"judges"`
		}
		decodeInto(t, a, &res)
		wantItems := []struct {
			app     int64
			n, mean float64
			reviews int
		}{
			{apps[2], 50 + 10*20/math.Sqrt(800.0/3), 80, 1},
			{apps[1], 50 + 10*(10/math.Sqrt(200))/2, 65, 2},
			{apps[0], 50 + 10*(-20/math.Sqrt(800.0/3)-10/math.Sqrt(200))/2, 45, 2},
		}
		if res.Method != "zscore" || len(res.Items) != 3 {
			t.Fatalf("results = %s", a.body)
		}
		for i, w := range wantItems {
			got := res.Items[i]
			if got.ApplicationID != w.app || got.Rank != i+1 || got.Reviews != w.reviews ||
				math.Abs(got.Normalized-w.n) > 1e-9 || math.Abs(got.RawMean-w.mean) > 1e-9 {
				t.Errorf("item %d = %+v, want application %d N %.12f raw %.1f", i, got, w.app, w.n, w.mean)
			}
		}
		if math.Abs(res.Items[0].Normalized-62.247448713916) > 1e-9 {
			t.Errorf("N = %.12f, want 62.247448713916", res.Items[0].Normalized)
		}
		if len(res.Judges) != 2 || math.Abs(res.Judges[0].StddevRaw-math.Sqrt(800.0/3)) > 1e-9 || res.Judges[1].MeanRaw != 60 {
			t.Errorf("judges = %+v", res.Judges)
		}

		// Publishing: the founder sees their rank and the comments.
		want(t, do(t, ts, call{method: "POST", path: base + "/rounds/1/publish", token: staff}), http.StatusOK)
		a = do(t, ts, call{method: "GET", path: fmt.Sprintf("%s/applications/%d/feedback", base, apps[2]), token: founders[2]})
		want(t, a, http.StatusOK)
		var fb struct {
			Items []struct {
				Rank     int      `json:"rank"`
				Of       int      `json:"of"`
				Comments []string `json:"comments"`
			} `json:"items"`
		}
		decodeInto(t, a, &fb)
		if len(fb.Items) != 1 || fb.Items[0].Rank != 1 || fb.Items[0].Of != 3 || len(fb.Items[0].Comments) != 1 {
			t.Errorf("feedback = %s", a.body)
		}
		want(t, do(t, ts, call{method: "GET", path: fmt.Sprintf("%s/applications/%d/feedback", base, apps[2]), token: founders[0]}), http.StatusNotFound)
		if n := count(t, ts, "audit_log WHERE action = 'contest.review.submit'"); n != 5 {
			t.Errorf("%d review submissions audited, want 5", n)
		}
	})
}

func TestContestApplicationRules(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		svc := ts.Svc
		staff := ts.Token(t, contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3).ID)
		old, oldF := contesttest.Startup(t, svc, "Old", "gyeonggi", "seed", "2001-01-01", "bio")
		late, lateF := contesttest.Startup(t, svc, "Growth", "hangzhou", "growth", yearsAgo(1), "ai")
		ok, okF := contesttest.Startup(t, svc, "Fresh", "hangzhou", "seed", yearsAgo(1), "ai")

		a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: staff, body: contestBody(nextYear(), 1, 1)})
		want(t, a, http.StatusCreated)
		var open contestJSON
		decodeInto(t, a, &open)
		path := fmt.Sprintf("/api/v1/contests/%d/applications", open.ID)
		for _, tc := range []struct {
			token string
			id    int64
			rule  string
		}{{ts.Token(t, oldF.ID), old.ID, "age"}, {ts.Token(t, lateF.ID), late.ID, "stage"}} {
			a := do(t, ts, call{method: "POST", path: path, token: tc.token, body: fmt.Sprintf(`{"startup_id": %d}`, tc.id)})
			want(t, a, http.StatusUnprocessableEntity)
			if p := a.problem(t); p.Code != "ineligible" || a.object(t)["rule"] != tc.rule {
				t.Errorf("ineligible: %s, want rule %s", a.body, tc.rule)
			}
		}

		a = do(t, ts, call{method: "POST", path: "/api/v1/contests", token: staff, body: contestBody("2020-03-31T18:00:00", 1, 1)})
		want(t, a, http.StatusCreated)
		var closed contestJSON
		decodeInto(t, a, &closed)
		a = do(t, ts, call{method: "POST", path: fmt.Sprintf("/api/v1/contests/%d/applications", closed.ID), token: ts.Token(t, okF.ID), body: fmt.Sprintf(`{"startup_id": %d}`, ok.ID)})
		want(t, a, http.StatusConflict)
		if p := a.problem(t); p.Code != "deadline_passed" {
			t.Errorf("after the deadline: code %q", p.Code)
		}
		if n := count(t, ts, "contest_applications"); n != 0 {
			t.Errorf("%d applications stored, want 0", n)
		}
	})
}

func TestContestCalibratedResultsReproduceTheHandComputedFit(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		svc := ts.Svc
		staff := ts.Token(t, contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3).ID)
		a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: staff, body: contestBodyWith(nextYear(), 2, 1, "calibrated")})
		want(t, a, http.StatusCreated)
		var c contestJSON
		decodeInto(t, a, &c)
		crit, base := c.Rounds[0].Criteria[0].ID, fmt.Sprintf("/api/v1/contests/%d", c.ID)
		var apps []int64
		for i, region := range []string{"gyeonggi", "hangzhou"} {
			st, f := contesttest.Startup(t, svc, fmt.Sprintf("Cal%d", i), region, "seed", yearsAgo(1), "ai")
			tok := ts.Token(t, f.ID)
			a := do(t, ts, call{method: "POST", path: base + "/applications", token: tok, body: fmt.Sprintf(`{"startup_id": %d}`, st.ID)})
			want(t, a, http.StatusCreated)
			var app struct{ ID int64 }
			decodeInto(t, a, &app)
			want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/applications/%d/submit", base, app.ID), token: tok}), http.StatusOK)
			apps = append(apps, app.ID)
		}
		var judges []int64
		var tokens []string
		for i, region := range []string{"gyeonggi", "hangzhou"} {
			u := contesttest.User(t, svc, fmt.Sprintf("cal-judge%d@startbridge.test", i), region)
			want(t, do(t, ts, call{method: "POST", path: base + "/judges", token: staff, body: fmt.Sprintf(`{"user_id": %d}`, u.ID)}), http.StatusCreated)
			judges, tokens = append(judges, u.ID), append(tokens, ts.Token(t, u.ID))
		}
		a = do(t, ts, call{method: "POST", path: base + "/rounds/1/assignment", token: staff})
		want(t, a, http.StatusOK)
		var asg struct {
			Assignments []struct {
				ApplicationID int64 `json:"application_id"`
				JudgeUserID   int64 `json:"judge_user_id"`
				ReviewID      int64 `json:"review_id"`
			} `json:"assignments"`
		}
		decodeInto(t, a, &asg)
		// Judge 1 is 10 points more lenient: 80 and 60 against 70 and 50.
		scores := map[[2]int64]int{{judges[0], apps[0]}: 8, {judges[0], apps[1]}: 6, {judges[1], apps[0]}: 7, {judges[1], apps[1]}: 5}
		for _, x := range asg.Assignments {
			tok := tokens[0]
			if x.JudgeUserID == judges[1] {
				tok = tokens[1]
			}
			s := scores[[2]int64{x.JudgeUserID, x.ApplicationID}]
			want(t, do(t, ts, call{method: "PUT", path: fmt.Sprintf("/api/v1/reviews/%d", x.ReviewID), token: tok,
				body: fmt.Sprintf(`{"scores": {"%d": %d}, "submit": true}`, crit, s)}), http.StatusOK)
		}
		a = do(t, ts, call{method: "GET", path: base + "/rounds/1/results", token: staff})
		want(t, a, http.StatusOK)
		var res struct {
			Method string `json:"method"`
			Items  []struct {
				ApplicationID int64   `json:"application_id"`
				RawMean       float64 `json:"raw_mean"`
				Normalized    float64 `json:"normalized"`
			} `json:"items"`
			Judges []struct {
				Bias float64 `json:"bias"`
			} `json:"judges"`
			Warnings []string `json:"warnings"`
		}
		decodeInto(t, a, &res)
		// Σ(r − f_a − b_j)² + b_1² + b_2² is least at b_1 = −b_2 = 10/3,
		// f = 75 and 55 (see the contest package's test for the working).
		if len(asg.Assignments) != 4 || res.Method != "calibrated" || len(res.Items) != 2 || len(res.Warnings) != 0 ||
			res.Items[0].ApplicationID != apps[0] || math.Abs(res.Items[0].Normalized-75) > 1e-9 || math.Abs(res.Items[1].Normalized-55) > 1e-9 ||
			res.Items[0].RawMean != 75 || math.Abs(res.Judges[0].Bias-10.0/3) > 1e-9 || math.Abs(res.Judges[1].Bias+10.0/3) > 1e-9 {
			t.Errorf("calibrated results = %s", a.body)
		}
	})
}

func TestContestPrizesShowWinnersToThePublicOnlyOncePublished(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		svc := ts.Svc
		staff := ts.Token(t, contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3).ID)
		a := do(t, ts, call{method: "POST", path: "/api/v1/contests", token: staff, body: contestBody(nextYear(), 1, 1)})
		want(t, a, http.StatusCreated)
		var c contestJSON
		decodeInto(t, a, &c)
		base := fmt.Sprintf("/api/v1/contests/%d", c.ID)
		st, f := contesttest.Startup(t, svc, "Winner", "hangzhou", "seed", yearsAgo(1), "ai")
		tok := ts.Token(t, f.ID)
		a = do(t, ts, call{method: "POST", path: base + "/applications", token: tok, body: fmt.Sprintf(`{"startup_id": %d}`, st.ID)})
		want(t, a, http.StatusCreated)
		var app struct {
			ID int64 `json:"id"`
		}
		decodeInto(t, a, &app)
		want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/applications/%d/submit", base, app.ID), token: tok}), http.StatusOK)

		// Money is integer minor units; a negative amount or an unknown
		// currency is refused.
		a = do(t, ts, call{method: "POST", path: base + "/prizes", token: staff, body: `{"name": {"en": "Grand prize"}, "amount": -1, "currency": "EUR"}`})
		want(t, a, http.StatusBadRequest)
		if p := a.problem(t); p.message("amount") == "" || p.message("currency") == "" {
			t.Errorf("bad prize: %+v", p)
		}
		a = do(t, ts, call{method: "POST", path: base + "/prizes", token: staff, body: `{"name": {"en": "Grand prize"}, "rank": 1, "amount": 1000050, "currency": "CNY", "office_months": 6, "office_city": "Shenzhen", "fund_fast_track": true}`})
		want(t, a, http.StatusCreated)
		var prize struct {
			ID int64 `json:"id"`
		}
		decodeInto(t, a, &prize)
		want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/prizes/%d/awards", base, prize.ID), token: tok, body: fmt.Sprintf(`{"application_id": %d}`, app.ID)}), http.StatusForbidden)
		want(t, do(t, ts, call{method: "POST", path: fmt.Sprintf("%s/prizes/%d/awards", base, prize.ID), token: staff, body: fmt.Sprintf(`{"application_id": %d}`, app.ID)}), http.StatusCreated)

		winners := func() int {
			t.Helper()
			var list struct {
				Items []struct {
					Amount  int64 `json:"amount"`
					Winners []any `json:"winners"`
				} `json:"items"`
			}
			a := do(t, ts, call{method: "GET", path: base + "/prizes"})
			want(t, a, http.StatusOK)
			decodeInto(t, a, &list)
			if len(list.Items) != 1 || list.Items[0].Amount != 1000050 {
				t.Fatalf("prizes = %s", a.body)
			}
			return len(list.Items[0].Winners)
		}
		if n := winners(); n != 0 {
			t.Errorf("the public sees %d winners before publication", n)
		}
		want(t, do(t, ts, call{method: "POST", path: base + "/rounds/1/publish", token: staff}), http.StatusOK)
		if n := winners(); n != 1 {
			t.Errorf("the public sees %d winners after publication, want 1", n)
		}
		if n := count(t, ts, "audit_log WHERE action IN ('contest.award', 'contest.publish')"); n != 2 {
			t.Errorf("%d award and publication entries audited, want 2", n)
		}
	})
}
