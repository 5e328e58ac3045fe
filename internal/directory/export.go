package directory

import (
	"context"
	"strconv"
	"strings"

	"startbridge/internal/auth"
)

// MaxExportRows bounds one export; a larger directory is exported
// filtered, part by part.
const MaxExportRows = 100000

// ExportStartups returns the start-ups of a list as viewer may see it, in
// the list's order, at most MaxExportRows of them, and whether there were
// more.
func (s *Store) ExportStartups(ctx context.Context, viewer *auth.User, f Filter) ([]*Startup, bool, error) {
	if err := auth.Can(viewer, auth.ImportStartups, auth.Target{}); err != nil {
		return nil, false, err
	}
	var out []*Startup
	after := ""
	for {
		page, err := s.listStartups(ctx, viewer, f, after, 500, listing{})
		if err != nil {
			return nil, false, err
		}
		out = append(out, page.Items...)
		if len(out) >= MaxExportRows {
			return out[:MaxExportRows], page.Next != "" || len(out) > MaxExportRows, nil
		}
		if page.Next == "" {
			return out, false, nil
		}
		after = page.Next
	}
}

// ExportTable turns start-ups into rows under the import's field names, so
// an exported file imports again as it is: dates as YYYY-MM-DD, lists
// comma-separated, amounts in major units of their currency.
func ExportTable(items []*Startup) (header []string, rows [][]string) {
	header = append([]string{"id"}, ImportFields...)
	for _, st := range items {
		employees := ""
		if st.Employees != nil {
			employees = strconv.Itoa(*st.Employees)
		}
		values := map[string]string{
			"name_ko": st.Name.Ko, "name_zh": st.Name.Zh, "name_en": st.Name.En, "legal_name": st.LegalName,
			"region": st.Region, "city": st.City, "founded_on": st.FoundedOn, "stage": string(st.Stage),
			"sectors": strings.Join(st.Sectors, ","), "employees": employees, "website": st.Website,
			"description_ko": st.Description.Ko, "description_zh": st.Description.Zh, "description_en": st.Description.En,
			"target_markets": strings.Join(st.Markets, ","), "investment_min": MajorUnits(st.Seeks.InvestmentMin, st.Seeks.Currency),
			"investment_max": MajorUnits(st.Seeks.InvestmentMax, st.Seeks.Currency), "currency": st.Seeks.Currency,
			"kr_business_number": st.KRBizNumber, "cn_credit_code": st.CNCreditNo, "visibility": string(st.Visibility),
		}
		row := []string{strconv.FormatInt(st.ID, 10)}
		for _, f := range ImportFields {
			row = append(row, values[f])
		}
		rows = append(rows, row)
	}
	return header, rows
}

// MajorUnits writes an amount of minor units in major units, exactly
// ("150050" CNY → "1500.50"); "" for no amount.
func MajorUnits(amount *int64, currency string) string {
	if amount == nil {
		return ""
	}
	digits := Currencies[currency]
	s := strconv.FormatInt(*amount, 10)
	if digits == 0 {
		return s
	}
	for len(s) <= digits {
		s = "0" + s
	}
	return s[:len(s)-digits] + "." + s[len(s)-digits:]
}
