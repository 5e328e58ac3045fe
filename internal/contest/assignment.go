package contest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/assign"
	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/notify"
)

// Pair is one assigned judge and application with its review.
type Pair struct {
	ApplicationID int64 `json:"application_id"`
	JudgeUserID   int64 `json:"judge_user_id"`
	ReviewID      int64 `json:"review_id"`
}

// Shortfall is an application that could not get k judges.
type Shortfall struct {
	ApplicationID int64 `json:"application_id"`
	Assigned      int   `json:"assigned"`
	Wanted        int   `json:"wanted"`
}

// SideGap is an application whose judges miss a side that had an eligible
// judge for it.
type SideGap struct {
	ApplicationID int64    `json:"application_id"`
	Missing       []string `json:"missing"`
}

// AssignOutcome is the result of running the assignment of a round.
type AssignOutcome struct {
	Assignments   []Pair      `json:"assignments"`
	UnderAssigned []Shortfall `json:"under_assigned"`
	SidesMissing  []SideGap   `json:"sides_missing"`
	TotalScore    int         `json:"total_score"`
	// Added and Removed are the reviews this run created and took away
	// (only reviews not yet started ever move).
	Added   []Pair `json:"added"`
	Removed []Pair `json:"removed"`
}

// Assign runs the optimal assignment of round n: reviews already started
// stay, staff pins are kept, forbidden and conflicted pairs never appear,
// and reviews not yet started may move to a better place.
func (s *Store) Assign(ctx context.Context, actor *auth.User, contestID int64, n int) (*AssignOutcome, error) {
	var out *AssignOutcome
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := contestFor(ctx, tx, actor, contestID)
		if err != nil {
			return err
		}
		r, err := c.Round(n)
		if err != nil {
			return err
		}
		if _, _, err := s.withdrawConflicted(ctx, tx, actor.ID, c); err != nil {
			return err
		}
		if out, err = s.assignRound(ctx, tx, actor.ID, c, r); err != nil {
			return err
		}
		return tellJudges(ctx, tx, actor.ID, c, r, out.Added)
	})
	return out, err
}

// tellJudges notifies each judge given new reviews by an assignment, in its
// transaction: how many, in which contest and round.
func tellJudges(ctx context.Context, tx *database.Tx, actorID int64, c *Contest, r *Round, added []Pair) error {
	count := map[int64]int{}
	var judges []int64
	for _, p := range added {
		if count[p.JudgeUserID] == 0 {
			judges = append(judges, p.JudgeUserID)
		}
		count[p.JudgeUserID]++
	}
	for _, j := range judges {
		if j == actorID {
			continue
		}
		args := contestArgs(c, r)
		args["n"] = strconv.Itoa(count[j])
		m := notify.Message{Kind: "contest.assigned", Key: "contest.notify.assigned", Link: fmt.Sprintf("/contests/%d/reviews", c.ID), Args: args}
		if err := notify.Send(ctx, tx, j, m); err != nil {
			return err
		}
	}
	return nil
}

// contestArgs names a contest and round in each language for a message.
func contestArgs(c *Contest, r *Round) map[string]string {
	return notify.InEachLanguage(notify.InEachLanguage(map[string]string{}, "contest", c.Name), "round", r.Name)
}

type liveReview struct {
	id      int64
	judge   int64
	app     int64
	started bool
}

