package api_test

import (
	"net/http"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/testserver"
)

const staffBody = `{"email": "Lee@GBSA.or.kr", "name": "Lee Jiwoo", "password": "correct horse battery", "language": "ko",
	"roles": [{"role": "staff", "institution_id": 3}]}`

func TestAdminCreatesUser(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: adminToken(t, ts), body: staffBody})
		if a.status != http.StatusCreated {
			t.Fatalf("status %d, body %s", a.status, a.body)
		}
		u := a.object(t)
		id, _ := u["id"].(float64)
		if u["email"] != "lee@gbsa.or.kr" || u["name"] != "Lee Jiwoo" || u["language"] != "ko" || u["region"] != "gyeonggi" ||
			u["time_zone"] != "Asia/Seoul" || u["consent_cross_border"] != false || u["version"] != float64(1) {
			t.Errorf("user = %s", a.body)
		}
		roles, _ := u["roles"].([]any)
		if len(roles) != 1 || roles[0].(map[string]any)["role"] != "staff" || roles[0].(map[string]any)["institution_id"] != float64(3) {
			t.Errorf("roles = %v", u["roles"])
		}
		if _, ok := u["password"]; ok {
			t.Error("the answer shows the password")
		}
		if a.header.Get("ETag") != `"1"` || a.header.Get("Location") != "/api/v1/users/"+itoa(int64(id)) {
			t.Errorf("ETag %q, Location %q", a.header.Get("ETag"), a.header.Get("Location"))
		}
		staff, err := ts.Svc.Auth.User(t.Context(), int64(id))
		if err != nil || !staff.StaffOf(3) {
			t.Errorf("stored user = %+v, %v", staff, err)
		}
		hz := `{"email": "wang@hgic.cn", "name": "王芳", "password": "correct horse battery", "language": "zh",
			"roles": [{"role": "staff", "institution_id": 7}]}`
		a = do(t, ts, call{method: "POST", path: "/api/v1/users", token: adminToken(t, ts), body: hz})
		if u := a.object(t); a.status != http.StatusCreated || u["region"] != "hangzhou" || u["time_zone"] != "Asia/Shanghai" {
			t.Errorf("Hangzhou staff: %d %s, want region hangzhou in Asia/Shanghai", a.status, a.body)
		}
	})
}

func TestBadUserInputIsRefusedInTheCallersLanguage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		admin := adminToken(t, ts)
		before := count(t, ts, "users")
		long := strings.Repeat("가", auth.MaxNameLength+1)
		tests := []struct {
			name  string
			body  string
			lang  string
			field string
			key   string
			args  []any
		}{
			{"malformed JSON", `{"email": "a@b.kr",`, "en", "body", "field.malformed", nil},
			{"unknown field", `{"email": "a@b.kr", "name": "A", "password": "correct horse battery", "nickname": "A"}`, "ko", "nickname", "field.unknown", nil},
			{"wrong type", `{"email": "a@b.kr", "name": ["A"], "password": "correct horse battery"}`, "zh", "name", "field.type", nil},
			{"wrong nested type", `{"email": "a@b.kr", "name": "A", "password": "correct horse battery", "roles": [{"role": "staff", "institution_id": "3"}]}`, "en", "roles[0].institution_id", "field.type", nil},
			{"over-long name", `{"email": "a@b.kr", "name": "` + long + `", "password": "correct horse battery"}`, "ko", "name", "field.too_long", []any{"max", auth.MaxNameLength}},
			{"invalid email", `{"email": "not-an-email", "name": "A", "password": "correct horse battery"}`, "zh", "email", "field.email", nil},
			{"weak password", `{"email": "a@b.kr", "name": "A", "password": "1234567890"}`, "ko", "password", "field.password_weak", []any{"min", auth.MinPasswordLength}},
			{"unknown language", `{"email": "a@b.kr", "name": "A", "password": "correct horse battery", "language": "fr"}`, "zh", "language", "field.language", nil},
			{"unknown role", `{"email": "a@b.kr", "name": "A", "password": "correct horse battery", "roles": [{"role": "king"}]}`, "en", "roles[0].role", "field.role", nil},
			{"unknown institution", `{"email": "a@b.kr", "name": "A", "password": "correct horse battery", "roles": [{"role": "staff", "institution_id": 999}]}`, "ko", "roles[0].institution_id", "field.institution", nil},
			{"taken email", `{"email": "admin@test.startbridge", "name": "A", "password": "correct horse battery"}`, "en", "email", "field.email_taken", nil},
		}
		accept := map[string]string{"ko": "ko-KR,ko;q=0.9,en;q=0.5", "zh": "zh-CN", "en": "en-GB"}
		for _, tt := range tests {
			a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: tt.body,
				header: map[string]string{"Accept-Language": accept[tt.lang]}})
			if a.status != http.StatusBadRequest {
				t.Errorf("%s: status %d, want 400 (body %s)", tt.name, a.status, a.body)
				continue
			}
			p := a.problem(t)
			want := ts.Svc.Catalog.Text(tt.lang, tt.key, tt.args...)
			if got := p.message(tt.field); got != want {
				t.Errorf("%s: message for %q = %q, want %q (problem %+v)", tt.name, tt.field, got, want, p)
			}
			if wantTitle := ts.Svc.Catalog.Text(tt.lang, "error.invalid.title"); p.Code != "invalid" || p.Title != wantTitle {
				t.Errorf("%s: code %q title %q, want invalid %q", tt.name, p.Code, p.Title, wantTitle)
			}
		}
		if after := count(t, ts, "users"); after != before {
			t.Errorf("users after refused requests = %d, want %d", after, before)
		}
	})
}

