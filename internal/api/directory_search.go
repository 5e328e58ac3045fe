package api

import (
	"net/http"

	"startbridge/internal/httpx"
)

// hitJSON is one result of GET /search, in the caller's language.
type hitJSON struct {
	Type    string `json:"type"`
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}

// search finds institutions, overseas offices, resources, investors and
// start-ups by any word of their names or descriptions, in any of the
// three languages.
func (d *directoryAPI) search(w http.ResponseWriter, r *http.Request) error {
	page, err := ParsePage(r)
	if err != nil {
		return err
	}
	hits, next, err := d.store.Search(r.Context(), CurrentViewer(r), r.URL.Query().Get("q"), page.After, page.Limit)
	if err != nil {
		return err
	}
	lang := httpx.From(r).P.Lang
	out := List[hitJSON]{Items: make([]hitJSON, len(hits))}
	for i, h := range hits {
		out.Items[i] = hitJSON{Type: h.Type, ID: h.ID, Title: h.Title.In(lang), Snippet: h.Snippet.In(lang)}
	}
	if next != "" {
		c := EncodeCursor(next)
		out.NextCursor = &c
	}
	return WriteJSON(w, http.StatusOK, out)
}
