package api

import (
	"fmt"
	"net/http"
	"strconv"

	"startbridge/internal/app"
	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// The contest's API (SPEC §3.2, API-CONTRACT "Contest"). Handlers parse,
// call the contest store, which checks who may, and answer.

func contests(svc *app.Services) *contest.Store { return contest.NewStore(svc.DB) }

// roundNumber reads the {n} path value; anything but a positive number
// names no round.
func roundNumber(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("round %q: %w", r.PathValue("n"), errs.ErrNotFound)
	}
	return n, nil
}

func createContest(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		var in contest.NewContest
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		c, err := contests(svc).Create(r.Context(), actor, in)
		if err != nil {
			return err
		}
		w.Header().Set("Location", "/api/v1/contests/"+IDKey(c.ID))
		SetETag(w, c.Version)
		return WriteJSON(w, http.StatusCreated, c)
	}
}

func listContests(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		all, err := contests(svc).List(r.Context())
		if err != nil {
			return err
		}
		list, err := PageSlice(all, page, func(c *contest.Contest) string { return IDKey(c.ID) })
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, list)
	}
}

func getContest(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		c, err := contests(svc).Get(r.Context(), id)
		if err != nil {
			return err
		}
		SetETag(w, c.Version)
		return WriteJSON(w, http.StatusOK, c)
	}
}

func createApplication(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		var in contest.ApplicationInput
		if err := Decode(w, r, &in); err != nil {
			return err
		}
		a, err := contests(svc).CreateApplication(r.Context(), actor, id, in)
		if err != nil {
			return err
		}
		w.Header().Set("Location", fmt.Sprintf("/api/v1/contests/%d/applications/%d", id, a.ID))
		SetETag(w, a.Version)
		return WriteJSON(w, http.StatusCreated, a)
	}
}

// applicationIn reads {id} and {aid} and loads the application, which must
// belong to that contest.
func applicationIn(svc *app.Services, r *http.Request) (*contest.Application, error) {
	actor, err := CurrentUser(r)
	if err != nil {
		return nil, err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return nil, err
	}
	aid, err := PathID(r, "aid")
	if err != nil {
		return nil, err
	}
	a, err := contests(svc).Application(r.Context(), actor, aid)
	if err != nil {
		return nil, err
	}
	if a.ContestID != id {
		return nil, fmt.Errorf("application %d: %w", aid, errs.ErrNotFound)
	}
	return a, nil
}

func listApplications(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, err := CurrentUser(r)
		if err != nil {
			return err
		}
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		page, err := ParsePage(r)
		if err != nil {
			return err
		}
		all, err := contests(svc).Applications(r.Context(), actor, id)
		if err != nil {
			return err
		}
		list, err := PageSlice(all, page, func(a *contest.Application) string { return IDKey(a.ID) })
		if err != nil {
			return err
		}
		return WriteJSON(w, http.StatusOK, list)
	}
}

func getApplication(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, err := applicationIn(svc, r)
		if err != nil {
			return err
		}
		SetETag(w, a.Version)
		return WriteJSON(w, http.StatusOK, a)
	}
}

func patchApplication(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, err := applicationIn(svc, r)
		if err != nil {
			return err
		}
		in := contest.ApplicationInput{StartupID: a.StartupID, Pitch: a.Pitch, Languages: a.Languages}
		var patch struct {
			Pitch     *string   `json:"pitch"`
			Languages *[]string `json:"languages"`
		}
		if err := Decode(w, r, &patch); err != nil {
			return err
		}
		if v, err := IfMatch(r); err != nil {
			return err
		} else if v != 0 && v != a.Version {
			return errs.ErrStale
		}
		setIfGiven(&in.Pitch, patch.Pitch)
		setIfGiven(&in.Languages, patch.Languages)
		a, err = contests(svc).UpdateApplication(r.Context(), httpx.From(r).User, a.ID, in)
		if err != nil {
			return err
		}
		SetETag(w, a.Version)
		return WriteJSON(w, http.StatusOK, a)
	}
}

// applicationAction runs submit or withdraw.
func applicationAction(svc *app.Services, submit bool) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, err := applicationIn(svc, r)
		if err != nil {
			return err
		}
		store, actor := contests(svc), httpx.From(r).User
		if submit {
			a, err = store.Submit(r.Context(), actor, a.ID)
		} else {
			a, err = store.Withdraw(r.Context(), actor, a.ID)
		}
		if err != nil {
			return err
		}
		SetETag(w, a.Version)
		return WriteJSON(w, http.StatusOK, a)
	}
}

func getFeedback(svc *app.Services) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		a, err := applicationIn(svc, r)
		if err != nil {
			return err
		}
		fb, err := contests(svc).FeedbackFor(r.Context(), httpx.From(r).User, a.ID)
		if err != nil {
			return err
		}
		if fb == nil {
			fb = []contest.Feedback{}
		}
		return WriteJSON(w, http.StatusOK, map[string]any{"items": fb, "next_cursor": nil})
	}
}
