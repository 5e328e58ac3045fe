package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"startbridge/internal/contest"
	"startbridge/internal/directory"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// An investor's team and portfolio, for staff and the investor's members:
// the links from which contest conflicts of interest are derived.

func (s *site) investorTeamRoutes() []httpx.Route {
	p := &investorTeamPages{site: s, store: s.svc.Directory, conflicts: contest.NewStore(s.svc.DB)}
	return []httpx.Route{
		{Pattern: "GET /investors/{id}/team", Handler: s.handle(p.page)},
		{Pattern: "POST /investors/{id}/team/members", Handler: s.handle(p.addMember)},
		{Pattern: "POST /investors/{id}/team/members/{user_id}/remove", Handler: s.handle(p.removeMember)},
		{Pattern: "POST /investors/{id}/team/portfolio", Handler: s.handle(p.addStartup)},
		{Pattern: "POST /investors/{id}/team/portfolio/{startup_id}/remove", Handler: s.handle(p.removeStartup)},
	}
}

type investorTeamPages struct {
	*site
	store     *directory.Store
	conflicts directory.ConflictChecker
}

// investorTeamView is the team and portfolio page with its two forms.
type investorTeamView struct {
	Page
	ID          int64
	Name        text.Text
	Members     []directory.InvestorMember
	Portfolio   []directory.PortfolioLink
	MemberForm  Form
	LinkForm    Form
	MemberEmail string
	Startup     string
	// Saved says what was just done; Withdrawn how many contest reviews
	// that withdrew and re-assigned.
	Saved     string
	Withdrawn int
}

// investorTeamNotices are what the page may say was just done
// (investor.team.saved.<notice>).
var investorTeamNotices = []string{"member", "member_removed", "portfolio", "portfolio_removed"}

func (p *investorTeamPages) view(r *http.Request) (*investorTeamView, error) {
	ctx, u := r.Context(), viewer(r)
	if u == nil {
		return nil, errs.ErrUnauthenticated
	}
	id, err := dirPathID(r, "id")
	if err != nil {
		return nil, err
	}
	iv, err := p.store.Investor(ctx, u, id)
	if err != nil {
		return nil, err
	}
	v := &investorTeamView{Page: Page{Nav: "investors"}, ID: id, Name: iv.Name, MemberForm: newForm("email"), LinkForm: newForm("startup")}
	if saved := r.URL.Query().Get("saved"); slices.Contains(investorTeamNotices, saved) {
		v.Saved = saved
	}
	v.Withdrawn, _ = strconv.Atoi(r.URL.Query().Get("withdrawn"))
	if v.Members, err = p.store.InvestorMembers(ctx, u, id); err != nil {
		return nil, err
	}
	if v.Portfolio, err = p.store.Portfolio(ctx, u, id); err != nil {
		return nil, err
	}
	return v, nil
}

func (p *investorTeamPages) page(w http.ResponseWriter, r *http.Request) error {
	v, err := p.view(r)
	if err != nil {
		return err
	}
	return p.render(w, r, http.StatusOK, "investor_team", v)
}

func (p *investorTeamPages) done(w http.ResponseWriter, r *http.Request, id int64, saved string, withdrawn int) error {
	to := "/investors/" + strconv.FormatInt(id, 10) + "/team?saved=" + saved
	if withdrawn > 0 {
		to += "&withdrawn=" + strconv.Itoa(withdrawn)
	}
	return seeOther(w, r, to)
}

func (p *investorTeamPages) addMember(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := p.view(r)
	if err != nil {
		return err
	}
	v.MemberEmail = strings.TrimSpace(r.PostFormValue("email"))
	var withdrawn []int64
	member, err := p.svc.Auth.UserByEmail(r.Context(), v.MemberEmail)
	if errors.Is(err, errs.ErrNotFound) {
		err = errs.Field("email", "directory.field.user_email", nil)
	}
	if err == nil {
		withdrawn, err = p.store.AddInvestorMember(r.Context(), viewer(r), v.ID, member.ID, p.conflicts)
	}
	if err != nil {
		return &formError{err: err, page: "investor_team", view: v, form: &v.MemberForm, rename: func(f string) string {
			if f == "user_id" {
				return "email"
			}
			return f
		}}
	}
	return p.done(w, r, v.ID, "member", len(withdrawn))
}

func (p *investorTeamPages) removeMember(w http.ResponseWriter, r *http.Request) error {
	id, err := dirPathID(r, "id")
	if err != nil {
		return err
	}
	userID, err := dirPathID(r, "user_id")
	if err != nil {
		return err
	}
	if err := p.store.RemoveInvestorMember(r.Context(), viewer(r), id, userID); err != nil {
		return err
	}
	return p.done(w, r, id, "member_removed", 0)
}

func (p *investorTeamPages) addStartup(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := p.view(r)
	if err != nil {
		return err
	}
	v.Startup = strings.TrimSpace(r.PostFormValue("startup"))
	var ch *directory.PortfolioChange
	startupID, err := p.findStartup(r, v.Startup)
	if err == nil {
		ch, err = p.store.AddToPortfolio(r.Context(), viewer(r), v.ID, startupID, p.conflicts)
	}
	if err != nil {
		return &formError{err: err, page: "investor_team", view: v, form: &v.LinkForm, rename: func(f string) string {
			if f == "startup_id" {
				return "startup"
			}
			return f
		}}
	}
	return p.done(w, r, v.ID, "portfolio", len(ch.Withdrawn))
}

// findStartup reads the start-up a person typed: its number (as in its
// profile's address) or its name in any language, when exactly one
// start-up the viewer may see bears it.
func (p *investorTeamPages) findStartup(r *http.Request, typed string) (int64, error) {
	if typed == "" {
		return 0, errs.Field("startup", "field.required", nil)
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(typed, "#"), 10, 64); err == nil && id > 0 {
		return id, nil
	}
	page, err := p.store.ListStartups(r.Context(), viewer(r), directory.Filter{Query: typed}, "", 20)
	if err != nil {
		return 0, err
	}
	var found int64
	for _, st := range page.Items {
		for _, name := range []string{st.Name.Ko, st.Name.Zh, st.Name.En} {
			if name != "" && strings.EqualFold(name, typed) {
				if found != 0 && found != st.ID {
					return 0, errs.Field("startup", "investor.field.startup_ambiguous", nil)
				}
				found = st.ID
			}
		}
	}
	if found == 0 {
		return 0, errs.Field("startup", "investor.field.startup_name", nil)
	}
	return found, nil
}

func (p *investorTeamPages) removeStartup(w http.ResponseWriter, r *http.Request) error {
	id, err := dirPathID(r, "id")
	if err != nil {
		return err
	}
	startupID, err := dirPathID(r, "startup_id")
	if err != nil {
		return err
	}
	if err := p.store.RemoveFromPortfolio(r.Context(), viewer(r), id, startupID); err != nil {
		return err
	}
	return p.done(w, r, id, "portfolio_removed", 0)
}
