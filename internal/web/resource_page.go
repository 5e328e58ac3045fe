package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// resourceView is a resource's page: its terms, a week of free capacity in
// the base point's zone (and the viewer's), and the booking form.
type resourceView struct {
	Page
	Resource   *booking.Resource
	BasePoint  *booking.BasePoint
	RegionName text.Text
	// Zone names the base point's zone; ViewerZone the viewer's when it
	// is another.
	ZoneName, ViewerZone string
	Week                 weekGrid
	PrevWeek, NextWeek   string
	// CanBook shows the form: the viewer is on the team of a start-up and
	// the resource is in service.
	CanBook bool
	// CanManage links the base point's staff to the edit page; Saved
	// confirms an edit.
	CanManage, Saved bool
	Startups         []option
	Form
	StartupID, Date, Start, End, Days, Quantity, Weeks, Note string
	// Step is the time inputs' step in seconds.
	Step int
}

// weekGrid is seven days of slots with the capacity still free.
type weekGrid struct {
	Days []dayHead
	Rows []gridRow
}

type dayHead struct{ Date, Label, Weekday string }

// gridRow is one time of day: its label in the base point's zone and in
// the viewer's, and a cell per day.
type gridRow struct {
	Local, Viewer string
	Cells         []gridCell
}

// gridCell is one slot: closed, past, or with Free of Capacity units.
type gridCell struct {
	Open, Past     bool
	Free, Capacity int
	Link, Label    string
}

// Class is the cell's look: free, partly booked or full.
func (c gridCell) Class() string {
	switch {
	case !c.Open:
		return "closed"
	case c.Free == 0:
		return "full"
	case c.Free < c.Capacity:
		return "partial"
	}
	return "free"
}

var resourceFields = []string{"startup_id", "date", "start", "end", "days", "quantity", "repeat_weeks", "note"}

func (b *bookingPages) resource(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newResourceView(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v.Date, v.Start, v.End = q.Get("date"), q.Get("start"), q.Get("end")
	return b.render(w, r, http.StatusOK, "resource", v)
}

// newResourceView reads the resource and fills its week and form choices.
func (b *bookingPages) newResourceView(r *http.Request) (*resourceView, error) {
	ctx, rq := r.Context(), httpx.From(r)
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	res, err := b.store.Resource(ctx, id)
	if err != nil {
		return nil, err
	}
	bp, err := b.store.BasePoint(ctx, res.BasePointID)
	if err != nil {
		return nil, err
	}
	region, err := b.svc.Partners.Region(ctx, bp.Region)
	if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	loc := bp.Location()
	v := &resourceView{Page: Page{Nav: "basepoints"}, Resource: res, BasePoint: bp, RegionName: region.Name,
		ZoneName: rq.P.ZoneName(bp.TimeZone), Form: newForm(resourceFields...), Quantity: "1", Weeks: "1", Days: "1",
		Step: res.GranularityMinutes * 60}
	if rq.P.Zone.String() != bp.TimeZone {
		v.ViewerZone = rq.P.ZoneName(rq.P.Zone.String())
	}
	monday, err := weekOf(r.URL.Query().Get("week"), loc)
	if err != nil {
		return nil, err
	}
	v.PrevWeek, v.NextWeek = monday.AddDate(0, 0, -7).Format(time.DateOnly), monday.AddDate(0, 0, 7).Format(time.DateOnly)
	if v.Week, err = b.week(ctx, r, res, bp, monday); err != nil {
		return nil, err
	}
	for _, id := range startupsOf(rq.User) {
		name, err := b.store.StartupName(ctx, id)
		if err != nil {
			return nil, err
		}
		v.Startups = append(v.Startups, option{Value: strconv.FormatInt(id, 10), Label: name.In(rq.P.Lang)})
	}
	v.CanBook = len(v.Startups) > 0 && !res.Retired()
	v.CanManage = auth.Can(rq.User, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}) == nil
	v.Saved = r.URL.Query().Get("saved") != ""
	if len(v.Startups) > 0 {
		v.StartupID = v.Startups[0].Value
	}
	return v, nil
}

// weekOf is the Monday of the week of date (YYYY-MM-DD) in loc, this
// week's when date is empty.
func weekOf(date string, loc *time.Location) (time.Time, error) {
	day := time.Now().In(loc)
	if date != "" {
		var err error
		if day, err = time.ParseInLocation(time.DateOnly, date, loc); err != nil {
			return time.Time{}, errs.Field("week", "booking.field.date", nil)
		}
	}
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)), nil
}

