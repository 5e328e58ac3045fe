package api_test

import (
	"context"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/testserver"
)

func TestPersonalDataExportAndAccountDeletion(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := context.Background()
		u, err := ts.Svc.Auth.SignUp(ctx, auth.SignUp{Email: "minji@example.kr", Name: "김민지", Password: "correct horse battery",
			Language: "ko", Region: "gyeonggi", ConsentCrossBorder: true})
		if err != nil {
			t.Fatal(err)
		}
		token := ts.Token(t, u.ID)
		a := do(t, ts, call{method: "GET", path: "/api/v1/me/export", token: token})
		if a.status != 200 || !strings.Contains(a.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export = %d %s", a.status, a.body)
		}
		data := a.object(t)
		if acc, _ := data["account"].(map[string]any); acc["email"] != "minji@example.kr" {
			t.Errorf("export account = %v", data["account"])
		}
		if do(t, ts, call{method: "GET", path: "/api/v1/me/export"}).status != 401 {
			t.Error("export without a token was not 401")
		}

		wrong := do(t, ts, call{method: "DELETE", path: "/api/v1/me", token: token, body: `{"password": "not my password"}`,
			header: map[string]string{"Accept-Language": "zh-CN"}})
		if wrong.status != 400 || wrong.problem(t).message("password") == "" {
			t.Errorf("delete with a wrong password = %d %s", wrong.status, wrong.body)
		}
		if a := do(t, ts, call{method: "DELETE", path: "/api/v1/me", token: token, body: `{"password": "correct horse battery"}`}); a.status != 204 {
			t.Fatalf("delete = %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "GET", path: "/api/v1/me", token: token}); a.status != 401 {
			t.Errorf("the deleted account's token still works: %d", a.status)
		}
		admin := adminToken(t, ts)
		log := do(t, ts, call{method: "GET", path: "/api/v1/audit?action=account.", token: admin}).object(t)
		items, _ := log["items"].([]any)
		if len(items) != 1 {
			t.Errorf("audit account.* = %v", log)
		}
	})
}

func TestAuditLogIsForAdminsAndChecksItsFilters(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := context.Background()
		u, _ := ts.Svc.Auth.SignUp(ctx, auth.SignUp{Email: "reader@example.cn", Name: "王", Password: "correct horse battery", Language: "zh"})
		if a := do(t, ts, call{method: "GET", path: "/api/v1/audit", token: ts.Token(t, u.ID)}); a.status != 403 {
			t.Errorf("non-admin reading the audit log = %d", a.status)
		}
		admin := adminToken(t, ts)
		for _, q := range []string{"actor_id=x", "since=yesterday", "until=2027-13-01T00:00:00Z", "limit=0"} {
			a := do(t, ts, call{method: "GET", path: "/api/v1/audit?" + q, token: admin})
			field, _, _ := strings.Cut(q, "=")
			if a.status != 400 || a.problem(t).message(field) == "" {
				t.Errorf("%s = %d %s", q, a.status, a.body)
			}
		}
		if a := do(t, ts, call{method: "GET", path: "/api/v1/audit?object_kind=user&limit=1", token: admin}); a.status != 200 {
			t.Errorf("filtered audit = %d %s", a.status, a.body)
		}
	})
}
