package web

import (
	"encoding/json"
	"net/http"
	"time"

	"startbridge/internal/httpx"
)

// exportData downloads everything the platform keeps about the signed-in
// person, as the same JSON the API gives.
func (s *site) exportData(w http.ResponseWriter, r *http.Request) error {
	u, err := signedIn(r)
	if err != nil {
		return err
	}
	data, err := s.svc.Auth.ExportPersonalData(r.Context(), u, u.ID)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="startbridge-personal-data-`+time.Now().UTC().Format("2006-01-02")+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
	return nil
}

// deleteAccount closes the signed-in person's account after they confirm
// with their password, and signs the browser out.
func (s *site) deleteAccount(w http.ResponseWriter, r *http.Request) error {
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
	if err := s.svc.Auth.DeleteAccount(r.Context(), u, u.ID, r.PostFormValue("password")); err != nil {
		return reshow(err, "profile", v, &v.Deletion)
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.svc.SecureCookies, SameSite: http.SameSiteLaxMode})
	return seeOther(w, r, "/?deleted=1")
}
