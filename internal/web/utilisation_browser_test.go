package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/browsertest"
	"startbridge/internal/testserver"
)

// Staff read a base point's month and download its bookings.
func TestBrowserStaffDownloadTheMonthsBookings(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		day := fillRoomAtTen(t, f)
		b := signInWith(t, ts, f.StaffHZ.Email, bookingtest.Password)
		b.visit(fmt.Sprintf("/basepoints/%d/utilisation?month=%s", f.Hangzhou.ID, day.Format("2006-01")))
		see(b, "会议室 A", "导出本月预订（Excel）")
		browsertest.Screenshot(t, b.ctx, "utilisation-zh")
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href*="/bookings.csv"]').href)
			.then(r => r.text().then(t => r.status + " " + t))`, chromedp.EvalAwaitPromise))
		if err != nil || !strings.HasPrefix(got, "200 ") || strings.Count(got, "西湖智能") != 2 || !strings.Contains(got, day.Format("2006-01-02")+" 10:00") {
			t.Errorf("the month's bookings: %q %v", got, err)
		}
	})
}
