package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
	"startbridge/internal/office"
	"startbridge/internal/text"
	"startbridge/internal/tz"
)

// The contest's public and founder pages: the list, a contest with its
// deadline in Seoul and Hangzhou time and its winners once published, and
// a founder's application with their rank and comments once published.

func (s *site) contests() *contest.Store { return contest.NewStore(s.svc.DB) }

// contestZones are the two contestZones every contest time is shown in.
var contestZones = func() [2]*time.Location {
	seoul, err1 := tz.Load("Asia/Seoul")
	shanghai, err2 := tz.Load("Asia/Shanghai")
	if err1 != nil || err2 != nil {
		return [2]*time.Location{time.UTC, time.UTC}
	}
	return [2]*time.Location{seoul, shanghai}
}()

// pathInt reads an integer path value; anything else names nothing.
func contestPathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s %q: %w", name, r.PathValue(name), errs.ErrNotFound)
	}
	return n, nil
}

type contestsView struct {
	Page
	Contests  []*contest.Contest
	Seoul     *time.Location
	Hangzhou  *time.Location
	CanCreate bool
}

func (s *site) contestList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.contests().List(r.Context())
	if err != nil {
		return err
	}
	u := httpx.From(r).User
	v := &contestsView{Page: Page{Nav: "contests"}, Contests: list, Seoul: contestZones[0], Hangzhou: contestZones[1],
		CanCreate: u != nil && (u.IsAdmin() || u.HasRole("staff"))}
	return s.render(w, r, http.StatusOK, "contests", v)
}

// contestView is a contest's page for everyone, with what the viewer may
// do there.
type contestView struct {
	Page
	Form
	Contest   *contest.Contest
	Hosts     []text.Text
	Seoul     *time.Location
	Hangzhou  *time.Location
	Open      bool
	Prizes    []prizeRow
	Published bool
	// For founders: their start-ups not yet applied, and their applications.
	Startups []option
	Mine     []*contest.Application
	Chosen   string
	Pitch    string
	// IsStaff and IsJudge link to the staff's and the judge's pages.
	IsStaff, IsJudge bool
	RegionNames      regionNames
}

func (s *site) contestPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.contestView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "contest", v)
}

func (s *site) contestView(r *http.Request) (*contestView, error) {
	ctx, rq := r.Context(), httpx.From(r)
	id, err := contestPathID(r, "id")
	if err != nil {
		return nil, err
	}
	store := s.contests()
	c, err := store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &contestView{Page: Page{Nav: "contests"}, Form: newForm("startup_id", "pitch"), Contest: c,
		Seoul: contestZones[0], Hangzhou: contestZones[1], Open: c.Open(time.Now()), IsStaff: contest.MayManage(rq.User, c)}
	if v.RegionNames, err = s.regionNames(ctx); err != nil {
		return nil, err
	}
	for _, h := range c.Hosts {
		if in, err := s.svc.Partners.Institution(ctx, h); err == nil {
			v.Hosts = append(v.Hosts, in.Name)
		}
	}
	for _, rd := range c.Rounds {
		if rd.PublishedAt != nil {
			v.Published = true
		}
	}
	prizes, err := store.Prizes(ctx, rq.User, id)
	if err != nil {
		return nil, err
	}
	if v.Prizes, err = s.prizeRows(ctx, rq.P, prizes); err != nil {
		return nil, err
	}
	if rq.User == nil {
		return v, nil
	}
	v.IsJudge = rq.User.JudgeOf(id)
	mine, err := store.ApplicationsOf(ctx, rq.User)
	if err != nil {
		return nil, err
	}
	applied := map[int64]bool{}
	for _, a := range mine {
		if a.ContestID == id {
			v.Mine = append(v.Mine, a)
			applied[a.StartupID] = true
		}
	}
	refs, err := store.StartupsOf(ctx, rq.User)
	if err != nil {
		return nil, err
	}
	for _, ref := range refs {
		if !applied[ref.ID] {
			v.Startups = append(v.Startups, option{Value: strconv.FormatInt(ref.ID, 10), Label: ref.Name.In(rq.P.Lang)})
		}
	}
	return v, nil
}

