package web

import (
	"fmt"
	"net/http"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// errMethodNotAllowed is a known page asked with a method it does not take.
var errMethodNotAllowed = errs.New(http.StatusMethodNotAllowed, "method_not_allowed", "error.method_not_allowed", nil)

// unmatched answers every request no page took with a translated page
// instead of the mux's plain text: 405 with Allow when the path exists with
// other methods, 404 otherwise. It asks a mux of the same patterns, which
// knows the difference, and never runs that mux's handlers.
func (s *site) unmatched(routes []httpx.Route) http.Handler {
	known := http.NewServeMux()
	for _, rt := range routes {
		known.Handle(rt.Pattern, http.NotFoundHandler())
	}
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		h, _ := known.Handler(r)
		rec := &statusRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if rec.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", rec.header.Get("Allow"))
			return errMethodNotAllowed
		}
		return fmt.Errorf("page %q: %w", r.URL.Path, errs.ErrNotFound)
	})
}

// statusRecorder keeps the status and headers a handler wrote and drops
// its body.
type statusRecorder struct {
	header http.Header
	status int
}

func (r *statusRecorder) Header() http.Header { return r.header }

func (r *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}
