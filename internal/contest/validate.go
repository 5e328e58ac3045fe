package contest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// stages are the start-up stages of the directory, in order.
var stages = []string{"idea", "pre_seed", "seed", "series_a", "series_b_plus", "growth"}

// deadlineLayouts are the forms a deadline may take: a wall-clock time in
// the contest's zone (as the contract shows, or as a browser's
// datetime-local sends it), or an RFC 3339 instant.
var deadlineLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04"}

// parseDeadline reads a deadline in zone.
func parseDeadline(s string, zone *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	for _, layout := range deadlineLayouts {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// validateContest checks a new contest completely, naming every field at
// fault, and returns its deadline instant.
func validateContest(ctx context.Context, q database.Querier, actor *auth.User, in *NewContest) (time.Time, error) {
	v := &errs.Invalid{}
	in.Name = in.Name.Trimmed()
	if in.Name.Empty() {
		v.Add("name", "contest.field.name", nil)
	}
	if len(in.Hosts) == 0 {
		v.Add("host_institution_ids", "contest.field.hosts", nil)
	}
	for i, h := range in.Hosts {
		if !exists(ctx, q, `SELECT 1 FROM institutions WHERE id = ?`, h) {
			v.Add(fmt.Sprintf("host_institution_ids[%d]", i), "contest.field.host_unknown", nil)
		}
	}
	if in.TimeZone == "" {
		in.TimeZone = "Asia/Seoul"
	}
	zone, err := time.LoadLocation(in.TimeZone)
	if err != nil || in.TimeZone == "Local" {
		v.Add("time_zone", "contest.field.time_zone", nil)
		zone = time.UTC
	}
	deadline, ok := parseDeadline(in.Deadline, zone)
	if !ok {
		v.Add("deadline", "contest.field.deadline", nil)
	}
	for i, r := range in.Eligibility.Regions {
		if !exists(ctx, q, `SELECT 1 FROM regions WHERE code = ?`, r) {
			v.Add(fmt.Sprintf("eligibility.regions[%d]", i), "contest.field.region", nil)
		}
	}
	for i, st := range in.Eligibility.Stages {
		if !contains(stages, st) {
			v.Add(fmt.Sprintf("eligibility.stages[%d]", i), "contest.field.stage", nil)
		}
	}
	if m := in.Eligibility.MaxAgeYears; m != nil && (*m < 1 || *m > 100) {
		v.Add("eligibility.max_age_years", "contest.field.max_age", nil)
	}
	if len(in.Rounds) == 0 {
		v.Add("rounds", "contest.field.rounds", nil)
	}
	for i := range in.Rounds {
		validateRound(v, fmt.Sprintf("rounds[%d]", i), &in.Rounds[i])
	}
	if err := v.OrNil(); err != nil {
		return time.Time{}, err
	}
	if err := mayManage(actor, &Contest{Hosts: in.Hosts}); err != nil {
		return time.Time{}, err
	}
	return deadline, nil
}

func validateRound(v *errs.Invalid, at string, r *NewRound) {
	r.Name = r.Name.Trimmed()
	if r.Name.Empty() {
		v.Add(at+".name", "contest.field.round_name", nil)
	}
	if r.K < 1 || r.K > 20 {
		v.Add(at+".reviewers_per_application", "contest.field.k", nil)
	}
	if r.Normalization == "" {
		r.Normalization = ZScore
	}
	if !r.Normalization.Valid() {
		v.Add(at+".normalization", "contest.field.normalization", nil)
	}
	if len(r.Criteria) == 0 {
		v.Add(at+".criteria", "contest.field.criteria", nil)
	}
	for i := range r.Criteria {
		c := &r.Criteria[i]
		ca := fmt.Sprintf("%s.criteria[%d]", at, i)
		c.Name = c.Name.Trimmed()
		if c.Name.Empty() {
			v.Add(ca+".name", "contest.field.criterion_name", nil)
		}
		if c.Weight <= 0 || c.Weight > 1000 {
			v.Add(ca+".weight", "contest.field.weight", nil)
		}
		if c.Min >= c.Max || c.Min < -1000 || c.Max > 1000 {
			v.Add(ca+".max", "contest.field.scale", nil)
		}
	}
}

func exists(ctx context.Context, q database.Querier, query string, args ...any) bool {
	var one int
	return q.QueryRow(ctx, query, args...).Scan(&one) == nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
