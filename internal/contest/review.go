package contest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Review is one judge's scoring of one application in one round.
type Review struct {
	ID            int64             `json:"id"`
	ContestID     int64             `json:"contest_id"`
	Round         int               `json:"round"`
	ApplicationID int64             `json:"application_id"`
	StartupID     int64             `json:"startup_id"`
	StartupName   text.Text         `json:"startup_name"`
	Pitch         string            `json:"pitch"`
	JudgeUserID   int64             `json:"judge_user_id"`
	JudgeName     string            `json:"judge_name"`
	Status        string            `json:"status"`
	Scores        map[string]int    `json:"scores"`
	Comments      map[string]string `json:"comments"`
	Raw           *float64          `json:"raw_total"`
	Criteria      []Criterion       `json:"criteria"`
	Version       int               `json:"version"`
	SubmittedAt   *time.Time        `json:"submitted_at"`
}

// Score returns the score given for criterion id, if any.
func (r *Review) Score(id int64) (int, bool) {
	s, ok := r.Scores[strconv.FormatInt(id, 10)]
	return s, ok
}

// Comment returns the comment for criterion id.
func (r *Review) Comment(id int64) string { return r.Comments[strconv.FormatInt(id, 10)] }

// ReviewInput is a judge's scores and comments per criterion id; Submit
// makes them final and then needs every criterion.
type ReviewInput struct {
	Scores   map[string]int    `json:"scores"`
	Comments map[string]string `json:"comments"`
	Submit   bool              `json:"submit"`
}

const reviewColumns = `r.id, cr.contest_id, cr.number, r.application_id, a.startup_id, st.name_ko, st.name_zh, st.name_en, a.pitch,
	r.judge_user_id, u.name, r.status, r.version, r.submitted_at`

const reviewFrom = ` FROM contest_reviews r JOIN contest_rounds cr ON cr.id = r.round_id
	JOIN contest_applications a ON a.id = r.application_id JOIN startups st ON st.id = a.startup_id
	JOIN users u ON u.id = r.judge_user_id `

func scanReview(row interface{ Scan(...any) error }) (*Review, error) {
	rv := &Review{Scores: map[string]int{}, Comments: map[string]string{}}
	var sub sql.NullTime
	err := row.Scan(&rv.ID, &rv.ContestID, &rv.Round, &rv.ApplicationID, &rv.StartupID, &rv.StartupName.Ko, &rv.StartupName.Zh, &rv.StartupName.En,
		&rv.Pitch, &rv.JudgeUserID, &rv.JudgeName, &rv.Status, &rv.Version, &sub)
	if err != nil {
		return nil, err
	}
	if sub.Valid {
		t := sub.Time.UTC()
		rv.SubmittedAt = &t
	}
	return rv, nil
}

// fill loads the review's criteria and scores, and its raw total once
// every criterion is scored.
func (rv *Review) fill(ctx context.Context, q database.Querier, c *Contest) error {
	rows, err := q.Query(ctx, `SELECT review_id, criterion_id, score, comment FROM contest_scores WHERE review_id = ?`, rv.ID)
	if err != nil {
		return err
	}
	return fillScores(rows, c, map[int64]*Review{rv.ID: rv})
}

