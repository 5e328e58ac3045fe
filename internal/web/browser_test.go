package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"startbridge/internal/browsertest"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/testserver"
)

// tab is one browser tab on a test server, with steps that fail the test.
type tab struct {
	t   *testing.T
	ctx context.Context
	ts  *testserver.TS
}

func (b *tab) visit(path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.ts.URL+path)); err != nil {
		b.t.Fatalf("visit %s: %v", path, err)
	}
}

// click clicks what css selects, waits for the page it leads to and checks
// its status.
func (b *tab) click(css string, status int64) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("click %s: %v", css, err)
	}
	if resp.Status != status {
		b.t.Fatalf("click %s: status %d, want %d", css, resp.Status, status)
	}
}

// tick clicks a box or a radio button, which loads no page.
func tick(b *tab, css string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(css))); err != nil {
		b.t.Fatalf("tick %s: %v", css, err)
	}
}

func (b *tab) fill(id, value string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.SetValue(chromedp.ID(id), value)); err != nil {
		b.t.Fatalf("fill %s: %v", id, err)
	}
}

// sees checks that the page shows every text given.
func (b *tab) sees(texts ...string) {
	b.t.Helper()
	// A page that is still settling after a redirect may replace the body
	// node under the read; read again rather than fail on a busy machine.
	var body string
	var err error
	for attempt := 0; attempt < 5; attempt++ {
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

func (b *tab) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, b.ts.URL)
}

func (b *tab) switchTo(lang string) {
	b.t.Helper()
	b.click(`.lang-switch button[value="`+lang+`"]`, http.StatusOK)
}

// languages are the switcher's languages with a word of each script that
// the pages show.
var languages = []struct{ code, visitorText, memberText string }{
	{"ko", "협력 지역", "내 역할"},
	{"zh", "合作地区", "我的角色"},
	{"en", "The partner regions", "Your roles"},
}

func TestBrowserSignUpSwitchLanguagesAndEditProfile(t *testing.T) {
	// The pages do not depend on the engine, so one is enough here.
	ts := testserver.Start(t, dbtest.SQLite(t))
	b := &tab{t: t, ctx: browsertest.New(t), ts: ts}

	b.visit("/")
	for _, l := range languages {
		b.switchTo(l.code)
		b.sees(l.visitorText)
		browsertest.Screenshot(t, b.ctx, "home-"+l.code)
		b.visit("/signup")
		browsertest.Screenshot(t, b.ctx, "signup-"+l.code)
		b.visit("/institutions")
		browsertest.Screenshot(t, b.ctx, "institutions-"+l.code)
		b.visit("/")
	}

	b.visit("/signup")
	b.fill("email", "minji@example.kr")
	b.fill("name", "김민지")
	b.fill("password", "correct horse battery")
	b.fill("language", "ko")
	b.fill("time_zone", "Asia/Seoul")
	b.fill("region", "gyeonggi")
	b.click(`form[action="/signup"] button[type="submit"]`, http.StatusBadRequest)
	b.sees("Choose yes or no.")
	browsertest.Screenshot(t, b.ctx, "signup-refused-en")
	b.fill("password", "correct horse battery")
	tick(b, `input[name="consent_cross_border"][value="yes"]`)
	b.click(`form[action="/signup"] button[type="submit"]`, http.StatusOK)
	if loc := b.location(); loc != "/login?welcome=1" {
		t.Fatalf("after sign-up at %q, want the login", loc)
	}

	b.fill("email", "minji@example.kr")
	b.fill("password", "correct horse battery")
	b.click(`form[action="/login"] button[type="submit"]`, http.StatusOK)
	b.sees("김민지", "내 역할")
	for _, l := range []int{1, 2, 0} {
		b.switchTo(languages[l].code)
		b.sees(languages[l].memberText)
		b.visit("/profile")
		browsertest.Screenshot(t, b.ctx, "profile-"+languages[l].code)
		b.visit("/")
	}

	b.visit("/profile")
	b.fill("name", "Kim Minji")
	b.fill("time_zone", "Asia/Shanghai")
	tick(b, `input[name="consent_cross_border"][value="no"]`)
	b.click(`form[action="/profile"] button[type="submit"]`, http.StatusOK)
	b.sees("프로필을 저장했습니다.", "동의하지 않음", "동의함")
	u, err := ts.Svc.Auth.UserByEmail(context.Background(), "minji@example.kr")
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Kim Minji" || u.TimeZone != "Asia/Shanghai" || u.ConsentCrossBorder || u.Language != "ko" {
		t.Errorf("stored user = %+v", u)
	}
	browsertest.Screenshot(t, b.ctx, "profile-saved-ko")

	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	b.visit("/")
	browsertest.Screenshot(t, b.ctx, "home-ko-narrow")
	b.visit("/profile")
	browsertest.Screenshot(t, b.ctx, "profile-ko-narrow")
}

func TestBrowserAdminAndInstitutionPages(t *testing.T) {
	ts := testserver.Start(t, dbtest.SQLite(t))
	b := &tab{t: t, ctx: browsertest.New(t), ts: ts}
	b.visit("/login")
	b.fill("email", ts.Admin.Email)
	b.fill("password", testserver.AdminPassword)
	b.click(`form[action="/login"] button[type="submit"]`, http.StatusOK)
	b.click(`a[href="/admin/users"]`, http.StatusOK)
	b.fill("email", "staff@gbsa.or.kr")
	b.fill("name", "박지수")
	b.click(`form[action="/admin/users"] button[type="submit"]`, http.StatusBadRequest)
	b.sees(ts.Svc.Catalog.Text("en", "field.required"))
	browsertest.Screenshot(t, b.ctx, "admin-users-refused-en")
	b.fill("password", "initial passphrase 1")
	tick(b, `input[name="roles"][value="staff"]`)
	b.fill("institution_id", "3")
	b.click(`form[action="/admin/users"] button[type="submit"]`, http.StatusOK)
	b.sees("staff@gbsa.or.kr", "박지수")
	browsertest.Screenshot(t, b.ctx, "admin-users-en")
	b.visit("/institutions/3")
	b.sees("경기도경제과학진흥원", "京畿道经济科学振兴院")
	browsertest.Screenshot(t, b.ctx, "institution-en")
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(ts.URL+"/institutions/nope"))
	if err != nil || resp.Status != http.StatusNotFound {
		t.Fatalf("unknown institution: %v, %v", resp, err)
	}
	browsertest.Screenshot(t, b.ctx, "not-found-en")
}

func TestBrowserTellsTheServerItsTimeZone(t *testing.T) {
	ts := testserver.Start(t, dbtest.SQLite(t))
	b := &tab{t: t, ctx: browsertest.New(t), ts: ts}
	if _, err := chromedp.Call(b.ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Shanghai"}); err != nil {
		t.Fatal(err)
	}
	// The first page cannot know the zone yet; its script sets the cookie
	// that the next page reads.
	b.visit("/?lang=en")
	b.visit("/?lang=en")
	b.sees("Times are shown in Hangzhou time.")
}
