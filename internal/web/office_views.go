package web

import (
	"context"
	"net/http"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
	"startbridge/internal/office"
	"startbridge/internal/partner"
	"startbridge/internal/text"
)

// officeRow is an office with its host's name, for lists and selects.
type officeRow struct {
	*office.Office
	Host text.Text
}

// requestRow is a request as lists show it.
type requestRow struct {
	*office.Request
	Office *officeRow
}

// officeIndex loads every office with its host, by id.
func (o *officePages) officeIndex(ctx context.Context) ([]*officeRow, map[int64]*officeRow, error) {
	offices, err := o.store.Offices(ctx, office.OfficeFilter{}, 0, 1000)
	if err != nil {
		return nil, nil, err
	}
	hosts := map[int64]partner.Institution{}
	var rows []*officeRow
	byID := map[int64]*officeRow{}
	for _, of := range offices {
		h, ok := hosts[of.HostInstitutionID]
		if !ok {
			if h, err = o.svc.Partners.Institution(ctx, of.HostInstitutionID); err != nil {
				return nil, nil, err
			}
			hosts[of.HostInstitutionID] = h
		}
		row := &officeRow{Office: of, Host: h.Name}
		rows = append(rows, row)
		byID[of.ID] = row
	}
	return rows, byID, nil
}

// rows pairs requests with their offices.
func rows(list []*office.Request, offices map[int64]*officeRow) []requestRow {
	out := make([]requestRow, 0, len(list))
	for _, r := range list {
		row := requestRow{Request: r}
		if r.OfficeID != nil {
			row.Office = offices[*r.OfficeID]
		}
		out = append(out, row)
	}
	return out
}

// serviceChoice is one checkbox of the services.
type serviceChoice struct {
	Code    string
	Checked bool
}

func serviceChoices(chosen []string) []serviceChoice {
	var out []serviceChoice
	for _, s := range office.Services {
		c := serviceChoice{Code: string(s)}
		for _, x := range chosen {
			if x == string(s) {
				c.Checked = true
			}
		}
		out = append(out, c)
	}
	return out
}

// officePathID reads the integer path value name; anything else names nothing.
func officePathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFoundPath
	}
	return id, nil
}

// isStaff reports whether the viewer runs programmes (queue, demand).
func isStaff(u *auth.User) bool {
	return auth.Can(u, auth.ViewOfficeQueue, auth.Target{}) == nil
}

// cityOptions lists the gazetteer for the target city's suggestions, named
// in the page's language.
func (o *officePages) cityOptions(ctx context.Context, p *i18n.Printer) ([]option, error) {
	cities, err := o.store.Cities(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]option, 0, len(cities))
	for _, c := range cities {
		out = append(out, option{Value: c.Name.In(p.Lang), Label: c.Name.En})
	}
	return out, nil
}

func viewer(r *http.Request) *auth.User { return httpx.From(r).User }
