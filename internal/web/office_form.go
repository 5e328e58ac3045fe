package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/office"
	"startbridge/internal/text"
)

// officeFormView is the host staff's form that opens an office or changes
// one: host, names, a city of a partner region, desks, services, status.
type officeFormView struct {
	Page
	Form
	// Office is the office being changed, nil for a new one.
	Office                 *office.Office
	Hosts, Cities          []option
	Host, City, Desks      string
	NameKo, NameZh, NameEn string
	Status, Version        string
	Statuses               []string
	Services               []serviceChoice
}

var officeFormFields = []string{"host_institution_id", "name", "city", "region", "desks", "services", "status", "version"}

// newOfficeForm is the form for whoever may open offices, with the choices
// filled; 403 for anyone else.
func (o *officePages) newOfficeForm(r *http.Request, cur *office.Office) (*officeFormView, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	hosts, err := o.managedInstitutions(r.Context(), rq.User, rq.P)
	if err != nil {
		return nil, err
	}
	if len(hosts) == 0 {
		return nil, errs.ErrForbidden
	}
	cities, err := o.store.Cities(r.Context())
	if err != nil {
		return nil, err
	}
	v := &officeFormView{Page: Page{Nav: "offices"}, Form: newForm(officeFormFields...), Office: cur, Hosts: hosts,
		Host: hosts[0].Value, Desks: "4", Status: string(office.OfficeProposed), Services: serviceChoices(nil)}
	for _, c := range cities {
		if c.Region != "" {
			v.Cities = append(v.Cities, option{Value: c.Code, Label: c.Name.In(rq.P.Lang)})
		}
	}
	for _, st := range office.OfficeStatuses {
		v.Statuses = append(v.Statuses, string(st))
	}
	if cur != nil {
		v.Host, v.City, v.Desks, v.Status = strconv.FormatInt(cur.HostInstitutionID, 10), cur.CityCode, strconv.Itoa(cur.Desks), string(cur.Status)
		if cur.CityCode == "" {
			// Recorded in a city the gazetteer does not list: it may stay
			// there (the store keeps it), so it is offered first.
			v.Cities = append([]option{{Value: cur.City, Label: cur.City}}, v.Cities...)
			v.City = cur.City
		}
		v.Version = strconv.Itoa(cur.Version)
		v.NameKo, v.NameZh, v.NameEn = cur.Name.Ko, cur.Name.Zh, cur.Name.En
		var chosen []string
		for _, s := range cur.Services {
			chosen = append(chosen, string(s))
		}
		v.Services = serviceChoices(chosen)
	}
	return v, nil
}

// read takes the submitted form into v and returns the office it asks
// for; a city chosen from the list is stored by its name in the page's
// language.
func (v *officeFormView) read(r *http.Request, bad *errs.Invalid) office.OfficeInput {
	f := r.PostFormValue
	v.Host, v.City, v.Desks, v.Status = f("host_institution_id"), f("city"), f("desks"), f("status")
	v.NameKo, v.NameZh, v.NameEn = f("name_ko"), f("name_zh"), f("name_en")
	v.Services = serviceChoices(r.PostForm["services"])
	in := office.OfficeInput{Name: text.Text{Ko: v.NameKo, Zh: v.NameZh, En: v.NameEn}, City: v.City,
		Status: office.OfficeStatus(v.Status)}
	for _, c := range v.Cities {
		if c.Value == v.City {
			in.City = c.Label
		}
	}
	in.HostInstitutionID, _ = strconv.ParseInt(v.Host, 10, 64)
	in.Desks = int(formInt(bad, "desks", v.Desks))
	for _, s := range r.PostForm["services"] {
		in.Services = append(in.Services, office.Service(s))
	}
	return in
}

// renameOfficeField points the store's services[i] at the services box.
func renameOfficeField(f string) string {
	if strings.HasPrefix(f, "services[") {
		return "services"
	}
	return f
}

func (o *officePages) officeNew(w http.ResponseWriter, r *http.Request) error {
	v, err := o.newOfficeForm(r, nil)
	if err != nil {
		return err
	}
	return o.render(w, r, http.StatusOK, "office_form", v)
}

func (o *officePages) createOffice(w http.ResponseWriter, r *http.Request) error {
	v, err := o.newOfficeForm(r, nil)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	var bad errs.Invalid
	in := v.read(r, &bad)
	err = bad.OrNil()
	if err == nil {
		var got *office.Office
		if got, err = o.store.CreateOffice(r.Context(), viewer(r), in); err == nil {
			return seeOther(w, r, fmt.Sprintf("/offices/%d?created=1", got.ID))
		}
	}
	return &formError{err: err, page: "office_form", view: v, form: &v.Form, rename: renameOfficeField}
}

func (o *officePages) officeEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := o.editForm(r)
	if err != nil {
		return err
	}
	return o.render(w, r, http.StatusOK, "office_form", v)
}

// editForm is the form of the office in the path, for its host's staff.
func (o *officePages) editForm(r *http.Request) (*officeFormView, error) {
	id, err := officePathID(r, "id")
	if err != nil {
		return nil, err
	}
	cur, err := o.store.Office(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return o.newOfficeForm(r, cur)
}

// updateOffice saves the whole form at the version it was read at; more
// desks promote the waitlist, fewer than a month holds or closing an
// office with desks allocated come back as problems on the form.
func (o *officePages) updateOffice(w http.ResponseWriter, r *http.Request) error {
	v, err := o.editForm(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	var bad errs.Invalid
	in := v.read(r, &bad)
	// The version read stays in the form: a stale one is refused again
	// until the page is loaded anew with the other person's changes.
	v.Version = r.PostFormValue("version")
	version := int(formInt(&bad, "version", v.Version))
	err = bad.OrNil()
	if err == nil {
		if _, err = o.store.UpdateOffice(r.Context(), viewer(r), v.Office.ID, version, in); err == nil {
			return seeOther(w, r, fmt.Sprintf("/offices/%d?saved=1", v.Office.ID))
		}
	}
	return &formError{err: err, page: "office_form", view: v, form: &v.Form, rename: renameOfficeField}
}
