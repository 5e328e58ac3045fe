package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"startbridge/internal/auth"
	"startbridge/internal/browsertest"
	"startbridge/internal/contest"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/testserver"
)

// contestSignIn opens a fresh browser for one person and logs them in.
func contestSignIn(t *testing.T, ts *testserver.TS, email string) *tab {
	t.Helper()
	b := &tab{t: t, ctx: browsertest.New(t), ts: ts}
	b.visit("/login")
	b.fill("email", email)
	b.fill("password", contesttest.Password)
	b.click(`form[action="/login"] button[type="submit"]`, http.StatusOK)
	return b
}

// fillNamed sets the value of the field named name (names such as
// scores.12 are not usable as CSS ids).
func (b *tab) fillNamed(name, value string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.SetValue(chromedp.CSS(`[name="`+name+`"]`), value)); err != nil {
		b.t.Fatalf("fill %s: %v", name, err)
	}
}

// shows is sees for a page that may still be settling after a redirect:
// it reads the body again when the document changed under it.
func (b *tab) shows(texts ...string) {
	b.t.Helper()
	var body string
	var err error
	for range 20 {
		if body, err = chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("body"))); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		b.t.Fatalf("read page: %v", err)
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Errorf("page lacks %q", s)
		}
	}
}

func (b *tab) shot(name string) { browsertest.Screenshot(b.t, b.ctx, "contest-"+name) }

