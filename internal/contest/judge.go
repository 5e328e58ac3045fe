package contest

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// Judge is a judge of a contest: their side, expertise, languages and
// maximum load (nil: the default ⌈applications·k / judges⌉).
type Judge struct {
	ContestID int64    `json:"contest_id"`
	UserID    int64    `json:"judge_user_id"`
	Name      string   `json:"name"`
	Region    string   `json:"region"`
	Sectors   []string `json:"sectors"`
	Languages []string `json:"languages"`
	MaxLoad   *int     `json:"max_load"`
}

// JudgeInput is what staff send to add a judge.
type JudgeInput struct {
	UserID    int64    `json:"user_id"`
	Region    string   `json:"region"`
	Sectors   []string `json:"sectors"`
	Languages []string `json:"languages"`
	MaxLoad   *int     `json:"max_load"`
}

// AddJudge makes a user a judge of the contest (adding their judge
// membership), or updates their side, expertise and load.
func (s *Store) AddJudge(ctx context.Context, actor *auth.User, contestID int64, in JudgeInput) (*Judge, error) {
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if _, err := contestFor(ctx, tx, actor, contestID); err != nil {
			return err
		}
		v := &errs.Invalid{}
		var userRegion sql.NullString
		var userLang string
		err := tx.QueryRow(ctx, `SELECT region_code, language FROM users WHERE id = ?`, in.UserID).Scan(&userRegion, &userLang)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.Field("user_id", "contest.field.user", nil)
		} else if err != nil {
			return err
		}
		if in.Region == "" {
			in.Region = userRegion.String
		}
		if in.Region == "" || !exists(ctx, tx, `SELECT 1 FROM regions WHERE code = ?`, in.Region) {
			v.Add("region", "contest.field.judge_region", nil)
		}
		for i, sec := range in.Sectors {
			if !exists(ctx, tx, `SELECT 1 FROM sectors WHERE code = ?`, sec) {
				v.Add(fmt.Sprintf("sectors[%d]", i), "contest.field.sector", nil)
			}
		}
		if len(in.Languages) == 0 {
			in.Languages = []string{userLang}
		}
		for i, l := range in.Languages {
			if !contains(languages, l) {
				v.Add(fmt.Sprintf("languages[%d]", i), "contest.field.language", nil)
			}
		}
		if in.MaxLoad != nil && (*in.MaxLoad < 0 || *in.MaxLoad > 10000) {
			v.Add("max_load", "contest.field.max_load", nil)
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		now := s.now()
		if exists(ctx, tx, `SELECT 1 FROM contest_judges WHERE contest_id = ? AND user_id = ?`, contestID, in.UserID) {
			_, err = tx.Exec(ctx, `UPDATE contest_judges SET region_code = ?, sectors = ?, languages = ?, max_load = ? WHERE contest_id = ? AND user_id = ?`,
				in.Region, strings.Join(in.Sectors, ","), strings.Join(in.Languages, ","), in.MaxLoad, contestID, in.UserID)
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO contest_judges (contest_id, user_id, region_code, sectors, languages, max_load, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			contestID, in.UserID, in.Region, strings.Join(in.Sectors, ","), strings.Join(in.Languages, ","), in.MaxLoad, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO memberships (user_id, role, contest_id, created_at) VALUES (?, 'judge', ?, ?)`, in.UserID, contestID, now); err != nil {
			return err
		}
		return auditf(ctx, tx, actor.ID, "contest.judge.add", "contest", contestID, map[string]any{"judge_user_id": in.UserID})
	})
	if err != nil {
		return nil, err
	}
	judges, err := loadJudges(ctx, s.db, contestID)
	if err != nil {
		return nil, err
	}
	for _, j := range judges {
		if j.UserID == in.UserID {
			return j, nil
		}
	}
	return nil, errs.ErrNotFound
}

// Judges lists a contest's judges for its staff.
func (s *Store) Judges(ctx context.Context, actor *auth.User, contestID int64) ([]*Judge, error) {
	if _, err := contestFor(ctx, s.db, actor, contestID); err != nil {
		return nil, err
	}
	return loadJudges(ctx, s.db, contestID)
}

func loadJudges(ctx context.Context, q database.Querier, contestID int64) ([]*Judge, error) {
	rows, err := q.Query(ctx, `SELECT j.user_id, u.name, j.region_code, j.sectors, j.languages, j.max_load FROM contest_judges j JOIN users u ON u.id = j.user_id WHERE j.contest_id = ? ORDER BY j.user_id`, contestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Judge
	for rows.Next() {
		j := &Judge{ContestID: contestID}
		var sectors, langs string
		var load sql.NullInt64
		if err := rows.Scan(&j.UserID, &j.Name, &j.Region, &sectors, &langs, &load); err != nil {
			return nil, err
		}
		j.Sectors, j.Languages = split(sectors), split(langs)
		if load.Valid {
			n := int(load.Int64)
			j.MaxLoad = &n
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// Conflict is a judge's conflict of interest with a start-up.
type Conflict struct {
	JudgeUserID int64  `json:"judge_user_id"`
	StartupID   int64  `json:"startup_id"`
	Source      string `json:"source"` // declared | member | investment
}

// ConflictInput is a declared conflict.
type ConflictInput struct {
	JudgeUserID int64 `json:"judge_user_id"`
	StartupID   int64 `json:"startup_id"`
}

// DeclareResult tells what declaring a conflict changed.
type DeclareResult struct {
	Conflict  Conflict `json:"conflict"`
	Withdrawn []int64  `json:"withdrawn_review_ids"`
	// Reassigned are the new reviews that replace the withdrawn ones.
	Reassigned []Pair `json:"reassigned"`
}

// DeclareConflict records that a judge is in conflict with a start-up.
// The judge themself or the contest's staff may declare it. Reviews of the
// judge for that start-up are withdrawn and every affected round is
// assigned again, without moving reviews already started.
func (s *Store) DeclareConflict(ctx context.Context, actor *auth.User, contestID int64, in ConflictInput) (*DeclareResult, error) {
	res := &DeclareResult{Conflict: Conflict{JudgeUserID: in.JudgeUserID, StartupID: in.StartupID, Source: "declared"}}
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := loadContest(ctx, tx, contestID)
		if err != nil {
			return err
		}
		self := actor != nil && actor.ID == in.JudgeUserID && auth.Can(actor, auth.JudgeContest, auth.Target{ContestID: contestID}) == nil
		if !self {
			if err := mayManage(actor, c); err != nil {
				return err
			}
		}
		v := &errs.Invalid{}
		if !exists(ctx, tx, `SELECT 1 FROM contest_judges WHERE contest_id = ? AND user_id = ?`, contestID, in.JudgeUserID) {
			v.Add("judge_user_id", "contest.field.judge", nil)
		}
		if !exists(ctx, tx, `SELECT 1 FROM startups WHERE id = ?`, in.StartupID) {
			v.Add("startup_id", "contest.field.startup", nil)
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		if !exists(ctx, tx, `SELECT 1 FROM contest_conflicts WHERE contest_id = ? AND judge_user_id = ? AND startup_id = ?`, contestID, in.JudgeUserID, in.StartupID) {
			if _, err := tx.Exec(ctx, `INSERT INTO contest_conflicts (contest_id, judge_user_id, startup_id, declared_by, created_at) VALUES (?, ?, ?, ?, ?)`,
				contestID, in.JudgeUserID, in.StartupID, actor.ID, s.now()); err != nil {
				return err
			}
		}
		if err := auditf(ctx, tx, actor.ID, "contest.conflict.declare", "contest", contestID, in); err != nil {
			return err
		}
		res.Withdrawn, res.Reassigned, err = s.reassignConflicted(ctx, tx, actor.ID, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// reassignConflicted withdraws the live reviews of c whose judge is now in
// conflict with the application's start-up, however the conflict arose,
// and assigns every round it touched again.
func (s *Store) reassignConflicted(ctx context.Context, tx *database.Tx, actorID int64, c *Contest) ([]int64, []Pair, error) {
	rounds, withdrawn, err := s.withdrawConflicted(ctx, tx, actorID, c)
	if err != nil {
		return nil, nil, err
	}
	var reassigned []Pair
	for _, n := range rounds {
		r, err := c.Round(n)
		if err != nil {
			return nil, nil, err
		}
		out, err := s.assignRound(ctx, tx, actorID, c, r)
		if err != nil {
			// The round may have too few judges left: the conflict
			// still stands, and staff see the gap when they run it.
			var inv *errs.Invalid
			if errors.As(err, &inv) {
				continue
			}
			return nil, nil, err
		}
		reassigned = append(reassigned, out.Added...)
	}
	return withdrawn, reassigned, nil
}

// withdrawConflicted withdraws every live review whose judge is in
// conflict with the application's start-up and returns the rounds touched.
func (s *Store) withdrawConflicted(ctx context.Context, tx *database.Tx, actorID int64, c *Contest) (rounds []int, ids []int64, err error) {
	conflicts, err := conflictSet(ctx, tx, c.ID, 0)
	if err != nil {
		return nil, nil, err
	}
	rows, err := tx.Query(ctx, `SELECT r.id, r.judge_user_id, a.startup_id, cr.number FROM contest_reviews r
		JOIN contest_applications a ON a.id = r.application_id JOIN contest_rounds cr ON cr.id = r.round_id
		WHERE cr.contest_id = ? AND r.status <> 'withdrawn'`, c.ID)
	if err != nil {
		return nil, nil, err
	}
	type hit struct {
		id    int64
		round int
	}
	var hits []hit
	for rows.Next() {
		var id, judge, startup int64
		var n int
		if err := rows.Scan(&id, &judge, &startup, &n); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if conflicts[[2]int64{judge, startup}] != "" {
			hits = append(hits, hit{id, n})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	now := s.now()
	for _, h := range hits {
		if _, err := tx.Exec(ctx, `UPDATE contest_reviews SET status = 'withdrawn', version = version + 1, updated_at = ? WHERE id = ?`, now, h.id); err != nil {
			return nil, nil, err
		}
		if err := auditf(ctx, tx, actorID, "contest.review.withdraw", "contest_review", h.id, map[string]any{"reason": "conflict_of_interest"}); err != nil {
			return nil, nil, err
		}
		ids = append(ids, h.id)
		if !containsInt(rounds, h.round) {
			rounds = append(rounds, h.round)
		}
	}
	return rounds, ids, nil
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// conflictSources are the ways a judge comes to be in conflict; each
// query selects (judge, start-up, source), with %s where the filter on its
// judge column goes.
var conflictSources = []struct{ judge, query string }{
	{"judge_user_id", `SELECT judge_user_id, startup_id, 'declared' FROM contest_conflicts WHERE contest_id = ?%s`},
	{"m.user_id", `SELECT m.user_id, m.startup_id, 'member' FROM memberships m JOIN contest_judges j ON j.user_id = m.user_id AND j.contest_id = ?
		WHERE m.role = 'startup' AND m.startup_id IS NOT NULL%s`},
	{"m.user_id", `SELECT m.user_id, p.startup_id, 'investment' FROM memberships m JOIN contest_judges j ON j.user_id = m.user_id AND j.contest_id = ?
		JOIN investor_portfolio p ON p.investor_id = m.investor_id WHERE m.role = 'investor'%s`},
	{"m.user_id", `SELECT m.user_id, p.startup_id, 'investment' FROM memberships m JOIN contest_judges j ON j.user_id = m.user_id AND j.contest_id = ?
		JOIN investors i ON i.institution_id = m.institution_id JOIN investor_portfolio p ON p.investor_id = i.id
		WHERE m.role = 'staff'%s`},
}

// conflictSet returns the conflicts of the contest's judges — of every
// judge, or of judge alone when it is not 0 (a judge's page needs only
// theirs, and a large contest has tens of thousands): declared, derived
// from membership in the start-up, and derived from investment links (SPEC
// §3.2: "their institution or fund has invested in it"): the judge is a
// member of an investor, or staff of the institution an investor belongs
// to, whose portfolio holds the start-up.
func conflictSet(ctx context.Context, q database.Querier, contestID, judge int64) (map[[2]int64]string, error) {
	branches := make([]string, len(conflictSources))
	var args []any
	for i, src := range conflictSources {
		filter := ""
		args = append(args, contestID)
		if judge != 0 {
			filter = " AND " + src.judge + " = ?"
			args = append(args, judge)
		}
		branches[i] = fmt.Sprintf(src.query, filter)
	}
	rows, err := q.Query(ctx, strings.Join(branches, "\n\t\tUNION ALL\n\t\t"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]int64]string{}
	for rows.Next() {
		var j, st int64
		var src string
		if err := rows.Scan(&j, &st, &src); err != nil {
			return nil, err
		}
		if out[[2]int64{j, st}] == "" {
			out[[2]int64{j, st}] = src
		}
	}
	return out, rows.Err()
}

// Conflicts lists a contest's conflicts for its staff.
func (s *Store) Conflicts(ctx context.Context, actor *auth.User, contestID int64) ([]Conflict, error) {
	if _, err := contestFor(ctx, s.db, actor, contestID); err != nil {
		return nil, err
	}
	set, err := conflictSet(ctx, s.db, contestID, 0)
	if err != nil {
		return nil, err
	}
	out := make([]Conflict, 0, len(set))
	for k, src := range set {
		out = append(out, Conflict{JudgeUserID: k[0], StartupID: k[1], Source: src})
	}
	sortConflicts(out)
	return out, nil
}

// inConflict reports whether judge is in conflict with startup.
func inConflict(ctx context.Context, q database.Querier, contestID, judge, startup int64) (bool, error) {
	set, err := conflictSet(ctx, q, contestID, judge)
	if err != nil {
		return false, err
	}
	return set[[2]int64{judge, startup}] != "", nil
}

var errConflictOfInterest = errs.New(http.StatusForbidden, "conflict_of_interest", "contest.error.conflict_of_interest", nil)

// SetBids replaces a judge's bids for a round. The judge themself or the
// contest's staff may set them.
func (s *Store) SetBids(ctx context.Context, actor *auth.User, contestID int64, round int, judgeID int64, bids map[int64]int) error {
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := loadContest(ctx, tx, contestID)
		if err != nil {
			return err
		}
		if !(actor != nil && actor.ID == judgeID && auth.Can(actor, auth.JudgeContest, auth.Target{ContestID: contestID}) == nil) {
			if err := mayManage(actor, c); err != nil {
				return err
			}
		}
		r, err := c.Round(round)
		if err != nil {
			return err
		}
		v := &errs.Invalid{}
		if !exists(ctx, tx, `SELECT 1 FROM contest_judges WHERE contest_id = ? AND user_id = ?`, contestID, judgeID) {
			v.Add("judge_user_id", "contest.field.judge", nil)
		}
		for app, val := range bids {
			field := fmt.Sprintf("bids.%d", app)
			if val < -100 || val > 100 {
				v.Add(field, "contest.field.bid", nil)
			}
			if !exists(ctx, tx, `SELECT 1 FROM contest_applications WHERE id = ? AND contest_id = ?`, app, contestID) {
				v.Add(field, "contest.field.application", nil)
			}
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM contest_bids WHERE round_id = ? AND judge_user_id = ?`, r.ID, judgeID); err != nil {
			return err
		}
		for app, val := range bids {
			if _, err := tx.Exec(ctx, `INSERT INTO contest_bids (round_id, judge_user_id, application_id, value) VALUES (?, ?, ?, ?)`, r.ID, judgeID, app, val); err != nil {
				return err
			}
		}
		return nil
	})
}

