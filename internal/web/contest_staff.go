package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// The staff's pages of a contest: applications, judges, conflicts,
// assignment, publication, advancing and prizes on one page, each form
// posting to its own action.

type manageView struct {
	Page
	Form
	Contest      *contest.Contest
	Applications []*contest.Application
	Judges       []*contest.Judge
	Conflicts    []conflictRow
	Prizes       []prizeRow
	Assignment   *contest.AssignOutcome
	Notice       string
	// Values of the forms, kept when one is refused.
	JudgeEmail, JudgeRegion, JudgeSectors, JudgeLanguages, JudgeLoad string
	Prize                                                            prizeValues
	Regions                                                          []option
	RegionNames                                                      regionNames
}

// prizeValues are what was typed in the new-prize form.
type prizeValues struct {
	NameEn, NameKo, NameZh, Rank, Amount, Currency, OfficeMonths, OfficeCity, OfficeDesks string
	FastTrack                                                                             bool
}

// conflictRow names the judge and start-up of a conflict.
type conflictRow struct {
	contest.Conflict
	Judge   string
	Startup text.Text
}

var manageFields = []string{"email", "region", "sectors", "languages", "max_load", "judge_user_id", "startup_id",
	"reviewers_per_application", "name", "amount", "currency", "office_months", "office_city", "office_desks", "rank", "prize_id", "application_id", "top", "round", "kind"}

func (s *site) manageView(r *http.Request) (*manageView, error) {
	ctx, rq := r.Context(), httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	id, err := contestPathID(r, "id")
	if err != nil {
		return nil, err
	}
	store := s.contests()
	c, err := store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &manageView{Page: Page{Nav: "contests"}, Form: newForm(manageFields...), Contest: c, Notice: r.URL.Query().Get("done")}
	if v.Applications, err = store.Applications(ctx, rq.User, id); err != nil {
		return nil, err
	}
	if v.Judges, err = store.Judges(ctx, rq.User, id); err != nil {
		return nil, err
	}
	conflicts, err := store.Conflicts(ctx, rq.User, id)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, j := range v.Judges {
		names[j.UserID] = j.Name
	}
	startups := map[int64]text.Text{}
	for _, a := range v.Applications {
		startups[a.StartupID] = a.StartupName
	}
	for _, cf := range conflicts {
		v.Conflicts = append(v.Conflicts, conflictRow{Conflict: cf, Judge: names[cf.JudgeUserID], Startup: startups[cf.StartupID]})
	}
	prizes, err := store.Prizes(ctx, rq.User, id)
	if err != nil {
		return nil, err
	}
	if v.Prizes, err = s.prizeRows(ctx, rq.P, prizes); err != nil {
		return nil, err
	}
	regions, err := s.svc.Partners.Regions(ctx)
	if err != nil {
		return nil, err
	}
	v.RegionNames = regionNames{}
	for _, rg := range regions {
		v.Regions = append(v.Regions, option{Value: rg.Code, Label: rg.Name.In(rq.P.Lang)})
		v.RegionNames[rg.Code] = rg.Name
	}
	return v, nil
}

func (s *site) contestManage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.manageView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "contest_manage", v)
}

