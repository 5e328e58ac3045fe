package web

import (
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/office"
)

// requestFormView is the founder's request form, with what was typed and
// the problems beside each field when it was refused.
type requestFormView struct {
	Page
	Form
	Startups                                                  []option
	Cities                                                    []option
	StartupID, TargetCity, StartMonth, Months, Desks, Purpose string
	Services                                                  []serviceChoice
	ThisMonth                                                 string
}

var requestFields = []string{"startup_id", "target_city", "start_month", "months", "desks", "services", "purpose"}

func (o *officePages) requestForm(r *http.Request) (*requestFormView, error) {
	u := viewer(r)
	if u == nil {
		return nil, errs.ErrUnauthenticated
	}
	refs, err := o.store.StartupsOf(r.Context(), u)
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return nil, errs.ErrForbidden
	}
	p := httpx.From(r).P
	v := &requestFormView{Page: Page{Nav: "office_requests"}, Form: newForm(requestFields...), ThisMonth: o.store.ThisMonth(),
		Months: "6", Desks: "1"}
	for _, ref := range refs {
		v.Startups = append(v.Startups, option{Value: strconv.FormatInt(ref.ID, 10), Label: ref.Name.In(p.Lang)})
	}
	v.StartupID = v.Startups[0].Value
	v.StartMonth = office.AddMonths(v.ThisMonth, 1)
	if v.Cities, err = o.cityOptions(r.Context(), p); err != nil {
		return nil, err
	}
	v.Services = serviceChoices([]string{string(office.ServiceDesk)})
	return v, nil
}

func (o *officePages) newRequest(w http.ResponseWriter, r *http.Request) error {
	v, err := o.requestForm(r)
	if err != nil {
		return err
	}
	if city := r.URL.Query().Get("city"); city != "" {
		v.TargetCity = city
	}
	return o.render(w, r, http.StatusOK, "office_request_new", v)
}

func (o *officePages) createRequest(w http.ResponseWriter, r *http.Request) error {
	v, err := o.requestForm(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	v.StartupID, v.TargetCity, v.StartMonth = f.Get("startup_id"), f.Get("target_city"), f.Get("start_month")
	v.Months, v.Desks, v.Purpose = f.Get("months"), f.Get("desks"), f.Get("purpose")
	v.Services = serviceChoices(f["services"])
	in := office.RequestInput{TargetCity: v.TargetCity, StartMonth: v.StartMonth, Purpose: v.Purpose}
	for _, s := range f["services"] {
		in.Services = append(in.Services, office.Service(s))
	}
	var bad errs.Invalid
	in.StartupID = formInt(&bad, "startup_id", v.StartupID)
	in.Months = int(formInt(&bad, "months", v.Months))
	in.Desks = int(formInt(&bad, "desks", v.Desks))
	if err := bad.OrNil(); err != nil {
		return reshow(err, "office_request_new", v, &v.Form)
	}
	created, err := o.store.CreateRequest(r.Context(), viewer(r), in)
	if err != nil {
		return reshow(err, "office_request_new", v, &v.Form)
	}
	return seeOther(w, r, "/office-requests/"+strconv.FormatInt(created.ID, 10)+"?created=1")
}

// formInt reads a whole number typed in a form; anything else is a problem
// with the field.
func formInt(v *errs.Invalid, field, s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		v.Add(field, "field.integer", nil)
	}
	return n
}

// requestsView is a founder's requests, or the staff's queue.
type requestsView struct {
	Page
	Staff   bool
	Founder bool
	Status  string
	Rows    []requestRow
	Filters []string
}

func (o *officePages) requests(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if u == nil {
		return errs.ErrUnauthenticated
	}
	v := &requestsView{Page: Page{Nav: "office_requests"}, Staff: isStaff(u), Status: r.URL.Query().Get("status")}
	refs, err := o.store.StartupsOf(r.Context(), u)
	if err != nil {
		return err
	}
	v.Founder = len(refs) > 0
	for _, s := range []office.Status{office.StatusSubmitted, office.StatusUnderReview, office.StatusWaitlisted,
		office.StatusApproved, office.StatusRejected, office.StatusCancelled} {
		v.Filters = append(v.Filters, string(s))
	}
	f := office.RequestFilter{Status: office.Status(v.Status), Newest: true}
	if v.Status != "" && !knownStatus(f.Status) {
		return errs.Field("status", "office.field.status", nil)
	}
	list, err := o.store.Requests(r.Context(), u, f, 0, 500)
	if err != nil {
		return err
	}
	_, byID, err := o.officeIndex(r.Context())
	if err != nil {
		return err
	}
	v.Rows = rows(list, byID)
	return o.render(w, r, http.StatusOK, "office_requests", v)
}

func knownStatus(s office.Status) bool {
	for _, k := range office.Statuses {
		if k == s {
			return true
		}
	}
	return false
}

