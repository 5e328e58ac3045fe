package contest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
	"startbridge/internal/tz"
)

// Store keeps contests and everything in them.
type Store struct {
	db  *database.DB
	now func() time.Time
}

// NewStore returns a Store on db.
func NewStore(db *database.DB) *Store { return &Store{db: db, now: time.Now} }

// WithClock returns a copy of s that reads the time from now, for tests
// that cross a deadline.
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.now = now
	return &c
}

// Contest is a contest with its hosts, eligibility and rounds.
type Contest struct {
	ID          int64       `json:"id"`
	Name        text.Text   `json:"name"`
	Hosts       []int64     `json:"host_institution_ids"`
	Deadline    time.Time   `json:"deadline"`
	TimeZone    string      `json:"time_zone"`
	Eligibility Eligibility `json:"eligibility"`
	Rounds      []Round     `json:"rounds"`
	Version     int         `json:"version"`
	CreatedAt   time.Time   `json:"created_at"`
}

// Eligibility says who may apply; empty lists allow any.
type Eligibility struct {
	Regions     []string `json:"regions"`
	Stages      []string `json:"stages"`
	MaxAgeYears *int     `json:"max_age_years"`
}

// Round is one stage of a contest.
type Round struct {
	ID            int64       `json:"-"`
	Number        int         `json:"number"`
	Name          text.Text   `json:"name"`
	K             int         `json:"reviewers_per_application"`
	Normalization Method      `json:"normalization"`
	Criteria      []Criterion `json:"criteria"`
	PublishedAt   *time.Time  `json:"published_at"`
}

// Criterion is a weighted criterion with an integer scale.
type Criterion struct {
	ID     int64     `json:"id"`
	Name   text.Text `json:"name"`
	Weight int       `json:"weight"`
	Min    int       `json:"min"`
	Max    int       `json:"max"`
}

// Scales returns the criteria as the formulas see them.
func (r *Round) Scales() []Scale {
	out := make([]Scale, len(r.Criteria))
	for i, c := range r.Criteria {
		out[i] = Scale{ID: c.ID, Weight: c.Weight, Min: c.Min, Max: c.Max}
	}
	return out
}

// Round returns round n of the contest, or ErrNotFound.
func (c *Contest) Round(n int) (*Round, error) {
	for i := range c.Rounds {
		if c.Rounds[i].Number == n {
			return &c.Rounds[i], nil
		}
	}
	return nil, fmt.Errorf("round %d: %w", n, errs.ErrNotFound)
}

// Open reports whether applications may still change at t.
func (c *Contest) Open(t time.Time) bool { return t.Before(c.Deadline) }

