package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"startbridge/internal/booking"
	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/browsertest"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/testserver"
)

// see checks that the page shows every text given, reading the page again
// for a few seconds while a navigation or redirect still settles.
func see(b *tab, texts ...string) {
	b.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	var missing []string
	var err error
	for {
		var body string
		body, err = chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("body")))
		missing = missing[:0]
		for _, s := range texts {
			if err != nil || !strings.Contains(body, s) {
				missing = append(missing, s)
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		b.t.Fatalf("read page: %v", err)
	}
	for _, s := range missing {
		b.t.Errorf("page lacks %q", s)
	}
}

// TestBrowserFounderBooksInHangzhouAndStaffApprove is the issue's "done
// when": a founder from Gyeonggi books a Hangzhou meeting room from the
// week calendar and sees it in both zones; Gyeonggi staff approve a pending
// desk booking.
func TestBrowserFounderBooksInHangzhouAndStaffApprove(t *testing.T) {
	ts := testserver.Start(t, dbtest.SQLite(t))
	f := bookingtest.Setup(t, ts.DB)
	b := &tab{t: t, ctx: browsertest.New(t), ts: ts}
	login := func(email string) {
		b.visit("/login")
		b.fill("email", email)
		b.fill("password", bookingtest.Password)
		b.click(`form[action="/login"] button[type="submit"]`, http.StatusOK)
	}

	login(f.FounderKR.Email)
	b.visit("/basepoints")
	see(b, "항저우 글로벌 혁신센터 창업기지", "판교 창업존", "회의실 A", "자유석")
	browsertest.Screenshot(t, b.ctx, "booking-catalogue-ko")

	day := bookingtest.Day(shanghai, time.Tuesday)
	b.visit(fmt.Sprintf("/resources/%d?week=%s", f.Room.ID, day.Format(time.DateOnly)))
	see(b, "항저우 시간", "서울 시간", "3/3 남음")
	browsertest.Screenshot(t, b.ctx, "booking-week-ko")
	b.click(fmt.Sprintf(`td.slot a[href*="date=%s"][href*="start=10%%3A00"]`, day.Format(time.DateOnly)), http.StatusOK)
	b.fill("end", "11:00")
	b.fill("quantity", "2")
	browsertest.Screenshot(t, b.ctx, "booking-form-ko")
	b.click(`form[action$="/book"] button[type="submit"]`, http.StatusOK)
	if loc := b.location(); len(loc) < 17 || loc[:17] != "/bookings?booked=" {
		t.Fatalf("after booking at %q, want my bookings", loc)
	}
	// Hangzhou time, and the founder's own Seoul time an hour later.
	see(b, "예약했습니다", "10:00–11:00", "항저우 시간", "11:00–12:00", "서울 시간", "확정", "주간 보기")
	if n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(".agenda-item").length`)); err != nil || n != 1 {
		t.Errorf("week view shows %d bookings (%v), want 1", n, err)
	}
	browsertest.Screenshot(t, b.ctx, "booking-mine-ko")
	b.switchTo("zh")
	see(b, "我的预订", "已确认")
	browsertest.Screenshot(t, b.ctx, "booking-mine-zh")
	b.switchTo("en")
	see(b, "My bookings", "confirmed")
	b.visit(fmt.Sprintf("/resources/%d?week=%s", f.Room.ID, day.Format(time.DateOnly)))
	see(b, "1/3 free")
	browsertest.Screenshot(t, b.ctx, "booking-week-en")
	b.switchTo("ko")

	// A Hangzhou start-up asks for Gyeonggi desks, which need approval.
	seoul, _ := time.LoadLocation("Asia/Seoul")
	dd := bookingtest.Day(seoul, time.Thursday)
	if _, err := f.Store.Book(context.Background(), f.FounderCN, booking.Request{ResourceID: f.Desks.ID,
		StartupID: f.StartupCN, Start: dd, End: dd.AddDate(0, 0, 1), Quantity: 1}); err != nil {
		t.Fatal(err)
	}
	b = &tab{t: t, ctx: browsertest.New(t), ts: ts}
	login(f.StaffGG.Email)
	b.visit("/bookings/queue")
	see(b, "West Lake AI", "자유석", "승인 대기")
	browsertest.Screenshot(t, b.ctx, "booking-queue-ko")
	b.click(`form[action$="/approve"] button[type="submit"]`, http.StatusOK)
	see(b, "승인했습니다", "승인 대기 중인 예약이 없습니다")
	b.visit("/bookings")
	see(b, "확정")
	browsertest.Screenshot(t, b.ctx, "booking-approved-ko")
	b.visit("/basepoints/new")
	see(b, "거점 등록", "운영 시간")
	browsertest.Screenshot(t, b.ctx, "basepoint-new-ko")
	b.visit(fmt.Sprintf("/basepoints/%d/resources/new", f.Gyeonggi.ID))
	see(b, "자원 등록")
	browsertest.Screenshot(t, b.ctx, "resource-new-ko")
}
