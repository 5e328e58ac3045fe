package web

import (
	"fmt"
	"net/http"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// newContestView is the form staff create a contest with: one round with
// up to four criteria (the API takes any number of rounds).
type newContestView struct {
	Page
	Form
	Hosts        []option
	Host         string
	NameKo       string
	NameZh       string
	NameEn       string
	Deadline     string
	DeadlineZone string
	Regions      []contestCheck
	Stages       []contestCheck
	MaxAge       string
	Round        string
	K            string
	Method       string
	Criteria     []criterionRow
}

// criterionRow is one criterion line of the form.
type criterionRow struct {
	Index                  int
	Name, Weight, Min, Max string
	NameField, WeightField string
	MaxField               string
}

const criteriaOnForm = 4

func (s *site) newContestView(r *http.Request) (*newContestView, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, errs.ErrUnauthenticated
	}
	if !rq.User.IsAdmin() && !rq.User.HasRole(auth.RoleStaff) {
		return nil, auth.Can(rq.User, auth.ManageContest, auth.Target{})
	}
	v := &newContestView{Page: Page{Nav: "contests"}, DeadlineZone: "Asia/Seoul", K: "3", Method: "zscore", MaxAge: "7"}
	fields := []string{"name", "host_institution_ids", "deadline", "time_zone", "eligibility.max_age_years", "rounds[0].name", "rounds[0].reviewers_per_application", "rounds[0].normalization", "rounds[0].criteria"}
	list, err := s.svc.Partners.InstitutionPage(r.Context(), "", 0, 100)
	if err != nil {
		return nil, err
	}
	for _, in := range list {
		if rq.User.IsAdmin() || rq.User.StaffOf(in.ID) {
			v.Hosts = append(v.Hosts, option{Value: strconv.FormatInt(in.ID, 10), Label: in.Name.In(rq.P.Lang)})
		}
	}
	regions, err := s.svc.Partners.Regions(r.Context())
	if err != nil {
		return nil, err
	}
	for _, rg := range regions {
		v.Regions = append(v.Regions, contestCheck{Value: rg.Code, Label: rg.Name.In(rq.P.Lang), Checked: true})
	}
	for _, st := range []string{"idea", "pre_seed", "seed", "series_a", "series_b_plus", "growth"} {
		v.Stages = append(v.Stages, contestCheck{Value: st, Label: rq.P.T("contest.stage." + st), Checked: st != "growth"})
	}
	for i := range criteriaOnForm {
		at := fmt.Sprintf("rounds[0].criteria[%d]", i)
		row := criterionRow{Index: i, Min: "1", Max: "10", NameField: at + ".name", WeightField: at + ".weight", MaxField: at + ".max"}
		fields = append(fields, row.NameField, row.WeightField, row.MaxField)
		v.Criteria = append(v.Criteria, row)
	}
	v.Form = newForm(fields...)
	return v, nil
}

func (s *site) contestNewForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newContestView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "contest_new", v)
}

func (s *site) contestCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.newContestView(r)
	if err != nil {
		return err
	}
	f := r.PostFormValue
	v.Host, v.NameKo, v.NameZh, v.NameEn, v.Deadline, v.DeadlineZone = f("host"), f("name_ko"), f("name_zh"), f("name_en"), f("deadline"), f("time_zone")
	v.MaxAge, v.Round, v.K, v.Method = f("max_age"), f("round_name"), f("k"), f("normalization")
	in := contest.NewContest{Name: text.Text{Ko: v.NameKo, Zh: v.NameZh, En: v.NameEn}, Deadline: v.Deadline, TimeZone: v.DeadlineZone}
	if h, err := strconv.ParseInt(v.Host, 10, 64); err == nil {
		in.Hosts = []int64{h}
	}
	for i := range v.Regions {
		v.Regions[i].Checked = contestHas(r.PostForm["regions"], v.Regions[i].Value)
		if v.Regions[i].Checked {
			in.Eligibility.Regions = append(in.Eligibility.Regions, v.Regions[i].Value)
		}
	}
	for i := range v.Stages {
		v.Stages[i].Checked = contestHas(r.PostForm["stages"], v.Stages[i].Value)
		if v.Stages[i].Checked {
			in.Eligibility.Stages = append(in.Eligibility.Stages, v.Stages[i].Value)
		}
	}
	if n, err := strconv.Atoi(v.MaxAge); err == nil {
		in.Eligibility.MaxAgeYears = &n
	}
	k, _ := strconv.Atoi(v.K)
	round := contest.NewRound{Name: text.Text{En: v.Round}, K: k, Normalization: contest.Method(v.Method)}
	lang := httpx.From(r).P.Lang
	round.Name = contestText(lang, v.Round)
	for i := range v.Criteria {
		row := &v.Criteria[i]
		row.Name, row.Weight, row.Min, row.Max = f(fmt.Sprintf("c%d_name", i)), f(fmt.Sprintf("c%d_weight", i)), f(fmt.Sprintf("c%d_min", i)), f(fmt.Sprintf("c%d_max", i))
		if row.Name == "" {
			continue
		}
		w, _ := strconv.Atoi(row.Weight)
		lo, _ := strconv.Atoi(row.Min)
		hi, _ := strconv.Atoi(row.Max)
		round.Criteria = append(round.Criteria, contest.NewCriterion{Name: contestText(lang, row.Name), Weight: w, Min: lo, Max: hi})
	}
	in.Rounds = []contest.NewRound{round}
	c, err := s.contests().Create(r.Context(), httpx.From(r).User, in)
	if err != nil {
		return reshow(err, "contest_new", v, &v.Form)
	}
	return seeOther(w, r, fmt.Sprintf("/contests/%d/manage", c.ID))
}

// localText is s written in the page's language.
func contestText(lang, s string) text.Text {
	switch lang {
	case "ko":
		return text.Text{Ko: s}
	case "zh":
		return text.Text{Zh: s}
	}
	return text.Text{En: s}
}

func contestHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
