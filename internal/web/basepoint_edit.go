package web

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"startbridge/internal/booking"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// The edit pages of base points and resources save the whole form at the
// version it was read at. The store refuses what the bookings already held
// would not fit — a capacity below what some instant holds, steps or
// opening hours a booking falls outside of — and the form comes back with
// the period or the bookings named. The version read stays in the form, so
// a stale one is refused again until the page is loaded anew.

// basePointEditView is the form of the base point in the path.
func (b *bookingPages) basePointEditView(r *http.Request) (*basePointFormView, error) {
	bp, err := b.basePointOf(r)
	if err != nil {
		return nil, err
	}
	return b.newBasePointView(r, bp)
}

func (b *bookingPages) basePointEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := b.basePointEditView(r)
	if err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "basepoint_form", v)
}

func (b *bookingPages) updateBasePoint(w http.ResponseWriter, r *http.Request) error {
	v, err := b.basePointEditView(r)
	if err != nil {
		return err
	}
	bp := v.BasePoint
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := v.read(r)
	var inv errs.Invalid
	v.Version = r.PostFormValue("version")
	version := int(formInt(&inv, "version", v.Version))
	err = inv.OrNil()
	if err == nil {
		if _, err = b.store.UpdateBasePoint(r.Context(), httpx.From(r).User, bp.ID, version, in); err == nil {
			return seeOther(w, r, fmt.Sprintf("/basepoints?saved=basepoint#bp-%d", bp.ID))
		}
	}
	v.Affected = affectedBookings(err, bp.Location())
	return &formError{err: err, page: "basepoint_form", view: v, form: &v.Form, rename: renameHours}
}

// resourceEditView is the form of the resource in the path.
func (b *bookingPages) resourceEditView(r *http.Request) (*resourceFormView, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	res, err := b.store.Resource(r.Context(), id)
	if err != nil {
		return nil, err
	}
	bp, err := b.store.BasePoint(r.Context(), res.BasePointID)
	if err != nil {
		return nil, err
	}
	return b.newResourceFormView(r, bp, res)
}

func (b *bookingPages) resourceEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := b.resourceEditView(r)
	if err != nil {
		return err
	}
	return b.render(w, r, http.StatusOK, "resource_form", v)
}

func (b *bookingPages) updateResource(w http.ResponseWriter, r *http.Request) error {
	v, err := b.resourceEditView(r)
	if err != nil {
		return err
	}
	res := v.Resource
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, inv := v.read(r)
	v.Version = r.PostFormValue("version")
	version := int(formInt(inv, "version", v.Version))
	err = inv.OrNil()
	if err == nil {
		if _, err = b.store.UpdateResource(r.Context(), httpx.From(r).User, res.ID, version, in); err == nil {
			return seeOther(w, r, fmt.Sprintf("/resources/%d?saved=1", res.ID))
		}
	}
	v.Affected = affectedBookings(err, v.BasePoint.Location())
	return &formError{err: err, page: "resource_form", view: v, form: &v.Form, rename: renameResourceField}
}

// affected lists, under a refused edit, the bookings held that the edit
// would no longer fit, each linked to its week on the resource's page, in
// the base point's time zone; More counts those beyond the list.
type affected struct {
	List []affectedBooking
	More int
}

type affectedBooking struct {
	ResourceID int64
	Week       string
	Start, End string
	Startup    text.Text
}

// affectedBookings reads the bookings a refusal names (booking's
// bookings_affected), or nothing for any other outcome.
func affectedBookings(err error, loc *time.Location) affected {
	var c *errs.Coded
	if !errors.As(err, &c) || c.Extra == nil {
		return affected{}
	}
	list, _ := c.Extra["affected"].([]booking.Affected)
	total, _ := c.Extra["affected_count"].(int)
	out := affected{More: max(total-len(list), 0)}
	for _, a := range list {
		start, end := a.Start.In(loc), a.End.In(loc)
		out.List = append(out.List, affectedBooking{ResourceID: a.ResourceID, Week: start.Format(time.DateOnly),
			Start: start.Format("2006-01-02 15:04"), End: end.Format("2006-01-02 15:04"), Startup: a.StartupName})
	}
	return out
}
