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

// basePointFormView is the staff's form that opens a base point or
// changes one.
type basePointFormView struct {
	Page
	Form
	// BasePoint is the one being changed, nil for a new one.
	BasePoint              *booking.BasePoint
	Institutions, Zones    []option
	Institution, TimeZone  string
	NameKo, NameZh, NameEn string
	Address, Version       string
	Days                   []dayHours
	// Affected lists the bookings a refused edit would no longer fit.
	Affected affected
}

// dayHours is one weekday's opening in the form; empty is closed.
type dayHours struct{ Day, Open, Close string }

var basePointFields = []string{"institution_id", "name", "time_zone", "address", "hours", "version",
	"hours_mon", "hours_tue", "hours_wed", "hours_thu", "hours_fri", "hours_sat", "hours_sun"}

// newBasePointView is the form with its choices, filled from cur when it
// changes a base point; 403 for those who run no institution.
func (b *bookingPages) newBasePointView(r *http.Request, cur *booking.BasePoint) (*basePointFormView, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	institutions, err := b.managedInstitutions(r.Context(), rq.User, rq.P)
	if err != nil {
		return nil, err
	}
	if len(institutions) == 0 {
		return nil, errs.ErrForbidden
	}
	v := &basePointFormView{Page: Page{Nav: "basepoints"}, Form: newForm(basePointFields...), BasePoint: cur,
		Institutions: institutions, Institution: institutions[0].Value, TimeZone: rq.P.Zone.String()}
	hours := booking.OpeningHours{}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		hours[d] = []string{"09:00", "18:00"}
	}
	if cur != nil {
		v.Institution, v.TimeZone, v.Address = strconv.FormatInt(cur.InstitutionID, 10), cur.TimeZone, cur.Address
		v.NameKo, v.NameZh, v.NameEn, v.Version = cur.Name.Ko, cur.Name.Zh, cur.Name.En, strconv.Itoa(cur.Version)
		hours = cur.OpeningHours
	}
	if v.Zones, err = b.zoneOptions(r.Context(), rq.P, v.TimeZone); err != nil {
		return nil, err
	}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		h := dayHours{Day: d}
		if span := hours[d]; len(span) == 2 {
			h.Open, h.Close = span[0], span[1]
		}
		v.Days = append(v.Days, h)
	}
	return v, nil
}

// read takes the submitted form into v and returns the base point it asks
// for.
func (v *basePointFormView) read(r *http.Request) booking.BasePointInput {
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
	return in
}

// renameHours points the store's opening_hours.mon at the form's Monday row.
func renameHours(f string) string {
	if day, ok := strings.CutPrefix(f, "opening_hours."); ok {
		return "hours_" + day
	}
	if f == "opening_hours" {
		return "hours"
	}
	return f
}

func (b *bookingPages) basePointForm(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newBasePointView(r, nil)
	if err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "basepoint_form", v)
}

func (b *bookingPages) createBasePoint(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newBasePointView(r, nil)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	if _, err := b.store.CreateBasePoint(r.Context(), httpx.From(r).User, v.read(r)); err != nil {
		return &formError{err: err, page: "basepoint_form", view: v, form: &v.Form, rename: renameHours}
	}
	return seeOther(w, r, "/basepoints?created=basepoint")
}

// resourceFormView is the staff's form that shares a resource at a base
// point, or changes or retires one.
type resourceFormView struct {
	Page
	Form
	BasePoint *booking.BasePoint
	// Resource is the one being changed, nil for a new one.
	Resource                                     *booking.Resource
	Kinds                                        []booking.Kind
	Currencies                                   []string
	Kind, NameKo, NameZh, NameEn, Capacity, Step string
	WholeDays, Approval, OwnRegion, Retired      bool
	Lead, Advance, CancelBefore, Quota           string
	Price, Currency, Version                     string
	// Affected lists the bookings a refused edit would no longer fit.
	Affected affected
}

var resourceFormFields = []string{"kind", "name", "capacity", "granularity_minutes", "open_to", "lead_time_minutes",
	"max_advance_days", "cancel_deadline_minutes", "monthly_quota", "price", "price_currency", "retired", "version"}

