package web_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/httpx"
	"startbridge/internal/testserver"
)

// browser is a cookie-keeping client that does not follow redirects, so
// every step of a flow is checked.
type browser struct {
	t  *testing.T
	ts *testserver.TS
	c  *http.Client
}

func newBrowser(t *testing.T, ts *testserver.TS) *browser {
	return &browser{t: t, ts: ts, c: ts.Browser()}
}

// response is what a step returned, its body read and unescaped so that
// tests look for the words a person would read.
type response struct {
	Status   int
	Header   http.Header
	Body     string
	Location string
}

func (b *browser) do(req *http.Request) *response {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &response{Status: resp.StatusCode, Header: resp.Header, Body: html.UnescapeString(string(body)),
		Location: resp.Header.Get("Location")}
}

func (b *browser) get(path string) *response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.ts.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) *response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.ts.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func (b *browser) login(email, password string) {
	b.t.Helper()
	r := b.post("/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther || b.cookie(httpx.SessionCookie) == "" {
		b.t.Fatalf("login %s: status %d, want 303 with a session cookie\n%s", email, r.Status, r.Body)
	}
}

// want checks a response's status and that its body has every text given.
func (r *response) want(t *testing.T, status int, texts ...string) {
	t.Helper()
	if r.Status != status {
		t.Errorf("status = %d, want %d (Location %q)", r.Status, status, r.Location)
	}
	for _, s := range texts {
		if !strings.Contains(r.Body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

// fieldError reports the message shown beside a form field, or "".
func (r *response) fieldError(field string) string {
	_, after, ok := strings.Cut(r.Body, `id="`+field+`-error">`)
	if !ok {
		return ""
	}
	msg, _, _ := strings.Cut(after, "<")
	return msg
}

// signUpForm is a valid sign-up; tests change one field at a time.
func signUpForm(email string) url.Values {
	return url.Values{
		"email": {email}, "name": {"Kim Minji"}, "password": {"correct horse battery"},
		"language": {"ko"}, "time_zone": {"Asia/Seoul"}, "region": {"gyeonggi"}, "consent_cross_border": {"no"},
	}
}
