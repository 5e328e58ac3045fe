package web

import (
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// startupFields are the fields of the start-up form, as named in the form.
var startupFields = []string{"name", "name_ko", "name_zh", "name_en", "legal_name", "region", "city", "founded_on", "stage",
	"sectors", "employees", "website", "description_ko", "description_zh", "description_en", "target_markets",
	"investment_min", "investment_max", "currency", "seeks_note", "kr_business_number", "cn_credit_code", "visibility"}

// startupFormView is the form that registers or edits a start-up, with
// what was typed and the problems beside each field when it was refused.
type startupFormView struct {
	Page
	Form
	ID      int64
	Version int
	V       map[string]string
	Sectors []choiceBox
	Regions []option
	Stages  []option
	// Currencies are the codes the investment range may be in.
	Currencies                                []string
	SeeksInvestment, Office, Partners, TechSv bool
	// Fields and Descriptions are the text inputs, built by prepare from V
	// just before the page is shown.
	Fields       map[string]formField
	Descriptions []formField
}

// formField is one text input: its label, value, bounds and hint, and the
// form whose problems the template looks up at render time.
type formField struct {
	F                              *Form
	Name, Label, Value, Type, Hint string
	Lang                           string
	Max                            int
}

// textFieldSpecs are the start-up form's text inputs: name, label key,
// length bound, input type, hint key and language.
var textFieldSpecs = []struct {
	name, label string
	max         int
	typ, hint   string
	lang        string
}{
	{"name_ko", "lang.ko", directory.MaxNameLength, "", "", "ko"},
	{"name_zh", "lang.zh", directory.MaxNameLength, "", "", "zh-Hans"},
	{"name_en", "lang.en", directory.MaxNameLength, "", "", "en"},
	{"legal_name", "directory.legal_name", directory.MaxNameLength, "", "", ""},
	{"city", "directory.city", directory.MaxCityLength, "", "", ""},
	{"founded_on", "directory.founded_on", 10, "date", "directory.form.date_hint", ""},
	{"employees", "directory.employees", 9, "", "", ""},
	{"website", "directory.website", directory.MaxURLLength, "", "directory.form.website_hint", ""},
	{"target_markets", "directory.target_markets", 200, "", "directory.form.markets_hint", ""},
	{"investment_min", "directory.investment_min", 30, "", "", ""},
	{"investment_max", "directory.investment_max", 30, "", "", ""},
	{"seeks_note", "directory.seeks_note", directory.MaxNoteLength, "", "", ""},
	{"kr_business_number", "directory.kr_business_number", 20, "", "directory.form.optional", ""},
	{"cn_credit_code", "directory.cn_credit_code", 30, "", "directory.form.optional", ""},
}

// prepare builds the inputs from the current values, in the page's
// language.
func (v *startupFormView) prepare(t func(string, ...any) string) *startupFormView {
	v.Fields = map[string]formField{}
	for _, f := range textFieldSpecs {
		hint := ""
		if f.hint != "" {
			hint = t(f.hint)
		}
		v.Fields[f.name] = formField{F: &v.Form, Name: f.name, Label: t(f.label), Value: v.V[f.name], Type: f.typ, Hint: hint, Lang: f.lang, Max: f.max}
	}
	v.Descriptions = nil
	for _, l := range []struct{ code, html string }{{"ko", "ko"}, {"zh", "zh-Hans"}, {"en", "en"}} {
		name := "description_" + l.code
		v.Descriptions = append(v.Descriptions, formField{F: &v.Form, Name: name, Label: t("lang." + l.code), Value: v.V[name],
			Lang: l.html, Max: directory.MaxDescriptionLength})
	}
	return v
}

// choiceBox is one checkbox of a group.
type choiceBox struct {
	Value, Label string
	Checked      bool
}

func (d *dirPages) startupForm(r *http.Request, st *directory.Startup) (*startupFormView, error) {
	ref, err := d.refs(r)
	if err != nil {
		return nil, err
	}
	p := httpx.From(r).P
	v := &startupFormView{Page: Page{Nav: "startups"}, Form: newForm(startupFields...), Regions: ref.regionOptions(p.Lang),
		Stages: stageOptions(p), Currencies: []string{"KRW", "CNY", "USD"}, V: map[string]string{"visibility": "public"}}
	in := directory.StartupInput{Visibility: directory.Public}
	if st != nil {
		v.ID, v.Version, in = st.ID, st.Version, st.Input()
		v.V = startupValues(in)
	}
	v.SeeksInvestment, v.Office, v.Partners, v.TechSv = in.Seeks.Investment, in.Seeks.Office, in.Seeks.Partners, in.Seeks.TechServices
	for _, o := range ref.sectorOptions(p.Lang) {
		v.Sectors = append(v.Sectors, choiceBox{Value: o.Value, Label: o.Label, Checked: contains(in.Sectors, o.Value)})
	}
	return v, nil
}

// startupValues are a profile's fields as the form shows them: amounts in
// major units, lists comma-separated.
func startupValues(in directory.StartupInput) map[string]string {
	v := map[string]string{
		"name_ko": in.Name.Ko, "name_zh": in.Name.Zh, "name_en": in.Name.En, "legal_name": in.LegalName, "region": in.Region,
		"city": in.City, "founded_on": in.FoundedOn, "stage": string(in.Stage), "website": in.Website,
		"description_ko": in.Description.Ko, "description_zh": in.Description.Zh, "description_en": in.Description.En,
		"target_markets": strings.Join(in.Markets, ", "), "currency": in.Seeks.Currency, "seeks_note": in.Seeks.Note,
		"investment_min":     directory.MajorUnits(in.Seeks.InvestmentMin, in.Seeks.Currency),
		"investment_max":     directory.MajorUnits(in.Seeks.InvestmentMax, in.Seeks.Currency),
		"kr_business_number": in.KRBizNumber, "cn_credit_code": in.CNCreditNo, "visibility": string(in.Visibility),
	}
	if in.Employees != nil {
		v["employees"] = strconv.Itoa(*in.Employees)
	}
	return v
}

// readStartupForm fills the view from the submitted form and returns the
// input it makes, or the problems of values that are not even numbers.
func readStartupForm(r *http.Request, v *startupFormView) (directory.StartupInput, error) {
	f := r.PostForm
	for _, name := range startupFields {
		v.V[name] = strings.TrimSpace(f.Get(name))
	}
	chosen := f["sectors"]
	for i := range v.Sectors {
		v.Sectors[i].Checked = contains(chosen, v.Sectors[i].Value)
	}
	v.SeeksInvestment, v.Office, v.Partners, v.TechSv = f.Get("seeks_investment") != "", f.Get("seeks_office") != "",
		f.Get("seeks_partners") != "", f.Get("seeks_tech_services") != ""
	for _, name := range []string{"description_ko", "description_zh", "description_en"} {
		v.V[name] = f.Get(name)
	}
	in := directory.StartupInput{
		Name: text.Text{Ko: v.V["name_ko"], Zh: v.V["name_zh"], En: v.V["name_en"]}, LegalName: v.V["legal_name"],
		Region: v.V["region"], City: v.V["city"], FoundedOn: v.V["founded_on"], Stage: directory.Stage(v.V["stage"]),
		Sectors: chosen, Website: v.V["website"], KRBizNumber: v.V["kr_business_number"], CNCreditNo: v.V["cn_credit_code"],
		Description: text.Text{Ko: f.Get("description_ko"), Zh: f.Get("description_zh"), En: f.Get("description_en")},
		Markets:     strings.FieldsFunc(v.V["target_markets"], func(r rune) bool { return r == ',' || r == ' ' || r == ';' }),
		Visibility:  directory.Visibility(v.V["visibility"]),
		Seeks: directory.Seeks{Investment: v.SeeksInvestment, Office: v.Office, Partners: v.Partners, TechServices: v.TechSv,
			Currency: v.V["currency"], Note: v.V["seeks_note"]},
	}
	var bad errs.Invalid
	if s := v.V["employees"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad.Add("employees", "field.integer", nil)
		}
		in.Employees = &n
	}
	for _, a := range []struct {
		field string
		into  **int64
	}{{"investment_min", &in.Seeks.InvestmentMin}, {"investment_max", &in.Seeks.InvestmentMax}} {
		s := v.V[a.field]
		if s == "" {
			continue
		}
		n, ok := directory.ParseAmount(s, in.Seeks.Currency)
		if !ok {
			bad.Add(a.field, "directory.import.amount", map[string]any{"value": s})
			continue
		}
		*a.into = &n
	}
	return in, bad.OrNil()
}

