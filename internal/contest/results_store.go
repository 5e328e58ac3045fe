package contest

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/notify"
)

// RoundResults are a round's results with what the pages show beside them.
type RoundResults struct {
	Contest *Contest
	Round   *Round
	Outcome
	// Reviews are the submitted reviews by application, for staff.
	Reviews map[int64][]Scored
	// Applications by id, for names.
	Applications map[int64]*Application
}

// Results computes round n's results for the contest's staff.
func (s *Store) Results(ctx context.Context, actor *auth.User, contestID int64, n int) (*RoundResults, error) {
	c, err := contestFor(ctx, s.db, actor, contestID)
	if err != nil {
		return nil, err
	}
	return roundResults(ctx, s.db, c, n, false)
}

// ResultsDetailed is Results with the applications (names, pitches) for
// the staff's results page.
func (s *Store) ResultsDetailed(ctx context.Context, actor *auth.User, contestID int64, n int) (*RoundResults, error) {
	c, err := contestFor(ctx, s.db, actor, contestID)
	if err != nil {
		return nil, err
	}
	return roundResults(ctx, s.db, c, n, true)
}

func roundResults(ctx context.Context, q database.Querier, c *Contest, n int, detailed bool) (*RoundResults, error) {
	r, err := c.Round(n)
	if err != nil {
		return nil, err
	}
	res := &RoundResults{Contest: c, Round: r, Reviews: map[int64][]Scored{}, Applications: map[int64]*Application{}}
	entrants, err := roundEntrants(ctx, q, c.ID, n)
	if err != nil {
		return nil, err
	}
	if detailed {
		apps, err := queryApplications(ctx, q, `WHERE a.contest_id = ? AND a.status = 'submitted' AND a.round_reached >= ? ORDER BY a.id`, c.ID, n)
		if err != nil {
			return nil, err
		}
		for _, a := range apps {
			res.Applications[a.ID] = a
		}
	}
	reviews, err := submittedReviews(ctx, q, r)
	if err != nil {
		return nil, err
	}
	for _, sc := range reviews {
		res.Reviews[sc.Application] = append(res.Reviews[sc.Application], sc)
	}
	res.Outcome = Compute(r.Normalization, entrants, reviews)
	return res, nil
}

