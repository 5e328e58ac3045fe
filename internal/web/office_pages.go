package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/notify"
	"startbridge/internal/office"
)

var errNotFoundPath = fmt.Errorf("path: %w", errs.ErrNotFound)

// officesView lists the offices, for everyone.
type officesView struct {
	Page
	Offices []*officeRow
	Staff   bool
	Founder bool
	// CanCreate links those who may open offices to the form.
	CanCreate bool
}

func (o *officePages) offices(w http.ResponseWriter, r *http.Request) error {
	list, _, err := o.officeIndex(r.Context())
	if err != nil {
		return err
	}
	u := viewer(r)
	v := &officesView{Page: Page{Nav: "offices"}, Offices: list, Staff: isStaff(u),
		CanCreate: u != nil && (u.IsAdmin() || len(u.StaffInstitutions()) > 0)}
	if u != nil {
		refs, err := o.store.StartupsOf(r.Context(), u)
		if err != nil {
			return err
		}
		v.Founder = len(refs) > 0
	}
	return o.render(w, r, http.StatusOK, "offices", v)
}

// officesExport returns the handler that sends every office, with its
// host, city, desks, status and services, as a CSV file or an XLSX
// workbook, for staff.
func (o *officePages) officesExport(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		u := viewer(r)
		if u == nil {
			return errs.ErrUnauthenticated
		}
		if !isStaff(u) {
			return errs.ErrForbidden
		}
		list, _, err := o.officeIndex(r.Context())
		if err != nil {
			return err
		}
		header := []string{"id", "name_ko", "name_zh", "name_en", "host_institution_id", "host_ko", "host_zh", "host_en",
			"city", "city_code", "region", "desks", "status", "services"}
		var rows [][]string
		for _, of := range list {
			services := make([]string, len(of.Services))
			for i, sv := range of.Services {
				services[i] = string(sv)
			}
			rows = append(rows, []string{strconv.FormatInt(of.ID, 10), of.Name.Ko, of.Name.Zh, of.Name.En,
				strconv.FormatInt(of.HostInstitutionID, 10), of.Host.Ko, of.Host.Zh, of.Host.En, of.City, of.CityCode, of.Region,
				strconv.Itoa(of.Desks), string(of.Status), strings.Join(services, ",")})
		}
		return sendTable(w, "offices", format, header, rows, false)
	}
}

// officeView is one office with its occupancy chart and table.
type officeView struct {
	Page
	Office   *officeRow
	From, To string
	Months   []office.MonthOccupancy
	Chart    template.HTML
	// CanManage shows the host's staff the form that changes desks and
	// status; more desks promote the waitlist at once.
	CanManage bool
	Form
	Desks, Status  string
	Statuses       []string
	Saved, Created bool
}

func (o *officePages) office(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadOffice(r)
	if err != nil {
		return err
	}
	v.Saved, v.Created = r.URL.Query().Get("saved") == "1", r.URL.Query().Get("created") == "1"
	return o.render(w, r, http.StatusOK, "office", v)
}

