package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// startupView is a start-up's profile page, with the team, the pitch deck
// and, for its editors, the forms that upload a deck and add members.
type startupView struct {
	Page
	S          *directory.Startup
	RegionName text.Text
	Sectors    []option
	Seeks      string
	Markets    string
	Employees  string
	DeckKB     string
	Members    []directory.Member
	TeamHidden bool
	CanEdit    bool
	CanDeck    bool
	Saved      string
	DeckForm   Form
	MemberForm Form
	// MemberEmail, MemberRole and MemberTitle keep a refused member form.
	MemberEmail, MemberRole, MemberTitle string
}

func (d *dirPages) loadStartup(r *http.Request) (*startupView, error) {
	id, err := dirPathID(r, "id")
	if err != nil {
		return nil, err
	}
	u := viewer(r)
	st, err := d.store.Startup(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	ref, err := d.refs(r)
	if err != nil {
		return nil, err
	}
	p := httpx.From(r).P
	v := &startupView{Page: Page{Nav: "startups"}, S: st, RegionName: ref.regions[st.Region], Markets: strings.Join(st.Markets, ", "),
		CanEdit:  auth.Can(u, auth.EditStartup, auth.Target{StartupID: id}) == nil,
		CanDeck:  auth.Can(u, auth.ViewPitchDeck, auth.Target{StartupID: id}) == nil,
		DeckForm: newForm(directory.DeckField), MemberForm: newForm("email", "role", "title"), MemberRole: string(directory.RoleMember)}
	for _, code := range st.Sectors {
		v.Sectors = append(v.Sectors, option{Value: code, Label: ref.sectorNames[code].In(p.Lang)})
	}
	v.Seeks = seeksText(p.T, st.Seeks)
	if st.Employees != nil {
		v.Employees = p.Number(int64(*st.Employees))
	}
	if st.Deck != nil {
		v.DeckKB = p.Number((st.Deck.Size + 1023) / 1024)
	}
	if v.Members, err = d.store.Members(r.Context(), u, id); err != nil {
		return nil, err
	}
	v.TeamHidden = u == nil
	return v, nil
}

// seeksText says in one line what a start-up looks for.
func seeksText(t func(string, ...any) string, s directory.Seeks) string {
	var parts []string
	if s.Investment {
		amount := t("directory.seeks.investment")
		lo, hi := directory.MajorUnits(s.InvestmentMin, s.Currency), directory.MajorUnits(s.InvestmentMax, s.Currency)
		switch {
		case lo != "" && hi != "":
			amount += " " + s.Currency + " " + groupDigits(lo) + "–" + groupDigits(hi)
		case lo != "" || hi != "":
			amount += " " + s.Currency + " " + groupDigits(lo+hi)
		}
		parts = append(parts, amount)
	}
	for _, f := range []struct {
		on  bool
		key string
	}{{s.Office, "directory.seeks.office"}, {s.Partners, "directory.seeks.partners"}, {s.TechServices, "directory.seeks.tech_services"}} {
		if f.on {
			parts = append(parts, t(f.key))
		}
	}
	return strings.Join(parts, " · ")
}

// groupDigits puts thousands separators into the whole part of a decimal.
func groupDigits(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

func (d *dirPages) startup(w http.ResponseWriter, r *http.Request) error {
	v, err := d.loadStartup(r)
	if err != nil {
		return err
	}
	v.Saved = r.URL.Query().Get("saved")
	return d.render(w, r, http.StatusOK, "startup", v)
}

// myStartup takes a founder to their start-up, or to the form that
// registers one.
func (d *dirPages) myStartup(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if u == nil {
		return errs.ErrUnauthenticated
	}
	ids, err := d.store.StartupsOf(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return seeOther(w, r, "/startups/new")
	}
	return seeOther(w, r, "/startups/"+strconv.FormatInt(ids[0], 10))
}

// deck sends the pitch deck to the team, staff and investors.
func (d *dirPages) deck(w http.ResponseWriter, r *http.Request) error {
	id, err := dirPathID(r, "id")
	if err != nil {
		return err
	}
	deck, err := d.store.Deck(r.Context(), viewer(r), id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.Itoa(len(deck.Data)))
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(deck.Filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	w.Write(deck.Data)
	return nil
}

// uploadDeck takes a PDF from a multipart form. The body is read at most a
// little past the limit: a 2 GB upload is refused after MaxDeckBytes.
func (d *dirPages) uploadDeck(w http.ResponseWriter, r *http.Request) error {
	v, err := d.loadStartup(r)
	if err != nil {
		return err
	}
	if !v.CanEdit {
		return errs.ErrForbidden
	}
	data, name, err := readUpload(w, r, directory.DeckField, directory.MaxDeckBytes)
	if errors.Is(err, errUploadTooLarge) {
		err = directory.ErrDeckTooLarge
	}
	if err == nil {
		_, err = d.store.SetDeck(r.Context(), viewer(r), v.S.ID, name, data)
	}
	if err != nil {
		return reshow(err, "startup", v, &v.DeckForm)
	}
	return seeOther(w, r, "/startups/"+strconv.FormatInt(v.S.ID, 10)+"?saved=deck#deck")
}

var errUploadTooLarge = errors.New("upload too large")

// readUpload reads the file of one multipart field, at most max bytes, and
// its name. Other fields of the form are ignored.
func readUpload(w http.ResponseWriter, r *http.Request, field string, max int64) ([]byte, string, error) {
	if r.ContentLength > max+64<<10 {
		return nil, "", errUploadTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, max+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", errs.Field(field, "field.required", nil)
	}
	for {
		part, err := mr.NextPart()
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			return nil, "", errUploadTooLarge
		case err == io.EOF:
			return nil, "", errs.Field(field, "field.required", nil)
		case err != nil:
			return nil, "", errBadForm
		}
		if part.FormName() != field {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, max+1))
		if errors.As(err, &tooLarge) || int64(len(data)) > max {
			return nil, "", errUploadTooLarge
		}
		if err != nil {
			return nil, "", errBadForm
		}
		if len(data) == 0 {
			return nil, "", errs.Field(field, "field.required", nil)
		}
		return data, part.FileName(), nil
	}
}

// addMember puts the user with the given email on the team.
func (d *dirPages) addMember(w http.ResponseWriter, r *http.Request) error {
	v, err := d.loadStartup(r)
	if err != nil {
		return err
	}
	if !v.CanEdit {
		return errs.ErrForbidden
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v.MemberEmail, v.MemberRole, v.MemberTitle = strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("role"), r.PostFormValue("title")
	member, err := d.svc.Auth.UserByEmail(r.Context(), v.MemberEmail)
	if errors.Is(err, errs.ErrNotFound) {
		err = errs.Field("email", "directory.field.user_email", nil)
	}
	if err == nil {
		err = d.store.AddMember(r.Context(), viewer(r), v.S.ID, member.ID, directory.MemberRole(v.MemberRole), v.MemberTitle)
	}
	if err != nil {
		return &formError{err: err, page: "startup", view: v, form: &v.MemberForm, rename: func(f string) string {
			if f == "user_id" {
				return "email"
			}
			return f
		}}
	}
	return seeOther(w, r, "/startups/"+strconv.FormatInt(v.S.ID, 10)+"?saved=team#team")
}

// removeMember takes a member off the team.
func (d *dirPages) removeMember(w http.ResponseWriter, r *http.Request) error {
	id, err := dirPathID(r, "id")
	if err != nil {
		return err
	}
	userID, err := dirPathID(r, "user_id")
	if err != nil {
		return err
	}
	if err := d.store.RemoveMember(r.Context(), viewer(r), id, userID); err != nil {
		return err
	}
	return seeOther(w, r, "/startups/"+strconv.FormatInt(id, 10)+"?saved=team#team")
}
