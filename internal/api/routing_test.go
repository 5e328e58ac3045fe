package api_test

import (
	"net/http"
	"testing"

	"startbridge/internal/testserver"
)

func TestUnknownPathsAndWrongMethodsAreProblems(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		tests := []struct {
			method, path string
			status       int
			code         string
			allow        string
		}{
			{"GET", "/api/v1/nothing-here", http.StatusNotFound, "not_found", ""},
			{"GET", "/api/v2/regions", http.StatusNotFound, "not_found", ""},
			{"POST", "/api/v1/regions", http.StatusMethodNotAllowed, "method_not_allowed", "GET, HEAD"},
			{"PUT", "/api/v1/me", http.StatusMethodNotAllowed, "method_not_allowed", "DELETE, GET, HEAD, PATCH"},
			{"DELETE", "/api/v1/users/1", http.StatusMethodNotAllowed, "method_not_allowed", "GET, HEAD"},
			{"GET", "/api/v1/institutions/abc", http.StatusNotFound, "not_found", ""},
			{"GET", "/api/v1/institutions/999999", http.StatusNotFound, "not_found", ""},
		}
		for _, tt := range tests {
			a := do(t, ts, call{method: tt.method, path: tt.path})
			if a.status != tt.status {
				t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, a.status, tt.status)
				continue
			}
			if p := a.problem(t); p.Code != tt.code {
				t.Errorf("%s %s: code %q, want %q", tt.method, tt.path, p.Code, tt.code)
			}
			if got := a.header.Get("Allow"); got != tt.allow {
				t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
			}
		}
	})
}
