package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/testserver"
)

func TestAdminUsersIsForAdminsOnly(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		visitor := newBrowser(t, ts)
		if r := visitor.get("/admin/users"); r.Status != http.StatusSeeOther || r.Location != "/login?next=%2Fadmin%2Fusers" {
			t.Errorf("visitor: %d to %q, want 303 to the login", r.Status, r.Location)
		}
		before := countUsers(t, ts)
		if r := visitor.post("/admin/users", newUserForm("sneaky@example.kr")); r.Status != http.StatusSeeOther {
			t.Errorf("visitor POST: %d, want 303 to the login", r.Status)
		}
		b, _ := member(t, ts, "plain@example.cn")
		b.get("/admin/users").want(t, http.StatusForbidden, ts.Svc.Catalog.Text("en", "error.forbidden.title"))
		b.post("/admin/users", newUserForm("sneaky@example.kr")).want(t, http.StatusForbidden)
		if strings.Contains(b.get("/").Body, `href="/admin/users"`) {
			t.Error("a non-admin sees the link to the users page")
		}
		if got := countUsers(t, ts); got != before+1 {
			t.Errorf("users = %d, want %d (only the member)", got, before+1)
		}
	})
}

func newUserForm(email string) url.Values {
	return url.Values{"email": {email}, "name": {"Park Jisoo"}, "password": {"initial passphrase 1"}, "language": {"ko"},
		"time_zone": {"Asia/Seoul"}, "roles": {"staff"}, "institution_id": {"3"}}
}

func TestAdminCreatesStaff(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		cat := ts.Svc.Catalog
		b := newBrowser(t, ts)
		b.login(ts.Admin.Email, testserver.AdminPassword)
		before := countUsers(t, ts)
		form := newUserForm("staff@gbsa.or.kr")
		form.Del("institution_id")
		r := b.post("/admin/users", form)
		r.want(t, http.StatusBadRequest, `value="staff@gbsa.or.kr"`)
		if got, want := r.fieldError("institution_id"), cat.Text("en", "field.institution_required"); got != want {
			t.Errorf("institution message = %q, want %q", got, want)
		}
		form.Set("institution_id", "999")
		if got := b.post("/admin/users", form).fieldError("institution_id"); got != cat.Text("en", "field.institution") {
			t.Errorf("unknown institution message = %q", got)
		}
		form.Set("institution_id", "3")
		form.Set("roles", "emperor")
		if got := b.post("/admin/users", form).fieldError("roles"); got != cat.Text("en", "field.role") {
			t.Errorf("unknown role message = %q", got)
		}
		if got := countUsers(t, ts); got != before {
			t.Fatalf("users = %d after refused creations, want %d", got, before)
		}

		form.Set("roles", "staff")
		r = b.post("/admin/users", form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", r.Status, r.Body)
		}
		b.get(r.Location).want(t, http.StatusOK, cat.Text("en", "admin.users.created_notice", "email", "staff@gbsa.or.kr"))
		u, err := ts.Svc.Auth.UserByEmail(context.Background(), "staff@gbsa.or.kr")
		if err != nil {
			t.Fatal(err)
		}
		if !u.StaffOf(3) || u.Region != "gyeonggi" || u.ConsentCrossBorder {
			t.Errorf("created user = %+v, want staff of institution 3 in Gyeonggi without consent", u)
		}
	})
}

func TestAdminUsersPages(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		ctx := context.Background()
		for i := 0; i < 55; i++ {
			_, err := ts.Svc.Auth.SignUp(ctx, auth.SignUp{Email: "person" + strconv.Itoa(i) + "@example.kr", Name: "Person " + strconv.Itoa(i),
				Password: "correct horse battery"})
			if err != nil {
				t.Fatal(err)
			}
		}
		b := newBrowser(t, ts)
		b.login(ts.Admin.Email, testserver.AdminPassword)
		first := b.get("/admin/users")
		first.want(t, http.StatusOK, "person0@example.kr", "person48@example.kr")
		if strings.Contains(first.Body, "person49@example.kr") {
			t.Error("the first page holds more than 50 users")
		}
		_, rest, ok := strings.Cut(first.Body, `<a href="/admin/users?after=`)
		if !ok {
			t.Fatal("no link to the next page")
		}
		after, _, _ := strings.Cut(rest, `"`)
		second := b.get("/admin/users?after=" + after)
		second.want(t, http.StatusOK, "person49@example.kr", "person54@example.kr")
		if strings.Contains(second.Body, "person48@example.kr") || strings.Contains(second.Body, `<a href="/admin/users?after=`) {
			t.Error("the second page repeats users or links further")
		}
		b.get("/admin/users?after=abc").want(t, http.StatusBadRequest)
	})
}
