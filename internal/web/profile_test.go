package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/testserver"
)

// member signs up a user through the service and logs a browser in as them.
func member(t *testing.T, ts *testserver.TS, email string) (*browser, *auth.User) {
	t.Helper()
	u, err := ts.Svc.Auth.SignUp(context.Background(), auth.SignUp{Email: email, Name: "Chen Jie", Password: "correct horse battery",
		Language: "en", Region: "hangzhou"})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts)
	b.login(email, "correct horse battery")
	return b, u
}

func profileForm(version int) url.Values {
	return url.Values{"version": {strconv.Itoa(version)}, "name": {"Chen Jie"}, "language": {"en"},
		"time_zone": {"Asia/Shanghai"}, "consent_cross_border": {"no"}}
}

func TestProfileRefusesBadInputAndStoresNothing(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b, u := member(t, ts, "chen@example.cn")
		tests := []struct{ field, value, key string }{
			{"name", "", "field.required"},
			{"name", strings.Repeat("名", 101), "field.too_long"},
			{"language", "xx", "field.language"},
			{"time_zone", "Local", "field.time_zone"},
			{"time_zone", "Europe/Atlantis", "field.time_zone"},
			{"consent_cross_border", "", "field.consent_choice"},
		}
		for _, tt := range tests {
			form := profileForm(u.Version)
			form.Set(tt.field, tt.value)
			r := b.post("/profile", form)
			r.want(t, http.StatusBadRequest)
			if got, want := r.fieldError(tt.field), cat.Text("en", tt.key, "max", 100); got != want {
				t.Errorf("%s=%q: message %q, want %q", tt.field, tt.value, got, want)
			}
		}
		stored, _ := ts.Svc.Auth.User(context.Background(), u.ID)
		if stored.Version != u.Version || stored.Name != "Chen Jie" {
			t.Errorf("after refused saves: version %d name %q, want %d %q", stored.Version, stored.Name, u.Version, "Chen Jie")
		}
	})
}

func TestStaleProfileSaveIsRefused(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b, u := member(t, ts, "stale@example.cn")
		form := profileForm(u.Version)
		form.Set("name", "First tab")
		if r := b.post("/profile", form); r.Status != http.StatusSeeOther {
			t.Fatalf("first save: %d", r.Status)
		}
		form.Set("name", "Second tab")
		r := b.post("/profile", form)
		r.want(t, http.StatusPreconditionFailed, cat.Text("en", "error.stale_version.detail"), `value="Second tab"`, `href="/profile"`)
		stored, _ := ts.Svc.Auth.User(context.Background(), u.ID)
		if stored.Name != "First tab" {
			t.Errorf("stored name = %q, want the first save kept", stored.Name)
		}
		form.Del("version")
		b.post("/profile", form).want(t, http.StatusPreconditionFailed)
	})
}

func TestChangePasswordFromTheProfile(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b, u := member(t, ts, "pw@example.cn")
		change := func(current, next, confirm string) *response {
			return b.post("/profile/password", url.Values{"current_password": {current}, "new_password": {next}, "new_password_confirm": {confirm}})
		}
		tests := []struct{ current, next, confirm, field, key string }{
			{"wrong one here", "a new long passphrase", "a new long passphrase", "current_password", "field.password_incorrect"},
			{"correct horse battery", "a new long passphrase", "another passphrase", "new_password_confirm", "field.password_mismatch"},
			{"correct horse battery", "tiny-pw", "tiny-pw", "new_password", "field.password_weak"},
		}
		for _, tt := range tests {
			r := change(tt.current, tt.next, tt.confirm)
			r.want(t, http.StatusBadRequest)
			if got, want := r.fieldError(tt.field), cat.Text("en", tt.key, "min", auth.MinPasswordLength); got != want {
				t.Errorf("%s: message %q, want %q", tt.field, got, want)
			}
			if strings.Contains(r.Body, tt.current) || strings.Contains(r.Body, tt.next) {
				t.Error("a password is shown back")
			}
		}
		r := change("correct horse battery", "a new long passphrase", "a new long passphrase")
		if r.Status != http.StatusSeeOther {
			t.Fatalf("change: status %d\n%s", r.Status, r.Body)
		}
		b.get(r.Location).want(t, http.StatusOK, cat.Text("en", "password.changed"))
		if _, err := ts.Svc.Auth.Authenticate(context.Background(), u.Email, "a new long passphrase", ""); err != nil {
			t.Errorf("new password refused: %v", err)
		}
	})
}

var newTokenPattern = regexp.MustCompile(`id="new-token">(sbt_[A-Za-z0-9_-]+)<`)

func TestTokensAreShownOnceAndRevocable(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := context.Background()
		b, u := member(t, ts, "tokens@example.cn")
		r := b.post("/profile/tokens", url.Values{"token_name": {""}})
		r.want(t, http.StatusBadRequest)
		if r.fieldError("token_name") == "" {
			t.Error("an empty token name has no message")
		}
		b.post("/profile/tokens", url.Values{"token_name": {strings.Repeat("t", 101)}}).want(t, http.StatusBadRequest)

		r = b.post("/profile/tokens", url.Values{"token_name": {"report script"}})
		r.want(t, http.StatusCreated, "report script")
		m := newTokenPattern.FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no new token on the page:\n%s", r.Body)
		}
		if owner, err := ts.Svc.Auth.TokenUser(ctx, m[1]); err != nil || owner.ID != u.ID {
			t.Fatalf("token user = %v, %v", owner, err)
		}
		if page := b.get("/profile"); strings.Contains(page.Body, m[1]) {
			t.Error("the token is shown again")
		}
		tokens, _ := ts.Svc.Auth.Tokens(ctx, u.ID)
		if len(tokens) != 1 {
			t.Fatalf("tokens = %d, want 1", len(tokens))
		}
		id := strconv.FormatInt(tokens[0].ID, 10)

		other := newBrowser(t, ts)
		other.login(ts.Admin.Email, testserver.AdminPassword)
		other.post("/profile/tokens/"+id+"/revoke", nil).want(t, http.StatusNotFound)
		b.post("/profile/tokens/not-a-number/revoke", nil).want(t, http.StatusNotFound)

		if r := b.post("/profile/tokens/"+id+"/revoke", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("revoke: status %d", r.Status)
		}
		if _, err := ts.Svc.Auth.TokenUser(ctx, m[1]); err == nil {
			t.Error("the revoked token still works")
		}
	})
}

func TestProfileFormsNeedASignedInUser(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		for _, path := range []string{"/profile", "/profile/password", "/profile/tokens", "/profile/tokens/1/revoke"} {
			r := b.post(path, url.Values{"name": {"x"}})
			if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
				t.Errorf("POST %s as a visitor: %d to %q, want 303 to the login", path, r.Status, r.Location)
			}
		}
	})
}
