package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"startbridge/internal/httpx"
	"startbridge/internal/testserver"
)

func TestLanguageSwitcherForVisitors(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b := newBrowser(t, ts)
		b.get("/institutions").want(t, http.StatusOK, `<html lang="en">`, cat.Text("en", "institutions.lead"))
		for _, tt := range []struct{ lang, html, text string }{
			{"ko", "ko", "협력 협약에 서명한 기관"},
			{"zh", "zh-Hans", "签署合作协议的机构"},
			{"en", "en", "The institutions that signed"},
		} {
			r := b.post("/lang", url.Values{"lang": {tt.lang}, "next": {"/institutions?lang=en"}})
			if r.Status != http.StatusSeeOther || r.Location != "/institutions" {
				t.Fatalf("switch to %s: %d to %q, want 303 to /institutions", tt.lang, r.Status, r.Location)
			}
			if got := b.cookie(httpx.LanguageCookie); got != tt.lang {
				t.Errorf("language cookie = %q, want %q", got, tt.lang)
			}
			b.get(r.Location).want(t, http.StatusOK, `<html lang="`+tt.html+`">`, tt.text)
		}
	})
}

func TestLanguageSwitcherStoresTheUsersSetting(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b, u := member(t, ts, "switch@example.cn")
		r := b.post("/lang", url.Values{"lang": {"zh"}, "next": {"/profile"}})
		if r.Status != http.StatusSeeOther || r.Location != "/profile" {
			t.Fatalf("switch: %d to %q", r.Status, r.Location)
		}
		stored, _ := ts.Svc.Auth.User(context.Background(), u.ID)
		if stored.Language != "zh" {
			t.Errorf("stored language = %q, want zh", stored.Language)
		}
		// The setting wins over the browser's own preference.
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/profile", nil)
		req.Header.Set("Accept-Language", "ko-KR,ko;q=0.9")
		b.do(req).want(t, http.StatusOK, `<html lang="zh-Hans">`, "个人资料")
	})
}

func TestLanguageSwitcherRefusesUnknownLanguagesAndForeignTargets(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		b.post("/lang", url.Values{"lang": {"fr"}}).want(t, http.StatusBadRequest, ts.Svc.Catalog.Text("en", "field.language"))
		if b.cookie(httpx.LanguageCookie) != "" {
			t.Error("an unknown language set the cookie")
		}
		if r := b.post("/lang", url.Values{"lang": {"ko"}, "next": {"https://evil.example/"}}); r.Location != "/" {
			t.Errorf("foreign next: redirected to %q, want /", r.Location)
		}
	})
}

func TestEveryPageHasTheSwitcherAndLandmarks(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		b.login(ts.Admin.Email, testserver.AdminPassword)
		for _, path := range []string{"/", "/signup", "/login", "/profile", "/institutions", "/institutions/1", "/admin/users", "/institutions/999"} {
			r := b.get(path)
			r.want(t, r.Status, `action="/lang"`, `value="ko"`, `value="zh"`, `value="en"`, `name="next" value="`+path+`"`,
				`<header`, `<nav`, `<main id="main"`, `<footer`, `class="skip-link" href="#main"`, `name="viewport"`)
		}
	})
}