// Location is the zone the deadline was set in.
func (c *Contest) Location() *time.Location {
	loc, err := tz.Load(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// NewContest is what staff send to create a contest.
type NewContest struct {
	Name        text.Text   `json:"name"`
	Hosts       []int64     `json:"host_institution_ids"`
	Deadline    string      `json:"deadline"`
	TimeZone    string      `json:"time_zone"`
	Eligibility Eligibility `json:"eligibility"`
	Rounds      []NewRound  `json:"rounds"`
}

// NewRound is one round of a NewContest.
type NewRound struct {
	Name          text.Text      `json:"name"`
	K             int            `json:"reviewers_per_application"`
	Normalization Method         `json:"normalization"`
	Criteria      []NewCriterion `json:"criteria"`
}

// NewCriterion is one criterion of a NewRound.
type NewCriterion struct {
	Name   text.Text `json:"name"`
	Weight int       `json:"weight"`
	Min    int       `json:"min"`
	Max    int       `json:"max"`
}

// Create stores a contest for staff of every host institution.
func (s *Store) Create(ctx context.Context, actor *auth.User, in NewContest) (*Contest, error) {
	// Permission before input: only staff (and admins) run contests.
	if actor == nil || (!actor.IsAdmin() && !actor.HasRole(auth.RoleStaff)) {
		return nil, auth.Can(actor, auth.ManageContest, auth.Target{})
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		deadline, err := validateContest(ctx, tx, actor, &in)
		if err != nil {
			return err
		}
		now := s.now()
		id, err = insertID(ctx, tx, `INSERT INTO contests (name_ko, name_zh, name_en, deadline, time_zone, elig_regions, elig_stages, max_age_years, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Name.Ko, in.Name.Zh, in.Name.En, deadline, in.TimeZone, strings.Join(in.Eligibility.Regions, ","),
			strings.Join(in.Eligibility.Stages, ","), in.Eligibility.MaxAgeYears, actor.ID, now)
		if err != nil {
			return err
		}
		for _, h := range in.Hosts {
			if _, err := tx.Exec(ctx, `INSERT INTO contest_hosts (contest_id, institution_id) VALUES (?, ?)`, id, h); err != nil {
				return err
			}
		}
		for i, r := range in.Rounds {
			rid, err := insertID(ctx, tx, `INSERT INTO contest_rounds (contest_id, number, name_ko, name_zh, name_en, k, normalization) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, i+1, r.Name.Ko, r.Name.Zh, r.Name.En, r.K, string(r.Normalization))
			if err != nil {
				return err
			}
			for p, c := range r.Criteria {
				if _, err := tx.Exec(ctx, `INSERT INTO contest_criteria (round_id, position, name_ko, name_zh, name_en, weight, min_score, max_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
					rid, p, c.Name.Ko, c.Name.Zh, c.Name.En, c.Weight, c.Min, c.Max); err != nil {
					return err
				}
			}
		}
		return auditf(ctx, tx, actor.ID, "contest.create", "contest", id, map[string]any{"name": in.Name})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// Get loads a contest. Contests are public.
func (s *Store) Get(ctx context.Context, id int64) (*Contest, error) {
	return loadContest(ctx, s.db, id)
}

// List returns every contest, newest first.
func (s *Store) List(ctx context.Context) ([]*Contest, error) {
	rows, err := s.db.Query(ctx, `SELECT id FROM contests ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	out := make([]*Contest, 0, len(ids))
	for _, id := range ids {
		c, err := loadContest(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func loadContest(ctx context.Context, q database.Querier, id int64) (*Contest, error) {
	c := &Contest{ID: id}
	var regions, stages string
	var maxAge sql.NullInt64
	err := q.QueryRow(ctx, `SELECT name_ko, name_zh, name_en, deadline, time_zone, elig_regions, elig_stages, max_age_years, version, created_at FROM contests WHERE id = ?`, id).
		Scan(&c.Name.Ko, &c.Name.Zh, &c.Name.En, &c.Deadline, &c.TimeZone, &regions, &stages, &maxAge, &c.Version, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("contest %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load contest: %w", err)
	}
	c.Deadline = c.Deadline.UTC()
	c.Eligibility = Eligibility{Regions: split(regions), Stages: split(stages)}
	if maxAge.Valid {
		n := int(maxAge.Int64)
		c.Eligibility.MaxAgeYears = &n
	}
	rows, err := q.Query(ctx, `SELECT institution_id FROM contest_hosts WHERE contest_id = ? ORDER BY institution_id`, id)
	if err != nil {
		return nil, err
	}
	if c.Hosts, err = scanIDs(rows); err != nil {
		return nil, err
	}
	rows, err = q.Query(ctx, `SELECT id, number, name_ko, name_zh, name_en, k, normalization, published_at FROM contest_rounds WHERE contest_id = ? ORDER BY number`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r Round
		var pub sql.NullTime
		if err := rows.Scan(&r.ID, &r.Number, &r.Name.Ko, &r.Name.Zh, &r.Name.En, &r.K, &r.Normalization, &pub); err != nil {
			rows.Close()
			return nil, err
		}
		if pub.Valid {
			t := pub.Time.UTC()
			r.PublishedAt = &t
		}
		c.Rounds = append(c.Rounds, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range c.Rounds {
		r := &c.Rounds[i]
		rows, err := q.Query(ctx, `SELECT id, name_ko, name_zh, name_en, weight, min_score, max_score FROM contest_criteria WHERE round_id = ? ORDER BY position`, r.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var cr Criterion
			if err := rows.Scan(&cr.ID, &cr.Name.Ko, &cr.Name.Zh, &cr.Name.En, &cr.Weight, &cr.Min, &cr.Max); err != nil {
				rows.Close()
				return nil, err
			}
			r.Criteria = append(r.Criteria, cr)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// mayManage checks that actor is staff of one of the contest's hosts (or
// an admin).
func mayManage(actor *auth.User, c *Contest) error {
	var err error
	for _, h := range c.Hosts {
		if err = auth.Can(actor, auth.ManageContest, auth.Target{InstitutionID: h, ContestID: c.ID}); err == nil {
			return nil
		}
	}
	if err == nil {
		err = auth.Can(actor, auth.ManageContest, auth.Target{ContestID: c.ID})
	}
	return err
}

// MayManage reports whether actor runs the contest.
func MayManage(actor *auth.User, c *Contest) bool { return mayManage(actor, c) == nil }

// contestFor loads a contest that actor manages.
func contestFor(ctx context.Context, q database.Querier, actor *auth.User, id int64) (*Contest, error) {
	c, err := loadContest(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if err := mayManage(actor, c); err != nil {
		return nil, err
	}
	return c, nil
}

// MaxAge is the maximum age in years, 0 when there is none.
func (e Eligibility) MaxAge() int {
	if e.MaxAgeYears == nil {
		return 0
	}
	return *e.MaxAgeYears
}