// PairInput pins a pair, forbids it, or clears either (kind "").
type PairInput struct {
	JudgeUserID   int64  `json:"judge_user_id"`
	ApplicationID int64  `json:"application_id"`
	Kind          string `json:"kind"`
}

// SetPair records a staff decision on one pair before assignment.
func (s *Store) SetPair(ctx context.Context, actor *auth.User, contestID int64, round int, in PairInput) error {
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := contestFor(ctx, tx, actor, contestID)
		if err != nil {
			return err
		}
		r, err := c.Round(round)
		if err != nil {
			return err
		}
		v := &errs.Invalid{}
		if in.Kind != "pin" && in.Kind != "forbid" && in.Kind != "" {
			v.Add("kind", "contest.field.pair_kind", nil)
		}
		if !exists(ctx, tx, `SELECT 1 FROM contest_judges WHERE contest_id = ? AND user_id = ?`, contestID, in.JudgeUserID) {
			v.Add("judge_user_id", "contest.field.judge", nil)
		}
		var startup int64
		if err := tx.QueryRow(ctx, `SELECT startup_id FROM contest_applications WHERE id = ? AND contest_id = ?`, in.ApplicationID, contestID).Scan(&startup); err != nil {
			v.Add("application_id", "contest.field.application", nil)
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		if in.Kind == "forbid" && exists(ctx, tx, `SELECT 1 FROM contest_reviews WHERE round_id = ? AND judge_user_id = ? AND application_id = ? AND status IN ('started', 'submitted')`,
			r.ID, in.JudgeUserID, in.ApplicationID) {
			// A review already started never moves; a conflict of interest
			// is the way to take it back.
			return errs.New(http.StatusConflict, "conflict", "contest.error.review_started", nil)
		}
		if in.Kind == "pin" {
			if bad, err := inConflict(ctx, tx, contestID, in.JudgeUserID, startup); err != nil {
				return err
			} else if bad {
				return errConflictOfInterest
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM contest_pairs WHERE round_id = ? AND judge_user_id = ? AND application_id = ?`, r.ID, in.JudgeUserID, in.ApplicationID); err != nil {
			return err
		}
		if in.Kind == "" {
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO contest_pairs (round_id, judge_user_id, application_id, kind) VALUES (?, ?, ?, ?)`, r.ID, in.JudgeUserID, in.ApplicationID, in.Kind)
		return err
	})
}

func sortConflicts(list []Conflict) {
	slices.SortFunc(list, func(a, b Conflict) int {
		if c := cmp.Compare(a.JudgeUserID, b.JudgeUserID); c != 0 {
			return c
		}
		return cmp.Compare(a.StartupID, b.StartupID)
	})
}
