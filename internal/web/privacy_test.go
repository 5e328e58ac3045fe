package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/testserver"
)

func TestPersonDownloadsTheirDataAndDeletesTheirAccount(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b, _ := member(t, ts, "leaving@example.cn")
		b.get("/profile").want(t, http.StatusOK, cat.Text("en", "privacy.title"), cat.Text("en", "privacy.delete"))

		r := b.get("/profile/export")
		if r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export = %d %v", r.Status, r.Header)
		}
		var data struct {
			Account struct{ Email string } `json:"account"`
		}
		if err := json.Unmarshal([]byte(r.Body), &data); err != nil || data.Account.Email != "leaving@example.cn" {
			t.Errorf("export body = %s (%v)", r.Body, err)
		}

		wrong := b.post("/profile/delete", url.Values{"password": {"not my password"}})
		wrong.want(t, http.StatusBadRequest)
		if wrong.fieldError("password") != cat.Text("en", "field.password_incorrect") {
			t.Errorf("wrong password message = %q", wrong.fieldError("password"))
		}
		done := b.post("/profile/delete", url.Values{"password": {"correct horse battery"}})
		if done.Status != http.StatusSeeOther {
			t.Fatalf("delete = %d\n%s", done.Status, done.Body)
		}
		if r := b.get("/profile"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("profile after deletion = %d %s, want a redirect to the login", r.Status, r.Location)
		}
		again := newBrowser(t, ts)
		if r := again.post("/login", url.Values{"email": {"leaving@example.cn"}, "password": {"correct horse battery"}}); r.Status == http.StatusSeeOther {
			t.Error("the deleted account can still sign in")
		}
	})
}

func TestAuditLogPageIsForAdmins(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b, u := member(t, ts, "curious@example.cn")
		b.get("/admin/audit").want(t, http.StatusForbidden)
		if r := newBrowser(t, ts).get("/admin/audit"); r.Status != http.StatusSeeOther {
			t.Errorf("visitor = %d, want a redirect to the login", r.Status)
		}
		admin := newBrowser(t, ts)
		admin.login("admin@test.startbridge", testserver.AdminPassword)
		// Changing consent writes an audit entry to find.
		form := profileForm(u.Version)
		form.Set("consent_cross_border", "yes")
		b.post("/profile", form).want(t, http.StatusSeeOther)
		admin.get("/admin/audit?action=consent.").want(t, http.StatusOK, cat.Text("en", "audit.title"), "consent.change")
		admin.get("/admin/audit?action=nothing.here").want(t, http.StatusOK, cat.Text("en", "audit.none"))
		admin.get("/admin/audit?before=x").want(t, http.StatusBadRequest)
	})
}