// apply starts an application from the contest page.
func (s *site) contestApply(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	rq := httpx.From(r)
	if rq.User == nil {
		return errs.ErrUnauthenticated
	}
	v, err := s.contestView(r)
	if err != nil {
		return err
	}
	v.Chosen, v.Pitch = r.PostFormValue("startup_id"), r.PostFormValue("pitch")
	startup, _ := strconv.ParseInt(v.Chosen, 10, 64)
	a, err := s.contests().CreateApplication(r.Context(), rq.User, v.Contest.ID, contest.ApplicationInput{
		StartupID: startup, Pitch: v.Pitch, Languages: r.PostForm["languages"]})
	if err != nil {
		return reshow(err, "contest", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/contests/%d/applications/%d", v.Contest.ID, a.ID))
}

// contestCheck is one checkbox of a group.
type contestCheck struct {
	Value, Label string
	Checked      bool
}

// applicationView is a founder's application with its status and, once
// published, their rank and the judges' comments.
type applicationView struct {
	Page
	Form
	Contest     *contest.Contest
	Application *contest.Application
	Open        bool
	Seoul       *time.Location
	Hangzhou    *time.Location
	Feedback    []contest.Feedback
	Languages   []contestCheck
	Saved       string
}

func (s *site) applicationView(r *http.Request) (*applicationView, error) {
	ctx, rq := r.Context(), httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	id, err := contestPathID(r, "id")
	if err != nil {
		return nil, err
	}
	aid, err := contestPathID(r, "aid")
	if err != nil {
		return nil, err
	}
	store := s.contests()
	a, err := store.Application(ctx, rq.User, aid)
	if err != nil {
		return nil, err
	}
	if a.ContestID != id {
		return nil, errs.ErrNotFound
	}
	c, err := store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &applicationView{Page: Page{Nav: "contests"}, Form: newForm("pitch", "languages"), Contest: c, Application: a,
		Open: c.Open(time.Now()), Seoul: contestZones[0], Hangzhou: contestZones[1], Saved: r.URL.Query().Get("saved")}
	for _, l := range []string{"ko", "zh", "en"} {
		v.Languages = append(v.Languages, contestCheck{Value: l, Label: rq.P.T("lang." + l), Checked: slices.Contains(a.Languages, l)})
	}
	if auth := rq.User; auth.MemberOfStartup(a.StartupID) {
		if v.Feedback, err = store.FeedbackFor(ctx, rq.User, aid); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (s *site) applicationPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.applicationView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "contest_application", v)
}

// applicationSave saves, submits or withdraws an application.
func (s *site) applicationSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.applicationView(r)
	if err != nil {
		return err
	}
	ctx, user, store := r.Context(), httpx.From(r).User, s.contests()
	a := v.Application
	action := r.PostFormValue("action")
	switch action {
	case "withdraw":
		_, err = store.Withdraw(ctx, user, a.ID)
	default:
		v.Application.Pitch = strings.TrimSpace(r.PostFormValue("pitch"))
		v.Application.Languages = r.PostForm["languages"]
		_, err = store.UpdateApplication(ctx, user, a.ID, contest.ApplicationInput{StartupID: a.StartupID, Pitch: v.Application.Pitch, Languages: v.Application.Languages})
		if err == nil && action == "submit" {
			_, err = store.Submit(ctx, user, a.ID)
		}
	}
	if err != nil {
		return reshow(err, "contest_application", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/contests/%d/applications/%d?saved=%s", a.ContestID, a.ID, action))
}

// prizeRow is a prize with its money written out and the city of its
// office support named in every language.
type prizeRow struct {
	*contest.Prize
	Money string
	City  text.Text
}

func (s *site) prizeRows(ctx context.Context, p *i18n.Printer, prizes []*contest.Prize) ([]prizeRow, error) {
	out := make([]prizeRow, len(prizes))
	for i, pr := range prizes {
		out[i] = prizeRow{Prize: pr, Money: contestMoneyText(p, pr.Amount, pr.Currency)}
		if pr.OfficeMonths > 0 {
			city, err := office.CityName(ctx, s.svc.DB, pr.OfficeCity)
			if err != nil {
				return nil, err
			}
			out[i].City = city
		}
	}
	return out, nil
}

// formatMoney writes integer minor units: KRW has none, CNY and USD two.
func contestMoneyText(p *i18n.Printer, amount int64, currency string) string {
	if amount == 0 {
		return ""
	}
	if currency == "KRW" {
		return p.Number(amount) + " " + currency
	}
	return fmt.Sprintf("%s.%02d %s", p.Number(amount/100), amount%100, currency)
}