func (s *Store) assignRound(ctx context.Context, tx *database.Tx, actorID int64, c *Contest, r *Round) (*AssignOutcome, error) {
	judges, err := loadJudges(ctx, tx, c.ID)
	if err != nil {
		return nil, err
	}
	if r.K > len(judges) {
		return nil, errs.Field("reviewers_per_application", "contest.field.k_exceeds_judges", map[string]any{"k": r.K, "judges": len(judges)})
	}
	apps, err := queryApplications(ctx, tx, `WHERE a.contest_id = ? AND a.status = 'submitted' AND a.round_reached >= ? ORDER BY a.id`, c.ID, r.Number)
	if err != nil {
		return nil, err
	}
	if err := loadSectors(ctx, tx, apps); err != nil {
		return nil, err
	}
	p := assign.Problem{K: r.K}
	for _, a := range apps {
		p.Applications = append(p.Applications, assign.Application{ID: a.ID, Sectors: a.Sectors, Languages: a.Languages})
	}
	for _, j := range judges {
		load := 0
		if j.MaxLoad != nil {
			load = *j.MaxLoad
		}
		p.Judges = append(p.Judges, assign.Judge{ID: j.UserID, Side: j.Region, Sectors: j.Sectors, Languages: j.Languages, MaxLoad: load})
	}
	conflicts, err := conflictSet(ctx, tx, c.ID, 0)
	if err != nil {
		return nil, err
	}
	for _, a := range apps {
		for _, j := range judges {
			if conflicts[[2]int64{j.UserID, a.StartupID}] != "" {
				p.Conflicts = append(p.Conflicts, assign.Pair{Judge: j.UserID, Application: a.ID})
			}
		}
	}
	inRound := map[int64]bool{}
	for _, a := range apps {
		inRound[a.ID] = true
	}
	isJudge := map[int64]bool{}
	for _, j := range judges {
		isJudge[j.UserID] = true
	}
	rows, err := tx.Query(ctx, `SELECT judge_user_id, application_id, value FROM contest_bids WHERE round_id = ?`, r.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var b assign.Bid
		if err := rows.Scan(&b.Judge, &b.Application, &b.Value); err != nil {
			rows.Close()
			return nil, err
		}
		if inRound[b.Application] && isJudge[b.Judge] {
			p.Bids = append(p.Bids, b)
		}
	}
	rows.Close()
	rows, err = tx.Query(ctx, `SELECT judge_user_id, application_id, kind FROM contest_pairs WHERE round_id = ?`, r.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var pr assign.Pair
		var kind string
		if err := rows.Scan(&pr.Judge, &pr.Application, &kind); err != nil {
			rows.Close()
			return nil, err
		}
		if !inRound[pr.Application] || !isJudge[pr.Judge] {
			continue
		}
		if kind == "pin" {
			p.Pinned = append(p.Pinned, pr)
		} else {
			p.Forbidden = append(p.Forbidden, pr)
		}
	}
	rows.Close()
	live, err := liveReviews(ctx, tx, r.ID)
	if err != nil {
		return nil, err
	}
	for _, lr := range live {
		if lr.started && inRound[lr.app] && isJudge[lr.judge] {
			p.Existing = append(p.Existing, assign.Pair{Judge: lr.judge, Application: lr.app})
		}
	}
	// A pinned pair that is also started is existing already, and a
	// started review is never moved by a later forbid.
	p.Pinned = slices.DeleteFunc(p.Pinned, func(pr assign.Pair) bool { return slices.Contains(p.Existing, pr) })
	p.Forbidden = slices.DeleteFunc(p.Forbidden, func(pr assign.Pair) bool { return slices.Contains(p.Existing, pr) })
	res, err := assign.Solve(ctx, p)
	if errors.Is(err, assign.ErrPinnedConflict) {
		return nil, errConflictOfInterest
	}
	if err != nil {
		return nil, err
	}
	return s.applyAssignment(ctx, tx, actorID, c, r, live, res)
}

