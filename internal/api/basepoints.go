package api

import (
	"net/http"

	"startbridge/internal/booking"
)

// createBasePoint opens a base point for the caller's institution.
func (b *bookingAPI) createBasePoint(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	var in booking.BasePointInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	bp, err := b.store.CreateBasePoint(r.Context(), actor, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/basepoints/"+IDKey(bp.ID))
	SetETag(w, bp.Version)
	return WriteJSON(w, http.StatusCreated, bp)
}

// listBasePoints pages through the base points of every region, or of one
// (?region=); the catalogue is public.
func (b *bookingAPI) listBasePoints(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	after, err := page.AfterID()
	if err != nil {
		return err
	}
	list, err := b.store.BasePoints(r.Context(), r.URL.Query().Get("region"), after, page.Fetch())
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, NewList(list, page, func(bp *booking.BasePoint) string { return IDKey(bp.ID) }))
}

// getBasePoint shows one base point.
func (b *bookingAPI) getBasePoint(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	bp, err := b.store.BasePoint(r.Context(), id)
	if err != nil {
		return err
	}
	SetETag(w, bp.Version)
	return WriteJSON(w, http.StatusOK, bp)
}

// patchBasePoint changes a base point at the version If-Match names; the
// members given replace the base point's (opening_hours the whole week).
// Hours or a zone that bookings already held would not fit are refused
// with 409 bookings_affected, listing them.
func (b *bookingAPI) patchBasePoint(w http.ResponseWriter, r *http.Request) error {
	actor, id, version, err := editTarget(r)
	if err != nil {
		return err
	}
	cur, err := b.store.BasePoint(r.Context(), id)
	if err != nil {
		return err
	}
	in := cur.Input()
	in.OpeningHours = nil
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	if in.OpeningHours == nil {
		in.OpeningHours = cur.OpeningHours
	}
	got, err := b.store.UpdateBasePoint(r.Context(), actor, id, version, in)
	if err != nil {
		return err
	}
	SetETag(w, got.Version)
	return WriteJSON(w, http.StatusOK, got)
}
