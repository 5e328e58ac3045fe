package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"startbridge/internal/auth"
	"startbridge/internal/browsertest"
	"startbridge/internal/office"
	"startbridge/internal/testserver"
)

// signIn opens a fresh browser signed in as email.
func signIn(t *testing.T, ts *testserver.TS, email string) *tab {
	t.Helper()
	return signInWith(t, ts, email, officePassword)
}

// signInWith opens a fresh browser signed in as email with password.
func signInWith(t *testing.T, ts *testserver.TS, email, password string) *tab {
	t.Helper()
	b := &tab{t: t, ctx: browsertest.New(t), ts: ts}
	b.visit("/login")
	b.fill("email", email)
	b.fill("password", password)
	b.click(`form[action="/login"] button[type="submit"]`, http.StatusOK)
	return b
}

// A Hangzhou start-up asks for two desks in Suwon for six months; GBSA staff
// approve it; another start-up waits for a desk and moves up when the first
// cancels, and its founder sees it; the demand view shows a city with
// requests and no office.
func TestBrowserOfficeRequestApprovalWaitlistAndDemand(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		s := newOfficeSite(t, ts)
		first, _ := s.founder("西湖智能 Westlake AI", "zh")
		second, secondStartup := s.founder("钱塘机器人 Qiantang Robotics", "zh")
		// Demand for a city without an office, typed three ways.
		for _, city := range []string{"Shenzhen", "深圳", "선전"} {
			if _, err := s.store.CreateRequest(t.Context(), second, office.RequestInput{StartupID: secondStartup, TargetCity: city,
				StartMonth: s.months(2), Months: 3, Desks: 1}); err != nil {
				t.Fatal(err)
			}
		}

		f := signIn(t, ts, first.Email)
		f.visit("/office-requests/new")
		f.fill("target_city", "Suwon")
		f.fill("start_month", s.months(1))
		f.fill("months", "6")
		f.fill("desks", "2")
		f.click(`form[action="/office-requests"] button[type="submit"]`, http.StatusOK)
		officeSees(f, "已提交", "Suwon", "西湖智能")
		browsertest.Screenshot(t, f.ctx, "office-1-founder-submitted")
		requestPath := f.location()

		staff := signIn(t, ts, s.staff.Email)
		staff.visit("/office-requests")
		officeSees(staff, "사무소 신청", "西湖智能", "접수됨")
		browsertest.Screenshot(t, staff.ctx, "office-2-staff-queue")
		staff.visit(trimQuery(requestPath))
		staff.click("#approve", http.StatusOK)
		officeSees(staff, "승인됨", "경기-항저우 수원 사무소")
		browsertest.Screenshot(t, staff.ctx, "office-3-staff-approved")

		// The second start-up asks for a desk in the same months: the office
		// is full, so approving waitlists it.
		waiting, err := s.store.CreateRequest(t.Context(), second, office.RequestInput{StartupID: secondStartup, TargetCity: "水原",
			StartMonth: s.months(2), Months: 2, Desks: 1, Services: []office.Service{office.ServiceDesk}})
		if err != nil {
			t.Fatal(err)
		}
		staff.visit(fmt.Sprintf("/office-requests/%d", waiting.ID))
		staff.click("#approve", http.StatusOK)
		officeSees(staff, "대기 중")

		f.visit(trimQuery(requestPath))
		officeSees(f, "已批准")
		f.click("#cancel", http.StatusOK)
		officeSees(f, "已取消")

		w := signIn(t, ts, second.Email)
		badge, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](`document.getElementById("unread").textContent`))
		if err != nil || !strings.HasPrefix(badge, "2") {
			t.Errorf("unread badge = %q (%v), want 2 (waitlisted, then promoted)", badge, err)
		}
		w.visit("/notifications")
		officeSees(w, "有空位了", fmt.Sprintf("#%d", waiting.ID))
		browsertest.Screenshot(t, w.ctx, "office-4-promoted-founder-notification")
		w.click("#notifications a", http.StatusOK)
		officeSees(w, "已批准", "京畿-杭州 水原办公室")
		browsertest.Screenshot(t, w.ctx, "office-5-promoted-request")

		staff.visit("/offices/demand?from=" + s.months(0) + "&to=" + s.months(5))
		officeSees(staff, "선전", "사무소 없음", "선전: 6개월 동안 신청 3건, 사무소 없음")
		browsertest.Screenshot(t, staff.ctx, "office-6-demand")
		svg, err := chromedp.Run(staff.ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.office-chart title").length`))
		if err != nil || svg == 0 {
			t.Errorf("the demand view has %d accessible charts (%v), want one per open office", svg, err)
		}
		staff.visit(fmt.Sprintf("/offices/%d", s.suwon.ID))
		browsertest.Screenshot(t, staff.ctx, "office-7-occupancy")
		_ = auth.RoleStaff
	})
}

// officeSees checks that the page shows every text given, reading it again
// while the browser is still swapping pages after a redirect.
func officeSees(b *tab, texts ...string) {
	b.t.Helper()
	var body string
	var err error
	for try := 0; try < 30; try++ {
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

func trimQuery(path string) string {
	for i := range path {
		if path[i] == '?' {
			return path[:i]
		}
	}
	return path
}
