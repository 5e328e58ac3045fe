package web

import (
	"net/http"
	"net/url"
	"strconv"

	"startbridge/internal/httpx"
)

// searchView is the platform-wide search: institutions, overseas offices,
// resources, investors and start-ups whose names or descriptions hold
// every word.
type searchView struct {
	Page
	Query string
	Hits  []searchHit
	Next  string
}

// searchHit is one result, with the page it links to.
type searchHit struct {
	Type, Title, Snippet, Link string
}

func (d *dirPages) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := &searchView{Page: Page{Nav: "startups"}, Query: q.Get("q")}
	if v.Query != "" {
		hits, next, err := d.store.Search(r.Context(), viewer(r), v.Query, q.Get("cursor"), startupsPageSize)
		if err != nil {
			return err
		}
		lang := httpx.From(r).P.Lang
		for _, h := range hits {
			link := map[string]string{"institution": "/institutions/", "office": "/offices/", "resource": "/resources/",
				"investor": "/investors/", "startup": "/startups/"}[h.Type] +
				strconv.FormatInt(h.ID, 10)
			v.Hits = append(v.Hits, searchHit{Type: h.Type, Title: h.Title.In(lang), Snippet: h.Snippet.In(lang), Link: link})
		}
		if next != "" {
			v.Next = "/search?" + url.Values{"q": {v.Query}, "cursor": {next}}.Encode()
		}
	}
	return d.render(w, r, http.StatusOK, "search", v)
}
