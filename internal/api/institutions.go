package api

import (
	"errors"
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/errs"
	"startbridge/internal/partner"
)

// listInstitutions pages through the partner institutions, for anyone,
// optionally of one region (?region=gyeonggi).
func listInstitutions(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		after, err := page.AfterID()
		if err != nil {
			return err
		}
		region := r.URL.Query().Get("region")
		if region != "" {
			// An unknown region is a mistake to point out, not an empty list.
			_, err := svc.Partners.Region(r.Context(), region)
			if errors.Is(err, errs.ErrNotFound) {
				return errs.Field("region", "field.region", nil)
			}
			if err != nil {
				return err
			}
		}
		items, err := svc.Partners.InstitutionPage(r.Context(), region, after, page.Fetch())
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, NewList(items, page, func(in partner.Institution) string { return IDKey(in.ID) }))
	}
}

// getInstitution shows one institution, for anyone.
func getInstitution(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		in, err := svc.Partners.Institution(r.Context(), id)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, in)
	}
}
