package api

import (
	"net/http"
	"time"

	"startbridge/internal/app"
)

// exportMe answers all of the caller's personal data as a JSON download.
func exportMe(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := CurrentUser(r)
		if err != nil {
			return err
		}
		data, err := svc.Auth.ExportPersonalData(r.Context(), u, u.ID)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Disposition", `attachment; filename="startbridge-personal-data-`+time.Now().UTC().Format("2006-01-02")+`.json"`)
		w.Header().Set("Cache-Control", "no-store")
		return WriteJSON(w, http.StatusOK, data)
	}
}

// deletion is the body of DELETE /me: the password confirms it is really
// the person asking.
type deletion struct {
	Password string `json:"password"`
}

// deleteMe erases the caller's personal data and closes the account.
func deleteMe(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := CurrentUser(r)
		if err != nil {
			return err
		}
		var in deletion
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		if err := svc.Auth.DeleteAccount(r.Context(), u, u.ID, in.Password); err != nil {
			return err
		}
		return NoContent(w)
	}
}