// fillScores sets the criteria, scores, comments and raw total of the
// reviews from rows of (review, criterion, score, comment), and closes rows.
func fillScores(rows *sql.Rows, c *Contest, reviews map[int64]*Review) error {
	defer rows.Close()
	scores := map[int64]map[int64]int{}
	for rows.Next() {
		var review, id int64
		var score sql.NullInt64
		var comment string
		if err := rows.Scan(&review, &id, &score, &comment); err != nil {
			return err
		}
		rv := reviews[review]
		if rv == nil {
			continue
		}
		key := strconv.FormatInt(id, 10)
		if score.Valid {
			rv.Scores[key] = int(score.Int64)
			if scores[review] == nil {
				scores[review] = map[int64]int{}
			}
			scores[review][id] = int(score.Int64)
		}
		if comment != "" {
			rv.Comments[key] = comment
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, rv := range reviews {
		round, err := c.Round(rv.Round)
		if err != nil {
			return err
		}
		rv.Criteria = round.Criteria
		if given := scores[rv.ID]; len(given) == len(round.Criteria) && len(given) > 0 {
			raw := RawTotal(round.Scales(), given)
			rv.Raw = &raw
		}
	}
	return nil
}

// Reviews lists the reviews of a contest a viewer may see: a judge their
// own (never one they are in conflict with), the contest's staff all.
func (s *Store) Reviews(ctx context.Context, viewer *auth.User, contestID int64) ([]*Review, error) {
	return s.ReviewPage(ctx, viewer, contestID, 0, 0)
}

// reviewSlack is how many reviews beyond a page ReviewPage reads, so that
// a few in conflict, dropped after the read, seldom make it read again.
var reviewSlack = 8

// ReviewPage is Reviews a page at a time, paged in the database: up to n
// reviews (every one when n is 0) after review afterID (0 for the first),
// in the same order — round, application, judge. A judge's list of a
// hundred reviews, or the staff's of thirty thousand, is not read whole
// for a page of fifty. An afterID the viewer cannot see is refused as a
// stale cursor.
func (s *Store) ReviewPage(ctx context.Context, viewer *auth.User, contestID, afterID int64, n int) ([]*Review, error) {
	c, err := loadContest(ctx, s.db, contestID)
	if err != nil {
		return nil, err
	}
	where := `WHERE cr.contest_id = ? AND r.status <> 'withdrawn'`
	args := []any{contestID}
	if mayManage(viewer, c) != nil {
		if err := auth.Can(viewer, auth.JudgeContest, auth.Target{ContestID: contestID}); err != nil {
			return nil, err
		}
		where += ` AND r.judge_user_id = ?`
		args = append(args, viewer.ID)
	}
	conflicts, err := conflictSet(ctx, s.db, contestID, viewer.ID)
	if err != nil {
		return nil, err
	}
	var after []any
	if afterID > 0 {
		var round, app, judge, startup int64
		err := s.db.QueryRow(ctx, `SELECT cr.number, r.application_id, r.judge_user_id, a.startup_id FROM contest_reviews r
			JOIN contest_rounds cr ON cr.id = r.round_id JOIN contest_applications a ON a.id = r.application_id `+where+` AND r.id = ?`,
			append(append([]any{}, args...), afterID)...).Scan(&round, &app, &judge, &startup)
		if errors.Is(err, sql.ErrNoRows) || err == nil && judge == viewer.ID && conflicts[[2]int64{judge, startup}] != "" {
			return nil, errs.Field("cursor", "field.cursor", nil)
		}
		if err != nil {
			return nil, err
		}
		after = []any{round, app, judge}
	}
	out, byID := []*Review{}, map[int64]*Review{}
	// Reviews in conflict are dropped after the read, so a short batch
	// is read again from where it ended.
	for {
		query := `SELECT ` + reviewColumns + reviewFrom + where
		batchArgs := append([]any{}, args...)
		if after != nil {
			query += ` AND (cr.number, r.application_id, r.judge_user_id) > (?, ?, ?)`
			batchArgs = append(batchArgs, after...)
		}
		query += ` ORDER BY cr.number, r.application_id, r.judge_user_id`
		batch := 0
		if n > 0 {
			batch = n - len(out) + reviewSlack
			query += ` LIMIT ?`
			batchArgs = append(batchArgs, batch)
		}
		rows, err := s.db.Query(ctx, query, batchArgs...)
		if err != nil {
			return nil, err
		}
		read := 0
		for rows.Next() {
			rv, err := scanReview(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			read++
			after = []any{int64(rv.Round), rv.ApplicationID, rv.JudgeUserID}
			if rv.JudgeUserID == viewer.ID && conflicts[[2]int64{rv.JudgeUserID, rv.StartupID}] != "" {
				continue
			}
			if n == 0 || len(out) < n {
				out = append(out, rv)
				byID[rv.ID] = rv
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if n == 0 || len(out) >= n || read < batch {
			break
		}
	}
	if len(out) == 0 {
		return out, nil
	}
	// The scores of the listed reviews in one read.
	ids := make([]any, 0, len(out))
	filter := where
	if n > 0 {
		marks := make([]string, len(out))
		for i, rv := range out {
			marks[i], ids = "?", append(ids, rv.ID)
		}
		filter += ` AND r.id IN (` + strings.Join(marks, ", ") + `)`
	}
	scores, err := s.db.Query(ctx, `SELECT s.review_id, s.criterion_id, s.score, s.comment FROM contest_scores s
		JOIN contest_reviews r ON r.id = s.review_id JOIN contest_rounds cr ON cr.id = r.round_id `+filter, append(append([]any{}, args...), ids...)...)
	if err != nil {
		return nil, err
	}
	if err := fillScores(scores, c, byID); err != nil {
		return nil, err
	}
	return out, nil
}

// Review returns one review to its judge or the contest's staff; anyone
// else, and a judge in conflict, learns nothing (not found).
func (s *Store) Review(ctx context.Context, viewer *auth.User, id int64) (*Review, *Contest, error) {
	return s.review(ctx, s.db, viewer, id, false)
}

func (s *Store) review(ctx context.Context, q database.Querier, viewer *auth.User, id int64, judgeOnly bool) (*Review, *Contest, error) {
	notFound := fmt.Errorf("review %d: %w", id, errs.ErrNotFound)
	if viewer == nil {
		return nil, nil, errs.ErrUnauthenticated
	}
	rv, err := scanReview(q.QueryRow(ctx, `SELECT `+reviewColumns+reviewFrom+`WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound
	}
	if err != nil {
		return nil, nil, err
	}
	c, err := loadContest(ctx, q, rv.ContestID)
	if err != nil {
		return nil, nil, err
	}
	own := rv.JudgeUserID == viewer.ID
	if !own && (judgeOnly || mayManage(viewer, c) != nil) {
		return nil, nil, notFound
	}
	if own {
		bad, err := inConflict(ctx, q, c.ID, viewer.ID, rv.StartupID)
		if err != nil {
			return nil, nil, err
		}
		if bad || rv.Status == "withdrawn" {
			return nil, nil, notFound
		}
	}
	if err := rv.fill(ctx, q, c); err != nil {
		return nil, nil, err
	}
	return rv, c, nil
}

// SaveReview stores a judge's scores and comments; with Submit it makes
// them final. Only the review's own judge may score it. Nothing is stored
// unless every score is within its scale (and, on submit, every criterion
// has one).
func (s *Store) SaveReview(ctx context.Context, actor *auth.User, id int64, in ReviewInput) (*Review, error) {
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		rv, c, err := s.review(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if rv.Status == "submitted" {
			return errs.New(http.StatusConflict, "conflict", "contest.error.review_submitted", nil)
		}
		v := &errs.Invalid{}
		known := map[string]Criterion{}
		for _, cr := range rv.Criteria {
			known[strconv.FormatInt(cr.ID, 10)] = cr
		}
		for key, score := range in.Scores {
			cr, ok := known[key]
			if !ok {
				v.Add("scores."+key, "contest.field.criterion", nil)
				continue
			}
			if score < cr.Min || score > cr.Max {
				v.Add("scores."+key, "contest.field.score_scale", map[string]any{"min": cr.Min, "max": cr.Max})
			}
		}
		for key, comment := range in.Comments {
			if _, ok := known[key]; !ok {
				v.Add("comments."+key, "contest.field.criterion", nil)
			} else if len([]rune(comment)) > 4000 {
				v.Add("comments."+key, "contest.field.comment", nil)
			}
		}
		if in.Submit {
			for _, cr := range rv.Criteria {
				key := strconv.FormatInt(cr.ID, 10)
				if _, ok := in.Scores[key]; !ok {
					v.Add("scores."+key, "contest.field.score_missing", nil)
				}
			}
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM contest_scores WHERE review_id = ?`, id); err != nil {
			return err
		}
		for _, cr := range rv.Criteria {
			key := strconv.FormatInt(cr.ID, 10)
			score, scored := in.Scores[key]
			comment := strings.TrimSpace(in.Comments[key])
			if !scored && comment == "" {
				continue
			}
			var sv any
			if scored {
				sv = score
			}
			if _, err := tx.Exec(ctx, `INSERT INTO contest_scores (review_id, criterion_id, score, comment) VALUES (?, ?, ?, ?)`, id, cr.ID, sv, comment); err != nil {
				return err
			}
		}
		now := s.now()
		status, submitted, raw := "started", any(nil), any(nil)
		if in.Submit {
			round, err := c.Round(rv.Round)
			if err != nil {
				return err
			}
			scores := make(map[int64]int, len(round.Criteria))
			for _, cr := range round.Criteria {
				scores[cr.ID] = in.Scores[strconv.FormatInt(cr.ID, 10)]
			}
			status, submitted, raw = "submitted", now, RawTotal(round.Scales(), scores)
		}
		if _, err := tx.Exec(ctx, `UPDATE contest_reviews SET status = ?, submitted_at = ?, raw_total = ?, version = version + 1, updated_at = ? WHERE id = ?`, status, submitted, raw, now, id); err != nil {
			return err
		}
		if !in.Submit {
			return nil
		}
		return auditf(ctx, tx, actor.ID, "contest.review.submit", "contest_review", id, map[string]any{"contest_id": c.ID, "scores": in.Scores})
	})
	if err != nil {
		return nil, err
	}
	rv, _, err := s.Review(ctx, actor, id)
	return rv, err
}
