package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/directory"
	"startbridge/internal/directory/sheet"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

func TestStaffExportTheInvestorListAsFiltered(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		store := directory.NewStore(ts.DB)
		low, high := int64(100000000), int64(550000000)
		for _, in := range []directory.InvestorInput{
			{Name: text.Text{Zh: "杭州创投", En: "Hangzhou Capital"}, Sectors: []string{"ai"}, Stages: []directory.Stage{"seed"},
				Regions: []string{"hangzhou"}, TicketMin: &low, TicketMax: &high, Currency: "CNY", Languages: []string{"zh", "en"}},
			{Name: text.Text{Ko: "판교벤처스", En: "Pangyo Ventures"}, Sectors: []string{"bio"}, Regions: []string{"gyeonggi"}},
		} {
			if _, err := store.CreateInvestorUnchecked(t.Context(), 0, in, 0); err != nil {
				t.Fatal(err)
			}
		}
		staff := gbsaStaff(t, ts)
		page := staff.get("/investors?sector=ai")
		page.want(t, http.StatusOK, `href="/investors/export.csv?sector=ai"`, `href="/investors/export.xlsx?sector=ai"`)
		exp := staff.get("/investors/export.csv?sector=ai")
		if exp.Status != http.StatusOK || !strings.Contains(exp.Body, "Hangzhou Capital") || strings.Contains(exp.Body, "Pangyo") {
			t.Fatalf("csv export: %d %q", exp.Status, exp.Body)
		}
		// The workbook reads back with the tickets in major units.
		x := staff.get("/investors/export.xlsx?q=" + url.QueryEscape("杭州"))
		if x.Status != http.StatusOK {
			t.Fatalf("xlsx export: %d", x.Status)
		}
		table, err := sheet.Read("investors.xlsx", []byte(x.Body), func(string) bool { return true })
		if err != nil || len(table.Rows) != 1 {
			t.Fatalf("read back: %v, %+v", err, table)
		}
		got := map[string]string{}
		for i, h := range table.Header {
			got[h] = table.Rows[0].Cell(i)
		}
		if got["name_zh"] != "杭州创投" || got["ticket_min"] != "1000000.00" || got["ticket_max"] != "5500000.00" ||
			got["ticket_currency"] != "CNY" || got["sectors"] != "ai" || got["languages"] != "zh,en" {
			t.Errorf("exported row = %v", got)
		}
		// Exports are for staff.
		if v := newBrowser(t, ts).get("/investors/export.csv"); v.Status != http.StatusSeeOther {
			t.Errorf("visitor export: %d", v.Status)
		}
		founder, _ := dirUser(t, ts, "kim@bio.test", "gyeonggi")
		if r := founder.get("/investors/export.xlsx"); r.Status != http.StatusForbidden {
			t.Errorf("founder export: %d", r.Status)
		}
		if r := founder.get("/investors"); strings.Contains(r.Body, "/investors/export") {
			t.Error("a founder is offered the export")
		}
	})
}