// contestAction runs one staff action from the manage page.
func (s *site) contestAction(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.manageView(r)
	if err != nil {
		return err
	}
	ctx, user, store, id := r.Context(), httpx.From(r).User, s.contests(), v.Contest.ID
	f := r.PostFormValue
	round, _ := strconv.Atoi(f("round"))
	action := r.PathValue("action")
	switch action {
	case "judge":
		v.JudgeEmail, v.JudgeRegion, v.JudgeSectors, v.JudgeLanguages, v.JudgeLoad = f("email"), f("region"), f("sectors"), f("languages"), f("max_load")
		err = s.addJudgeForm(r, v)
	case "conflict":
		judge, _ := strconv.ParseInt(f("judge_user_id"), 10, 64)
		startup, _ := strconv.ParseInt(f("startup_id"), 10, 64)
		_, err = store.DeclareConflict(ctx, user, id, contest.ConflictInput{JudgeUserID: judge, StartupID: startup})
	case "assign":
		v.Assignment, err = store.Assign(ctx, user, id, round)
		if err == nil {
			return s.render(w, r, http.StatusOK, "contest_manage", v)
		}
	case "pair":
		judge, _ := strconv.ParseInt(f("judge_user_id"), 10, 64)
		app, _ := strconv.ParseInt(f("application_id"), 10, 64)
		err = store.SetPair(ctx, user, id, round, contest.PairInput{JudgeUserID: judge, ApplicationID: app, Kind: f("kind")})
	case "publish":
		err = store.Publish(ctx, user, id, round)
	case "advance":
		top, _ := strconv.Atoi(f("top"))
		in := contest.AdvanceInput{Top: top}
		for _, s := range r.PostForm["application_ids"] {
			if n, perr := strconv.ParseInt(s, 10, 64); perr == nil {
				in.ApplicationIDs = append(in.ApplicationIDs, n)
			}
		}
		_, err = store.Advance(ctx, user, id, round, in)
	case "prize":
		v.Prize = prizeValues{NameEn: f("name_en"), NameKo: f("name_ko"), NameZh: f("name_zh"), Rank: f("rank"), Amount: f("amount"),
			Currency: f("currency"), OfficeMonths: f("office_months"), OfficeCity: f("office_city"), OfficeDesks: f("office_desks"),
			FastTrack: f("fund_fast_track") == "on"}
		amount, aerr := contestMoney(f("amount"), f("currency"))
		if aerr != nil {
			err = aerr
			break
		}
		months, _ := strconv.Atoi(f("office_months"))
		desks, _ := strconv.Atoi(f("office_desks"))
		in := contest.PrizeInput{Name: text.Text{Ko: f("name_ko"), Zh: f("name_zh"), En: f("name_en")}, Amount: amount, Currency: f("currency"),
			OfficeMonths: months, OfficeCity: f("office_city"), OfficeDesks: desks, FundFastTrack: f("fund_fast_track") == "on"}
		if rank, rerr := strconv.Atoi(f("rank")); rerr == nil {
			in.Rank = &rank
		}
		_, err = store.CreatePrize(ctx, user, id, in)
	case "award":
		prize, _ := strconv.ParseInt(f("prize_id"), 10, 64)
		app, _ := strconv.ParseInt(f("application_id"), 10, 64)
		_, err = store.Award(ctx, user, id, prize, app)
	case "revoke":
		prize, _ := strconv.ParseInt(f("prize_id"), 10, 64)
		app, _ := strconv.ParseInt(f("application_id"), 10, 64)
		err = store.RevokeAward(ctx, user, id, prize, app)
	default:
		return errs.ErrNotFound
	}
	if err != nil {
		return reshow(err, "contest_manage", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/contests/%d/manage?done=%s", id, action))
}

func (s *site) addJudgeForm(r *http.Request, v *manageView) error {
	u, err := s.svc.Auth.UserByEmail(r.Context(), strings.TrimSpace(v.JudgeEmail))
	if err != nil {
		return errs.Field("email", "contest.field.user", nil)
	}
	in := contest.JudgeInput{UserID: u.ID, Region: v.JudgeRegion, Sectors: contestSplit(v.JudgeSectors), Languages: contestSplit(v.JudgeLanguages)}
	if v.JudgeLoad != "" {
		n, err := strconv.Atoi(v.JudgeLoad)
		if err != nil {
			return errs.Field("max_load", "contest.field.max_load", nil)
		}
		in.MaxLoad = &n
	}
	_, err = s.contests().AddJudge(r.Context(), httpx.From(r).User, v.Contest.ID, in)
	return err
}

// splitList reads "ai, bio" as a list.
func contestSplit(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseMoney reads an amount typed in major units ("5000000" KRW,
// "1200.50" CNY) as integer minor units, never through a float.
func contestMoney(s, currency string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, nil
	}
	bad := errs.Field("amount", "contest.field.amount", nil)
	whole, frac, hasFrac := strings.Cut(s, ".")
	decimals := 2
	if currency == "KRW" {
		decimals = 0
	}
	if hasFrac && (len(frac) > decimals || len(frac) == 0) {
		return 0, bad
	}
	for len(frac) < decimals {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n < 0 {
		return 0, bad
	}
	return n, nil
}
