package api

import (
	"net/http"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/directory"
)

// createInvestor adds an investor profile: staff for anyone, an investor
// for themselves.
func (d *directoryAPI) createInvestor(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	if err := auth.Can(actor, auth.CreateInvestor, auth.Target{}); err != nil {
		return err
	}
	var in directory.InvestorInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	iv, err := d.store.CreateInvestor(r.Context(), actor, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/investors/"+IDKey(iv.ID))
	SetETag(w, iv.Version)
	return WriteJSON(w, http.StatusCreated, iv)
}

// listInvestors lists and searches investors by sector, stage and region
// invested in.
func (d *directoryAPI) listInvestors(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := directory.InvestorFilter{Query: q.Get("q"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage")), Region: q.Get("region")}
	items, next, err := d.store.ListInvestors(r.Context(), CurrentViewer(r), f, page.After, page.Limit)
	if err != nil {
		return err
	}
	out := List[*directory.Investor]{Items: items}
	if out.Items == nil {
		out.Items = []*directory.Investor{}
	}
	if next != "" {
		c := EncodeCursor(next)
		out.NextCursor = &c
	}
	return WriteJSON(w, http.StatusOK, out)
}

// getInvestor shows one investor with its ETag.
func (d *directoryAPI) getInvestor(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	iv, err := d.store.Investor(r.Context(), CurrentViewer(r), id)
	if err != nil {
		return err
	}
	SetETag(w, iv.Version)
	return WriteJSON(w, http.StatusOK, iv)
}

// patchInvestor changes the fields the body names, as patchStartup does.
func (d *directoryAPI) patchInvestor(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	current, err := d.store.Investor(r.Context(), actor, id)
	if err != nil {
		return err
	}
	if err := auth.Can(actor, auth.EditInvestor, auth.Target{InvestorID: id}); err != nil {
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
	iv, err := d.store.UpdateInvestor(r.Context(), actor, id, version, in, contest.NewStore(d.svc.DB))
	if err != nil {
		return err
	}
	SetETag(w, iv.Version)
	return WriteJSON(w, http.StatusOK, iv)
}