func TestUsersAreListedForAdminsPageByPage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		admin := adminToken(t, ts)
		for _, email := range []string{"a@example.kr", "b@example.kr", "c@example.cn"} {
			body := `{"email": "` + email + `", "name": "N", "password": "correct horse battery"}`
			if a := do(t, ts, call{method: "POST", path: "/api/v1/users", token: admin, body: body}); a.status != http.StatusCreated {
				t.Fatalf("create %s: %d %s", email, a.status, a.body)
			}
		}
		var emails []string
		path := "/api/v1/users?limit=2"
		for pages := 0; pages < 5; pages++ {
			p := decodePage[map[string]any](t, do(t, ts, call{method: "GET", path: path, token: admin}))
			for _, u := range p.Items {
				emails = append(emails, u["email"].(string))
			}
			if p.NextCursor == nil {
				break
			}
			path = "/api/v1/users?limit=2&cursor=" + *p.NextCursor
		}
		want := "admin@test.startbridge a@example.kr b@example.kr c@example.cn"
		if got := strings.Join(emails, " "); got != want {
			t.Errorf("users = %s, want %s", got, want)
		}
	})
}

func TestOthersSeeOnlyWhatConsentAllows(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := t.Context()
		signUp := func(email, region string, consent bool) *auth.User {
			u, err := ts.Svc.Auth.SignUp(ctx, auth.SignUp{Email: email, Name: "Person " + region, Password: "correct horse battery",
				Language: "en", Region: region, ConsentCrossBorder: consent})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		kr := signUp("kr@example.kr", "gyeonggi", false)
		krPeer := signUp("peer@example.kr", "gyeonggi", false)
		cn := signUp("cn@example.cn", "hangzhou", false)
		cnConsenting := signUp("open@example.cn", "hangzhou", true)
		tests := []struct {
			name      string
			viewer    *auth.User
			subject   *auth.User
			email     bool
			settings  bool
			withETags bool
		}{
			{"themselves", kr, kr, true, true, true},
			{"an admin", ts.Admin, kr, true, true, true},
			{"the same region", krPeer, kr, true, false, false},
			{"the other region without consent", cn, kr, false, false, false},
			{"the other region with consent", kr, cnConsenting, true, false, false},
		}
		for _, tt := range tests {
			a := do(t, ts, call{method: "GET", path: "/api/v1/users/" + itoa(tt.subject.ID), token: ts.Token(t, tt.viewer.ID)})
			u := a.object(t)
			if a.status != http.StatusOK || u["name"] != tt.subject.Name || u["region"] != tt.subject.Region || u["roles"] == nil {
				t.Errorf("%s: %d %s", tt.name, a.status, a.body)
			}
			_, email := u["email"]
			_, timeZone := u["time_zone"]
			_, consent := u["consent_cross_border"]
			_, version := u["version"]
			if email != tt.email || timeZone != tt.email {
				t.Errorf("%s: email shown %v, time zone shown %v; want %v", tt.name, email, timeZone, tt.email)
			}
			if consent != tt.settings || version != tt.settings {
				t.Errorf("%s: consent shown %v, version shown %v; want %v", tt.name, consent, version, tt.settings)
			}
			if got := a.header.Get("ETag") != ""; got != tt.withETags {
				t.Errorf("%s: ETag given %v, want %v", tt.name, got, tt.withETags)
			}
		}
	})
}