// applyAssignment makes the stored reviews match res: reviews not yet
// started that res dropped are deleted, new pairs get a review.
func (s *Store) applyAssignment(ctx context.Context, tx *database.Tx, actorID int64, c *Contest, r *Round, live []liveReview, res assign.Result) (*AssignOutcome, error) {
	out := &AssignOutcome{Assignments: []Pair{}, UnderAssigned: []Shortfall{}, SidesMissing: []SideGap{}, Added: []Pair{}, Removed: []Pair{}, TotalScore: res.TotalScore}
	want := map[[2]int64]bool{}
	for _, a := range res.Assignments {
		want[[2]int64{a.Judge, a.Application}] = true
	}
	have := map[[2]int64]int64{}
	for _, lr := range live {
		key := [2]int64{lr.judge, lr.app}
		if want[key] || lr.started {
			have[key] = lr.id
			continue
		}
		if _, err := tx.Exec(ctx, `DELETE FROM contest_reviews WHERE id = ?`, lr.id); err != nil {
			return nil, err
		}
		out.Removed = append(out.Removed, Pair{ApplicationID: lr.app, JudgeUserID: lr.judge, ReviewID: lr.id})
	}
	var added [][2]int64
	for _, a := range res.Assignments {
		if _, ok := have[[2]int64{a.Judge, a.Application}]; !ok {
			added = append(added, [2]int64{a.Judge, a.Application})
		}
	}
	if err := insertReviews(ctx, tx, r.ID, added, s.now()); err != nil {
		return nil, err
	}
	if len(added) > 0 {
		// Read the new reviews' ids back in one query.
		now, err := liveReviews(ctx, tx, r.ID)
		if err != nil {
			return nil, err
		}
		for _, lr := range now {
			have[[2]int64{lr.judge, lr.app}] = lr.id
		}
	}
	isNew := make(map[[2]int64]bool, len(added))
	for _, k := range added {
		isNew[k] = true
	}
	for _, a := range res.Assignments {
		key := [2]int64{a.Judge, a.Application}
		p := Pair{ApplicationID: a.Application, JudgeUserID: a.Judge, ReviewID: have[key]}
		if isNew[key] {
			out.Added = append(out.Added, p)
		}
		out.Assignments = append(out.Assignments, p)
	}
	for _, u := range res.UnderAssigned {
		out.UnderAssigned = append(out.UnderAssigned, Shortfall{ApplicationID: u.Application, Assigned: u.Assigned, Wanted: u.Wanted})
	}
	for _, g := range res.SidesMissing {
		out.SidesMissing = append(out.SidesMissing, SideGap{ApplicationID: g.Application, Missing: g.Missing})
	}
	err := auditf(ctx, tx, actorID, "contest.assign", "contest", c.ID, map[string]any{
		"round": r.Number, "assigned": len(out.Assignments), "added": len(out.Added), "removed": len(out.Removed),
		"under_assigned": len(out.UnderAssigned), "total_score": out.TotalScore})
	return out, err
}

// reviewBatch is how many reviews one INSERT writes: far below the
// engines' limits on parameters, and few statements for 30,000 reviews.
const reviewBatch = 500

// insertReviews writes a review, not yet started, for each (judge,
// application) pair, several rows per statement.
func insertReviews(ctx context.Context, tx *database.Tx, roundID int64, pairs [][2]int64, now time.Time) error {
	for start := 0; start < len(pairs); start += reviewBatch {
		batch := pairs[start:min(start+reviewBatch, len(pairs))]
		var q strings.Builder
		q.WriteString(`INSERT INTO contest_reviews (round_id, application_id, judge_user_id, status, created_at, updated_at) VALUES `)
		args := make([]any, 0, 5*len(batch))
		for i, p := range batch {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(`(?, ?, ?, 'assigned', ?, ?)`)
			args = append(args, roundID, p[1], p[0], now, now)
		}
		if _, err := tx.Exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert reviews: %w", err)
		}
	}
	return nil
}

func liveReviews(ctx context.Context, q database.Querier, roundID int64) ([]liveReview, error) {
	rows, err := q.Query(ctx, `SELECT id, judge_user_id, application_id, status FROM contest_reviews WHERE round_id = ? AND status <> 'withdrawn' ORDER BY id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []liveReview
	for rows.Next() {
		var lr liveReview
		var status string
		if err := rows.Scan(&lr.id, &lr.judge, &lr.app, &status); err != nil {
			return nil, err
		}
		lr.started = status != "assigned"
		out = append(out, lr)
	}
	return out, rows.Err()
}

// loadSectors fills the applications' sectors from their start-ups.
func loadSectors(ctx context.Context, q database.Querier, apps []*Application) error {
	if len(apps) == 0 {
		return nil
	}
	byStartup := map[int64][]*Application{}
	for _, a := range apps {
		a.Sectors = []string{}
		byStartup[a.StartupID] = append(byStartup[a.StartupID], a)
	}
	rows, err := q.Query(ctx, `SELECT ss.startup_id, ss.sector_code FROM startup_sectors ss JOIN contest_applications a ON a.startup_id = ss.startup_id WHERE a.contest_id = ? ORDER BY ss.startup_id, ss.sector_code`, apps[0].ContestID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		for _, a := range byStartup[id] {
			a.Sectors = append(a.Sectors, code)
		}
	}
	return rows.Err()
}