func (o *officePages) saveOffice(w http.ResponseWriter, r *http.Request) error {
	v, err := o.loadOffice(r)
	if err != nil {
		return err
	}
	if !v.CanManage {
		return errs.ErrForbidden
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v.Desks, v.Status = r.PostFormValue("desks"), r.PostFormValue("status")
	var bad errs.Invalid
	desks := int(formInt(&bad, "desks", v.Desks))
	version := int(formInt(&bad, "version", r.PostFormValue("version")))
	if err := bad.OrNil(); err != nil {
		return reshow(err, "office", v, &v.Form)
	}
	cur := v.Office.Office
	in := office.OfficeInput{HostInstitutionID: cur.HostInstitutionID, Name: cur.Name, City: cur.City, Region: cur.Region,
		Desks: desks, Services: cur.Services, Status: office.OfficeStatus(v.Status)}
	if _, err := o.store.UpdateOffice(r.Context(), viewer(r), cur.ID, version, in); err != nil {
		return reshow(err, "office", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/offices/%d?saved=1", cur.ID))
}

func (o *officePages) loadOffice(r *http.Request) (*officeView, error) {
	id, err := officePathID(r, "id")
	if err != nil {
		return nil, err
	}
	_, byID, err := o.officeIndex(r.Context())
	if err != nil {
		return nil, err
	}
	row := byID[id]
	if row == nil {
		return nil, errNotFoundPath
	}
	from, to, err := o.store.Window(r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		return nil, err
	}
	if r.URL.Query().Get("to") == "" {
		to = office.AddMonths(from, 11)
	}
	months, err := o.store.Occupancy(r.Context(), id, from, to)
	if err != nil {
		return nil, err
	}
	p := httpx.From(r).P
	chart, err := occupancyChart(p, fmt.Sprintf("chart-%d", id), row.Name.In(p.Lang), months)
	if err != nil {
		return nil, err
	}
	v := &officeView{Page: Page{Nav: "offices"}, Office: row, From: from, To: to, Months: months, Chart: chart,
		Form: newForm("desks", "status"), Desks: fmt.Sprint(row.Desks), Status: string(row.Status),
		CanManage: auth.Can(viewer(r), auth.ManageOffice, auth.Target{InstitutionID: row.HostInstitutionID}) == nil}
	for _, st := range office.OfficeStatuses {
		v.Statuses = append(v.Statuses, string(st))
	}
	return v, nil
}

// demandView shows the partners where start-ups want offices.
type demandView struct {
	Page
	Demand          *office.Demand
	Recommendations []string
	Charts          []demandChart
	// Matrix is one row per city and sector, one column per month.
	Matrix []matrixRow
	Names  map[string]string
}

type demandChart struct {
	Office *officeRow
	Chart  template.HTML
	Months []office.MonthOccupancy
}

type matrixRow struct {
	City, Sector string
	Counts       []int
}

func (o *officePages) demand(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	from, to, err := o.store.Window(r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	d, err := o.store.Demand(r.Context(), u, from, to)
	if err != nil {
		return err
	}
	_, byID, err := o.officeIndex(r.Context())
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	v := &demandView{Page: Page{Nav: "demand"}, Demand: d, Names: map[string]string{}}
	for _, rec := range d.Recommendations {
		args := []any{"city", rec.City.In(p.Lang)}
		for k, val := range rec.Args {
			args = append(args, k, val)
		}
		v.Recommendations = append(v.Recommendations, p.T(rec.Key, args...))
	}
	for _, oc := range d.Offices {
		row := byID[oc.Office.ID]
		chart, err := occupancyChart(p, fmt.Sprintf("chart-%d", oc.Office.ID), row.Name.In(p.Lang), oc.Months)
		if err != nil {
			return err
		}
		v.Charts = append(v.Charts, demandChart{Office: row, Chart: chart, Months: oc.Months})
	}
	index := map[string]int{}
	for i, m := range d.Months {
		index[m] = i
	}
	for _, c := range d.Cities {
		v.Names[c.Key] = c.Name.In(p.Lang)
	}
	var cur *matrixRow
	for _, cell := range d.Cells {
		if cur == nil || cur.City != v.Names[cell.Key] || cur.Sector != cell.Sector {
			v.Matrix = append(v.Matrix, matrixRow{City: v.Names[cell.Key], Sector: cell.Sector, Counts: make([]int, len(d.Months))})
			cur = &v.Matrix[len(v.Matrix)-1]
		}
		cur.Counts[index[cell.Month]] = cell.Requests
	}
	return o.render(w, r, http.StatusOK, "office_demand", v)
}

// notificationsView lists the viewer's notifications, newest first.
type notificationsView struct {
	Page
	Items []notificationRow
}

type notificationRow struct {
	notify.Notification
	Message string
}

func (o *officePages) notifications(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if u == nil {
		return errs.ErrUnauthenticated
	}
	list, err := o.notes.List(r.Context(), u.ID, 0, 100)
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	v := &notificationsView{Page: Page{Nav: "notifications"}}
	for _, n := range list {
		v.Items = append(v.Items, notificationRow{Notification: n, Message: p.T(n.Key, n.Flat()...)})
	}
	return o.render(w, r, http.StatusOK, "notifications", v)
}

func (o *officePages) readAll(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if u == nil {
		return errs.ErrUnauthenticated
	}
	if err := o.notes.MarkAllRead(r.Context(), u.ID); err != nil {
		return err
	}
	return seeOther(w, r, "/notifications")
}
