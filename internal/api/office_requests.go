package api

import (
	"net/http"
	"strconv"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
	"startbridge/internal/notify"
	"startbridge/internal/office"
)

// createRequest submits a start-up's request for office support.
func (o *officeAPI) createRequest(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	var in office.RequestInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	got, err := o.store.CreateRequest(r.Context(), actor, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/office-requests/"+IDKey(got.ID))
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusCreated, got)
}

// listRequests pages through the requests the caller may see: all for
// staff, their own start-ups' for founders.
func (o *officeAPI) listRequests(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
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
	q := r.URL.Query()
	var f office.RequestFilter
	var v errs.Invalid
	for name, dst := range map[string]*int64{"startup_id": &f.StartupID, "office_id": &f.OfficeID} {
		if s := q.Get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				v.Add(name, "field.integer", nil)
			}
			*dst = n
		}
	}
	if s := q.Get("status"); s != "" {
		f.Status = office.Status(s)
		if !validRequestStatus(f.Status) {
			v.Add("status", "office.field.status", nil)
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	items, err := o.store.Requests(r.Context(), actor, f, after, page.Fetch())
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, NewList(items, page, func(x *office.Request) string { return IDKey(x.ID) }))
}

func validRequestStatus(s office.Status) bool {
	for _, k := range office.Statuses {
		if k == s {
			return true
		}
	}
	return false
}

// getRequest shows one request to its start-up and to staff; to anyone
// else it does not exist.
func (o *officeAPI) getRequest(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	got, err := o.store.Request(r.Context(), actor, id)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}

// patchRequest shortens a stay or gives back desks, at the version If-Match
// names; what is freed goes to the waitlist at once.
func (o *officeAPI) patchRequest(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := o.store.Request(r.Context(), actor, id); err != nil {
		return err
	}
	version, err := IfMatch(r)
	if err != nil {
		return err
	}
	var c office.Change
	if err := Decode(w, r, &c); err != nil {
		return err
	}
	got, err := o.store.Shorten(r.Context(), actor, id, version, c)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}

// review marks a submitted request as under review.
func (o *officeAPI) review(w http.ResponseWriter, r *http.Request) error {
	return o.act(w, r, func(id int64) (*office.Request, error) {
		actor, _ := CurrentUser(r)
		return o.store.Review(r.Context(), actor, id)
	})
}

// decide approves (into an office, or onto its waitlist) or rejects.
func (o *officeAPI) decide(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := o.store.Request(r.Context(), actor, id); err != nil {
		return err
	}
	var d office.Decision
	if err := Decode(w, r, &d); err != nil {
		return err
	}
	got, err := o.store.Decide(r.Context(), actor, id, d)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}

// cancel ends a request and promotes the waitlist into what it frees.
func (o *officeAPI) cancel(w http.ResponseWriter, r *http.Request) error {
	return o.act(w, r, func(id int64) (*office.Request, error) {
		actor, _ := CurrentUser(r)
		return o.store.Cancel(r.Context(), actor, id)
	})
}

func (o *officeAPI) act(w http.ResponseWriter, r *http.Request, fn func(id int64) (*office.Request, error)) error {
	if _, err := CurrentUser(r); err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	got, err := fn(id)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}

// RecommendationText is a demand recommendation as a sentence in p's
// language.
func RecommendationText(p *i18n.Printer, rec office.Recommendation) string {
	args := []any{"city", rec.City.In(p.Lang)}
	for k, v := range rec.Args {
		args = append(args, k, v)
	}
	return p.T(rec.Key, args...)
}

// notificationJSON is a notification with its message in the caller's
// language.
type notificationJSON struct {
	Message string `json:"message"`
	notify.Notification
}

// listNotifications pages through the caller's notifications, newest
// first, each written in the caller's language.
func (o *officeAPI) listNotifications(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	before, err := page.AfterID()
	if err != nil {
		return err
	}
	items, err := o.notes.List(r.Context(), actor.ID, before, page.Fetch())
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	views := make([]notificationJSON, len(items))
	for i, n := range items {
		views[i] = notificationJSON{Message: p.T(n.Key, n.Flat()...), Notification: n}
	}
	return WriteJSON(w, http.StatusOK, NewList(views, page, func(n notificationJSON) string { return IDKey(n.ID) }))
}

// readNotification marks one of the caller's notifications read.
func (o *officeAPI) readNotification(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	if err := o.notes.MarkRead(r.Context(), actor.ID, id); err != nil {
		return err
	}
	return NoContent(w)
}
