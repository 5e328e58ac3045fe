package web

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/ical"
)

// bookingsView is "my bookings": the bookings of the viewer's start-ups
// (and, for staff, of their base points), each in the base point's time
// and the viewer's, with what the viewer may do about it.
type bookingsView struct {
	Page
	Title  string
	Queue  bool
	Booked int64
	Done   string
	Rows   []bookingRow
	// FeedURL is shown once, right after a new feed address was made.
	FeedURL string
	HasFeed bool
	// CanQueue links staff to their approval queue.
	CanQueue bool
	// Week is the week view of the bookings, in the viewer's zone.
	Week               []agendaDay
	PrevWeek, NextWeek string
}

// agendaDay is one day of the week view with the bookings starting on it.
type agendaDay struct {
	Label, Weekday string
	Items          []agendaItem
}

// agendaItem is a booking in the week view: its hours in the viewer's
// zone, or AllDay.
type agendaItem struct {
	bookingRow
	Time   string
	AllDay bool
}

// bookingRow is one booking with its times and the viewer's actions.
type bookingRow struct {
	booking.Detail
	When                          span
	CanCancel, CanDecide, CanMark bool
}

const bookingsShown = 500

func (b *bookingPages) myBookings(w http.ResponseWriter, r *http.Request) error {
	user := httpx.From(r).User
	if user == nil {
		return errs.ErrUnauthenticated
	}
	v := &bookingsView{Page: Page{Nav: "bookings"}, Title: "bookings.title", Done: r.URL.Query().Get("done")}
	v.Booked, _ = strconv.ParseInt(r.URL.Query().Get("booked"), 10, 64)
	if err := b.fillBookings(r, v, booking.Filter{}); err != nil {
		return err
	}
	if err := v.weekView(r); err != nil {
		return err
	}
	var err error
	if v.HasFeed, err = b.store.HasFeed(r.Context(), user.ID); err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "bookings", v)
}

// queue is the staff's list of pending bookings at their base points.
func (b *bookingPages) queue(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Can(httpx.From(r).User, auth.ViewBookingQueue, auth.Target{}); err != nil {
		return err
	}
	v := &bookingsView{Page: Page{Nav: "booking_queue"}, Title: "bookings.queue.title", Queue: true, Done: r.URL.Query().Get("done")}
	if err := b.fillBookings(r, v, booking.Filter{Status: booking.Pending}); err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "bookings", v)
}

// fillBookings lists what the viewer may see, soonest first.
func (b *bookingPages) fillBookings(r *http.Request, v *bookingsView, f booking.Filter) error {
	ctx, rq := r.Context(), httpx.From(r)
	list, err := b.store.Bookings(ctx, rq.User, f, 0, bookingsShown)
	if err != nil {
		return err
	}
	details, err := b.store.Details(ctx, list)
	if err != nil {
		return err
	}
	v.CanQueue = auth.Can(rq.User, auth.ViewBookingQueue, auth.Target{}) == nil
	sort.SliceStable(details, func(i, j int) bool { return details[i].Start.Before(details[j].Start) })
	now := time.Now()
	for _, d := range details {
		target := auth.Target{StartupID: d.StartupID, InstitutionID: d.BasePoint.InstitutionID}
		staff := auth.Can(rq.User, auth.DecideBooking, target) == nil
		row := bookingRow{Detail: d, When: showSpan(rq.P, d.Local(), d.BasePoint.Location(), rq.P.Zone, d.Resource.WholeDays)}
		row.CanCancel = d.Status.Holds() && (staff || now.Before(d.Start.Add(-time.Duration(d.Resource.CancelDeadlineMinutes)*time.Minute)))
		row.CanDecide = staff && d.Status == booking.Pending
		row.CanMark = staff && d.Status == booking.Confirmed && !now.Before(d.Start)
		v.Rows = append(v.Rows, row)
	}
	return nil
}

// moves are the actions a booking's buttons post.
var moves = map[string]func(*booking.Store, context.Context, *auth.User, int64) (*booking.Booking, error){
	"approve": (*booking.Store).Approve, "reject": (*booking.Store).Reject, "cancel": (*booking.Store).Cancel,
	"complete": (*booking.Store).Complete, "no_show": (*booking.Store).NoShow,
}

