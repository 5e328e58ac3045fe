package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"startbridge/internal/httpx"
	"startbridge/internal/testserver"
)

func TestSignUpLogInEditProfileAndLogOut(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := context.Background()
		b := newBrowser(t, ts)
		b.get("/signup").want(t, http.StatusOK, `name="consent_cross_border" value="yes"`, `name="consent_cross_border" value="no"`)
		r := b.post("/signup", signUpForm("founder@example.kr"))
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Fatalf("sign-up: status %d to %q, want 303 to /login\n%s", r.Status, r.Location, r.Body)
		}
		b.get(r.Location).want(t, http.StatusOK, ts.Svc.Catalog.Text("en", "login.welcome"))

		b.post("/login", url.Values{"email": {"Founder@Example.KR"}, "password": {"correct horse battery"}, "next": {"/profile"}})
		u, err := ts.Svc.Auth.UserByEmail(ctx, "founder@example.kr")
		if err != nil {
			t.Fatal(err)
		}
		if b.cookie(httpx.SessionCookie) == "" {
			t.Fatal("no session cookie after login")
		}
		// The user chose Korean at sign-up, so their pages are in Korean.
		b.get("/profile").want(t, http.StatusOK, "내 프로필", "founder@example.kr", ts.Svc.Catalog.Text("ko", "consent.event.withheld"))

		r = b.post("/profile", url.Values{"version": {strconv.Itoa(u.Version)}, "name": {"김민지"}, "language": {"en"},
			"time_zone": {"Asia/Shanghai"}, "consent_cross_border": {"yes"}})
		if r.Status != http.StatusSeeOther || r.Location != "/profile?saved=1" {
			t.Fatalf("save profile: status %d to %q\n%s", r.Status, r.Location, r.Body)
		}
		b.get(r.Location).want(t, http.StatusOK, "Your profile was saved.", "김민지", "You agreed to cross-border sharing on")
		u, _ = ts.Svc.Auth.User(ctx, u.ID)
		if u.Name != "김민지" || u.Language != "en" || u.TimeZone != "Asia/Shanghai" || !u.ConsentCrossBorder {
			t.Errorf("stored profile = %+v", u)
		}
		history, _ := ts.Svc.Auth.ConsentHistory(ctx, u.ID)
		if len(history) != 2 || !history[0].Given || history[1].Given {
			t.Errorf("consent history = %+v, want given after withheld", history)
		}

		r = b.post("/logout", nil)
		if r.Status != http.StatusSeeOther || b.cookie(httpx.SessionCookie) != "" {
			t.Errorf("logout: status %d, session cookie %q", r.Status, b.cookie(httpx.SessionCookie))
		}
		if r := b.get("/profile"); r.Status != http.StatusSeeOther || r.Location != "/login?next=%2Fprofile" {
			t.Errorf("profile after logout: status %d to %q, want 303 to the login", r.Status, r.Location)
		}
	})
}

func TestLogoutEndsTheSessionOnTheServer(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		b.login(ts.Admin.Email, testserver.AdminPassword)
		token := b.cookie(httpx.SessionCookie)
		b.post("/logout", nil)
		if _, err := ts.Svc.Auth.SessionUser(context.Background(), token); err == nil {
			t.Error("the session still works after logout")
		}
		if r := b.get("/logout"); r.Status != http.StatusMethodNotAllowed {
			t.Errorf("GET /logout = %d, want 405", r.Status)
		}
	})
}

func TestLoginGoesOnlyToLocalPages(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		for next, want := range map[string]string{
			"/institutions?region=hangzhou": "/institutions?region=hangzhou",
			"//evil.example/":               "/",
			"https://evil.example/":         "/",
			"/\\evil.example":               "/",
			"javascript:alert(1)":           "/",
		} {
			b := newBrowser(t, ts)
			r := b.post("/login", url.Values{"email": {ts.Admin.Email}, "password": {testserver.AdminPassword}, "next": {next}})
			if r.Location != want {
				t.Errorf("next %q: redirected to %q, want %q", next, r.Location, want)
			}
		}
	})
}
