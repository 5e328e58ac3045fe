package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/httpx"
	"startbridge/internal/testserver"
)

func TestCrossSitePostsAreRefused(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		b.login(ts.Admin.Email, testserver.AdminPassword)
		before := countUsers(t, ts)
		for _, path := range []string{"/signup", "/login", "/logout", "/lang", "/profile", "/admin/users"} {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(newUserForm("csrf@example.kr").Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			if r := b.do(req); r.Status != http.StatusForbidden {
				t.Errorf("cross-site POST %s = %d, want 403", path, r.Status)
			}
		}
		if countUsers(t, ts) != before || b.cookie(httpx.SessionCookie) == "" {
			t.Error("a cross-site POST changed something")
		}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/lang", strings.NewReader(url.Values{"lang": {"ko"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if r := b.do(req); r.Status != http.StatusSeeOther {
			t.Errorf("same-origin POST /lang = %d, want 303", r.Status)
		}
	})
}

func TestSessionCookieIsLockedDown(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		resp, err := ts.Browser().PostForm(ts.URL+"/login", url.Values{"email": {ts.Admin.Email}, "password": {testserver.AdminPassword}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var c *http.Cookie
		for _, k := range resp.Cookies() {
			if k.Name == httpx.SessionCookie {
				c = k
			}
		}
		if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
			t.Errorf("session cookie = %+v, want HttpOnly, SameSite=Lax, Path=/", c)
		}
	})
}

func TestPagesAreNotCachedAndStaticFilesAre(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		home := b.get("/")
		if cc := home.Header.Get("Cache-Control"); cc != "private, no-cache" {
			t.Errorf("home Cache-Control = %q", cc)
		}
		_, rest, _ := strings.Cut(home.Body, `rel="stylesheet" href="`)
		css, _, _ := strings.Cut(rest, `"`)
		r := b.get(css)
		if r.Status != http.StatusOK || r.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
			!strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") || !strings.Contains(r.Body, "Noto Sans CJK KR") {
			t.Errorf("GET %s: %d %q %q", css, r.Status, r.Header.Get("Cache-Control"), r.Header.Get("Content-Type"))
		}
		req, _ := http.NewRequest(http.MethodGet, ts.URL+css, nil)
		req.Header.Set("If-None-Match", r.Header.Get("ETag"))
		if r := b.do(req); r.Status != http.StatusNotModified {
			t.Errorf("revalidation = %d, want 304", r.Status)
		}
		if r := b.get("/static/site.css"); r.Header.Get("Cache-Control") != "public, max-age=3600" {
			t.Errorf("unversioned Cache-Control = %q", r.Header.Get("Cache-Control"))
		}
		for _, path := range []string{"/static/nothing.css", "/static/", "/static/%2e%2e/routes.go"} {
			if r := b.get(path); r.Status != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", path, r.Status)
			}
		}
	})
}

func TestUnknownPagesAndMethodsGetTranslatedPages(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b := newBrowser(t, ts)
		b.get("/no/such/page?lang=zh").want(t, http.StatusNotFound, cat.Text("zh", "error.not_found.title"), `<html lang="zh-Hans">`)
		r := b.post("/institutions", nil)
		r.want(t, http.StatusMethodNotAllowed, cat.Text("en", "error.method_not_allowed.title"))
		if allow := r.Header.Get("Allow"); !strings.Contains(allow, "GET") {
			t.Errorf("Allow = %q, want GET", allow)
		}
		// The API keeps its own answers for its paths.
		if r := b.get("/api/v1/no-such-thing"); r.Status != http.StatusNotFound || !strings.Contains(r.Header.Get("Content-Type"), "json") {
			t.Errorf("unknown API path: %d %q, want the API's JSON 404", r.Status, r.Header.Get("Content-Type"))
		}
	})
}