// newResourceFormView is the form for the staff of bp, filled from cur when
// it changes a resource.
func (b *bookingPages) newResourceFormView(r *http.Request, bp *booking.BasePoint, cur *booking.Resource) (*resourceFormView, error) {
	if err := auth.Can(httpx.From(r).User, auth.ManageBasePoint, auth.Target{InstitutionID: bp.InstitutionID}); err != nil {
		return nil, err
	}
	v := &resourceFormView{Page: Page{Nav: "basepoints"}, Form: newForm(resourceFormFields...), BasePoint: bp, Resource: cur,
		Kinds: booking.Kinds, Currencies: []string{"KRW", "CNY", "USD"}, Kind: string(booking.MeetingRoom), Capacity: "1",
		Step: "30", Lead: "0", Advance: "90", CancelBefore: "60"}
	if cur == nil {
		return v, nil
	}
	v.Kind, v.NameKo, v.NameZh, v.NameEn = string(cur.Kind), cur.Name.Ko, cur.Name.Zh, cur.Name.En
	v.Capacity, v.Step, v.WholeDays = strconv.Itoa(cur.Capacity), strconv.Itoa(cur.GranularityMinutes), cur.WholeDays
	if cur.WholeDays {
		v.Step = ""
	}
	v.Approval, v.OwnRegion, v.Retired = cur.ApprovalRequired, cur.OpenTo == booking.OwnRegion, cur.Retired()
	v.Lead, v.Advance = strconv.Itoa(cur.LeadTimeMinutes), strconv.Itoa(cur.MaxAdvanceDays)
	v.CancelBefore, v.Price, v.Currency = strconv.Itoa(cur.CancelDeadlineMinutes), cur.Price(), cur.PriceCurrency
	if cur.MonthlyQuotaMinutes != nil {
		v.Quota = strconv.FormatInt(cur.Quota(), 10)
	}
	v.Version = strconv.Itoa(cur.Version)
	return v, nil
}

// read takes the submitted form into v and returns the resource it asks
// for, with the problems of values that are not numbers.
func (v *resourceFormView) read(r *http.Request) (booking.ResourceInput, *errs.Invalid) {
	f := r.PostFormValue
	v.Kind, v.NameKo, v.NameZh, v.NameEn = f("kind"), f("name_ko"), f("name_zh"), f("name_en")
	v.Capacity, v.Step, v.Lead, v.Advance, v.CancelBefore, v.Quota = f("capacity"), f("granularity_minutes"),
		f("lead_time_minutes"), f("max_advance_days"), f("cancel_deadline_minutes"), f("monthly_quota")
	v.WholeDays, v.Approval, v.OwnRegion = f("whole_days") == "on", f("approval_required") == "on", f("open_to") == "own_region"
	v.Price, v.Currency, v.Retired = f("price"), f("price_currency"), f("retired") == "on"
	in := booking.ResourceInput{BasePointID: v.BasePoint.ID, Kind: booking.Kind(v.Kind), WholeDays: v.WholeDays,
		Name: text.Text{Ko: v.NameKo, Zh: v.NameZh, En: v.NameEn}, ApprovalRequired: v.Approval, OpenTo: booking.AllRegions,
		Retired: v.Retired}
	if v.OwnRegion {
		in.OpenTo = booking.OwnRegion
	}
	inv := &errs.Invalid{}
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
	if p := strings.TrimSpace(v.Price); p != "" {
		minor, ok := minorUnits(p, v.Currency)
		if !ok {
			inv.Add("price", "booking.field.price", nil)
		}
		in.PriceMinor, in.PriceCurrency = &minor, v.Currency
	}
	return in, inv
}

// minorUnits reads a price in major units ("50", "50.5", "50.00") as minor
// units of currency: won have none, yuan and dollars two decimals.
func minorUnits(s, currency string) (int64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	digits := 2
	if currency == "KRW" {
		digits = 0
	}
	if len(frac) > digits || whole == "" {
		return 0, false
	}
	frac += strings.Repeat("0", digits-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n < 0 || strings.ContainsAny(whole+frac, "+-") {
		return 0, false
	}
	return n, true
}

// renameResourceField points the store's fields at the form's boxes.
func renameResourceField(f string) string {
	switch {
	case strings.HasPrefix(f, "monthly_quota"):
		return "monthly_quota"
	case f == "price_minor":
		return "price"
	}
	return f
}

// basePointOf reads the base point in the path.
func (b *bookingPages) basePointOf(r *http.Request) (*booking.BasePoint, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return b.store.BasePoint(r.Context(), id)
}

// newResourceFormOf is the form that shares a resource at the base point in
// the path.
func (b *bookingPages) newResourceFormOf(r *http.Request) (*resourceFormView, error) {
	bp, err := b.basePointOf(r)
	if err != nil {
		return nil, err
	}
	return b.newResourceFormView(r, bp, nil)
}

func (b *bookingPages) resourceForm(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newResourceFormOf(r)
	if err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "resource_form", v)
}

func (b *bookingPages) createResource(w http.ResponseWriter, r *http.Request) error {
	v, err := b.newResourceFormOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, inv := v.read(r)
	err = inv.OrNil()
	if err == nil {
		var res *booking.Resource
		if res, err = b.store.CreateResource(r.Context(), httpx.From(r).User, in); err == nil {
			return seeOther(w, r, "/resources/"+strconv.FormatInt(res.ID, 10))
		}
	}
	return &formError{err: err, page: "resource_form", view: v, form: &v.Form, rename: renameResourceField}
}