// TestBrowserContestMainFlow runs a contest in the browser: staff create
// it and add judges from both sides, a founder applies and submits, staff
// assign, judges score, staff read the results (raw beside normalized,
// the leniency chart) in three languages and publish; the founder then
// sees their rank and the comments, the public the winner.
func TestBrowserContestMainFlow(t *testing.T) {
	ts := testserver.Start(t, dbtest.SQLite(t))
	svc, ctx := ts.Svc, context.Background()
	staffUser := contesttest.Staff(t, svc, "staff@gbsa.startbridge.test", 3)
	founded := time.Now().AddDate(-2, 0, 0).Format("2006-01-02")
	st1, f1 := contesttest.Startup(t, svc, "Pangyo Robotics", "gyeonggi", "seed", founded, "robotics")
	st2, f2 := contesttest.Startup(t, svc, "Xihu AI", "hangzhou", "seed", founded, "ai")
	st3, f3 := contesttest.Startup(t, svc, "Suwon Bio", "gyeonggi", "series_a", founded, "bio")
	contesttest.User(t, svc, "judge.kim@startbridge.test", "gyeonggi")
	contesttest.User(t, svc, "judge.wang@startbridge.test", "hangzhou")

	// Staff create the contest with the form.
	staff := contestSignIn(t, ts, staffUser.Email)
	staff.visit("/contests/new")
	staff.fill("name_en", "Global Start-up Contest 2027")
	staff.fill("name_ko", "글로벌 스타트업 콘테스트 2027")
	staff.fill("name_zh", "2027全球创业大赛")
	staff.fill("deadline", time.Now().AddDate(0, 3, 0).Format("2006-01-02T15:04"))
	staff.fill("round_name", "Screening")
	staff.fill("k", "2")
	staff.fill("c0_name", "Team")
	staff.fill("c0_weight", "2")
	staff.fill("c1_name", "Market")
	staff.fill("c1_weight", "1")
	staff.shot("new")
	staff.click("#create-contest", http.StatusOK)
	loc := staff.location()
	if !strings.HasSuffix(loc, "/manage") {
		t.Fatalf("after creating at %s, want the manage page", loc)
	}
	id, err := strconv.ParseInt(strings.Split(loc, "/")[2], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"judge.kim@startbridge.test", "judge.wang@startbridge.test"} {
		staff.fill("judge-email", email)
		staff.fill("judge-sectors", "ai, robotics")
		staff.fill("judge-languages", "en, ko, zh")
		staff.click("#add-judge", http.StatusOK)
	}
	staff.shows("judge.kim@startbridge.test", "judge.wang@startbridge.test")

	// A founder applies and submits in the browser; two more by the store.
	founder := contestSignIn(t, ts, f1.Email)
	founder.visit(fmt.Sprintf("/contests/%d", id))
	founder.shows("Global Start-up Contest 2027", "Seoul", "Hangzhou")
	founder.shot("public")
	// This founder works in Korean.
	founder.switchTo("ko")
	founder.shows("서울", "항저우")
	founder.fill("pitch", "소규모 공장을 위한 로봇 팔.")
	founder.click(`form[action$="/apply"] button`, http.StatusOK)
	founder.click("#submit-application", http.StatusOK)
	founder.shows("제출됨")
	founder.shot("application-ko")
	store := contest.NewStore(svc.DB)
	for _, p := range []struct {
		id int64
		u  *auth.User
	}{{st2.ID, f2}, {st3.ID, f3}} {
		a, err := store.CreateApplication(ctx, p.u, id, contest.ApplicationInput{StartupID: p.id, Pitch: "Pitch", Languages: []string{"en"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Submit(ctx, p.u, a.ID); err != nil {
			t.Fatal(err)
		}
	}

	staff.visit(fmt.Sprintf("/contests/%d/manage", id))
	staff.click("#assign-1", http.StatusOK)
	staff.shows("6")
	staff.shot("assignment")

	// Each judge scores every application assigned to them, judge Kim of
	// the Gyeonggi side in Korean, judge Wang of the Hangzhou side in
	// Chinese.
	for i, j := range []struct{ email, lang, submitted string }{
		{"judge.kim@startbridge.test", "ko", "제출 완료"},
		{"judge.wang@startbridge.test", "zh", "已提交"},
	} {
		email := j.email
		judge := contestSignIn(t, ts, email)
		judge.visit(fmt.Sprintf("/contests/%d/reviews", id))
		judge.switchTo(j.lang)
		judge.shot("judge-list-" + j.lang)
		u, err := svc.Auth.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		reviews, err := store.Reviews(ctx, u, id)
		if err != nil || len(reviews) != 3 {
			t.Fatalf("judge %s has %d reviews (%v), want 3", email, len(reviews), err)
		}
		for k, rv := range reviews {
			judge.visit(fmt.Sprintf("/reviews/%d", rv.ID))
			for c, cr := range rv.Criteria {
				judge.fillNamed(fmt.Sprintf("scores.%d", cr.ID), strconv.Itoa(3+2*k+i+c))
				judge.fillNamed(fmt.Sprintf("comments.%d", cr.ID), fmt.Sprintf("Comment from judge %d", i+1))
			}
			if k == 0 {
				judge.shot("scoring-" + j.lang)
			}
			judge.click("#submit-review", http.StatusOK)
			judge.shows(j.submitted)
		}
	}

	// Results: raw beside normalized, the chart, in every language.
	staff.visit(fmt.Sprintf("/contests/%d/rounds/1/results", id))
	staff.shows("Pangyo Robotics", "Xihu AI", "Suwon Bio")
	staff.shot("results-en")
	staff.switchTo("ko")
	staff.shows("정규화 점수")
	staff.shot("results-ko")
	staff.switchTo("zh")
	staff.shows("标准化分数")
	staff.shot("results-zh")
	// The ranking downloads as a workbook from the page.
	got, err := chromedp.Run(staff.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href$="/results.xlsx"]').href)
		.then(r => r.arrayBuffer().then(b => r.status + " " + r.headers.get("content-type") + " " + b.byteLength))`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(got, "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ") {
		t.Errorf("results export: %q %v", got, err)
	}
	staff.switchTo("en")

	// A prize with six months of office support in Shenzhen (a city
	// without an office: demand) and the fund fast track; its winner, and
	// publication.
	staff.visit(fmt.Sprintf("/contests/%d/manage", id))
	staff.fill("prize-name", "Grand prize")
	staff.fill("prize-amount", "10000000")
	staff.fill("prize-months", "6")
	staff.click("#add-prize", http.StatusBadRequest)
	staff.shows("Enter a city")
	// The refused form keeps what was typed.
	var kept [3]string
	for i, id := range []string{"prize-name", "prize-amount", "prize-months"} {
		v, err := chromedp.Run(staff.ctx, chromedp.Value(chromedp.ID(id)))
		if err != nil {
			t.Fatal(err)
		}
		kept[i] = v
	}
	if kept != [3]string{"Grand prize", "10000000", "6"} {
		t.Errorf("the refused prize form shows %q", kept)
	}
	staff.fill("prize-city", "深圳")
	staff.fill("prize-desks", "2")
	if err := chromedp.Do(staff.ctx, chromedp.Click(chromedp.CSS(`input[name="fund_fast_track"]`))); err != nil {
		t.Fatal(err)
	}
	staff.click("#add-prize", http.StatusOK)
	staff.shows("6 months of overseas office support in Shenzhen · desks: 2", "Fast track into a fund's pipeline")
	res, err := store.ResultsDetailed(ctx, staffUser, id, 1)
	if err != nil {
		t.Fatal(err)
	}
	winner := res.Items[0].Application
	staff.fill("award-app", strconv.FormatInt(winner, 10))
	staff.click("#award", http.StatusOK)
	staff.click("#publish-1", http.StatusOK)
	prizes, err := store.Prizes(ctx, staffUser, id)
	if err != nil || len(prizes) != 1 || len(prizes[0].Winners) != 1 || prizes[0].Winners[0].OfficeRequest() == 0 {
		t.Fatalf("prizes = %+v, %v; want one winner with an office request", prizes, err)
	}
	request := fmt.Sprintf("#%d", prizes[0].Winners[0].OfficeRequest())
	staff.shows("Office request "+request, "Fund fast track: pending")
	staff.shot("manage")

	// The award created the office request, marked as a contest award, in
	// the staff's queue.
	staff.click("a.office-request-link", http.StatusOK)
	staff.shows("Contest award", "Shenzhen", "Grand prize")
	staff.shot("award-request")
	staff.visit("/office-requests")
	staff.shows("Contest award", res.Applications[winner].StartupName.En)
	staff.shot("award-queue")

	// The winning founder, reading in Chinese, finds the prize's link to
	// their office request and the pending fast track, and the request
	// among their own.
	founderOf := map[int64]*auth.User{st1.ID: f1, st2.ID: f2, st3.ID: f3}
	winnerFounder := founderOf[res.Applications[winner].StartupID]
	w := contestSignIn(t, ts, winnerFounder.Email)
	w.visit(fmt.Sprintf("/contests/%d", id))
	w.switchTo("zh")
	w.shows("深圳海外办公室支持 6 个月 · 工位 2 个", "办公室申请 "+request, "基金快速通道：待处理")
	w.shot("winner-zh")
	w.click("a.office-request-link", http.StatusOK)
	w.shows("大赛获奖", "深圳")
	w.shot("winner-request-zh")
	w.visit("/office-requests")
	w.shows("大赛获奖")

	founder.visit(founder.location())
	founder.shows("개 중", "Comment from judge")
	founder.shot("feedback-ko")

	visitor := &tab{t: t, ctx: browsertest.New(t), ts: ts}
	visitor.visit(fmt.Sprintf("/contests/%d", id))
	visitor.shows("Grand prize", "10,000,000 KRW", res.Applications[winner].StartupName.En)
	if body, err := chromedp.Run(visitor.ctx, chromedp.Text(chromedp.CSS("body"))); err == nil && strings.Contains(body, "Office request #") {
		t.Errorf("the public sees the winner's office request")
	}
	visitor.shot("winners")
}
