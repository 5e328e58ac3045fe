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
	return exportPages(func(after string) ([]*Startup, string, error) {
		page, err := s.listStartups(ctx, viewer, f, after, 500, listing{})
		if err != nil {
			return nil, "", err
		}
		return page.Items, page.Next, nil
	})
}

// exportPages reads a list page after page, at most MaxExportRows, and
// says whether there were more.
func exportPages[T any](page func(after string) ([]T, string, error)) ([]T, bool, error) {
	var out []T
	after := ""
	for {
		items, next, err := page(after)
		if err != nil {
			return nil, false, err
		}
		out = append(out, items...)
		if len(out) >= MaxExportRows {
			return out[:MaxExportRows], next != "" || len(out) > MaxExportRows, nil
		}
		if next == "" {
			return out, false, nil
		}
		after = next
	}
}

// ExportInvestors returns the investors of a list as viewer may see it, in
// the list's order, at most MaxExportRows of them, and whether there were
// more. Exports are for staff, as the start-ups' are.
func (s *Store) ExportInvestors(ctx context.Context, viewer *auth.User, f InvestorFilter) ([]*Investor, bool, error) {
	if err := auth.Can(viewer, auth.ImportStartups, auth.Target{}); err != nil {
		return nil, false, err
	}
	return exportPages(func(after string) ([]*Investor, string, error) {
		return s.ListInvestors(ctx, viewer, f, after, 500)
	})
}

// InvestorFields are the columns of an investor export, named as the API
// names the fields; lists are comma-separated and tickets in major units.
var InvestorFields = []string{"id", "name_ko", "name_zh", "name_en", "institution_id", "region", "website",
	"description_ko", "description_zh", "description_en", "sectors", "stages", "regions",
	"ticket_min", "ticket_max", "ticket_currency", "languages", "visibility"}

// InvestorTable turns investors into rows under InvestorFields.
func InvestorTable(items []*Investor) (header []string, rows [][]string) {
	for _, iv := range items {
		institution := ""
		if iv.Institution != nil {
			institution = strconv.FormatInt(*iv.Institution, 10)
		}
		stages := make([]string, len(iv.Stages))
		for i, st := range iv.Stages {
			stages[i] = string(st)
		}
		rows = append(rows, []string{strconv.FormatInt(iv.ID, 10), iv.Name.Ko, iv.Name.Zh, iv.Name.En, institution, iv.Region,
			iv.Website, iv.Description.Ko, iv.Description.Zh, iv.Description.En, strings.Join(iv.Sectors, ","),
			strings.Join(stages, ","), strings.Join(iv.Regions, ","), MajorUnits(iv.TicketMin, iv.Currency),
			MajorUnits(iv.TicketMax, iv.Currency), iv.Currency, strings.Join(iv.Languages, ","), string(iv.Visibility)})
	}
	return InvestorFields, rows
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
