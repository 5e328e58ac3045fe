package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/browsertest"
	"startbridge/internal/office"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

func TestBrowserSearchFindsOfficesAndResources(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		o, err := office.NewStore(ts.DB).CreateOffice(t.Context(), ts.Admin, office.OfficeInput{HostInstitutionID: 7,
			Name: text.Text{Zh: "杭州协作办公室", En: "Hangzhou partner office"}, City: "杭州", Desks: 2,
			Services: []office.Service{office.ServiceDesk}, Status: office.OfficeOpen})
		if err != nil {
			t.Fatal(err)
		}
		b := &tab{t: t, ctx: browsertest.New(t), ts: ts}
		for _, l := range []struct{ code, office, resource string }{
			{"zh", "海外办公室", "孵化基地资源"}, {"ko", "해외 사무소", "창업 거점 자원"}, {"en", "Overseas office", "Base point resource"},
		} {
			b.visit("/search")
			b.switchTo(l.code)
			b.fill("q", "杭州")
			b.click(`form[action="/search"] button[type="submit"]`, http.StatusOK)
			see(b, l.office, l.resource)
			browsertest.Screenshot(t, b.ctx, "search-places-"+l.code)
		}
		// The English page names them in English; each hit leads to its page.
		see(b, "Hangzhou partner office", "Meeting room A", "Hangzhou Global Innovation Base")
		b.click(fmt.Sprintf(`a[href="/offices/%d"]`, o.ID), http.StatusOK)
		see(b, "Hangzhou partner office")
		b.visit("/search?q=" + "Meeting+room")
		b.click(fmt.Sprintf(`a[href="/resources/%d"]`, f.Room.ID), http.StatusOK)
		see(b, "Meeting room A")
	})
}
