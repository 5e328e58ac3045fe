// Package web serves the HTML pages.
package web

import (
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/httpx"
)

// Routes lists every page of the site.
func Routes(svc *app.Services) ([]httpx.Route, error) {
	return []httpx.Route{
		{Pattern: "GET /{$}", Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(httpx.From(r).P.T("app.tagline")))
		})},
	}, nil
}