// roundEntrants lists the submitted applications taking part in round n:
// only what the ranking needs.
func roundEntrants(ctx context.Context, q database.Querier, contestID int64, n int) ([]Entrant, error) {
	rows, err := q.Query(ctx, `SELECT id, startup_id, submitted_at FROM contest_applications WHERE contest_id = ? AND status = 'submitted' AND round_reached >= ? ORDER BY id`, contestID, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entrant
	for rows.Next() {
		var e Entrant
		var at sql.NullTime
		if err := rows.Scan(&e.Application, &e.Startup, &at); err != nil {
			return nil, err
		}
		e.SubmittedAt = at.Time.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// submittedReviews loads the raw totals of round r's submitted reviews,
// kept on each review when it was submitted: one row per review.
func submittedReviews(ctx context.Context, q database.Querier, r *Round) ([]Scored, error) {
	rows, err := q.Query(ctx, `SELECT application_id, judge_user_id, raw_total FROM contest_reviews WHERE round_id = ? AND status = 'submitted' ORDER BY id`, r.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Scored
	for rows.Next() {
		var sc Scored
		var raw sql.NullFloat64
		if err := rows.Scan(&sc.Application, &sc.Judge, &raw); err != nil {
			return nil, err
		}
		if !raw.Valid {
			// Submitted before raw totals were kept: sum the scores.
			rows.Close()
			return summedReviews(ctx, q, r)
		}
		sc.Raw = raw.Float64
		out = append(out, sc)
	}
	return out, rows.Err()
}

// summedReviews sums each submitted review's scores in SQL.
func summedReviews(ctx context.Context, q database.Querier, r *Round) ([]Scored, error) {
	scales := r.Scales()
	l, exact := ScaleLCM(scales)
	if !exact {
		return submittedReviewsByScore(ctx, q, r)
	}
	rows, err := q.Query(ctx, `SELECT rv.application_id, rv.judge_user_id, SUM(c.weight * (s.score - c.min_score) * (? / (c.max_score - c.min_score)))
		FROM contest_reviews rv JOIN contest_scores s ON s.review_id = rv.id JOIN contest_criteria c ON c.id = s.criterion_id
		WHERE rv.round_id = ? AND rv.status = 'submitted' GROUP BY rv.id, rv.application_id, rv.judge_user_id ORDER BY rv.id`, l, r.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Scored
	for rows.Next() {
		var sc Scored
		var num int64
		if err := rows.Scan(&sc.Application, &sc.Judge, &num); err != nil {
			return nil, err
		}
		sc.Raw = RawFromSum(scales, l, num)
		out = append(out, sc)
	}
	return out, rows.Err()
}

// submittedReviewsByScore reads every score and sums in Go, for scales
// whose common denominator is too large for exact integer sums.
func submittedReviewsByScore(ctx context.Context, q database.Querier, r *Round) ([]Scored, error) {
	rows, err := q.Query(ctx, `SELECT rv.id, rv.application_id, rv.judge_user_id, s.criterion_id, s.score
		FROM contest_reviews rv JOIN contest_scores s ON s.review_id = rv.id
		WHERE rv.round_id = ? AND rv.status = 'submitted' ORDER BY rv.id`, r.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	scales := r.Scales()
	var out []Scored
	var cur int64 = -1
	var scores map[int64]int
	var lastApp, lastJudge int64
	for rows.Next() {
		var id, app, judge, crit int64
		var score sql.NullInt64
		if err := rows.Scan(&id, &app, &judge, &crit, &score); err != nil {
			return nil, err
		}
		if id != cur {
			if cur >= 0 {
				out = append(out, Scored{Application: lastApp, Judge: lastJudge, Raw: RawTotal(scales, scores)})
			}
			cur, scores = id, make(map[int64]int, len(scales))
		}
		lastApp, lastJudge = app, judge
		scores[crit] = int(score.Int64)
	}
	if cur >= 0 {
		out = append(out, Scored{Application: lastApp, Judge: lastJudge, Raw: RawTotal(scales, scores)})
	}
	return out, rows.Err()
}

// AdvanceInput chooses who goes on to the next round: the top n of the
// results, or the listed applications.
type AdvanceInput struct {
	Top            int     `json:"top"`
	ApplicationIDs []int64 `json:"application_ids"`
}

// Advance moves applications of round n on to round n+1.
func (s *Store) Advance(ctx context.Context, actor *auth.User, contestID int64, n int, in AdvanceInput) ([]int64, error) {
	var moved []int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := contestFor(ctx, tx, actor, contestID)
		if err != nil {
			return err
		}
		if _, err := c.Round(n + 1); err != nil {
			return errs.Field("round", "contest.field.no_next_round", nil)
		}
		res, err := roundResults(ctx, tx, c, n, false)
		if err != nil {
			return err
		}
		inRound := map[int64]bool{}
		for _, it := range res.Items {
			inRound[it.Application] = true
		}
		switch {
		case len(in.ApplicationIDs) > 0:
			for i, id := range in.ApplicationIDs {
				if !inRound[id] {
					return errs.Field(fmt.Sprintf("application_ids[%d]", i), "contest.field.application", nil)
				}
				moved = append(moved, id)
			}
		case in.Top > 0:
			for _, it := range res.Items {
				if it.Rank > 0 && it.Rank <= in.Top {
					moved = append(moved, it.Application)
				}
			}
		default:
			return errs.Field("top", "contest.field.advance", nil)
		}
		for _, id := range moved {
			if _, err := tx.Exec(ctx, `UPDATE contest_applications SET round_reached = ? WHERE id = ? AND round_reached < ?`, n+1, id, n+1); err != nil {
				return err
			}
		}
		return auditf(ctx, tx, actor.ID, "contest.advance", "contest", contestID, map[string]any{"round": n, "applications": moved})
	})
	return moved, err
}

// Publish makes round n's results visible: founders see their rank and
// comments, the public sees the winners.
func (s *Store) Publish(ctx context.Context, actor *auth.User, contestID int64, n int) error {
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := contestFor(ctx, tx, actor, contestID)
		if err != nil {
			return err
		}
		r, err := c.Round(n)
		if err != nil {
			return err
		}
		if r.PublishedAt != nil {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE contest_rounds SET published_at = ? WHERE id = ?`, s.now(), r.ID); err != nil {
			return err
		}
		if err := tellApplicants(ctx, tx, c, r); err != nil {
			return err
		}
		return auditf(ctx, tx, actor.ID, "contest.publish", "contest", contestID, map[string]any{"round": n})
	})
}

// Feedback is what a founder sees once a round is published: their rank
// and the judges' comments, without the judges' names.
type Feedback struct {
	Round      int       `json:"round"`
	Rank       int       `json:"rank"`
	Of         int       `json:"of"`
	RawMean    float64   `json:"raw_mean"`
	Normalized float64   `json:"normalized"`
	Comments   []string  `json:"comments"`
	Published  time.Time `json:"published_at"`
}

// FeedbackFor returns the published results of an application to its
// start-up's members.
func (s *Store) FeedbackFor(ctx context.Context, viewer *auth.User, applicationID int64) ([]Feedback, error) {
	a, err := loadApplication(ctx, s.db, applicationID)
	if err != nil {
		return nil, err
	}
	if err := auth.Can(viewer, auth.ApplyToContest, auth.Target{StartupID: a.StartupID}); err != nil {
		return nil, fmt.Errorf("application %d: %w", applicationID, errs.ErrNotFound)
	}
	c, err := loadContest(ctx, s.db, a.ContestID)
	if err != nil {
		return nil, err
	}
	var out []Feedback
	for _, r := range c.Rounds {
		if r.PublishedAt == nil || a.RoundReached < r.Number {
			continue
		}
		res, err := roundResults(ctx, s.db, c, r.Number, false)
		if err != nil {
			return nil, err
		}
		f := Feedback{Round: r.Number, Published: *r.PublishedAt, Comments: []string{}}
		for _, it := range res.Items {
			if it.Rank > 0 {
				f.Of++
			}
			if it.Application == a.ID {
				f.Rank, f.RawMean, f.Normalized = it.Rank, it.RawMean, it.Normalized
			}
		}
		rows, err := s.db.Query(ctx, `SELECT s.comment FROM contest_scores s JOIN contest_reviews rv ON rv.id = s.review_id
			WHERE rv.round_id = ? AND rv.application_id = ? AND rv.status = 'submitted' AND s.comment <> '' ORDER BY rv.id, s.criterion_id`, r.ID, a.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var cm string
			if err := rows.Scan(&cm); err != nil {
				rows.Close()
				return nil, err
			}
			f.Comments = append(f.Comments, cm)
		}
		rows.Close()
		out = append(out, f)
	}
	return out, nil
}

// tellApplicants notifies the members of every start-up reviewed in round r
// that its results are published, each with a link to their application's
// page, where their rank and the comments are.
func tellApplicants(ctx context.Context, tx *database.Tx, c *Contest, r *Round) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT a.id, m.user_id FROM contest_reviews rv
		JOIN contest_applications a ON a.id = rv.application_id
		JOIN memberships m ON m.startup_id = a.startup_id AND m.role = ?
		WHERE rv.round_id = ? ORDER BY a.id, m.user_id`, string(auth.RoleStartup), r.ID)
	if err != nil {
		return fmt.Errorf("applicants: %w", err)
	}
	type tell struct{ app, user int64 }
	var all []tell
	for rows.Next() {
		var t tell
		if err := rows.Scan(&t.app, &t.user); err != nil {
			rows.Close()
			return err
		}
		all = append(all, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range all {
		m := notify.Message{Kind: "contest.published", Key: "contest.notify.published", Args: contestArgs(c, r),
			Link: fmt.Sprintf("/contests/%d/applications/%d", c.ID, t.app)}
		if err := notify.Send(ctx, tx, t.user, m); err != nil {
			return err
		}
	}
	return nil
}
