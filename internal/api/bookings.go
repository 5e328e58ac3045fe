package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/ical"
)

// bookingRequestJSON is the body of POST /bookings. Times are RFC 3339
// with their offset; quantity defaults to 1 when absent.
type bookingRequestJSON struct {
	ResourceID  int64  `json:"resource_id"`
	StartupID   int64  `json:"startup_id"`
	Start       string `json:"start"`
	End         string `json:"end"`
	Quantity    *int   `json:"quantity"`
	RepeatWeeks int    `json:"repeat_weeks"`
	Note        string `json:"note"`
}

func (in bookingRequestJSON) request() (booking.Request, error) {
	req := booking.Request{ResourceID: in.ResourceID, StartupID: in.StartupID, Quantity: 1, Weeks: in.RepeatWeeks, Note: in.Note}
	if in.Quantity != nil {
		req.Quantity = *in.Quantity
	}
	var v errs.Invalid
	var err error
	if req.Start, err = time.Parse(time.RFC3339, in.Start); err != nil {
		v.Add("start", "booking.field.time", nil)
	}
	if req.End, err = time.Parse(time.RFC3339, in.End); err != nil {
		v.Add("end", "booking.field.time", nil)
	}
	if in.ResourceID <= 0 {
		v.Add("resource_id", "booking.error.unknown_resource", nil)
	}
	if in.StartupID <= 0 {
		v.Add("startup_id", "booking.error.unknown_startup", nil)
	}
	return req, v.OrNil()
}

// bookingJSON is a booking with its times in the base point's zone.
type bookingJSON struct {
	*booking.Booking
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	TimeZone string    `json:"time_zone"`
	// Occurrences lists the ids of a weekly series booked together.
	Occurrences []int64 `json:"occurrences,omitempty"`
}

func newBookingJSON(d booking.Detail) bookingJSON {
	p := d.Local()
	return bookingJSON{Booking: d.Booking, Start: p.Start, End: p.End, TimeZone: d.BasePoint.TimeZone}
}

// createBooking books a resource: 201 confirmed or pending, or 409
// over_capacity naming the period that is full.
func (b *bookingAPI) createBooking(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	var in bookingRequestJSON
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	req, err := in.request()
	if err != nil {
		return err
	}
	made, err := b.store.Book(r.Context(), actor, req)
	if err != nil {
		return err
	}
	details, err := b.store.Details(r.Context(), made)
	if err != nil {
		return err
	}
	out := newBookingJSON(details[0])
	if len(made) > 1 {
		for _, m := range made {
			out.Occurrences = append(out.Occurrences, m.ID)
		}
	}
	w.Header().Set("Location", "/api/v1/bookings/"+IDKey(out.ID))
	SetETag(w, out.Version)
	return WriteJSON(w, http.StatusCreated, out)
}

// listBookings pages through the bookings the caller may see: their
// start-ups' and their institutions' base points'.
func (b *bookingAPI) listBookings(w http.ResponseWriter, r *http.Request) error {
	viewer, err := CurrentUser(r)
	if err != nil {
		return err
	}
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	after, err := page.AfterID()
	if err != nil {
		return err
	}
	var f booking.Filter
	if f.ResourceID, err = queryID(r, "resource_id"); err != nil {
		return err
	}
	if f.StartupID, err = queryID(r, "startup_id"); err != nil {
		return err
	}
	if f.BasePointID, err = queryID(r, "basepoint_id"); err != nil {
		return err
	}
	if s := r.URL.Query().Get("status"); s != "" {
		f.Status = booking.Status(s)
		if !validStatus(f.Status) {
			return errs.Field("status", "booking.field.status", nil)
		}
	}
	list, err := b.store.Bookings(r.Context(), viewer, f, after, page.Fetch())
	if err != nil {
		return err
	}
	details, err := b.store.Details(r.Context(), list)
	if err != nil {
		return err
	}
	views := make([]bookingJSON, len(details))
	for i, d := range details {
		views[i] = newBookingJSON(d)
	}
	return WriteJSON(w, http.StatusOK, NewList(views, page, func(v bookingJSON) string { return IDKey(v.ID) }))
}

func validStatus(s booking.Status) bool {
	for _, k := range booking.Statuses {
		if k == s {
			return true
		}
	}
	return false
}

// detail reads the booking of the path for a viewer who may see it.
func (b *bookingAPI) detail(r *http.Request) (booking.Detail, error) {
	viewer, err := CurrentUser(r)
	if err != nil {
		return booking.Detail{}, err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return booking.Detail{}, err
	}
	bk, err := b.store.Booking(r.Context(), viewer, id)
	if err != nil {
		return booking.Detail{}, err
	}
	ds, err := b.store.Details(r.Context(), []*booking.Booking{bk})
	if err != nil {
		return booking.Detail{}, err
	}
	return ds[0], nil
}

// getBooking shows one booking to its start-up and the base point's staff.
func (b *bookingAPI) getBooking(w http.ResponseWriter, r *http.Request) error {
	d, err := b.detail(r)
	if err != nil {
		return err
	}
	SetETag(w, d.Version)
	return WriteJSON(w, http.StatusOK, newBookingJSON(d))
}

// bookingICS answers one booking as an iCalendar file.
func (b *bookingAPI) bookingICS(w http.ResponseWriter, r *http.Request) error {
	d, err := b.detail(r)
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	cal := ical.Calendar{Events: []ical.Event{d.Event(p.Lang, d.Describe(p), "")}}
	w.Header().Set("Content-Type", ical.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="booking-`+strconv.FormatInt(d.ID, 10)+`.ics"`)
	return cal.Write(w)
}

// decide moves a booking through approve, reject, cancel, complete or
// no-show.
func (b *bookingAPI) decide(move func(*booking.Store, context.Context, *auth.User, int64) (*booking.Booking, error)) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		bk, err := move(b.store, r.Context(), actor, id)
		if err != nil {
			return err
		}
		ds, err := b.store.Details(r.Context(), []*booking.Booking{bk})
		if err != nil {
			return err
		}
		SetETag(w, bk.Version)
		return WriteJSON(w, http.StatusOK, newBookingJSON(ds[0]))
	}
}

// newCalendarFeed makes (or remakes) the caller's private calendar feed
// address; the previous one stops working.
func (b *bookingAPI) newCalendarFeed(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	token, err := b.store.NewFeedToken(r.Context(), actor.ID)
	if err != nil {
		return err
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return WriteJSON(w, http.StatusCreated, map[string]string{"url": scheme + "://" + r.Host + "/calendar/" + token})
}
