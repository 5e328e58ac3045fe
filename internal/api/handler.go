package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// HandlerFunc is an API handler: it writes its answer on success and
// returns an error otherwise, which Handle writes as a problem document.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts h to an http.Handler. Every API error goes through this one
// place, so statuses, codes and translations stay the same across resources.
func Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			httpx.WriteProblem(w, r, err)
		}
	})
}

// WriteJSON answers with v as JSON. It encodes into a buffer first, so a
// value that cannot be encoded becomes an error to report instead of half a
// response.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	// A failed write means the client went away; there is nobody to tell.
	w.Write(buf.Bytes())
	return nil
}

// NoContent answers 204 with no body.
func NoContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// CurrentUser returns the signed-in caller, or ErrUnauthenticated (401).
func CurrentUser(r *http.Request) (*auth.User, error) {
	if u := httpx.From(r).User; u != nil {
		return u, nil
	}
	return nil, errs.ErrUnauthenticated
}

// PathID reads the integer path value name. Anything that is not a positive
// id cannot name an object, so it is a 404 like an id that does not exist.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: %w", name, r.PathValue(name), errs.ErrNotFound)
	}
	return id, nil
}
