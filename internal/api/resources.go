package api

import (
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/errs"
)

// resourceJSON is a resource with its quota in the unit it is booked in.
type resourceJSON struct {
	*booking.Resource
	Retired           bool   `json:"retired"`
	MonthlyQuotaHours *int64 `json:"monthly_quota_hours"`
	MonthlyQuotaDays  *int64 `json:"monthly_quota_days"`
}

func newResourceJSON(res *booking.Resource) resourceJSON {
	out := resourceJSON{Resource: res, Retired: res.Retired()}
	if q := res.MonthlyQuotaMinutes; q != nil {
		if res.WholeDays {
			d := *q / 1440
			out.MonthlyQuotaDays = &d
		} else {
			h := *q / 60
			out.MonthlyQuotaHours = &h
		}
	}
	return out
}

// createResource shares a resource at a base point of the caller's
// institution.
func (b *bookingAPI) createResource(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	var in booking.ResourceInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	res, err := b.store.CreateResource(r.Context(), actor, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/resources/"+IDKey(res.ID))
	SetETag(w, res.Version)
	return WriteJSON(w, http.StatusCreated, newResourceJSON(res))
}

// listResources pages through resources, filtered by ?basepoint_id=,
// ?region= and ?kind=.
func (b *bookingAPI) listResources(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	after, err := page.AfterID()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := booking.ResourceFilter{Region: q.Get("region"), Kind: booking.Kind(q.Get("kind"))}
	if f.BasePointID, err = queryID(r, "basepoint_id"); err != nil {
		return err
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return errs.Field("kind", "booking.field.kind", nil)
	}
	list, err := b.store.Resources(r.Context(), f, after, page.Fetch())
	if err != nil {
		return err
	}
	views := make([]resourceJSON, len(list))
	for i, res := range list {
		views[i] = newResourceJSON(res)
	}
	return WriteJSON(w, http.StatusOK, NewList(views, page, func(v resourceJSON) string { return IDKey(v.ID) }))
}

// getResource shows one resource.
func (b *bookingAPI) getResource(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	res, err := b.store.Resource(r.Context(), id)
	if err != nil {
		return err
	}
	SetETag(w, res.Version)
	return WriteJSON(w, http.StatusOK, newResourceJSON(res))
}

// patchResource changes a resource at the version If-Match names, or
// retires it ("retired": true). A capacity below what bookings hold at
// some instant is refused with 409 over_capacity naming that period; a
// granularity bookings held are not aligned to with 409 bookings_affected.
func (b *bookingAPI) patchResource(w http.ResponseWriter, r *http.Request) error {
	actor, id, version, err := editTarget(r)
	if err != nil {
		return err
	}
	cur, err := b.store.Resource(r.Context(), id)
	if err != nil {
		return err
	}
	in := cur.Input()
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	got, err := b.store.UpdateResource(r.Context(), actor, id, version, in)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, newResourceJSON(got))
}

// availabilityJSON is the free capacity of a resource per slot.
type availabilityJSON struct {
	ResourceID int64          `json:"resource_id"`
	Capacity   int            `json:"capacity"`
	TimeZone   string         `json:"time_zone"`
	Slots      []booking.Slot `json:"slots"`
}

// availability lists the free capacity per slot between ?from= and ?to=
// (RFC 3339 times, or dates read in the base point's zone); by default the
// seven days from today.
func (b *bookingAPI) availability(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	res, err := b.store.Resource(r.Context(), id)
	if err != nil {
		return err
	}
	bp, err := b.store.BasePoint(r.Context(), res.BasePointID)
	if err != nil {
		return err
	}
	loc := bp.Location()
	now := time.Now().In(loc)
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	var v errs.Invalid
	if s := r.URL.Query().Get("from"); s != "" {
		from = parseInstant(&v, "from", s, loc)
	}
	to := from.AddDate(0, 0, 7)
	if s := r.URL.Query().Get("to"); s != "" {
		to = parseInstant(&v, "to", s, loc)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	slots, err := b.store.Availability(r.Context(), res, bp, from, to)
	if err != nil {
		return err
	}
	for i := range slots {
		slots[i].Start, slots[i].End = slots[i].Start.In(loc), slots[i].End.In(loc)
	}
	if slots == nil {
		slots = []booking.Slot{}
	}
	return WriteJSON(w, http.StatusOK, availabilityJSON{ResourceID: res.ID, Capacity: res.Capacity, TimeZone: bp.TimeZone, Slots: slots})
}

// parseInstant reads an RFC 3339 time, or a date at midnight in loc.
func parseInstant(v *errs.Invalid, field, s string, loc *time.Location) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t
	}
	v.Add(field, "booking.field.time", nil)
	return time.Time{}
}

// queryID reads an optional positive integer query parameter.
func queryID(r *http.Request, name string) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Field(name, "field.integer", nil)
	}
	return id, nil
}
