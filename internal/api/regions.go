package api

import (
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/partner"
)

// listRegions lists the partner regions, for anyone. They are few and kept
// in display order, so they are paged in memory by code.
func listRegions(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		regions, err := svc.Partners.Regions(r.Context())
		if err != nil {
			return err
		}
		list, err := PageSlice(regions, page, func(rg partner.Region) string { return rg.Code })
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, list)
	}
}
