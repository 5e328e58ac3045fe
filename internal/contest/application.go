package contest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// Application statuses.
const (
	Draft     = "draft"
	Submitted = "submitted"
	Withdrawn = "withdrawn"
)

// Application is a start-up's entry to a contest.
type Application struct {
	ID           int64      `json:"id"`
	ContestID    int64      `json:"contest_id"`
	StartupID    int64      `json:"startup_id"`
	StartupName  text.Text  `json:"startup_name"`
	Region       string     `json:"region"`
	Sectors      []string   `json:"sectors"`
	Status       string     `json:"status"`
	RoundReached int        `json:"round_reached"`
	Pitch        string     `json:"pitch"`
	Languages    []string   `json:"languages"`
	Version      int        `json:"version"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	SubmittedAt  *time.Time `json:"submitted_at"`
}

// ApplicationInput is what a founder writes.
type ApplicationInput struct {
	StartupID int64    `json:"startup_id"`
	Pitch     string   `json:"pitch"`
	Languages []string `json:"languages"`
}

var languages = []string{"ko", "zh", "en"}

// Refusals of the contest, with their stable codes.
func errDeadlinePassed(c *Contest) error {
	e := errs.New(http.StatusConflict, "deadline_passed", "contest.error.deadline_passed", map[string]any{"deadline": c.Deadline.In(c.Location()).Format("2006-01-02 15:04 MST")})
	e.Extra = map[string]any{"deadline": c.Deadline}
	return e
}

func errIneligible(rule string, args map[string]any) error {
	e := errs.New(http.StatusUnprocessableEntity, "ineligible", "contest.error.ineligible_"+rule, args)
	e.Extra = map[string]any{"rule": rule}
	return e
}

var errDuplicateApplication = errs.New(http.StatusConflict, "conflict", "contest.error.duplicate_application", nil)

// CreateApplication starts a draft for a start-up the actor belongs to.
func (s *Store) CreateApplication(ctx context.Context, actor *auth.User, contestID int64, in ApplicationInput) (*Application, error) {
	if err := auth.Can(actor, auth.ApplyToContest, auth.Target{StartupID: in.StartupID, ContestID: contestID}); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		c, err := loadContest(ctx, tx, contestID)
		if err != nil {
			return err
		}
		now := s.now()
		if !c.Open(now) {
			return errDeadlinePassed(c)
		}
		if err := normalizeApplication(&in); err != nil {
			return err
		}
		if err := checkEligible(ctx, tx, c, in.StartupID); err != nil {
			return err
		}
		if len(in.Languages) == 0 {
			// Until the founder says otherwise, the application is in the
			// language of its start-up's region.
			var lang string
			if err := tx.QueryRow(ctx, `SELECT r.language FROM startups st JOIN regions r ON r.code = st.region_code WHERE st.id = ?`, in.StartupID).Scan(&lang); err != nil {
				return err
			}
			in.Languages = []string{lang}
		}
		if exists(ctx, tx, `SELECT 1 FROM contest_applications WHERE contest_id = ? AND startup_id = ?`, contestID, in.StartupID) {
			return errDuplicateApplication
		}
		id, err = insertID(ctx, tx, `INSERT INTO contest_applications (contest_id, startup_id, status, pitch, languages, created_by, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)`,
			contestID, in.StartupID, in.Pitch, strings.Join(in.Languages, ","), actor.ID, now, now)
		if database.IsUniqueViolation(err) {
			return errDuplicateApplication
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return loadApplication(ctx, s.db, id)
}

func normalizeApplication(in *ApplicationInput) error {
	v := &errs.Invalid{}
	in.Pitch = strings.TrimSpace(in.Pitch)
	if len([]rune(in.Pitch)) > 5000 {
		v.Add("pitch", "contest.field.pitch", nil)
	}
	var langs []string
	for i, l := range in.Languages {
		if !contains(languages, l) {
			v.Add(fmt.Sprintf("languages[%d]", i), "contest.field.language", nil)
		} else if !contains(langs, l) {
			langs = append(langs, l)
		}
	}
	in.Languages = langs
	return v.OrNil()
}

// checkEligible tells which rule a start-up fails, if any.
func checkEligible(ctx context.Context, q database.Querier, c *Contest, startupID int64) error {
	var region, stage string
	var founded sql.NullString
	err := q.QueryRow(ctx, `SELECT region_code, stage, founded_on FROM startups WHERE id = ?`, startupID).Scan(&region, &stage, &founded)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Field("startup_id", "contest.field.startup", nil)
	}
	if err != nil {
		return err
	}
	el := c.Eligibility
	if len(el.Regions) > 0 && !contains(el.Regions, region) {
		return errIneligible("region", map[string]any{"region": region})
	}
	if len(el.Stages) > 0 && !contains(el.Stages, stage) {
		return errIneligible("stage", map[string]any{"stage": stage})
	}
	if el.MaxAgeYears != nil {
		day := civil(founded.String)
		if day.IsZero() {
			return errIneligible("founded_unknown", nil)
		}
		// Founded no more than N years before the deadline's date in the
		// contest's zone.
		d := c.Deadline.In(c.Location())
		limit := time.Date(d.Year()-*el.MaxAgeYears, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		if day.Before(limit) {
			return errIneligible("age", map[string]any{"years": *el.MaxAgeYears, "founded": day.Format("2006-01-02")})
		}
	}
	return nil
}

// civil reads a founded_on value: "2021-03-01" on SQLite, a date (read as
// an RFC 3339 string or time) on PostgreSQL.
func civil(s string) time.Time {
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}

// UpdateApplication edits a draft or submitted application until the
// deadline.
func (s *Store) UpdateApplication(ctx context.Context, actor *auth.User, id int64, in ApplicationInput) (*Application, error) {
	return s.changeApplication(ctx, actor, id, func(tx *database.Tx, a *Application, c *Contest, now time.Time) error {
		if err := normalizeApplication(&in); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE contest_applications SET pitch = ?, languages = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			in.Pitch, strings.Join(in.Languages, ","), now, a.ID)
		return err
	})
}

// Submit submits an application before the deadline, checking eligibility
// again.
func (s *Store) Submit(ctx context.Context, actor *auth.User, id int64) (*Application, error) {
	return s.changeApplication(ctx, actor, id, func(tx *database.Tx, a *Application, c *Contest, now time.Time) error {
		if a.Status == Submitted {
			return nil
		}
		if err := checkEligible(ctx, tx, c, a.StartupID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE contest_applications SET status = 'submitted', submitted_at = ?, version = version + 1, updated_at = ? WHERE id = ?`, now, now, a.ID)
		if err != nil {
			return err
		}
		return auditf(ctx, tx, actor.ID, "contest.application.submit", "contest_application", a.ID, nil)
	})
}

