package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/office"
	"startbridge/internal/testserver"
)

// officeForm is a valid new office in Suwon; tests change one field at a
// time.
func officeForm() url.Values {
	return url.Values{"host_institution_id": {"3"}, "name_ko": {"수원 제2 사무소"}, "name_en": {"Suwon office 2"},
		"city": {"suwon"}, "desks": {"3"}, "services": {"desk", "legal"}, "status": {"open"}}
}

func TestStaffOpenAndEditAnOfficeInTheBrowserForms(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		s := newOfficeSite(t, ts)
		founder, startup := s.founder("Westlake Robotics", "ko")
		fb := newBrowser(t, ts)
		fb.login(founder.Email, officePassword)
		if r := fb.get("/offices/new"); r.Status != http.StatusForbidden {
			t.Errorf("a founder opens the office form: %d, want 403", r.Status)
		}
		if r := fb.post("/offices", officeForm()); r.Status != http.StatusForbidden {
			t.Errorf("a founder posts the office form: %d, want 403", r.Status)
		}

		staff := newBrowser(t, ts)
		staff.login(s.staff.Email, officePassword)
		staff.get("/offices").want(t, http.StatusOK, "사무소 개설")
		// The offices as a file, for staff only.
		exp := staff.get("/offices/export.csv")
		exp.want(t, http.StatusOK, "id,name_ko,name_zh,name_en,host_institution_id")
		if lines := strings.Count(strings.TrimSpace(exp.Body), "\n"); lines != 1 {
			t.Errorf("offices export has %d rows, want the fixture's 1:\n%s", lines, exp.Body)
		}
		if x := staff.get("/offices/export.xlsx"); x.Status != http.StatusOK || !strings.HasPrefix(x.Body, "PK") {
			t.Errorf("offices workbook: %d", x.Status)
		}
		if r := fb.get("/offices/export.csv"); r.Status != http.StatusForbidden {
			t.Errorf("a founder exports the offices: %d, want 403", r.Status)
		}
		staff.get("/offices/new").want(t, http.StatusOK, "사무소 개설", "수원", "항저우")
		for name, tc := range map[string]struct{ field, value, errField, want string }{
			"0 desks":           {"desks", "0", "desks", "1개에서"},
			"desks not numeric": {"desks", "many", "desks", ""},
			"unknown city":      {"city", "Atlantis", "city", "협력 지역의 도시"},
			"no partner city":   {"city", "shenzhen", "city", "협력 지역의 도시"},
			"unknown service":   {"services", "catering", "services", ""},
			"no name":           {"name_ko", "", "name", ""},
		} {
			form := officeForm()
			form.Set(tc.field, tc.value)
			if name == "no name" {
				form.Del("name_en")
			}
			r := staff.post("/offices", form)
			if got := r.fieldError(tc.errField); r.Status != http.StatusBadRequest || got == "" || !strings.Contains(got, tc.want) {
				t.Errorf("%s: %d, %s message %q, want 400 with %q", name, r.Status, tc.errField, got, tc.want)
			}
		}
		if n, _ := s.store.Offices(t.Context(), office.OfficeFilter{}, 0, 10); len(n) != 1 {
			t.Fatalf("%d offices after refused forms, want the fixture's 1", len(n))
		}
		r := staff.post("/offices", officeForm())
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "?created=1") {
			t.Fatalf("open an office: %d %s\n%s", r.Status, r.Location, r.Body)
		}
		page := strings.TrimSuffix(r.Location, "?created=1")
		staff.get(r.Location).want(t, http.StatusOK, "사무소를 개설했습니다", "수원 제2 사무소", "법률 자문")
		var id int64
		fmt.Sscanf(page, "/offices/%d", &id)
		created, err := s.store.Office(t.Context(), id)
		if err != nil || created.CityCode != "suwon" || created.Region != "gyeonggi" || created.City != "수원" || created.Desks != 3 {
			t.Fatalf("created office = %+v, %v", created, err)
		}

		// Two desks allocated from next month; one more request waits.
		a, sa := s.founder("钱塘机器人", "zh")
		ra, err := s.store.CreateRequest(t.Context(), a, office.RequestInput{StartupID: sa, TargetCity: "수원", StartMonth: s.months(1), Months: 2, Desks: 3})
		if err != nil {
			t.Fatal(err)
		}
		rb, err := s.store.CreateRequest(t.Context(), founder, office.RequestInput{StartupID: startup, TargetCity: "수원", StartMonth: s.months(1), Months: 1, Desks: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*office.Request{ra, rb} {
			if _, err := s.store.Decide(t.Context(), s.staff, r.ID, office.Decision{Decision: office.DecideApprove, OfficeID: id}); err != nil {
				t.Fatal(err)
			}
		}
		edit := page + "/edit"
		staff.get(edit).want(t, http.StatusOK, "사무소 수정", `value="수원 제2 사무소"`)
		form := officeForm()
		form.Set("version", fmt.Sprint(created.Version))
		form.Set("desks", "2")
		r = staff.post(edit, form)
		r.want(t, http.StatusConflict, s.months(1), "3")
		form.Set("desks", "3")
		form.Set("status", "closed")
		staff.post(edit, form).want(t, http.StatusConflict, "아직 배정된 좌석이 있습니다", s.months(1))
		form.Set("version", "99")
		form.Set("status", "open")
		form.Set("desks", "5")
		staff.post(edit, form).want(t, http.StatusPreconditionFailed)
		if got, _ := s.store.Request(t.Context(), founder, rb.ID); got.Status != office.StatusWaitlisted {
			t.Fatalf("the smaller request is %s before more desks, want waitlisted", got.Status)
		}
		form.Set("version", fmt.Sprint(created.Version))
		form.Set("name_en", "Suwon office II")
		r = staff.post(edit, form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("five desks: %d\n%s", r.Status, r.Body)
		}
		got, _ := s.store.Office(t.Context(), id)
		if got.Desks != 5 || got.Name.En != "Suwon office II" || got.Version != created.Version+1 {
			t.Errorf("office after the edit = %+v", got)
		}
		if r, _ := s.store.Request(t.Context(), founder, rb.ID); r.Status != office.StatusApproved {
			t.Errorf("the waitlisted request is %s after more desks, want approved", r.Status)
		}
		if r := fb.post(edit, form); r.Status != http.StatusForbidden {
			t.Errorf("a founder posts the edit form: %d, want 403", r.Status)
		}

		// An administrator opens offices for any institution, here one in
		// Hangzhou hosted by the Hangzhou Global Innovation Center.
		admin := newBrowser(t, ts)
		admin.login(ts.Admin.Email, testserver.AdminPassword)
		admin.get("/offices/new").want(t, http.StatusOK, "Hangzhou Global Innovation Center", "Gyeonggi Business")
		form = officeForm()
		form.Set("host_institution_id", "7")
		form.Set("city", "hangzhou")
		if r := admin.post("/offices", form); r.Status != http.StatusSeeOther {
			t.Fatalf("admin opens an office: %d\n%s", r.Status, r.Body)
		}
		list, _ := s.store.Offices(t.Context(), office.OfficeFilter{HostID: 7}, 0, 10)
		if len(list) != 1 || list[0].Region != "hangzhou" || list[0].City != "Hangzhou" {
			t.Errorf("offices of HGIC = %+v, want one in Hangzhou", list)
		}
	})
}

