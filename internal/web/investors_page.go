package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/directory"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
	"startbridge/internal/text"
)

// investorsView is the investor directory with its search and filters.
type investorsView struct {
	Page
	Query, Sector, Stage, Region string
	Sectors, Stages, Regions     []option
	Items                        []investorCard
	Next, First                  string
	Filtered, CanCreate          bool
	// CanExport shows the staff's export links, ExportQuery the filters
	// they carry.
	CanExport   bool
	ExportQuery string
}

// investorCard is an investor as lists and its page show it.
type investorCard struct {
	ID          int64
	Name        text.Text
	Region      string
	RegionName  text.Text
	Institution text.Text
	Sectors     []string
	Stages      []string
	Regions     []string
	Ticket      string
	Languages   []string
	Description text.Text
	Website     string
	Visibility  string
}

func (d *dirPages) investorCard(r *http.Request, ref *dirRefs, iv *directory.Investor) (investorCard, error) {
	p := httpx.From(r).P
	c := investorCard{ID: iv.ID, Name: iv.Name, Region: iv.Region, RegionName: ref.regions[iv.Region], Description: iv.Description,
		Website: iv.Website, Visibility: string(iv.Visibility)}
	for _, s := range iv.Sectors {
		c.Sectors = append(c.Sectors, ref.sectorNames[s].In(p.Lang))
	}
	for _, s := range iv.Stages {
		c.Stages = append(c.Stages, p.T("directory.stage."+string(s)))
	}
	for _, rg := range iv.Regions {
		c.Regions = append(c.Regions, ref.regions[rg].In(p.Lang))
	}
	for _, l := range iv.Languages {
		c.Languages = append(c.Languages, p.T("lang."+l))
	}
	lo, hi := directory.MajorUnits(iv.TicketMin, iv.Currency), directory.MajorUnits(iv.TicketMax, iv.Currency)
	if lo != "" || hi != "" {
		c.Ticket = iv.Currency + " " + groupDigits(lo) + "–" + groupDigits(hi)
	}
	if iv.Institution != nil {
		inst, err := d.svc.Partners.Institution(r.Context(), *iv.Institution)
		if err != nil {
			return c, err
		}
		c.Institution = inst.Name
	}
	return c, nil
}