// Withdraw takes an application back before the deadline.
func (s *Store) Withdraw(ctx context.Context, actor *auth.User, id int64) (*Application, error) {
	return s.changeApplication(ctx, actor, id, func(tx *database.Tx, a *Application, c *Contest, now time.Time) error {
		_, err := tx.Exec(ctx, `UPDATE contest_applications SET status = 'withdrawn', version = version + 1, updated_at = ? WHERE id = ?`, now, a.ID)
		return err
	})
}

func (s *Store) changeApplication(ctx context.Context, actor *auth.User, id int64, change func(*database.Tx, *Application, *Contest, time.Time) error) (*Application, error) {
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		a, err := loadApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := auth.Can(actor, auth.ApplyToContest, auth.Target{StartupID: a.StartupID, ContestID: a.ContestID}); err != nil {
			return fmt.Errorf("application %d: %w", id, errs.ErrNotFound)
		}
		c, err := loadContest(ctx, tx, a.ContestID)
		if err != nil {
			return err
		}
		now := s.now()
		if !c.Open(now) {
			return errDeadlinePassed(c)
		}
		if a.Status == Withdrawn {
			return errs.New(http.StatusConflict, "conflict", "contest.error.withdrawn", nil)
		}
		return change(tx, a, c, now)
	})
	if err != nil {
		return nil, err
	}
	return loadApplication(ctx, s.db, id)
}

