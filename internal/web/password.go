package web

import (
	"net/http"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

func (s *site) changePassword(w http.ResponseWriter, r *http.Request) error {
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
	current, next := r.PostFormValue("current_password"), r.PostFormValue("new_password")
	if next != "" && next != r.PostFormValue("new_password_confirm") {
		return reshow(errs.Field("new_password_confirm", "field.password_mismatch", nil), "profile", v, &v.Password)
	}
	if err := s.svc.Auth.ChangePassword(r.Context(), u, current, next, httpx.From(r).SessionToken); err != nil {
		return reshow(err, "profile", v, &v.Password)
	}
	return seeOther(w, r, "/profile?password=changed#password")
}
