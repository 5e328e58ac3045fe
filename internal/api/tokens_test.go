package api_test

import (
	"net/http"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/testserver"
)

func TestTokenIsIssuedUsedAndRevoked(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		a := do(t, ts, call{method: "POST", path: "/api/v1/auth/token",
			body: `{"email": "ADMIN@test.startbridge", "password": "` + testserver.AdminPassword + `", "name": "ci"}`})
		if a.status != http.StatusOK {
			t.Fatalf("issue: status %d, body %s", a.status, a.body)
		}
		got := a.object(t)
		token, _ := got["token"].(string)
		user, _ := got["user"].(map[string]any)
		if token == "" || user["email"] != "admin@test.startbridge" || user["id"] != float64(ts.Admin.ID) {
			t.Fatalf("issue answered %s", a.body)
		}
		if roles, _ := user["roles"].([]any); len(roles) != 1 {
			t.Errorf("user roles = %v, want the admin role", user["roles"])
		}
		if a.header.Get("Cache-Control") != "no-store" {
			t.Errorf("token answer may be cached: Cache-Control %q", a.header.Get("Cache-Control"))
		}
		if me := do(t, ts, call{method: "GET", path: "/api/v1/me", token: token}); me.status != http.StatusOK || me.object(t)["id"] != float64(ts.Admin.ID) {
			t.Errorf("GET /me with the new token: %d %s", me.status, me.body)
		}
		if a := do(t, ts, call{method: "DELETE", path: "/api/v1/auth/token", token: token}); a.status != http.StatusNoContent {
			t.Errorf("revoke: status %d, body %s", a.status, a.body)
		}
		a = do(t, ts, call{method: "GET", path: "/api/v1/me", token: token})
		if a.status != http.StatusUnauthorized || a.problem(t).Code != "unauthenticated" {
			t.Errorf("revoked token: status %d, body %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "DELETE", path: "/api/v1/auth/token"}); a.status != http.StatusUnauthorized {
			t.Errorf("revoke without a token: status %d", a.status)
		}
	})
}

func TestTokenRefusesWrongCredentialsThenRateLimits(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		wrong := call{method: "POST", path: "/api/v1/auth/token", body: `{"email": "admin@test.startbridge", "password": "not the password"}`}
		for i := 0; i < auth.MaxFailuresPerEmail; i++ {
			a := do(t, ts, wrong)
			if a.status != http.StatusUnauthorized || a.problem(t).Code != "bad_credentials" {
				t.Fatalf("attempt %d: status %d, body %s", i+1, a.status, a.body)
			}
		}
		right := call{method: "POST", path: "/api/v1/auth/token",
			body: `{"email": "admin@test.startbridge", "password": "` + testserver.AdminPassword + `"}`}
		a := do(t, ts, right)
		if a.status != http.StatusTooManyRequests || a.problem(t).Code != "rate_limited" {
			t.Errorf("after %d failures: status %d, body %s", auth.MaxFailuresPerEmail, a.status, a.body)
		}
		unknown := do(t, ts, call{method: "POST", path: "/api/v1/auth/token", body: `{"email": "nobody@example.kr", "password": "whatever it is"}`})
		if unknown.status != http.StatusUnauthorized || unknown.problem(t).Code != "bad_credentials" {
			t.Errorf("unknown email: status %d, body %s", unknown.status, unknown.body)
		}
		missing := do(t, ts, call{method: "POST", path: "/api/v1/auth/token", body: `{"email": ""}`})
		p := missing.problem(t)
		if missing.status != http.StatusBadRequest || p.message("email") == "" || p.message("password") == "" {
			t.Errorf("missing credentials: status %d, body %s", missing.status, missing.body)
		}
	})
}

func TestAuthorizationStatuses(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := t.Context()
		member, err := ts.Svc.Auth.SignUp(ctx, auth.SignUp{Email: "member@example.kr", Name: "Member",
			Password: "correct horse battery", Language: "ko", Region: "gyeonggi"})
		if err != nil {
			t.Fatal(err)
		}
		memberToken := ts.Token(t, member.ID)
		admin := adminToken(t, ts)
		userPath := "/api/v1/users/" + itoa(member.ID)
		tests := []struct {
			name   string
			call   call
			status int
			code   string
		}{
			{"me without a token", call{method: "GET", path: "/api/v1/me"}, 401, "unauthenticated"},
			{"me with a forged token", call{method: "GET", path: "/api/v1/me", token: "sbt_forged"}, 401, "unauthenticated"},
			{"me with a bad scheme", call{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Basic YTpi"}}, 401, "unauthenticated"},
			{"users list without a token", call{method: "GET", path: "/api/v1/users"}, 401, "unauthenticated"},
			{"users list as a member", call{method: "GET", path: "/api/v1/users", token: memberToken}, 403, "forbidden"},
			{"create user as a member", call{method: "POST", path: "/api/v1/users", token: memberToken, body: `{"email": "x@example.kr"}`}, 403, "forbidden"},
			{"create user without a token", call{method: "POST", path: "/api/v1/users", body: `{}`}, 401, "unauthenticated"},
			{"a user without a token", call{method: "GET", path: userPath}, 401, "unauthenticated"},
			{"a user that does not exist", call{method: "GET", path: "/api/v1/users/999999", token: admin}, 404, "not_found"},
			{"a user by a non-id", call{method: "GET", path: "/api/v1/users/me", token: admin}, 404, "not_found"},
			{"patch me without a token", call{method: "PATCH", path: "/api/v1/me", body: `{}`}, 401, "unauthenticated"},
		}
		for _, tt := range tests {
			a := do(t, ts, tt.call)
			if a.status != tt.status {
				t.Errorf("%s: status %d, want %d (body %s)", tt.name, a.status, tt.status, a.body)
				continue
			}
			if p := a.problem(t); p.Code != tt.code {
				t.Errorf("%s: code %q, want %q", tt.name, p.Code, tt.code)
			}
			if tt.status == 401 && a.header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: 401 without WWW-Authenticate", tt.name)
			}
		}
		if a := do(t, ts, call{method: "GET", path: userPath, token: memberToken}); a.status != http.StatusOK {
			t.Errorf("a user reading themselves: status %d", a.status)
		}
	})
}
