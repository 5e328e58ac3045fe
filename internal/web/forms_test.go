package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"startbridge/internal/testserver"
)

// countUsers is how many accounts exist, to check a refused form stored
// nothing.
func countUsers(t *testing.T, ts *testserver.TS) int {
	t.Helper()
	var n int
	if err := ts.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSignUpRefusesBadInputBesideEachField(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		tests := []struct {
			name, field, value, wantKey string
		}{
			{"empty email", "email", "", "field.required"},
			{"bad email", "email", "not-an-email", "field.email"},
			{"over-long email", "email", strings.Repeat("a", 250) + "@example.kr", "field.too_long"},
			{"empty name", "name", "   ", "field.required"},
			{"over-long name", "name", strings.Repeat("이", 101), "field.too_long"},
			{"weak password", "password", "1234567890", "field.password_weak"},
			{"unknown language", "language", "fr", "field.language"},
			{"bad zone", "time_zone", "Mars/Olympus", "field.time_zone"},
			{"unknown region", "region", "mars", "field.region"},
			{"no region", "region", "", "field.required"},
			{"no consent choice", "consent_cross_border", "", "field.consent_choice"},
			{"consent not yes or no", "consent_cross_border", "maybe", "field.consent_choice"},
		}
		before := countUsers(t, ts)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				form := signUpForm("newcomer@example.kr")
				form.Set(tt.field, tt.value)
				form.Set("language", "en")
				if tt.field == "language" {
					form.Set("language", tt.value)
				}
				r := newBrowser(t, ts).post("/signup", form)
				want := cat.Text("en", tt.wantKey, "max", 254, "min", 10)
				if tt.field == "name" && tt.wantKey == "field.too_long" {
					want = cat.Text("en", tt.wantKey, "max", 100)
				}
				r.want(t, http.StatusBadRequest, cat.Text("en", "error.invalid.title"))
				if got := r.fieldError(tt.field); got != want {
					t.Errorf("message beside %s = %q, want %q", tt.field, got, want)
				}
				if tt.field != "email" && !strings.Contains(r.Body, `value="newcomer@example.kr"`) {
					t.Error("the entered email is not kept")
				}
				if strings.Contains(r.Body, "correct horse battery") {
					t.Error("the password is shown back")
				}
			})
		}
		if got := countUsers(t, ts); got != before {
			t.Errorf("users = %d after refused sign-ups, want %d", got, before)
		}
	})
}

func TestSignUpRefusesATakenEmail(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		r := newBrowser(t, ts).post("/signup", signUpForm(ts.Admin.Email))
		r.want(t, http.StatusBadRequest)
		if got, want := r.fieldError("email"), ts.Svc.Catalog.Text("en", "field.email_taken"); got != want {
			t.Errorf("email message = %q, want %q", got, want)
		}
	})
}

func TestLoginRefusesBadInput(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b := newBrowser(t, ts)
		r := b.post("/login", url.Values{"email": {""}, "password": {""}})
		r.want(t, http.StatusBadRequest)
		if r.fieldError("email") != cat.Text("en", "field.required") || r.fieldError("password") != cat.Text("en", "field.required") {
			t.Errorf("empty login: email %q, password %q", r.fieldError("email"), r.fieldError("password"))
		}
		r = b.post("/login", url.Values{"email": {ts.Admin.Email}, "password": {"not the password"}})
		r.want(t, http.StatusUnauthorized, cat.Text("en", "error.bad_credentials.detail"), `value="`+ts.Admin.Email+`"`)
		if strings.Contains(r.Body, "not the password") {
			t.Error("the password is shown back")
		}
	})
}

func TestLoginShowsTheRateLimit(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		for i := 0; i < 5; i++ {
			b.post("/login", url.Values{"email": {ts.Admin.Email}, "password": {"guess " + strconv.Itoa(i)}})
		}
		r := b.post("/login", url.Values{"email": {ts.Admin.Email}, "password": {testserver.AdminPassword}})
		r.want(t, http.StatusTooManyRequests, ts.Svc.Catalog.Text("en", "error.rate_limited.detail", "minutes", 15))
	})
}

func TestBrokenFormBodiesAre400(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/signup", strings.NewReader("email=%zz"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		b.do(req).want(t, http.StatusBadRequest, ts.Svc.Catalog.Text("en", "form.unreadable.title"))
		big := url.Values{"name": {strings.Repeat("x", 100<<10)}}
		b.post("/signup", big).want(t, http.StatusBadRequest)
	})
}