// startupFormField names the form field of a problem the directory reports.
func startupFormField(field string) string {
	base, _, _ := strings.Cut(field, "[")
	switch base {
	case "seeks.investment_min", "seeks.investment_max", "seeks.currency":
		return strings.TrimPrefix(base, "seeks.")
	case "seeks.note":
		return "seeks_note"
	}
	return strings.Replace(base, ".", "_", 1)
}

func (d *dirPages) refuse(r *http.Request, err error, v *startupFormView) error {
	v.prepare(httpx.From(r).P.T)
	return &formError{err: err, page: "startup_form", view: v, form: &v.Form, rename: startupFormField}
}

func (d *dirPages) newStartup(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Can(viewer(r), auth.CreateStartup, auth.Target{}); err != nil {
		return err
	}
	v, err := d.startupForm(r, nil)
	if err != nil {
		return err
	}
	return d.render(w, r, http.StatusOK, "startup_form", v.prepare(httpx.From(r).P.T))
}

func (d *dirPages) createStartup(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if err := auth.Can(u, auth.CreateStartup, auth.Target{}); err != nil {
		return err
	}
	v, err := d.startupForm(r, nil)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	in, err := readStartupForm(r, v)
	if err != nil {
		return d.refuse(r, err, v)
	}
	st, err := d.store.CreateStartup(r.Context(), u, in)
	if err != nil {
		return d.refuse(r, err, v)
	}
	return seeOther(w, r, "/startups/"+strconv.FormatInt(st.ID, 10)+"?saved=created")
}