func (d *dirPages) investors(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := directory.InvestorFilter{Query: q.Get("q"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage")), Region: q.Get("region")}
	u := viewer(r)
	items, next, err := d.store.ListInvestors(r.Context(), u, f, q.Get("cursor"), startupsPageSize)
	if err != nil {
		return err
	}
	ref, err := d.refs(r)
	if err != nil {
		return err
	}
	p := httpx.From(r).P
	v := &investorsView{Page: Page{Nav: "investors"}, Query: f.Query, Sector: f.Sector, Stage: string(f.Stage), Region: f.Region,
		Sectors: ref.sectorOptions(p.Lang), Stages: stageOptions(p), Regions: ref.regionOptions(p.Lang),
		Filtered: f != directory.InvestorFilter{}, CanCreate: auth.Can(u, auth.CreateInvestor, auth.Target{}) == nil,
		CanExport: auth.Can(u, auth.ImportStartups, auth.Target{}) == nil}
	for _, iv := range items {
		c, err := d.investorCard(r, ref, iv)
		if err != nil {
			return err
		}
		v.Items = append(v.Items, c)
	}
	vals := url.Values{}
	for _, k := range []string{"q", "sector", "stage", "region"} {
		if q.Get(k) != "" {
			vals.Set(k, q.Get(k))
		}
	}
	if len(vals) > 0 {
		v.ExportQuery = "?" + vals.Encode()
	}
	if next != "" {
		vals.Set("cursor", next)
		v.Next = "/investors?" + vals.Encode()
		vals.Del("cursor")
	}
	if q.Get("cursor") != "" {
		v.First = "/investors?" + vals.Encode()
	}
	return d.render(w, r, http.StatusOK, "investors", v)
}

// investorView is an investor's page.
type investorView struct {
	Page
	I       investorCard
	CanEdit bool
	Saved   bool
}

func (d *dirPages) investor(w http.ResponseWriter, r *http.Request) error {
	id, err := dirPathID(r, "id")
	if err != nil {
		return err
	}
	u := viewer(r)
	iv, err := d.store.Investor(r.Context(), u, id)
	if err != nil {
		return err
	}
	ref, err := d.refs(r)
	if err != nil {
		return err
	}
	c, err := d.investorCard(r, ref, iv)
	if err != nil {
		return err
	}
	v := &investorView{Page: Page{Nav: "investors"}, I: c, Saved: r.URL.Query().Get("saved") != "",
		CanEdit: auth.Can(u, auth.EditInvestor, auth.Target{InvestorID: id}) == nil}
	return d.render(w, r, http.StatusOK, "investor", v)
}

// investorFields are the fields of the investor form.
var investorFields = []string{"name", "name_ko", "name_zh", "name_en", "institution_id", "region", "website", "description_ko",
	"description_zh", "description_en", "sectors", "stages", "ticket_min", "ticket_max", "ticket_currency", "regions",
	"languages", "visibility"}

// investorFormView is the form that adds or edits an investor.
type investorFormView struct {
	Page
	Form
	ID                                 int64
	Version                            int
	V                                  map[string]string
	Institutions, Regions              []option
	Sectors, Stages, Invests, Speaking []choiceBox
	Currencies                         []string
	// Groups are the checkbox groups as the template draws them; they share
	// their boxes with the fields above.
	Groups map[string]boxGroup
}

// boxGroup is a group of checkboxes with its label and the form whose
// problems the template looks up at render time.
type boxGroup struct {
	F           *Form
	Name, Label string
	Boxes       []choiceBox
}

func (d *dirPages) investorForm(r *http.Request, iv *directory.Investor) (*investorFormView, error) {
	ref, err := d.refs(r)
	if err != nil {
		return nil, err
	}
	p := httpx.From(r).P
	v := &investorFormView{Page: Page{Nav: "investors"}, Form: newForm(investorFields...), Regions: ref.regionOptions(p.Lang),
		Currencies: []string{"KRW", "CNY", "USD"}, V: map[string]string{"visibility": "public"}}
	insts, err := d.svc.Partners.InstitutionPage(r.Context(), "", 0, 1000)
	if err != nil {
		return nil, err
	}
	for _, in := range insts {
		v.Institutions = append(v.Institutions, option{Value: strconv.FormatInt(in.ID, 10), Label: in.Name.In(p.Lang)})
	}
	in := directory.InvestorInput{}
	if iv != nil {
		v.ID, v.Version, in = iv.ID, iv.Version, iv.Input()
		v.V = map[string]string{"name_ko": in.Name.Ko, "name_zh": in.Name.Zh, "name_en": in.Name.En, "region": in.Region,
			"website": in.Website, "description_ko": in.Description.Ko, "description_zh": in.Description.Zh,
			"description_en": in.Description.En, "ticket_min": directory.MajorUnits(in.TicketMin, in.Currency),
			"ticket_max": directory.MajorUnits(in.TicketMax, in.Currency), "ticket_currency": in.Currency,
			"visibility": string(in.Visibility)}
		if in.Institution != nil {
			v.V["institution_id"] = strconv.FormatInt(*in.Institution, 10)
		}
	}
	stages := make([]string, len(in.Stages))
	for i, s := range in.Stages {
		stages[i] = string(s)
	}
	v.Sectors = boxes(ref.sectorOptions(p.Lang), in.Sectors)
	v.Stages = boxes(stageOptions(p), stages)
	v.Invests = boxes(ref.regionOptions(p.Lang), in.Regions)
	var langs []option
	for _, l := range i18n.Languages {
		langs = append(langs, option{Value: l, Label: p.T("lang." + l)})
	}
	v.Speaking = boxes(langs, in.Languages)
	v.Groups = map[string]boxGroup{
		"sectors":   {F: &v.Form, Name: "sectors", Label: p.T("directory.sectors"), Boxes: v.Sectors},
		"stages":    {F: &v.Form, Name: "stages", Label: p.T("directory.investors.stages"), Boxes: v.Stages},
		"regions":   {F: &v.Form, Name: "regions", Label: p.T("directory.investors.invests_in"), Boxes: v.Invests},
		"languages": {F: &v.Form, Name: "languages", Label: p.T("directory.investors.languages"), Boxes: v.Speaking},
	}
	return v, nil
}

func boxes(opts []option, checked []string) []choiceBox {
	out := make([]choiceBox, len(opts))
	for i, o := range opts {
		out[i] = choiceBox{Value: o.Value, Label: o.Label, Checked: contains(checked, o.Value)}
	}
	return out
}

func readInvestorForm(r *http.Request, v *investorFormView) (directory.InvestorInput, error) {
	f := r.PostForm
	for _, name := range investorFields {
		v.V[name] = strings.TrimSpace(f.Get(name))
	}
	for _, group := range []struct {
		boxes []choiceBox
		name  string
	}{{v.Sectors, "sectors"}, {v.Stages, "stages"}, {v.Invests, "regions"}, {v.Speaking, "languages"}} {
		for i := range group.boxes {
			group.boxes[i].Checked = contains(f[group.name], group.boxes[i].Value)
		}
	}
	in := directory.InvestorInput{Name: text.Text{Ko: v.V["name_ko"], Zh: v.V["name_zh"], En: v.V["name_en"]}, Region: v.V["region"],
		Website: v.V["website"], Description: text.Text{Ko: f.Get("description_ko"), Zh: f.Get("description_zh"), En: f.Get("description_en")},
		Sectors: f["sectors"], Regions: f["regions"], Languages: f["languages"], Currency: v.V["ticket_currency"],
		Visibility: directory.Visibility(v.V["visibility"])}
	for _, s := range f["stages"] {
		in.Stages = append(in.Stages, directory.Stage(s))
	}
	var bad errs.Invalid
	if s := v.V["institution_id"]; s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			bad.Add("institution_id", "field.institution", nil)
		}
		in.Institution = &id
	}
	for _, a := range []struct {
		field string
		into  **int64
	}{{"ticket_min", &in.TicketMin}, {"ticket_max", &in.TicketMax}} {
		if s := v.V[a.field]; s != "" {
			n, ok := directory.ParseAmount(s, in.Currency)
			if !ok {
				bad.Add(a.field, "directory.import.amount", map[string]any{"value": s})
				continue
			}
			*a.into = &n
		}
	}
	return in, bad.OrNil()
}