// requestView is one request with what the viewer may do with it.
type requestView struct {
	Page
	Request     requestRow
	Allocations []office.MonthOccupancy
	Created     bool
	// CanDecide shows the decision form; Offices are the open offices to
	// approve into, those of the target city first.
	CanDecide bool
	Offices   []*officeRow
	CanChange bool
	Decision  Form
	Change    Form
	Months    string
	Desks     string
}

func (o *officePages) loadRequest(r *http.Request) (*requestView, error) {
	u := viewer(r)
	if u == nil {
		return nil, errs.ErrUnauthenticated
	}
	id, err := officePathID(r, "id")
	if err != nil {
		return nil, err
	}
	req, err := o.store.Request(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	all, byID, err := o.officeIndex(r.Context())
	if err != nil {
		return nil, err
	}
	v := &requestView{Page: Page{Nav: "office_requests"}, Request: rows([]*office.Request{req}, byID)[0],
		Decision: newForm("decision", "office_id", "reason"), Change: newForm("months", "desks"),
		Months: strconv.Itoa(req.Months), Desks: strconv.Itoa(req.Desks)}
	if v.Allocations, err = o.store.Allocations(r.Context(), id); err != nil {
		return nil, err
	}
	undecided := req.Status == office.StatusSubmitted || req.Status == office.StatusUnderReview
	if undecided && isStaff(u) {
		for _, of := range all {
			if of.Status == office.OfficeOpen && auth.Can(u, auth.DecideOfficeRequest, auth.Target{InstitutionID: of.HostInstitutionID}) == nil {
				if of.CityCode == req.CityCode && req.CityCode != "" {
					v.Offices = append([]*officeRow{of}, v.Offices...)
				} else {
					v.Offices = append(v.Offices, of)
				}
			}
		}
		v.CanDecide = true
	}
	var host int64
	if v.Request.Office != nil {
		host = v.Request.Office.HostInstitutionID
	}
	switch req.Status {
	case office.StatusSubmitted, office.StatusUnderReview, office.StatusWaitlisted, office.StatusApproved, office.StatusActive:
		v.CanChange = auth.Can(u, auth.ChangeOfficeRequest, auth.Target{StartupID: req.StartupID, InstitutionID: host}) == nil
	}
	return v, nil
}

func (o *officePages) request(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadRequest(r)
	if err != nil {
		return err
	}
	v.Created = r.URL.Query().Get("created") == "1"
	return o.render(w, r, http.StatusOK, "office_request", v)
}

func (o *officePages) decide(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadRequest(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	d := office.Decision{Decision: r.PostFormValue("decision"), Reason: r.PostFormValue("reason")}
	if s := r.PostFormValue("office_id"); s != "" {
		var bad errs.Invalid
		d.OfficeID = formInt(&bad, "office_id", s)
		if err := bad.OrNil(); err != nil {
			return reshow(err, "office_request", v, &v.Decision)
		}
	}
	if d.Decision == office.DecideReject {
		// A rejection names no office: it is not tied to one.
		d.OfficeID = 0
	}
	if _, err := o.store.Decide(r.Context(), viewer(r), v.Request.ID, d); err != nil {
		return reshow(err, "office_request", v, &v.Decision)
	}
	return seeOther(w, r, "/office-requests/"+strconv.FormatInt(v.Request.ID, 10))
}

func (o *officePages) review(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadRequest(r)
	if err != nil {
		return err
	}
	if _, err := o.store.Review(r.Context(), viewer(r), v.Request.ID); err != nil {
		return reshow(err, "office_request", v, &v.Decision)
	}
	return seeOther(w, r, "/office-requests/"+strconv.FormatInt(v.Request.ID, 10))
}

func (o *officePages) cancel(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadRequest(r)
	if err != nil {
		return err
	}
	if _, err := o.store.Cancel(r.Context(), viewer(r), v.Request.ID); err != nil {
		return reshow(err, "office_request", v, &v.Change)
	}
	return seeOther(w, r, "/office-requests/"+strconv.FormatInt(v.Request.ID, 10))
}

func (o *officePages) shorten(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadRequest(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v.Months, v.Desks = r.PostFormValue("months"), r.PostFormValue("desks")
	var bad errs.Invalid
	c := office.Change{Months: int(formInt(&bad, "months", v.Months)), Desks: int(formInt(&bad, "desks", v.Desks))}
	version := int(formInt(&bad, "version", r.PostFormValue("version")))
	if err := bad.OrNil(); err != nil {
		return reshow(err, "office_request", v, &v.Change)
	}
	if _, err := o.store.Shorten(r.Context(), viewer(r), v.Request.ID, version, c); err != nil {
		return reshow(err, "office_request", v, &v.Change)
	}
	return seeOther(w, r, "/office-requests/"+strconv.FormatInt(v.Request.ID, 10))
}
