package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/testserver"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func TestBookingPagesFromCatalogueToFeed(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		kr := newBrowser(t, ts)
		kr.login(f.FounderKR.Email, bookingtest.Password)

		kr.get("/basepoints").want(t, http.StatusOK, "항저우 글로벌 혁신센터 창업기지", "판교 창업존", "회의실 A", "항저우 시간")
		day := bookingtest.Day(shanghai, time.Tuesday)
		week := day.Format(time.DateOnly)
		room := fmt.Sprintf("/resources/%d", f.Room.ID)
		page := kr.get(room + "?week=" + week)
		page.want(t, http.StatusOK, "3/3 남음", "항저우 시간", "서울 시간", "10:00–10:30", "11:00")

		form := url.Values{"startup_id": {fmt.Sprint(f.StartupKR)}, "date": {week}, "start": {"10:00"}, "end": {"11:00"},
			"quantity": {"2"}, "repeat_weeks": {"1"}}
		// Inline errors: a time off the half-hour grid, and a bad quantity.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("start", "10:10")
		bad.Set("quantity", "9")
		r := kr.post(room+"/book", bad)
		r.want(t, http.StatusBadRequest)
		if r.fieldError("start") == "" || r.fieldError("quantity") == "" {
			t.Errorf("inline errors: start %q, quantity %q", r.fieldError("start"), r.fieldError("quantity"))
		}
		r = kr.post(room+"/book", form)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/bookings?booked=") {
			t.Fatalf("book: %d %s", r.Status, r.Location)
		}
		// Seen in Hangzhou time and in the founder's own Seoul time.
		list := kr.get(r.Location)
		list.want(t, http.StatusOK, "예약했습니다", "10:00–11:00", "11:00–12:00", "항저우 시간", "서울 시간", "확정")
		kr.get("/bookings?week="+week).want(t, http.StatusOK, "주간 보기", `href="#booking-`)

		cn := newBrowser(t, ts)
		cn.login(f.FounderCN.Email, bookingtest.Password)
		r = cn.post(room+"/book", url.Values{"startup_id": {fmt.Sprint(f.StartupCN)}, "date": {week}, "start": {"10:30"},
			"end": {"11:30"}, "quantity": {"2"}, "repeat_weeks": {"1"}})
		r.want(t, http.StatusConflict, "已订满", "10:30", "11:00")
		if page := cn.get("/bookings"); strings.Contains(page.Body, "판교로보틱스") {
			t.Error("another start-up's booking is listed")
		}

		// The feed address serves the booking to a calendar program.
		r = kr.post("/bookings/feed", url.Values{})
		m := regexp.MustCompile(`id="feed-url">([^<]+)<`).FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no feed address shown:\n%s", r.Body)
		}
		res, err := http.Get(m[1])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		cal, err := ics.ParseCalendar(strings.NewReader(string(body)))
		if err != nil || len(cal.Events()) != 1 {
			t.Fatalf("feed: %v\n%s", err, body)
		}
		if start, _ := cal.Events()[0].GetStartAt(); !start.Equal(bookingtest.At(day, 10, 0)) {
			t.Errorf("feed event starts %v", start)
		}
		if res, _ := http.Get(ts.URL + "/calendar/not-a-token"); res.StatusCode != http.StatusNotFound {
			t.Errorf("unknown feed: %d", res.StatusCode)
		}
	})
}

func TestStaffApprovePendingDeskBooking(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		cn := newBrowser(t, ts)
		cn.login(f.FounderCN.Email, bookingtest.Password)
		seoul, _ := time.LoadLocation("Asia/Seoul")
		day := bookingtest.Day(seoul, time.Wednesday)
		r := cn.post(fmt.Sprintf("/resources/%d/book", f.Desks.ID), url.Values{"startup_id": {fmt.Sprint(f.StartupCN)},
			"date": {day.Format(time.DateOnly)}, "days": {"2"}, "quantity": {"1"}, "repeat_weeks": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("desk booking: %d\n%s", r.Status, r.Body)
		}
		cn.get("/bookings").want(t, http.StatusOK, "待审批")
		if r := cn.get("/bookings/queue"); r.Status != http.StatusForbidden {
			t.Errorf("founder opens the queue: %d", r.Status)
		}
		staff := newBrowser(t, ts)
		staff.login(f.StaffGG.Email, bookingtest.Password)
		q := staff.get("/bookings/queue")
		q.want(t, http.StatusOK, "West Lake AI", "승인")
		id := regexp.MustCompile(`action="/bookings/(\d+)/approve"`).FindStringSubmatch(q.Body)
		if id == nil {
			t.Fatal("no approve button")
		}
		r = staff.post("/bookings/"+id[1]+"/approve", url.Values{"from": {"queue"}})
		if r.Status != http.StatusSeeOther || r.Location != "/bookings/queue?done=approve" {
			t.Fatalf("approve: %d %s", r.Status, r.Location)
		}
		staff.get(r.Location).want(t, http.StatusOK, "승인했습니다", "승인 대기 중인 예약이 없습니다")
		cn.get("/bookings").want(t, http.StatusOK, "已确认")
		// The founder who asked is told, in their language and the base point's time.
		cn.get("/notifications").want(t, http.StatusOK, "您对开放工位的预订", "已获批准", day.Format(time.DateOnly))
		staff.get(fmt.Sprintf("/basepoints/%d/utilisation", f.Gyeonggi.ID)).want(t, http.StatusOK, "자유석")
		if r := cn.get(fmt.Sprintf("/basepoints/%d/utilisation", f.Gyeonggi.ID)); r.Status != http.StatusForbidden {
			t.Errorf("founder reads utilisation: %d", r.Status)
		}
		// The month's bookings as a file, with the start-up and the base point's times.
		month := day.Format("2006-01")
		staff.get(fmt.Sprintf("/basepoints/%d/utilisation?month=%s", f.Gyeonggi.ID, month)).want(t, http.StatusOK,
			fmt.Sprintf(`href="/basepoints/%d/bookings.xlsx?month=%s"`, f.Gyeonggi.ID, month))
		exp := staff.get(fmt.Sprintf("/basepoints/%d/bookings.csv?month=%s", f.Gyeonggi.ID, month))
		exp.want(t, http.StatusOK, "booking_id,resource_id", "자유석", "West Lake AI", day.Format(time.DateOnly)+" 00:00", "Asia/Seoul", "confirmed")
		if x := staff.get(fmt.Sprintf("/basepoints/%d/bookings.xlsx?month=%s", f.Gyeonggi.ID, month)); x.Status != http.StatusOK || !strings.HasPrefix(x.Body, "PK") {
			t.Errorf("bookings workbook: %d", x.Status)
		}
		if r := cn.get(fmt.Sprintf("/basepoints/%d/bookings.csv", f.Gyeonggi.ID)); r.Status != http.StatusForbidden {
			t.Errorf("founder exports bookings: %d", r.Status)
		}
		staff.get(fmt.Sprintf("/basepoints/%d/bookings.csv?month=13", f.Gyeonggi.ID)).want(t, http.StatusBadRequest)
	})
}