func (b *bookingPages) decide(w http.ResponseWriter, r *http.Request) error {
	move, ok := moves[r.PathValue("action")]
	if !ok {
		return errs.ErrNotFound
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	if _, err := move(b.store, r.Context(), httpx.From(r).User, id); err != nil {
		return err
	}
	back := "/bookings"
	if r.PostFormValue("from") == "queue" {
		back = "/bookings/queue"
	}
	return seeOther(w, r, back+"?done="+r.PathValue("action"))
}

// ics answers one booking as an iCalendar file.
func (b *bookingPages) ics(w http.ResponseWriter, r *http.Request) error {
	rq := httpx.From(r)
	if rq.User == nil {
		return errs.ErrUnauthenticated
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	bk, err := b.store.Booking(r.Context(), rq.User, id)
	if err != nil {
		return err
	}
	ds, err := b.store.Details(r.Context(), []*booking.Booking{bk})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ical.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="booking-`+strconv.FormatInt(id, 10)+`.ics"`)
	return ical.Calendar{Events: []ical.Event{ds[0].Event(rq.P.Lang, ds[0].Describe(rq.P), "")}}.Write(w)
}

// newFeed makes a new private feed address and shows it once.
func (b *bookingPages) newFeed(w http.ResponseWriter, r *http.Request) error {
	user := httpx.From(r).User
	if user == nil {
		return errs.ErrUnauthenticated
	}
	token, err := b.store.NewFeedToken(r.Context(), user.ID)
	if err != nil {
		return err
	}
	v := &bookingsView{Page: Page{Nav: "bookings", Here: "/bookings"}, Title: "bookings.title", HasFeed: true}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	v.FeedURL = scheme + "://" + r.Host + "/calendar/" + token
	if err := b.fillBookings(r, v, booking.Filter{}); err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "bookings", v)
}

// feed serves a user's private calendar: no sign-in, the secret address
// is the key. Bookings from 90 days back on.
func (b *bookingPages) feed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	userID, err := b.store.FeedUser(ctx, r.PathValue("token"))
	if err != nil {
		return err
	}
	user, err := b.svc.Auth.User(ctx, userID)
	if err != nil {
		return err
	}
	list, err := b.store.FeedBookings(ctx, user, time.Now().AddDate(0, 0, -90))
	if err != nil {
		return err
	}
	details, err := b.store.Details(ctx, list)
	if err != nil {
		return err
	}
	p := b.svc.Catalog.Printer(user.Language, user.Location())
	cal := ical.Calendar{Name: p.T("booking.feed.name", "name", user.Name)}
	for _, d := range details {
		cal.Events = append(cal.Events, d.Event(p.Lang, d.Describe(p), ""))
	}
	w.Header().Set("Content-Type", ical.ContentType)
	w.Header().Set("Cache-Control", "private, no-cache")
	return cal.Write(w)
}

// weekView lays the bookings that start in the asked week (this week by
// default) out by day, in the viewer's zone.
func (v *bookingsView) weekView(r *http.Request) error {
	p := httpx.From(r).P
	monday, err := weekOf(r.URL.Query().Get("week"), p.Zone)
	if err != nil {
		return err
	}
	v.PrevWeek, v.NextWeek = monday.AddDate(0, 0, -7).Format(time.DateOnly), monday.AddDate(0, 0, 7).Format(time.DateOnly)
	for i := range 7 {
		d := monday.AddDate(0, 0, i)
		v.Week = append(v.Week, agendaDay{Label: p.Date(d), Weekday: strings.ToLower(d.Weekday().String()[:3])})
	}
	for _, row := range v.Rows {
		local := row.Start.In(p.Zone)
		day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, p.Zone)
		if i := int(day.Sub(monday).Hours()+12) / 24; !day.Before(monday) && i < 7 {
			item := agendaItem{bookingRow: row, AllDay: row.Resource.WholeDays,
				Time: local.Format("15:04") + "–" + row.End.In(p.Zone).Format("15:04")}
			v.Week[i].Items = append(v.Week[i].Items, item)
		}
	}
	return nil
}
