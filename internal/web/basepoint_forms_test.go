package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/testserver"
)

func TestStaffOpenABasePointAndShareAResource(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		founder := newBrowser(t, ts)
		founder.login(f.FounderKR.Email, bookingtest.Password)
		if r := founder.get("/basepoints/new"); r.Status != http.StatusForbidden {
			t.Errorf("founder opens the base point form: %d", r.Status)
		}
		if r := founder.get(fmt.Sprintf("/basepoints/%d/resources/new", f.Gyeonggi.ID)); r.Status != http.StatusForbidden {
			t.Errorf("founder opens the resource form: %d", r.Status)
		}

		staff := newBrowser(t, ts)
		staff.login(f.StaffGG.Email, bookingtest.Password)
		staff.get("/basepoints").want(t, http.StatusOK, "거점 등록")
		staff.get("/basepoints/new").want(t, http.StatusOK, "운영 시간")
		form := url.Values{"institution_id": {fmt.Sprint(f.Gyeonggi.InstitutionID)}, "name_ko": {"수원 창업허브"},
			"time_zone": {"Asia/Seoul"}, "address": {"경기도 수원시"}, "open_mon": {"18:00"}, "close_mon": {"09:00"},
			"open_tue": {"09:00"}, "close_tue": {"18:00"}}
		r := staff.post("/basepoints", form)
		r.want(t, http.StatusBadRequest)
		if r.fieldError("hours_mon") == "" {
			t.Errorf("no message beside Monday's hours:\n%s", r.Body)
		}
		form.Set("open_mon", "09:00")
		form.Set("close_mon", "18:00")
		if r := staff.post("/basepoints", form); r.Status != http.StatusSeeOther {
			t.Fatalf("open base point: %d\n%s", r.Status, r.Body)
		}
		list, err := booking.NewStore(ts.DB).BasePoints(context.Background(), "gyeonggi", 0, 10)
		if err != nil || len(list) != 2 {
			t.Fatalf("gyeonggi base points: %d, %v", len(list), err)
		}
		hub := list[1]
		res := url.Values{"kind": {"facility"}, "name_en": {"Maker space"}, "capacity": {"0"}, "granularity_minutes": {"60"},
			"lead_time_minutes": {"0"}, "max_advance_days": {"30"}, "cancel_deadline_minutes": {"0"}, "monthly_quota": {"8"}}
		r = staff.post(fmt.Sprintf("/basepoints/%d/resources", hub.ID), res)
		r.want(t, http.StatusBadRequest)
		if r.fieldError("capacity") == "" {
			t.Errorf("no message beside capacity")
		}
		res.Set("capacity", "4")
		r = staff.post(fmt.Sprintf("/basepoints/%d/resources", hub.ID), res)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/resources/") {
			t.Fatalf("share resource: %d %s\n%s", r.Status, r.Location, r.Body)
		}
		staff.get(r.Location).want(t, http.StatusOK, "Maker space", "8단위·시간")
		if r := newBrowser(t, ts); r.get(fmt.Sprintf("/basepoints/%d/resources/new", f.Hangzhou.ID)).Status != http.StatusSeeOther {
			t.Error("a visitor is not sent to the login")
		}
		other := newBrowser(t, ts)
		other.login(f.StaffHZ.Email, bookingtest.Password)
		if r := other.post(fmt.Sprintf("/basepoints/%d/resources", hub.ID), res); r.Status != http.StatusForbidden {
			t.Errorf("other institution's staff share a resource here: %d", r.Status)
		}
	})
}
