package api

import (
	"net/http"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
)

// startupList is the answer of GET /startups: the contract's list with the
// facet counts of the whole result.
type startupList struct {
	List[*directory.Startup]
	Facets directory.Facets `json:"facets"`
	// FacetsPartial says the facets count only the newest
	// directory.SearchWindow matches of a broad search.
	FacetsPartial bool `json:"facets_partial"`
}

// createStartup registers a start-up: a founder's own, who joins its team,
// or one staff enter for others.
func (d *directoryAPI) createStartup(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	if err := auth.Can(actor, auth.CreateStartup, auth.Target{}); err != nil {
		return err
	}
	var in directory.StartupInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	st, err := d.store.CreateStartup(r.Context(), actor, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/startups/"+IDKey(st.ID))
	SetETag(w, st.Version)
	return WriteJSON(w, http.StatusCreated, st)
}

// listStartups lists and searches the directory with filters and facets.
func (d *directoryAPI) listStartups(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := directory.Filter{Query: q.Get("q"), Region: q.Get("region"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage"))}
	res, err := d.store.ListStartups(r.Context(), CurrentViewer(r), f, page.After, page.Limit)
	if err != nil {
		return err
	}
	out := startupList{List: List[*directory.Startup]{Items: res.Items}, Facets: res.Facets, FacetsPartial: res.FacetsPartial}
	if out.Items == nil {
		out.Items = []*directory.Startup{}
	}
	if res.Next != "" {
		c := EncodeCursor(res.Next)
		out.NextCursor = &c
	}
	return WriteJSON(w, http.StatusOK, out)
}

// getStartup shows one start-up with its ETag; a partners-only profile is a
// 404 for those who may not see it.
func (d *directoryAPI) getStartup(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	st, err := d.store.Startup(r.Context(), CurrentViewer(r), id)
	if err != nil {
		return err
	}
	SetETag(w, st.Version)
	return WriteJSON(w, http.StatusOK, st)
}

// patchStartup changes the fields the body names and keeps the others: the
// body is decoded onto the current profile, which is then saved whole if it
// is still at the version of If-Match.
func (d *directoryAPI) patchStartup(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	current, err := d.store.Startup(r.Context(), actor, id)
	if err != nil {
		return err
	}
	if err := auth.Can(actor, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return err
	}
	version, err := IfMatch(r)
	if err != nil {
		return err
	}
	in := current.Input()
	body, err := ReadBody(w, r)
	if err != nil {
		return err
	}
	if err := DecodeBytes(body, &in); err != nil {
		return err
	}
	st, err := d.store.UpdateStartup(r.Context(), actor, id, version, in)
	if err != nil {
		return err
	}
	SetETag(w, st.Version)
	return WriteJSON(w, http.StatusOK, st)
}

// CurrentViewer is the signed-in caller or nil for a visitor, for the
// resources visitors may read too.
func CurrentViewer(r *http.Request) *auth.User {
	u, _ := CurrentUser(r)
	return u
}

// listSectors lists the sector taxonomy, for anyone.
func (d *directoryAPI) listSectors(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	sectors, err := d.store.Sectors(r.Context())
	if err != nil {
		return err
	}
	list, err := PageSlice(sectors, page, func(s directory.Sector) string { return s.Code })
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, list)
}
