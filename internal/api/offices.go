package api

import (
	"net/http"
	"strconv"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/office"
)

// createOffice lets the host's staff open or propose an office.
func (o *officeAPI) createOffice(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	var in office.OfficeInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	got, err := o.store.CreateOffice(r.Context(), actor, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/offices/"+IDKey(got.ID))
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusCreated, got)
}

// listOffices pages through the offices, for anyone; ?city= matches any
// script or case.
func (o *officeAPI) listOffices(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	after, err := page.AfterID()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := office.OfficeFilter{City: q.Get("city"), Status: office.OfficeStatus(q.Get("status"))}
	if s := q.Get("host_institution_id"); s != "" {
		if f.HostID, err = strconv.ParseInt(s, 10, 64); err != nil || f.HostID <= 0 {
			return errs.Field("host_institution_id", "field.integer", nil)
		}
	}
	items, err := o.store.Offices(r.Context(), f, after, page.Fetch())
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, NewList(items, page, func(x *office.Office) string { return IDKey(x.ID) }))
}

// getOffice shows one office, with its ETag.
func (o *officeAPI) getOffice(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	got, err := o.store.Office(r.Context(), id)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}

// patchOffice changes an office at the version If-Match names; more desks
// promote the waitlist at once.
func (o *officeAPI) patchOffice(w http.ResponseWriter, r *http.Request) error {
	actor, id, version, err := editTarget(r)
	if err != nil {
		return err
	}
	cur, err := o.store.Office(r.Context(), id)
	if err != nil {
		return err
	}
	in := office.OfficeInput{HostInstitutionID: cur.HostInstitutionID, Name: cur.Name, City: cur.City, Region: cur.Region,
		Desks: cur.Desks, Services: cur.Services, Status: cur.Status}
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	if in.City != cur.City && in.Region == cur.Region {
		in.Region = "" // the new city's region
	}
	got, err := o.store.UpdateOffice(r.Context(), actor, id, version, in)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}

// occupancy lists an office's desks and allocated desks per month.
func (o *officeAPI) occupancy(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	from, to, err := o.store.Window(r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	months, err := o.store.Occupancy(r.Context(), id, from, to)
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, map[string]any{"office_id": id, "months": months})
}

// listCities lists the gazetteer that target cities are matched against.
func (o *officeAPI) listCities(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	all, err := o.store.Cities(r.Context())
	if err != nil {
		return err
	}
	list, err := PageSlice(all, page, func(c office.City) string { return c.Code })
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, list)
}

// demandJSON is the demand view as the API shows it; recommendations are
// sentences in the caller's language.
type demandJSON struct {
	From            string              `json:"from"`
	To              string              `json:"to"`
	Months          []string            `json:"months"`
	Cities          []cityDemandJSON    `json:"cities"`
	Cells           []office.DemandCell `json:"cells"`
	Offices         []occupancyJSON     `json:"offices"`
	Recommendations []string            `json:"recommendations"`
}

type cityDemandJSON struct {
	City string `json:"city"`
	office.CityDemand
}

type occupancyJSON struct {
	OfficeID int64                   `json:"office_id"`
	City     string                  `json:"city"`
	Months   []office.MonthOccupancy `json:"months"`
}

// demand shows the partners where start-ups want offices and what went
// unmet.
func (o *officeAPI) demand(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	from, to, err := o.store.Window(r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	d, err := o.store.Demand(r.Context(), actor, from, to)
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	out := demandJSON{From: d.From, To: d.To, Months: d.Months, Cells: d.Cells, Cities: []cityDemandJSON{},
		Offices: []occupancyJSON{}, Recommendations: []string{}}
	for _, c := range d.Cities {
		out.Cities = append(out.Cities, cityDemandJSON{City: c.Name.In(p.Lang), CityDemand: c})
	}
	for _, oc := range d.Offices {
		out.Offices = append(out.Offices, occupancyJSON{OfficeID: oc.Office.ID, City: oc.Office.City, Months: oc.Months})
	}
	for _, rec := range d.Recommendations {
		out.Recommendations = append(out.Recommendations, RecommendationText(p, rec))
	}
	return WriteJSON(w, http.StatusOK, out)
}
