package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"startbridge/internal/contest"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/testserver"
)

func TestContestPagesForStaffFoundersAndJudges(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		svc, ctx := ts.Svc, context.Background()
		staffUser := contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3)
		founded := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
		st, founder := contesttest.Startup(t, svc, "Xihu AI", "hangzhou", "seed", founded, "ai")
		judgeUser := contesttest.User(t, svc, "judge@startbridge.test", "gyeonggi")

		staff := newBrowser(t, ts)
		staff.login(staffUser.Email, contesttest.Password)
		staff.get("/contests/new").want(t, http.StatusOK, "Judges per application")
		form := url.Values{"name_en": {"Contest"}, "host": {"3"}, "deadline": {time.Now().AddDate(0, 1, 0).Format("2006-01-02T15:04")},
			"time_zone": {"Asia/Seoul"}, "regions": {"gyeonggi", "hangzhou"}, "stages": {"seed"}, "max_age": {"7"},
			"round_name": {"Screening"}, "k": {"1"}, "normalization": {"zscore"},
			"c0_name": {"Team"}, "c0_weight": {"0"}, "c0_min": {"1"}, "c0_max": {"10"}}
		r := staff.post("/contests", form)
		r.want(t, http.StatusBadRequest)
		if msg := r.fieldError("rounds[0].criteria[0].weight"); msg == "" {
			t.Errorf("weight 0: no message beside the field")
		}
		form.Set("c0_weight", "1")
		r = staff.post("/contests", form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%s", r.Status, r.Body)
		}
		var id int64
		fmt.Sscanf(r.Location, "/contests/%d/manage", &id)
		staff.get(r.Location).want(t, http.StatusOK, "Run the assignment")
		staff.post(fmt.Sprintf("/contests/%d/manage/judge", id), url.Values{"email": {judgeUser.Email}, "sectors": {"ai"}, "languages": {"en"}}).want(t, http.StatusSeeOther)

		f := newBrowser(t, ts)
		f.login(founder.Email, contesttest.Password)
		f.get(fmt.Sprintf("/contests/%d", id)).want(t, http.StatusOK, "Seoul time", "Hangzhou time", "Start an application", "Founded no more than 7 years")
		r = f.post(fmt.Sprintf("/contests/%d/apply", id), url.Values{"startup_id": {strconv.FormatInt(st.ID, 10)}, "pitch": {"AI"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("apply: status %d\n%s", r.Status, r.Body)
		}
		app := r.Location
		f.post(app, url.Values{"action": {"submit"}, "pitch": {"AI for all"}, "languages": {"en"}}).want(t, http.StatusSeeOther)
		f.get(app).want(t, http.StatusOK, "submitted")
		// Staff pages are not the founder's.
		f.get(fmt.Sprintf("/contests/%d/manage", id)).want(t, http.StatusForbidden)

		staff.post(fmt.Sprintf("/contests/%d/manage/assign", id), url.Values{"round": {"1"}}).want(t, http.StatusOK, "1 reviews assigned")

		j := newBrowser(t, ts)
		j.login(judgeUser.Email, contesttest.Password)
		j.get(fmt.Sprintf("/contests/%d/reviews", id)).want(t, http.StatusOK, "Xihu AI")
		j.get("/notifications").want(t, http.StatusOK, "New reviews for you in Contest, Screening: 1.", fmt.Sprintf(`href="/contests/%d/reviews"`, id))
		judge, _ := svc.Auth.User(ctx, judgeUser.ID)
		reviews, err := contest.NewStore(svc.DB).Reviews(ctx, judge, id)
		if err != nil || len(reviews) != 1 {
			t.Fatalf("reviews = %v, %v", reviews, err)
		}
		rv := reviews[0]
		bids := fmt.Sprintf("/contests/%d/rounds/1/bids", id)
		j.get(bids).want(t, http.StatusOK, "Xihu AI", "No preference")
		j.post(bids, url.Values{fmt.Sprintf("bid-%d", rv.ApplicationID): {"100"}}).want(t, http.StatusSeeOther)
		j.get(bids+"?saved=1").want(t, http.StatusOK, `value="100" selected`)
		f.get(bids).want(t, http.StatusForbidden)
		field := fmt.Sprintf("scores.%d", rv.Criteria[0].ID)
		path := fmt.Sprintf("/reviews/%d", rv.ID)
		j.get(path).want(t, http.StatusOK, "Team", "AI for all")
		// A score outside the scale is refused beside the field; nothing stored.
		r = j.post(path, url.Values{field: {"11"}, "action": {"submit"}})
		r.want(t, http.StatusBadRequest)
		if r.fieldError(field) == "" {
			t.Errorf("no message beside %s", field)
		}
		r = j.post(path, url.Values{"action": {"submit"}})
		r.want(t, http.StatusBadRequest)
		if r.fieldError(field) == "" {
			t.Errorf("missing score: no message beside %s", field)
		}
		j.post(path, url.Values{field: {"8"}, "action": {"submit"}}).want(t, http.StatusSeeOther)
		j.get(path).want(t, http.StatusOK, "77.8")
		// The founder may not open the judge's review.
		f.get(path).want(t, http.StatusNotFound)

		staff.get(fmt.Sprintf("/contests/%d/rounds/1/results", id)).want(t, http.StatusOK, "77.78", "<svg", "Leniency")
		// The ranking as a file: the start-up, raw beside normalized, each judge's total.
		csv := staff.get(fmt.Sprintf("/contests/%d/rounds/1/results.csv", id))
		csv.want(t, http.StatusOK, "rank,application_id,startup_id", "Xihu AI", "77.78")
		if x := staff.get(fmt.Sprintf("/contests/%d/rounds/1/results.xlsx", id)); x.Status != http.StatusOK || !strings.HasPrefix(x.Body, "PK") {
			t.Errorf("results workbook: %d", x.Status)
		}
		j.get(fmt.Sprintf("/contests/%d/rounds/1/results.csv", id)).want(t, http.StatusForbidden)
		// A submitted review cannot be forbidden afterwards.
		staff.post(fmt.Sprintf("/contests/%d/manage/pair", id), url.Values{"round": {"1"}, "judge_user_id": {strconv.FormatInt(judgeUser.ID, 10)},
			"application_id": {strconv.FormatInt(rv.ApplicationID, 10)}, "kind": {"forbid"}}).want(t, http.StatusConflict, "Review already started")
		j.get(fmt.Sprintf("/contests/%d/rounds/1/results", id)).want(t, http.StatusForbidden)
		staff.post(fmt.Sprintf("/contests/%d/manage/publish", id), url.Values{"round": {"1"}}).want(t, http.StatusSeeOther)
		f.get(app).want(t, http.StatusOK, "Rank 1 of 1")
		f.get("/notifications").want(t, http.StatusOK, "The results of Screening in Contest are published", `href="`+app+`"`)
	})
}
