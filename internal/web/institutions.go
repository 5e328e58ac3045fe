package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/partner"
	"startbridge/internal/text"
)

// institutionsView lists institutions, optionally of one region, a page at
// a time.
type institutionsView struct {
	Page
	Region       string
	Regions      []option
	Institutions []institutionRow
	// More is the address of the next page, when there is one.
	More string
}

// institutionRow is an institution with the name of its region.
type institutionRow struct {
	partner.Institution
	RegionName text.Text
}

const institutionsPerPage = 50

func (s *site) institutions(w http.ResponseWriter, r *http.Request) error {
	ctx, q := r.Context(), r.URL.Query()
	v := &institutionsView{Page: Page{Nav: "institutions"}, Region: q.Get("region")}
	after, err := cursor(q.Get("after"))
	if err != nil {
		return err
	}
	regions, err := s.svc.Partners.Regions(ctx)
	if err != nil {
		return err
	}
	names := map[string]text.Text{}
	for _, rg := range regions {
		names[rg.Code] = rg.Name
		v.Regions = append(v.Regions, option{Value: rg.Code, Label: rg.Name.In(httpx.From(r).P.Lang)})
	}
	if _, known := names[v.Region]; v.Region != "" && !known {
		return errs.Field("region", "field.region", nil)
	}
	list, err := s.svc.Partners.InstitutionPage(ctx, v.Region, after, institutionsPerPage+1)
	if err != nil {
		return err
	}
	if len(list) > institutionsPerPage {
		list = list[:institutionsPerPage]
		next := url.Values{"after": {strconv.FormatInt(list[len(list)-1].ID, 10)}}
		if v.Region != "" {
			next.Set("region", v.Region)
		}
		v.More = "/institutions?" + next.Encode()
	}
	for _, in := range list {
		v.Institutions = append(v.Institutions, institutionRow{Institution: in, RegionName: names[in.Region]})
	}
	return s.render(w, r, http.StatusOK, "institutions", v)
}

// cursor reads an ?after= id; a page starts after it.
func cursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, errs.Field("after", "field.cursor", nil)
	}
	return n, nil
}

// institutionView shows one institution with its names in every language.
type institutionView struct {
	Page
	Institution partner.Institution
	RegionName  text.Text
}

func (s *site) institution(w http.ResponseWriter, r *http.Request) error {
	// Anything that is not an id names no institution: 404, like an id
	// that does not exist.
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("institution %q: %w", r.PathValue("id"), errs.ErrNotFound)
	}
	in, err := s.svc.Partners.Institution(r.Context(), id)
	if err != nil {
		return err
	}
	region, err := s.svc.Partners.Region(r.Context(), in.Region)
	if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return err
	}
	v := &institutionView{Page: Page{Nav: "institutions"}, Institution: in, RegionName: region.Name}
	return s.render(w, r, http.StatusOK, "institution", v)
}
