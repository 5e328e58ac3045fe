package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/browsertest"
	"startbridge/internal/office"
	"startbridge/internal/testserver"
)

// GBSA staff open an office in Yongin in the browser; it fills up, a
// second request waits, and when staff give the office another desk on its
// edit page the waiting founder is promoted and sees it.
func TestBrowserStaffOpenAnOfficeAndMoreDesksPromoteTheWaitlist(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		s := newOfficeSite(t, ts)
		staff := signIn(t, ts, s.staff.Email)
		staff.visit("/offices")
		staff.click("#new-office", http.StatusOK)
		officeSees(staff, "사무소 개설", "용인", "항저우")
		staff.fill("name_ko", "경기-항저우 용인 사무소")
		staff.fill("name_zh", "京畿-杭州 龙仁办公室")
		staff.fill("name_en", "Gyeonggi-Hangzhou Yongin office")
		staff.fill("city", "yongin")
		staff.fill("desks", "1")
		staff.fill("status", "open")
		for _, service := range []string{"desk", "interpretation"} {
			if err := chromedp.Do(staff.ctx, chromedp.Click(chromedp.CSS(`input[name="services"][value="`+service+`"]`))); err != nil {
				t.Fatal(err)
			}
		}
		browsertest.Screenshot(t, staff.ctx, "office-form-new-ko")
		staff.click("#save-office-form", http.StatusOK)
		officeSees(staff, "사무소를 개설했습니다", "경기-항저우 용인 사무소", "통역")
		var id int64
		if _, err := fmt.Sscanf(staff.location(), "/offices/%d", &id); err != nil {
			t.Fatalf("after creating, at %q", staff.location())
		}
		browsertest.Screenshot(t, staff.ctx, "office-created-ko")

		first, s1 := s.founder("西湖智能 Westlake AI", "zh")
		second, s2 := s.founder("钱塘机器人 Qiantang Robotics", "zh")
		var waiting *office.Request
		for i, req := range []office.RequestInput{
			{StartupID: s1, TargetCity: "龙仁", StartMonth: s.months(1), Months: 3, Desks: 1},
			{StartupID: s2, TargetCity: "Yongin", StartMonth: s.months(2), Months: 1, Desks: 1},
		} {
			founder := first
			if i == 1 {
				founder = second
			}
			r, err := s.store.CreateRequest(t.Context(), founder, req)
			if err != nil {
				t.Fatal(err)
			}
			if r, err = s.store.Decide(t.Context(), s.staff, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: id}); err != nil {
				t.Fatal(err)
			}
			waiting = r
		}
		if waiting.Status != office.StatusWaitlisted {
			t.Fatalf("second request is %s, want waitlisted", waiting.Status)
		}

		staff.visit(fmt.Sprintf("/offices/%d", id))
		staff.click("#edit-office", http.StatusOK)
		staff.switchTo("zh")
		officeSees(staff, "编辑办公室", "保存更改")
		browsertest.Screenshot(t, staff.ctx, "office-form-edit-zh")
		staff.switchTo("en")
		officeSees(staff, "Edit office", "Save changes")
		staff.fill("desks", "2")
		browsertest.Screenshot(t, staff.ctx, "office-form-edit-en")
		staff.click("#save-office-form", http.StatusOK)
		officeSees(staff, "Saved. Waitlisted requests that now fit were approved")
		browsertest.Screenshot(t, staff.ctx, "office-saved-en")

		w := signIn(t, ts, second.Email)
		w.visit("/notifications")
		officeSees(w, "有空位了", fmt.Sprintf("#%d", waiting.ID))
		browsertest.Screenshot(t, w.ctx, "office-edit-promoted-notification-zh")
		w.visit(fmt.Sprintf("/office-requests/%d", waiting.ID))
		officeSees(w, "已批准", "京畿-杭州 龙仁办公室")
		browsertest.Screenshot(t, w.ctx, "office-edit-promoted-request-zh")
	})
}

// Hangzhou staff lower a meeting room's capacity below what is booked at
// 10:00 and are told the period; a capacity that holds the bookings is
// saved.
func TestBrowserStaffEditAResourceCapacity(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		day := fillRoomAtTen(t, f)
		b := signInWith(t, ts, f.StaffHZ.Email, bookingtest.Password)

		b.visit(fmt.Sprintf("/resources/%d", f.Room.ID))
		b.click("#edit-resource", http.StatusOK)
		see(b, "编辑资源", "会议室 A")
		b.fill("capacity", "2")
		b.click("#save-resource", http.StatusConflict)
		when := day.Format("2006-01-02") + " 10:00"
		see(b, "容量已被预订", when, "3 个单位")
		browsertest.Screenshot(t, b.ctx, "resource-edit-refused-zh")

		b.switchTo("ko")
		see(b, "자원 수정")
		b.fill("capacity", "1")
		b.click("#save-resource", http.StatusConflict)
		see(b, "이미 예약된 수량이 있습니다", when, "3개")
		browsertest.Screenshot(t, b.ctx, "resource-edit-refused-ko")
		// Steps of 45 minutes would strand both bookings at 10:00: the
		// refusal lists them, each a link to its week on the room's page.
		b.fill("capacity", "3")
		b.fill("granularity_minutes", "45")
		b.click("#save-resource", http.StatusConflict)
		see(b, "변경하면 맞지 않게 되는 기존 예약", when+" – ", "West Lake AI")
		browsertest.Screenshot(t, b.ctx, "resource-edit-steps-refused-ko")
		b.click(fmt.Sprintf(`a[href="/resources/%d?week=%s"]`, f.Room.ID, day.Format("2006-01-02")), http.StatusOK)
		see(b, "10:00")
		b.visit(fmt.Sprintf("/resources/%d/edit", f.Room.ID))

		b.switchTo("en")
		see(b, "Edit resource")
		b.fill("capacity", "4")
		b.click("#save-resource", http.StatusOK)
		see(b, "The resource was changed.", "Capacity")
		if !strings.HasPrefix(b.location(), fmt.Sprintf("/resources/%d?saved=1", f.Room.ID)) {
			t.Errorf("after saving, at %q", b.location())
		}
		browsertest.Screenshot(t, b.ctx, "resource-edit-saved-en")
		if got, _ := f.Store.Resource(t.Context(), f.Room.ID); got.Capacity != 4 || got.Version != 2 {
			t.Errorf("room = capacity %d version %d, want 4 and 2", got.Capacity, got.Version)
		}
		b.visit(fmt.Sprintf("/resources/%d/edit", f.Room.ID))
		browsertest.Screenshot(t, b.ctx, "resource-edit-form-en")

		// The base point's edit page, in every language.
		for _, l := range []struct{ code, title string }{{"en", "Edit base point"}, {"zh", "编辑基地"}, {"ko", "거점 수정"}} {
			b.visit(fmt.Sprintf("/basepoints/%d/edit", f.Hangzhou.ID))
			if l.code != "en" {
				b.switchTo(l.code)
			}
			see(b, l.title)
			browsertest.Screenshot(t, b.ctx, "basepoint-edit-"+l.code)
		}
		b.visit("/basepoints")
		browsertest.Screenshot(t, b.ctx, "basepoints-staff-ko")
	})
}