// week lays out the free capacity of the seven days from monday.
func (b *bookingPages) week(ctx context.Context, r *http.Request, res *booking.Resource, bp *booking.BasePoint, monday time.Time) (weekGrid, error) {
	p := httpx.From(r).P
	loc := bp.Location()
	slots, err := b.store.Availability(ctx, res, bp, monday, monday.AddDate(0, 0, 7))
	if err != nil {
		return weekGrid{}, err
	}
	var g weekGrid
	for i := range 7 {
		d := monday.AddDate(0, 0, i)
		g.Days = append(g.Days, dayHead{Date: d.Format(time.DateOnly), Label: p.Date(d.In(loc)), Weekday: strings.ToLower(d.Weekday().String()[:3])})
	}
	rows := map[int]*gridRow{}
	var keys []int
	now := time.Now()
	for _, s := range slots {
		local := s.Start.In(loc)
		minute := local.Hour()*60 + local.Minute()
		row, ok := rows[minute]
		if !ok {
			row = &gridRow{Cells: make([]gridCell, 7)}
			if res.WholeDays {
				row.Local = p.T("booking.calendar.all_day")
			} else {
				row.Local = local.Format("15:04") + "–" + s.End.In(loc).Format("15:04")
				at := time.Date(monday.Year(), monday.Month(), monday.Day(), local.Hour(), local.Minute(), 0, 0, loc)
				if viewer := p.Zone; viewer.String() != loc.String() {
					row.Viewer = at.In(viewer).Format("15:04")
				}
			}
			rows[minute] = row
			keys = append(keys, minute)
		}
		// Calendar days, not 24-hour steps, so a DST change keeps the column.
		day := int(time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, time.UTC).Sub(time.Date(monday.Year(), monday.Month(), monday.Day(), 12, 0, 0, 0, time.UTC)).Hours()) / 24
		if day < 0 || day > 6 {
			continue
		}
		cell := gridCell{Open: true, Past: s.Start.Before(now), Free: s.Free, Capacity: res.Capacity,
			Label: p.T("booking.calendar.free", "free", s.Free, "capacity", res.Capacity)}
		if !cell.Past && cell.Free > 0 && !res.Retired() {
			q := url.Values{"week": {monday.Format(time.DateOnly)}, "date": {local.Format(time.DateOnly)}}
			if !res.WholeDays {
				q.Set("start", local.Format("15:04"))
				q.Set("end", s.End.In(loc).Format("15:04"))
			}
			cell.Link = fmt.Sprintf("/resources/%d?%s#book", res.ID, q.Encode())
		}
		row.Cells[day] = cell
	}
	sort.Ints(keys)
	for _, k := range keys {
		g.Rows = append(g.Rows, *rows[k])
	}
	return g, nil
}

// book takes the booking form: times are read in the base point's zone.
func (b *bookingPages) book(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newResourceView(r)
	if err != nil {
		return err
	}
	if err := auth.Can(httpx.From(r).User, auth.BookResource, auth.Target{}); errors.Is(err, errs.ErrUnauthenticated) {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v.StartupID, v.Date, v.Start, v.End = r.PostFormValue("startup_id"), r.PostFormValue("date"), r.PostFormValue("start"), r.PostFormValue("end")
	v.Days, v.Quantity, v.Weeks, v.Note = r.PostFormValue("days"), r.PostFormValue("quantity"), r.PostFormValue("repeat_weeks"), r.PostFormValue("note")
	req, err := v.request()
	if err == nil {
		var made []*booking.Booking
		made, err = b.store.Book(r.Context(), httpx.From(r).User, req)
		if err == nil {
			week := made[0].Start.In(httpx.From(r).P.Zone).Format(time.DateOnly)
			return seeOther(w, r, "/bookings?booked="+strconv.FormatInt(made[0].ID, 10)+"&week="+week)
		}
	}
	rename := func(f string) string { return f }
	if v.Resource.WholeDays {
		rename = func(f string) string {
			switch f {
			case "start":
				return "date"
			case "end":
				return "days"
			}
			return f
		}
	}
	return &formError{err: err, page: "resource", view: v, form: &v.Form, rename: rename}
}

// request reads the form into a booking request.
func (v *resourceView) request() (booking.Request, error) {
	loc := v.BasePoint.Location()
	req := booking.Request{ResourceID: v.Resource.ID, Note: strings.TrimSpace(v.Note)}
	var inv errs.Invalid
	var err error
	if req.StartupID, err = strconv.ParseInt(v.StartupID, 10, 64); err != nil {
		inv.Add("startup_id", "booking.error.unknown_startup", nil)
	}
	if req.Quantity, err = strconv.Atoi(strings.TrimSpace(v.Quantity)); err != nil {
		inv.Add("quantity", "field.integer", nil)
	}
	if req.Weeks, err = strconv.Atoi(strings.TrimSpace(v.Weeks)); err != nil {
		inv.Add("repeat_weeks", "field.integer", nil)
	}
	day, err := time.ParseInLocation(time.DateOnly, v.Date, loc)
	if err != nil {
		inv.Add("date", "booking.field.date", nil)
		return req, inv.OrNil()
	}
	if v.Resource.WholeDays {
		days, err := strconv.Atoi(strings.TrimSpace(v.Days))
		if err != nil || days < 1 || days > 366 {
			inv.Add("days", "booking.field.days", nil)
		}
		req.Start, req.End = day, day.AddDate(0, 0, days)
		return req, inv.OrNil()
	}
	at := func(field, clock string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", v.Date+" "+clock, loc)
		if err != nil {
			inv.Add(field, "booking.field.clock", nil)
		}
		return t
	}
	req.Start, req.End = at("start", v.Start), at("end", v.End)
	return req, inv.OrNil()
}

// startupsOf lists the start-ups the user is on the team of.
func startupsOf(u *auth.User) []int64 {
	if u == nil {
		return nil
	}
	var out []int64
	for _, m := range u.Roles {
		if m.Role == auth.RoleStartup && m.StartupID != nil {
			out = append(out, *m.StartupID)
		}
	}
	return out
}
