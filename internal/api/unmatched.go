package api

import (
	"net/http"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// ErrMethodNotAllowed answers a known path asked with a method it does not
// take; the Allow header lists those it does.
var ErrMethodNotAllowed = errs.New(http.StatusMethodNotAllowed, "method_not_allowed", "error.method_not_allowed", nil)

// unmatched answers every /api/ request that no route took, as a problem
// document rather than the mux's plain text: 405 with Allow when the path
// exists with other methods, 404 otherwise. It asks a mux of the same
// patterns, which knows the difference, and never runs its handlers.
func unmatched(routes []httpx.Route) http.Handler {
	known := http.NewServeMux()
	for _, rt := range routes {
		known.Handle(rt.Pattern, http.NotFoundHandler())
	}
	return Handle(func(w http.ResponseWriter, r *http.Request) error {
		h, _ := known.Handler(r)
		rec := newRecorder()
		h.ServeHTTP(rec, r)
		if rec.code() == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", rec.header.Get("Allow"))
			return ErrMethodNotAllowed
		}
		return errs.ErrNotFound
	})
}
