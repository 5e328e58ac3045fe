package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"startbridge/internal/app"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// tokenRequest is the body of POST /auth/token.
type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	// Name labels the token in the user's list of tokens, such as "ci".
	Name string `json:"name"`
}

// maxTokenNameLength bounds a token's label.
const maxTokenNameLength = 100

// issueToken exchanges an email and password for a bearer token. Failures
// are counted by auth.Authenticate, which answers 429 after too many.
func issueToken(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var in tokenRequest
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		var v errs.Invalid
		if strings.TrimSpace(in.Email) == "" {
			v.Add("email", "field.required", nil)
		}
		if in.Password == "" {
			v.Add("password", "field.required", nil)
		}
		if utf8.RuneCountInString(in.Name) > maxTokenNameLength {
			v.Add("name", "field.too_long", map[string]any{"max": maxTokenNameLength})
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		u, err := svc.Auth.Authenticate(r.Context(), in.Email, in.Password, httpx.From(r).ClientIP)
		if err != nil {
			return err
		}
		name := strings.TrimSpace(in.Name)
		if name == "" {
			name = "api"
		}
		token, err := svc.Auth.IssueToken(r.Context(), u.ID, name)
		if err != nil {
			return err
		}
		// A secret must not linger in a cache between the server and the client.
		w.Header().Set("Cache-Control", "no-store")
		return WriteJSON(w, http.StatusOK, map[string]any{"token": token, "user": newUserJSON(u, u)})
	}
}

// revokeToken revokes the bearer token the request came with, so a client
// can sign out; a browser session has no token to revoke here.
func revokeToken(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token := httpx.From(r).BearerToken
		if token == "" {
			return errs.ErrUnauthenticated
		}
		if err := svc.Auth.RevokePresentedToken(r.Context(), token); err != nil {
			return err
		}
		return NoContent(w)
	}
}