func TestStaffEditBasePointAndResourceWithoutStrandingBookings(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		day := fillRoomAtTen(t, f)
		founder := newBrowser(t, ts)
		founder.login(f.FounderCN.Email, bookingtest.Password)
		resEdit := fmt.Sprintf("/resources/%d/edit", f.Room.ID)
		bpEdit := fmt.Sprintf("/basepoints/%d/edit", f.Hangzhou.ID)
		for _, path := range []string{resEdit, bpEdit} {
			if r := founder.get(path); r.Status != http.StatusForbidden {
				t.Errorf("a founder opens %s: %d, want 403", path, r.Status)
			}
		}
		other := newBrowser(t, ts)
		other.login(f.StaffGG.Email, bookingtest.Password)
		if r := other.get(resEdit); r.Status != http.StatusForbidden {
			t.Errorf("Gyeonggi staff open a Hangzhou resource's form: %d, want 403", r.Status)
		}

		staff := newBrowser(t, ts)
		staff.login(f.StaffHZ.Email, bookingtest.Password)
		staff.get(fmt.Sprintf("/resources/%d", f.Room.ID)).want(t, http.StatusOK, "编辑资源")
		staff.get(resEdit).want(t, http.StatusOK, "编辑资源", `value="3"`)
		form := url.Values{"version": {"1"}, "kind": {"meeting_room"}, "name_zh": {"会议室 A"}, "name_en": {"Meeting room A"},
			"capacity": {"2"}, "granularity_minutes": {"30"}, "lead_time_minutes": {"0"}, "max_advance_days": {"90"},
			"cancel_deadline_minutes": {"60"}}
		staff.post(resEdit, form).want(t, http.StatusConflict, "容量已被预订", "3 个单位", "10:00")
		form.Set("capacity", "0")
		if r := staff.post(resEdit, form); r.Status != http.StatusBadRequest || r.fieldError("capacity") == "" {
			t.Errorf("capacity 0: %d, message %q", r.Status, r.fieldError("capacity"))
		}
		form.Set("capacity", "3")
		form.Set("granularity_minutes", "7")
		if r := staff.post(resEdit, form); r.Status != http.StatusBadRequest || r.fieldError("granularity_minutes") == "" {
			t.Errorf("7-minute steps: %d", r.Status)
		}
		// 45 minutes divide the day, but not the bookings at 10:00.
		form.Set("granularity_minutes", "45")
		r := staff.post(resEdit, form)
		r.want(t, http.StatusConflict, "现有预订将不再符合", "2 个预订", "此项更改后将无法容纳的已有预订", "西湖智能")
		// Both bookings are listed, each linked to its week on the room's page.
		link := fmt.Sprintf(`href="/resources/%d?week=%s"`, f.Room.ID, day.Format(time.DateOnly))
		if n := strings.Count(r.Body, link); n != 2 || !strings.Contains(r.Body, day.Format(time.DateOnly)+" 10:00 – ") {
			t.Errorf("the refusal lists %d bookings linked %s:\n%s", n, link, r.Body)
		}
		form.Set("granularity_minutes", "30")
		form.Set("price", "12.345")
		form.Set("price_currency", "CNY")
		if r := staff.post(resEdit, form); r.Status != http.StatusBadRequest || r.fieldError("price") == "" {
			t.Errorf("price with three decimals: %d", r.Status)
		}
		if got, _ := f.Store.Resource(t.Context(), f.Room.ID); got.Version != 1 || got.Capacity != 3 {
			t.Fatalf("refused forms changed the room: %+v", got)
		}
		form.Set("price", "12.50")
		form.Set("capacity", "5")
		form.Set("retired", "on")
		if r := staff.post(resEdit, form); r.Status != http.StatusSeeOther {
			t.Fatalf("capacity 5, price, retired: %d\n%s", r.Status, r.Body)
		}
		got, _ := f.Store.Resource(t.Context(), f.Room.ID)
		if got.Capacity != 5 || got.Price() != "12.50" || got.PriceCurrency != "CNY" || !got.Retired() {
			t.Errorf("room after the edit = %+v", got)
		}
		staff.get(fmt.Sprintf("/resources/%d?saved=1", f.Room.ID)).want(t, http.StatusOK, "资源信息已更新", "已停用")

		staff.get(bpEdit).want(t, http.StatusOK, "编辑基地", `value="10:00"`)
		hours := url.Values{"version": {"1"}, "institution_id": {fmt.Sprint(f.Hangzhou.InstitutionID)}, "name_zh": {"杭州全球创新中心孵化基地"},
			"time_zone": {"Asia/Shanghai"}, "address": {"杭州市余杭区"}}
		for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
			hours.Set("open_"+d, "11:00")
			hours.Set("close_"+d, "18:00")
		}
		staff.post(bpEdit, hours).want(t, http.StatusConflict, "现有预订将不再符合", "2 个预订")
		hours.Set("open_tue", "09:00")
		if r := staff.post(bpEdit, hours); r.Status != http.StatusSeeOther {
			t.Fatalf("Tuesday stays 09:00: %d\n%s", r.Status, r.Body)
		}
		if bp, _ := f.Store.BasePoint(t.Context(), f.Hangzhou.ID); bp.OpeningHours["mon"][0] != "11:00" || len(bp.OpeningHours) != 5 {
			t.Errorf("hours after the edit = %v", bp.OpeningHours)
		}
	})
}