func investorFormField(field string) string {
	base, _, _ := strings.Cut(field, "[")
	return strings.Replace(base, ".", "_", 1)
}

func (d *dirPages) refuseInvestor(err error, v *investorFormView) error {
	return &formError{err: err, page: "investor_form", view: v, form: &v.Form, rename: investorFormField}
}

func (d *dirPages) newInvestor(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Can(viewer(r), auth.CreateInvestor, auth.Target{}); err != nil {
		return err
	}
	v, err := d.investorForm(r, nil)
	if err != nil {
		return err
	}
	return d.render(w, r, http.StatusOK, "investor_form", v)
}

func (d *dirPages) createInvestor(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if err := auth.Can(u, auth.CreateInvestor, auth.Target{}); err != nil {
		return err
	}
	v, err := d.investorForm(r, nil)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, err := readInvestorForm(r, v)
	if err != nil {
		return d.refuseInvestor(err, v)
	}
	iv, err := d.store.CreateInvestor(r.Context(), u, in)
	if err != nil {
		return d.refuseInvestor(err, v)
	}
	return seeOther(w, r, "/investors/"+strconv.FormatInt(iv.ID, 10)+"?saved=1")
}

func (d *dirPages) editableInvestor(r *http.Request) (*directory.Investor, error) {
	id, err := dirPathID(r, "id")
	if err != nil {
		return nil, err
	}
	u := viewer(r)
	iv, err := d.store.Investor(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	return iv, auth.Can(u, auth.EditInvestor, auth.Target{InvestorID: id})
}

func (d *dirPages) editInvestor(w http.ResponseWriter, r *http.Request) error {
	iv, err := d.editableInvestor(r)
	if err != nil {
		return err
	}
	v, err := d.investorForm(r, iv)
	if err != nil {
		return err
	}
	return d.render(w, r, http.StatusOK, "investor_form", v)
}

func (d *dirPages) saveInvestor(w http.ResponseWriter, r *http.Request) error {
	iv, err := d.editableInvestor(r)
	if err != nil {
		return err
	}
	v, err := d.investorForm(r, iv)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		return errBadForm
	}
	v.Version = version
	in, err := readInvestorForm(r, v)
	if err != nil {
		return d.refuseInvestor(err, v)
	}
	if _, err := d.store.UpdateInvestor(r.Context(), viewer(r), iv.ID, version, in, contest.NewStore(d.svc.DB)); err != nil {
		return d.refuseInvestor(err, v)
	}
	return seeOther(w, r, "/investors/"+strconv.FormatInt(iv.ID, 10)+"?saved=1")
}
