package api_test

import (
	"net/http"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/testserver"
)

// signedUp signs a Korean user up and returns them with their API token.
func signedUp(t *testing.T, ts *testserver.TS) (*auth.User, string) {
	t.Helper()
	u, err := ts.Svc.Auth.SignUp(t.Context(), auth.SignUp{Email: "me@example.kr", Name: "Kim", Password: "correct horse battery",
		Language: "ko", Region: "gyeonggi"})
	if err != nil {
		t.Fatal(err)
	}
	return u, ts.Token(t, u.ID)
}

func TestPatchMeNeedsTheCurrentVersion(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		u, token := signedUp(t, ts)
		got := do(t, ts, call{method: "GET", path: "/api/v1/me", token: token})
		etag := got.header.Get("ETag")
		if got.status != http.StatusOK || etag != `"1"` {
			t.Fatalf("GET /me: %d, ETag %q", got.status, etag)
		}
		patch := `{"name": "Kim Minji", "consent_cross_border": true}`
		a := do(t, ts, call{method: "PATCH", path: "/api/v1/me", token: token, body: patch})
		if a.status != http.StatusPreconditionRequired || a.problem(t).Code != "precondition_required" {
			t.Errorf("without If-Match: %d %s", a.status, a.body)
		}
		a = do(t, ts, call{method: "PATCH", path: "/api/v1/me", token: token, body: patch, header: map[string]string{"If-Match": etag}})
		if a.status != http.StatusOK {
			t.Fatalf("with If-Match: %d %s", a.status, a.body)
		}
		me := a.object(t)
		if me["name"] != "Kim Minji" || me["consent_cross_border"] != true || me["language"] != "ko" || me["version"] != float64(2) ||
			a.header.Get("ETag") != `"2"` {
			t.Errorf("patched = %s, ETag %q", a.body, a.header.Get("ETag"))
		}
		a = do(t, ts, call{method: "PATCH", path: "/api/v1/me", token: token, body: `{"name": "Someone Else"}`, header: map[string]string{"If-Match": etag}})
		if a.status != http.StatusPreconditionFailed || a.problem(t).Code != "stale_version" {
			t.Errorf("stale If-Match: %d %s", a.status, a.body)
		}
		stored, _ := ts.Svc.Auth.User(t.Context(), u.ID)
		if stored.Name != "Kim Minji" || stored.Version != 2 {
			t.Errorf("stored after stale patch = %+v", stored)
		}
	})
}

func TestPatchMeRefusesBadInput(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		token := adminToken(t, ts)
		tests := []struct {
			body  string
			field string
		}{
			{`{"language": "fr"}`, "language"},
			{`{"time_zone": "Mars/Olympus"}`, "time_zone"},
			{`{"name": "   "}`, "name"},
			{`{"name": 7}`, "name"},
			{`{"consent_cross_border": "yes"}`, "consent_cross_border"},
			{`{"email": "new@example.kr"}`, "email"},
			{`not json`, "body"},
		}
		for _, tt := range tests {
			a := do(t, ts, call{method: "PATCH", path: "/api/v1/me", token: token, body: tt.body,
				header: map[string]string{"If-Match": `"1"`, "Accept-Language": "ko"}})
			if a.status != http.StatusBadRequest || a.problem(t).message(tt.field) == "" {
				t.Errorf("%s: %d %s, want 400 naming %s", tt.body, a.status, a.body, tt.field)
			}
		}
		if stored, _ := ts.Svc.Auth.User(t.Context(), ts.Admin.ID); stored.Version != 1 {
			t.Errorf("refused patches changed the account: version %d", stored.Version)
		}
	})
}

func TestNotificationPreferencesChooseWhatComesByEmail(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		_, token := signedUp(t, ts)
		path := "/api/v1/me/notification-preferences"
		if a := do(t, ts, call{method: "GET", path: path, token: token}); a.status != http.StatusOK || string(a.body) != `{"email":{"booking":true,"contest":true,"office":true}}`+"\n" {
			t.Errorf("default: %d %s", a.status, a.body)
		}
		a := do(t, ts, call{method: "PUT", path: path, token: token, body: `{"email": {"office": false, "fax": true}}`})
		if a.status != http.StatusBadRequest || a.problem(t).message("email.fax") == "" {
			t.Errorf("unknown topic: %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "PUT", path: path, token: token, body: `{"email": {"office": false}}`}); a.status != http.StatusOK || string(a.body) != `{"email":{"booking":true,"contest":true,"office":false}}`+"\n" {
			t.Errorf("office in the app only: %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "GET", path: path, token: token}); string(a.body) != `{"email":{"booking":true,"contest":true,"office":false}}`+"\n" {
			t.Errorf("after the change: %s", a.body)
		}
		if a := do(t, ts, call{method: "PUT", path: path, body: `{"email": {"office": true}}`}); a.status != http.StatusUnauthorized {
			t.Errorf("without a token: %d", a.status)
		}
	})
}