func TestAnOfficeInAnUnlistedCityIsEditedWhereItIs(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		s := newOfficeSite(t, ts)
		staff := newBrowser(t, ts)
		staff.login(s.staff.Email, officePassword)
		r := staff.post("/offices", officeForm())
		if r.Status != http.StatusSeeOther {
			t.Fatalf("open an office: %d\n%s", r.Status, r.Body)
		}
		page := strings.TrimSuffix(r.Location, "?created=1")
		var id int64
		fmt.Sscanf(page, "/offices/%d", &id)
		// As recorded before cities were checked against the gazetteer.
		if _, err := ts.DB.Exec(t.Context(), `UPDATE offices SET city = 'Atlantis', city_code = NULL, city_key = ? WHERE id = ?`, office.CityKey("Atlantis"), id); err != nil {
			t.Fatal(err)
		}
		o, _ := s.store.Office(t.Context(), id)
		staff.get(page+"/edit").want(t, http.StatusOK, `<option value="Atlantis" selected>Atlantis</option>`)
		form := officeForm()
		form.Set("version", fmt.Sprint(o.Version))
		form.Set("city", "Atlantis")
		form.Set("desks", "6")
		if r := staff.post(page+"/edit", form); r.Status != http.StatusSeeOther {
			t.Fatalf("six desks where it is: %d\n%s", r.Status, r.Body)
		}
		if got, _ := s.store.Office(t.Context(), id); got.Desks != 6 || got.City != "Atlantis" || got.Region != "gyeonggi" {
			t.Errorf("office after the edit = %+v", got)
		}
	})
}

// fillRoomAtTen books the fixture's room (capacity 3) full from 10:00 to
// 11:00 on a coming Tuesday, in two bookings, and returns that day.
func fillRoomAtTen(t *testing.T, f *bookingtest.Fixture) time.Time {
	t.Helper()
	day := bookingtest.Day(shanghai, time.Tuesday)
	for _, qty := range []int{2, 1} {
		if _, err := f.Store.Book(t.Context(), f.FounderCN, booking.Request{ResourceID: f.Room.ID, StartupID: f.StartupCN,
			Start: bookingtest.At(day, 10, 0), End: bookingtest.At(day, 11, 0), Quantity: qty}); err != nil {
			t.Fatal(err)
		}
	}
	return day
}
