// Package api serves the JSON API under /api/v1/.
package api

import (
	"encoding/json"
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/httpx"
)

// Routes lists every endpoint of the API.
func Routes(svc *app.Services) ([]httpx.Route, error) {
	return []httpx.Route{
		{Pattern: "GET /api/v1/regions", Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			regions, err := svc.Partners.Regions(r.Context())
			if err != nil {
				httpx.WriteProblem(w, r, err)
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"items": regions, "next_cursor": nil})
		})},
	}, nil
}
