package web

import (
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// basePointFormView is the staff's form that opens a base point.
type basePointFormView struct {
	Page
	Form
	Institutions, Zones    []option
	Institution, TimeZone  string
	NameKo, NameZh, NameEn string
	Address                string
	Days                   []dayHours
}

// dayHours is one weekday's opening in the form; empty is closed.
type dayHours struct{ Day, Open, Close string }

var basePointFields = []string{"institution_id", "name", "time_zone", "address", "hours",
	"hours_mon", "hours_tue", "hours_wed", "hours_thu", "hours_fri", "hours_sat", "hours_sun"}

// staffInstitutions lists the institutions the user is staff of.
func staffInstitutions(u *auth.User) []int64 {
	var out []int64
	for _, m := range u.Roles {
		if m.Role == auth.RoleStaff && m.InstitutionID != nil {
			out = append(out, *m.InstitutionID)
		}
	}
	return out
}

func (b *bookingPages) newBasePointView(r *http.Request) (*basePointFormView, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	ids := staffInstitutions(rq.User)
	if len(ids) == 0 {
		return nil, errs.ErrForbidden
	}
	v := &basePointFormView{Page: Page{Nav: "basepoints"}, Form: newForm(basePointFields...), TimeZone: rq.P.Zone.String()}
	for _, id := range ids {
		in, err := b.svc.Partners.Institution(r.Context(), id)
		if err != nil {
			return nil, err
		}
		v.Institutions = append(v.Institutions, option{Value: strconv.FormatInt(id, 10), Label: in.Name.In(rq.P.Lang)})
	}
	v.Institution = v.Institutions[0].Value
	var err error
	if v.Zones, err = b.zoneOptions(r.Context(), rq.P, rq.P.Zone.String()); err != nil {
		return nil, err
	}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		h := dayHours{Day: d}
		if d != "sat" && d != "sun" {
			h.Open, h.Close = "09:00", "18:00"
		}
		v.Days = append(v.Days, h)
	}
	return v, nil
}

func (b *bookingPages) basePointForm(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newBasePointView(r)
	if err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "basepoint_new", v)
}

func (b *bookingPages) createBasePoint(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newBasePointView(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v.Institution, v.TimeZone, v.Address = r.PostFormValue("institution_id"), r.PostFormValue("time_zone"), r.PostFormValue("address")
	v.NameKo, v.NameZh, v.NameEn = r.PostFormValue("name_ko"), r.PostFormValue("name_zh"), r.PostFormValue("name_en")
	in := booking.BasePointInput{TimeZone: v.TimeZone, Address: v.Address, OpeningHours: booking.OpeningHours{},
		Name: text.Text{Ko: v.NameKo, Zh: v.NameZh, En: v.NameEn}}
	in.InstitutionID, _ = strconv.ParseInt(v.Institution, 10, 64)
	for i := range v.Days {
		d := &v.Days[i]
		d.Open, d.Close = strings.TrimSpace(r.PostFormValue("open_"+d.Day)), strings.TrimSpace(r.PostFormValue("close_"+d.Day))
		if d.Open != "" || d.Close != "" {
			in.OpeningHours[d.Day] = []string{d.Open, d.Close}
		}
	}
	if _, err := b.store.CreateBasePoint(r.Context(), httpx.From(r).User, in); err != nil {
		return &formError{err: err, page: "basepoint_new", view: v, form: &v.Form, rename: func(f string) string {
			if day, ok := strings.CutPrefix(f, "opening_hours."); ok {
				return "hours_" + day
			}
			if f == "opening_hours" {
				return "hours"
			}
			return f
		}}
	}
	return seeOther(w, r, "/basepoints?created=basepoint")
}

// resourceFormView is the staff's form that shares a resource at a base
// point.
type resourceFormView struct {
	Page
	Form
	BasePoint                                    *booking.BasePoint
	Kinds                                        []booking.Kind
	Kind, NameKo, NameZh, NameEn, Capacity, Step string
	WholeDays, Approval, OwnRegion               bool
	Lead, Advance, CancelBefore, Quota           string
}

var resourceFormFields = []string{"kind", "name", "capacity", "granularity_minutes", "open_to", "lead_time_minutes",
	"max_advance_days", "cancel_deadline_minutes", "monthly_quota"}

func (b *bookingPages) newResourceFormView(r *http.Request) (*resourceFormView, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	bp, err := b.store.BasePoint(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := auth.Can(httpx.From(r).User, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
		return nil, err
	}
	return &resourceFormView{Page: Page{Nav: "basepoints"}, Form: newForm(resourceFormFields...), BasePoint: bp,
		Kinds: booking.Kinds, Kind: string(booking.MeetingRoom), Capacity: "1", Step: "30", Lead: "0", Advance: "90",
		CancelBefore: "60"}, nil
}

func (b *bookingPages) resourceForm(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newResourceFormView(r)
	if err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "resource_new", v)
}

func (b *bookingPages) createResource(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newResourceFormView(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostFormValue
	v.Kind, v.NameKo, v.NameZh, v.NameEn = f("kind"), f("name_ko"), f("name_zh"), f("name_en")
	v.Capacity, v.Step, v.Lead, v.Advance, v.CancelBefore, v.Quota = f("capacity"), f("granularity_minutes"),
		f("lead_time_minutes"), f("max_advance_days"), f("cancel_deadline_minutes"), f("monthly_quota")
	v.WholeDays, v.Approval, v.OwnRegion = f("whole_days") == "on", f("approval_required") == "on", f("open_to") == "own_region"
	in := booking.ResourceInput{BasePointID: v.BasePoint.ID, Kind: booking.Kind(v.Kind), WholeDays: v.WholeDays,
		Name: text.Text{Ko: v.NameKo, Zh: v.NameZh, En: v.NameEn}, ApprovalRequired: v.Approval, OpenTo: booking.AllRegions}
	if v.OwnRegion {
		in.OpenTo = booking.OwnRegion
	}
	var inv errs.Invalid
	number := func(field, s string, dst *int) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			inv.Add(field, "field.integer", nil)
		}
		*dst = n
	}
	number("capacity", v.Capacity, &in.Capacity)
	if !v.WholeDays {
		number("granularity_minutes", v.Step, &in.GranularityMinutes)
	}
	number("lead_time_minutes", v.Lead, &in.LeadTimeMinutes)
	number("max_advance_days", v.Advance, &in.MaxAdvanceDays)
	number("cancel_deadline_minutes", v.CancelBefore, &in.CancelDeadlineMinutes)
	if q := strings.TrimSpace(v.Quota); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil {
			inv.Add("monthly_quota", "field.integer", nil)
		} else if v.WholeDays {
			in.MonthlyQuotaDays = &n
		} else {
			in.MonthlyQuotaHours = &n
		}
	}
	err = inv.OrNil()
	if err == nil {
		var res *booking.Resource
		if res, err = b.store.CreateResource(r.Context(), httpx.From(r).User, in); err == nil {
			return seeOther(w, r, "/resources/"+strconv.FormatInt(res.ID, 10))
		}
	}
	return &formError{err: err, page: "resource_new", view: v, form: &v.Form, rename: func(f string) string {
		if strings.HasPrefix(f, "monthly_quota") {
			return "monthly_quota"
		}
		return f
	}}
}