func (d *dirPages) editable(r *http.Request) (*directory.Startup, error) {
	id, err := dirPathID(r, "id")
	if err != nil {
		return nil, err
	}
	u := viewer(r)
	st, err := d.store.Startup(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	if err := auth.Can(u, auth.EditStartup, auth.Target{StartupID: id}); err != nil {
		return nil, err
	}
	return st, nil
}

func (d *dirPages) editStartup(w http.ResponseWriter, r *http.Request) error {
	st, err := d.editable(r)
	if err != nil {
		return err
	}
	v, err := d.startupForm(r, st)
	if err != nil {
		return err
	}
	return d.render(w, r, http.StatusOK, "startup_form", v.prepare(httpx.From(r).P.T))
}

// saveStartup saves the edit made from the version the form was loaded
// at; when a colleague saved in between, the form comes back with what
// this user typed and says that the profile changed.
func (d *dirPages) saveStartup(w http.ResponseWriter, r *http.Request) error {
	st, err := d.editable(r)
	if err != nil {
		return err
	}
	v, err := d.startupForm(r, st)
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
	in, err := readStartupForm(r, v)
	if err != nil {
		return d.refuse(r, err, v)
	}
	if _, err := d.store.UpdateStartup(r.Context(), viewer(r), st.ID, version, in); err != nil {
		return d.refuse(r, err, v)
	}
	return seeOther(w, r, "/startups/"+strconv.FormatInt(st.ID, 10)+"?saved=profile")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
