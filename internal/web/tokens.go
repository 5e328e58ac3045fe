package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"startbridge/internal/errs"
)

// maxTokenName bounds a token's name, which only its owner reads.
const maxTokenName = 100

// createToken issues an API token and shows it on this response only: it is
// stored hashed, so no later page can show it again.
func (s *site) createToken(w http.ResponseWriter, r *http.Request) error {
	u, err := signedIn(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.newProfileView(r, u)
	if err != nil {
		return err
	}
	v.TokenName = strings.TrimSpace(r.PostFormValue("token_name"))
	switch {
	case v.TokenName == "":
		return reshow(errs.Field("token_name", "field.required", nil), "profile", v, &v.TokenForm)
	case utf8.RuneCountInString(v.TokenName) > maxTokenName:
		return reshow(errs.Field("token_name", "field.too_long", map[string]any{"max": maxTokenName}), "profile", v, &v.TokenForm)
	}
	if v.NewToken, err = s.svc.Auth.IssueToken(r.Context(), u.ID, v.TokenName); err != nil {
		return err
	}
	if v.Tokens, err = s.svc.Auth.Tokens(r.Context(), u.ID); err != nil {
		return err
	}
	v.TokenName = ""
	return s.render(w, r, http.StatusCreated, "profile", v)
}

func (s *site) revokeToken(w http.ResponseWriter, r *http.Request) error {
	u, err := signedIn(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("token %q: %w", r.PathValue("id"), errs.ErrNotFound)
	}
	if err := s.svc.Auth.RevokeToken(r.Context(), u.ID, id); err != nil {
		return err
	}
	return seeOther(w, r, "/profile#tokens")
}
