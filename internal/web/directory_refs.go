package web

import (
	"net/http"
	"strconv"

	"startbridge/internal/directory"
	"startbridge/internal/i18n"
	"startbridge/internal/search"
	"startbridge/internal/text"
)

// dirRefs are the names the directory pages show for codes: regions and
// sectors in three languages, read once per request.
type dirRefs struct {
	regionOrder []string
	regions     map[string]text.Text
	sectors     []directory.Sector
	sectorNames map[string]text.Text
}

func (d *dirPages) refs(r *http.Request) (*dirRefs, error) {
	regions, err := d.svc.Partners.Regions(r.Context())
	if err != nil {
		return nil, err
	}
	sectors, err := d.store.Sectors(r.Context())
	if err != nil {
		return nil, err
	}
	ref := &dirRefs{regions: map[string]text.Text{}, sectors: sectors, sectorNames: map[string]text.Text{}}
	for _, rg := range regions {
		ref.regionOrder = append(ref.regionOrder, rg.Code)
		ref.regions[rg.Code] = rg.Name
	}
	for _, s := range sectors {
		ref.sectorNames[s.Code] = s.Name
	}
	return ref, nil
}

func (ref *dirRefs) regionOptions(lang string) []option {
	var out []option
	for _, code := range ref.regionOrder {
		out = append(out, option{Value: code, Label: ref.regions[code].In(lang)})
	}
	return out
}

func (ref *dirRefs) sectorOptions(lang string) []option {
	var out []option
	for _, s := range ref.sectors {
		out = append(out, option{Value: s.Code, Label: s.Name.In(lang)})
	}
	return out
}

// stageOptions names the stages in the page's language.
func stageOptions(p *i18n.Printer) []option {
	var out []option
	for _, s := range directory.Stages {
		out = append(out, option{Value: string(s), Label: p.T("directory.stage." + string(s))})
	}
	return out
}

// card is a start-up as a list shows it in the page's language, its
// description cut short.
func (ref *dirRefs) card(st *directory.Startup, p *i18n.Printer) startupCard {
	lang := p.Lang
	c := startupCard{ID: st.ID, Name: st.Name.In(lang), OtherNames: otherNames(st.Name, lang), Region: st.Region,
		RegionName: ref.regions[st.Region].In(lang), City: st.City, StageName: p.T("directory.stage." + string(st.Stage)),
		PartnersOnly: st.Visibility == directory.PartnersOnly,
		Description:  search.Snippet(st.Description.In(lang), search.Query{}, 140)}
	for _, code := range st.Sectors {
		c.Sectors = append(c.Sectors, option{Value: code, Label: ref.sectorNames[code].In(lang)})
	}
	return c
}

// dirPathID reads an id from the path; anything else is a page not found.
func dirPathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFoundPath
	}
	return id, nil
}
