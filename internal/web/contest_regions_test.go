package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"startbridge/internal/contest/contesttest"
	"startbridge/internal/testserver"
)

// A region beyond the two of the agreement — one joined later as data —
// is named on the contest pages in every language, never shown as a raw
// catalogue key.
func TestContestPagesNameAThirdRegion(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := context.Background()
		if _, err := ts.DB.Exec(ctx, `INSERT INTO regions (code, country, time_zone, currency, language, name_ko, name_zh, name_en, position)
			VALUES ('busan', 'KR', 'Asia/Seoul', 'KRW', 'ko', '부산', '釜山', 'Busan', 3)`); err != nil {
			t.Fatal(err)
		}
		staffUser := contesttest.Staff(t, ts.Svc, "staff@gbsa.startbridge.test", 3)
		judge := contesttest.User(t, ts.Svc, "judge@busan.startbridge.test", "busan")
		founded := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
		st, founder := contesttest.Startup(t, ts.Svc, "Haeundae Robotics", "busan", "seed", founded, "ai")

		staff := newBrowser(t, ts)
		staff.login(staffUser.Email, contesttest.Password)
		r := staff.post("/contests", url.Values{"name_en": {"Three-city contest"}, "host": {"3"},
			"deadline": {time.Now().AddDate(0, 1, 0).Format("2006-01-02T15:04")}, "time_zone": {"Asia/Seoul"},
			"regions": {"gyeonggi", "hangzhou", "busan"}, "round_name": {"Screening"}, "k": {"1"}, "normalization": {"zscore"},
			"c0_name": {"Team"}, "c0_weight": {"1"}, "c0_min": {"1"}, "c0_max": {"10"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%s", r.Status, r.Body)
		}
		var id int64
		fmt.Sscanf(r.Location, "/contests/%d/manage", &id)
		staff.post(fmt.Sprintf("/contests/%d/manage/judge", id), url.Values{"email": {judge.Email}}).want(t, http.StatusSeeOther)
		f := newBrowser(t, ts)
		f.login(founder.Email, contesttest.Password)
		r = f.post(fmt.Sprintf("/contests/%d/apply", id), url.Values{"startup_id": {fmt.Sprint(st.ID)}, "pitch": {"Robots"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("apply: status %d\n%s", r.Status, r.Body)
		}

		visitor := newBrowser(t, ts)
		for lang, names := range map[string][]string{
			"ko": {"경기", "항저우", "부산"},
			"zh": {"京畿", "杭州", "釜山"},
			"en": {"Gyeonggi", "Hangzhou", "Busan"},
		} {
			r := visitor.get(fmt.Sprintf("/contests/%d?lang=%s", id, lang))
			r.want(t, http.StatusOK, names...)
			if strings.Contains(r.Body, "contest.region.") {
				t.Errorf("%s: the contest page shows a raw region key", lang)
			}
		}
		// The staff's page names the Busan judge's side and the Busan
		// application's region.
		r = staff.get(fmt.Sprintf("/contests/%d/manage", id))
		r.want(t, http.StatusOK, "Busan")
		if strings.Contains(r.Body, "contest.region.") {
			t.Errorf("the manage page shows a raw region key")
		}
		if n := strings.Count(r.Body, "<td>Busan</td>"); n != 2 {
			t.Errorf("the manage page names Busan in %d cells, want 2 (the judge and the application)", n)
		}
	})
}
