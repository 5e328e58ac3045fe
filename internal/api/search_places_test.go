package api_test

import (
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/booking/bookingtest"
	"startbridge/internal/office"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

func TestSearchFindsOfficesAndResourcesInTheCallersLanguage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		f := bookingtest.Setup(t, ts.DB)
		if _, err := office.NewStore(ts.DB).CreateOffice(t.Context(), ts.Admin, office.OfficeInput{HostInstitutionID: 3,
			Name: text.Text{Ko: "수원 협력 사무소", En: "Suwon partner office"}, City: "수원", Desks: 4,
			Services: []office.Service{office.ServiceDesk}, Status: office.OfficeOpen}); err != nil {
			t.Fatal(err)
		}
		type hit struct {
			Type, Title, Snippet string
			ID                   int64
		}
		search := func(q, lang string) []string {
			t.Helper()
			var out []string
			path := "/api/v1/search?limit=1&q=" + url.QueryEscape(q)
			for range 10 {
				p := decodePage[hit](t, do(t, ts, call{method: "GET", path: path, header: map[string]string{"Accept-Language": lang}}))
				for _, h := range p.Items {
					out = append(out, h.Type+": "+h.Title+" ("+h.Snippet+")")
				}
				if p.NextCursor == nil {
					return out
				}
				path = "/api/v1/search?limit=1&q=" + url.QueryEscape(q) + "&cursor=" + *p.NextCursor
			}
			t.Fatal("pages never end")
			return nil
		}
		// The office by its city's Chinese name, though it was typed in
		// Korean; a room by its base point's name; one page at a time.
		if got := strings.Join(search("水原", "en"), "|"); got != "office: Suwon partner office (Suwon)" {
			t.Errorf("水原 = %s", got)
		}
		if got := strings.Join(search("Meeting room", "zh"), "|"); got != "resource: 会议室 A (杭州全球创新中心孵化基地)" {
			t.Errorf("Meeting room = %s", got)
		}
		if got := strings.Join(search("창업기지", "ko"), "|"); got != "resource: 회의실 A (항저우 글로벌 혁신센터 창업기지)" {
			t.Errorf("창업기지 = %s", got)
		}
		// Kind after kind, one hit a page: institutions, offices, resources,
		// then start-ups.
		if _, err := office.NewStore(ts.DB).CreateOffice(t.Context(), ts.Admin, office.OfficeInput{HostInstitutionID: 7,
			Name: text.Text{Zh: "杭州协作办公室", En: "Hangzhou partner office"}, City: "杭州", Desks: 2,
			Services: []office.Service{office.ServiceDesk}, Status: office.OfficeProposed}); err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, h := range search("Hangzhou", "en") {
			kinds = append(kinds, h[:strings.Index(h, ":")])
		}
		if got := strings.Join(kinds, " "); got != "institution institution institution office resource startup" {
			t.Errorf("kinds found for Hangzhou, in order: %s", got)
		}
		// A retired resource takes no bookings and is not found.
		in := f.Room.Input()
		in.Retired = true
		if _, err := f.Store.UpdateResource(t.Context(), f.StaffHZ, f.Room.ID, f.Room.Version, in); err != nil {
			t.Fatal(err)
		}
		if got := search("Meeting room", "en"); len(got) != 0 {
			t.Errorf("a retired room is found: %v", got)
		}
	})
}
