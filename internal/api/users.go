package api

import (
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/auth"
)

// createUser lets an admin create an account with roles.
func createUser(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		// Permission before input: a caller who may not create users learns
		// nothing from having their body checked.
		if err := auth.Can(actor, auth.ManageUsers, auth.Target{}); err != nil {
			return err
		}
		var in auth.NewUser
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		u, err := svc.Auth.CreateUser(r.Context(), actor, in)
		if err != nil {
			return err
		}
		w.Header().Set("Location", "/api/v1/users/"+IDKey(u.ID))
		SetETag(w, u.Version)
		return WriteJSON(w, http.StatusCreated, newUserJSON(actor, u))
	}
}

// listUsers pages through every account, for admins.
func listUsers(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		if err := auth.Can(actor, auth.ManageUsers, auth.Target{}); err != nil {
			return err
		}
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		after, err := page.AfterID()
		if err != nil {
			return err
		}
		users, err := svc.Auth.UserPage(r.Context(), actor, after, page.Fetch())
		if err != nil {
			return err
		}
		views := make([]userJSON, len(users))
		for i, u := range users {
			views[i] = newUserJSON(actor, u)
		}
		return WriteJSON(w, http.StatusOK, NewList(views, page, func(u userJSON) string { return IDKey(u.ID) }))
	}
}

// getUser shows one account to a signed-in caller, cut to what they may see.
func getUser(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		viewer, err := CurrentUser(r)
		if err != nil {
			return err
		}
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		u, err := svc.Auth.User(r.Context(), id)
		if err != nil {
			return err
		}
		if fullView(viewer, u) {
			SetETag(w, u.Version)
		}
		return WriteJSON(w, http.StatusOK, newUserJSON(viewer, u))
	}
}
