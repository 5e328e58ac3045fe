package web

import (
	"net/http"
	"net/url"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
)

// startupsPageSize is how many start-ups one page of the directory shows.
const startupsPageSize = 20

// startupsView is the directory: the search box and filters, the facet
// counts beside the results, and links to the next page.
type startupsView struct {
	Page
	Query, Region, Sector, Stage string
	Regions, Sectors, Stages     []option
	Facets                       []facetGroup
	FacetsPartial                bool
	Items                        []startupCard
	Next, First                  string
	// Filtered is true when a query or filter narrows the list.
	Filtered bool
	// CanImport shows the staff's import and export links.
	CanImport   bool
	ExportQuery string
	CanCreate   bool
	HasOwn      bool
	Searched    bool
	Window      int
	// Imported is how many start-ups an import just stored, for its notice.
	Imported string
}

// facetGroup is one dimension's counts, each a link that sets the filter.
type facetGroup struct {
	Name, Label string
	Values      []facetValue
	// Clear is the link without this dimension's filter; "" when unset.
	Clear string
}

type facetValue struct {
	Label string
	// Count is the number as the page's language writes it.
	Count   string
	Link    string
	Current bool
}

// startupCard is one start-up in a list, its words already in the page's
// language: a directory page shows twenty, and each function the template
// calls per card is a reflective call (half the CPU of a cached page,
// bench/directory.md).
type startupCard struct {
	ID          int64
	Name        string
	OtherNames  []otherName
	Region      string
	RegionName  string
	City        string
	StageName   string
	Sectors     []option
	Description string
	// PartnersOnly marks a profile only partners see.
	PartnersOnly bool
}

func (d *dirPages) startups(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := directory.Filter{Query: q.Get("q"), Region: q.Get("region"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage"))}
	u := viewer(r)
	page, err := d.store.ListStartups(r.Context(), u, f, q.Get("cursor"), startupsPageSize)
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	ref, err := d.refs(r)
	if err != nil {
		return err
	}
	v := &startupsView{Page: Page{Nav: "startups"}, Query: f.Query, Region: f.Region, Sector: f.Sector, Stage: string(f.Stage),
		FacetsPartial: page.FacetsPartial, Filtered: f != directory.Filter{}, Searched: f.Query != "", Window: directory.SearchWindow,
		CanImport: auth.Can(u, auth.ImportStartups, auth.Target{}) == nil, CanCreate: u != nil}
	v.Regions, v.Sectors, v.Stages = ref.regionOptions(p.Lang), ref.sectorOptions(p.Lang), stageOptions(p)
	link := func(change map[string]string) string {
		vals := url.Values{}
		for _, k := range []string{"q", "region", "sector", "stage"} {
			val := q.Get(k)
			if nv, ok := change[k]; ok {
				val = nv
			}
			if val != "" {
				vals.Set(k, val)
			}
		}
		if len(vals) == 0 {
			return "/startups"
		}
		return "/startups?" + vals.Encode()
	}
	v.Facets = []facetGroup{
		facetGroupOf(p, "region", p.T("directory.region"), page.Facets.Region, f.Region, v.Regions, link),
		facetGroupOf(p, "sector", p.T("directory.sectors"), page.Facets.Sector, f.Sector, v.Sectors, link),
		facetGroupOf(p, "stage", p.T("directory.stage"), page.Facets.Stage, string(f.Stage), v.Stages, link),
	}
	selectOption(v.Regions, f.Region)
	selectOption(v.Sectors, f.Sector)
	selectOption(v.Stages, string(f.Stage))
	for _, st := range page.Items {
		v.Items = append(v.Items, ref.card(st, p))
	}
	if page.Next != "" {
		v.Next = link(nil) + sep(link(nil)) + "cursor=" + url.QueryEscape(page.Next)
	}
	if q.Get("cursor") != "" {
		v.First = link(nil)
	}
	v.ExportQuery = link(nil)[len("/startups"):]
	if n, err := strconv.Atoi(q.Get("imported")); err == nil && n > 0 {
		v.Imported = p.Number(int64(n))
	}
	if u != nil {
		own, err := d.store.StartupsOf(r.Context(), u.ID)
		if err != nil {
			return err
		}
		v.HasOwn = len(own) > 0
	}
	return d.render(w, r, http.StatusOK, "startups", v)
}

// selectOption marks the option of value as chosen.
func selectOption(options []option, value string) {
	for i := range options {
		options[i].Selected = options[i].Value == value
	}
}

func sep(link string) string {
	for _, c := range link {
		if c == '?' {
			return "&"
		}
	}
	return "?"
}

// facetGroupOf lists a dimension's values in the order of choices, with
// their counts; values without matches are left out, except the one
// chosen.
func facetGroupOf(p *i18n.Printer, name, label string, counts map[string]int, current string, choices []option, link func(map[string]string) string) facetGroup {
	g := facetGroup{Name: name, Label: label}
	for _, c := range choices {
		n := counts[c.Value]
		if n == 0 && c.Value != current {
			continue
		}
		g.Values = append(g.Values, facetValue{Label: c.Label, Count: p.Number(int64(n)), Link: link(map[string]string{name: c.Value}), Current: c.Value == current})
	}
	if current != "" {
		g.Clear = link(map[string]string{name: ""})
	}
	return g
}
