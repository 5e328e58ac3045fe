package api

import (
	"fmt"
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/notify"
)

// getMe answers the caller's own account, with its ETag for a later PATCH.
func getMe(w http.ResponseWriter, r *http.Request) error {
	u, err := CurrentUser(r)
	if err != nil {
		return err
	}
	SetETag(w, u.Version)
	return WriteJSON(w, http.StatusOK, newUserJSON(u, u))
}

// profilePatch is the body of PATCH /me; members left out keep their value.
type profilePatch struct {
	Name               *string `json:"name"`
	Language           *string `json:"language"`
	TimeZone           *string `json:"time_zone"`
	ConsentCrossBorder *bool   `json:"consent_cross_border"`
}

// patchMe changes the caller's own settings, only from the version the
// client read (If-Match).
func patchMe(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := CurrentUser(r)
		if err != nil {
			return err
		}
		version, err := IfMatch(r)
		if err != nil {
			return err
		}
		var in profilePatch
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		// The patch is applied to u, loaded for this request; it must be the
		// version the client read, or the members it left out could undo
		// someone else's change. The store checks the version again as it
		// writes.
		if u.Version != version {
			return fmt.Errorf("me: %w", errs.ErrStale)
		}
		p := auth.Profile{Name: u.Name, Language: u.Language, TimeZone: u.TimeZone, ConsentCrossBorder: u.ConsentCrossBorder}
		setIfGiven(&p.Name, in.Name)
		setIfGiven(&p.Language, in.Language)
		setIfGiven(&p.TimeZone, in.TimeZone)
		setIfGiven(&p.ConsentCrossBorder, in.ConsentCrossBorder)
		updated, err := svc.Auth.UpdateProfile(r.Context(), u, u.ID, version, p)
		if err != nil {
			return err
		}
		SetETag(w, updated.Version)
		return WriteJSON(w, http.StatusOK, newUserJSON(updated, updated))
	}
}

// setIfGiven copies a PATCH member that was present.
func setIfGiven[T any](dst *T, given *T) {
	if given != nil {
		*dst = *given
	}
}

// emailPreferences is which topics of notifications come by email too.
type emailPreferences struct {
	Email map[string]bool `json:"email"`
}

// getNotificationPreferences answers which topics the caller has by email.
func getNotificationPreferences(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := CurrentUser(r)
		if err != nil {
			return err
		}
		prefs, err := notify.NewStore(svc.DB).EmailPreferences(r.Context(), u.ID)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, emailPreferences{Email: prefs})
	}
}

// putNotificationPreferences sets the topics given; others stay as they are.
func putNotificationPreferences(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := CurrentUser(r)
		if err != nil {
			return err
		}
		var in emailPreferences
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		store := notify.NewStore(svc.DB)
		if err := store.SetEmailPreferences(r.Context(), u.ID, in.Email); err != nil {
			return err
		}
		prefs, err := store.EmailPreferences(r.Context(), u.ID)
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, emailPreferences{Email: prefs})
	}
}