const applicationColumns = `a.id, a.contest_id, a.startup_id, st.name_ko, st.name_zh, st.name_en, st.region_code, a.status, a.round_reached, a.pitch, a.languages, a.version, a.created_at, a.updated_at, a.submitted_at`

func scanApplication(row interface{ Scan(...any) error }) (*Application, error) {
	a := &Application{}
	var langs string
	var sub sql.NullTime
	err := row.Scan(&a.ID, &a.ContestID, &a.StartupID, &a.StartupName.Ko, &a.StartupName.Zh, &a.StartupName.En, &a.Region,
		&a.Status, &a.RoundReached, &a.Pitch, &langs, &a.Version, &a.CreatedAt, &a.UpdatedAt, &sub)
	if err != nil {
		return nil, err
	}
	a.Languages = split(langs)
	if sub.Valid {
		t := sub.Time.UTC()
		a.SubmittedAt = &t
	}
	return a, nil
}

func loadApplication(ctx context.Context, q database.Querier, id int64) (*Application, error) {
	a, err := scanApplication(q.QueryRow(ctx, `SELECT `+applicationColumns+` FROM contest_applications a JOIN startups st ON st.id = a.startup_id WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("application %d: %w", id, errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load application: %w", err)
	}
	return a, nil
}

// Application returns one application to its start-up's members and to
// the contest's staff.
func (s *Store) Application(ctx context.Context, viewer *auth.User, id int64) (*Application, error) {
	a, err := loadApplication(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if auth.Can(viewer, auth.ApplyToContest, auth.Target{StartupID: a.StartupID}) == nil {
		return a, nil
	}
	if _, err := contestFor(ctx, s.db, viewer, a.ContestID); err != nil {
		return nil, fmt.Errorf("application %d: %w", id, errs.ErrNotFound)
	}
	return a, nil
}

// Applications lists a contest's applications for its staff.
func (s *Store) Applications(ctx context.Context, actor *auth.User, contestID int64) ([]*Application, error) {
	if _, err := contestFor(ctx, s.db, actor, contestID); err != nil {
		return nil, err
	}
	return queryApplications(ctx, s.db, `WHERE a.contest_id = ? ORDER BY a.id`, contestID)
}

// ApplicationsOf lists the applications of the start-ups the user belongs
// to, in every contest.
func (s *Store) ApplicationsOf(ctx context.Context, user *auth.User) ([]*Application, error) {
	var ids []any
	for _, m := range user.Roles {
		if m.Role == auth.RoleStartup && m.StartupID != nil {
			ids = append(ids, *m.StartupID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return queryApplications(ctx, s.db, `WHERE a.startup_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY a.id DESC`, ids...)
}

func queryApplications(ctx context.Context, q database.Querier, where string, args ...any) ([]*Application, error) {
	rows, err := q.Query(ctx, `SELECT `+applicationColumns+` FROM contest_applications a JOIN startups st ON st.id = a.startup_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// StartupRef names a start-up.
type StartupRef struct {
	ID   int64
	Name text.Text
}

// StartupsOf lists the start-ups the user is a member of.
func (s *Store) StartupsOf(ctx context.Context, user *auth.User) ([]StartupRef, error) {
	var out []StartupRef
	for _, m := range user.Roles {
		if m.Role != auth.RoleStartup || m.StartupID == nil {
			continue
		}
		ref := StartupRef{ID: *m.StartupID}
		err := s.db.QueryRow(ctx, `SELECT name_ko, name_zh, name_en FROM startups WHERE id = ?`, ref.ID).Scan(&ref.Name.Ko, &ref.Name.Zh, &ref.Name.En)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ref)
	}
	return out, nil
}
