package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// Service keeps users, sessions and tokens in the database.
type Service struct {
	db  *database.DB
	now func() time.Time
}

// NewService returns a Service on db.
func NewService(db *database.DB) *Service {
	return &Service{db: db, now: time.Now}
}

// SignUp is what a person fills in to create their own account.
type SignUp struct {
	Email              string `json:"email"`
	Name               string `json:"name"`
	Password           string `json:"password"`
	Language           string `json:"language"`
	TimeZone           string `json:"time_zone"`
	Region             string `json:"region"`
	ConsentCrossBorder bool   `json:"consent_cross_border"`
}

// NewUser is what an admin fills in to create an account for someone.
type NewUser struct {
	SignUp
	Roles []Membership `json:"roles"`
}

// SignUp creates an account with no roles; the person's consent choice is
// recorded with its time.
func (s *Service) SignUp(ctx context.Context, in SignUp) (*User, error) {
	return s.create(ctx, 0, NewUser{SignUp: in})
}

// CreateUser creates an account with roles on behalf of actor, who must be
// an admin.
func (s *Service) CreateUser(ctx context.Context, actor *User, in NewUser) (*User, error) {
	if err := Can(actor, ManageUsers, Target{}); err != nil {
		return nil, err
	}
	return s.create(ctx, actor.ID, in)
}

// CreateUserUnchecked creates an account with roles without an acting user,
// for the command line and the first start.
func (s *Service) CreateUserUnchecked(ctx context.Context, in NewUser) (*User, error) {
	return s.create(ctx, 0, in)
}

func (s *Service) validate(ctx context.Context, q database.Querier, in *NewUser) error {
	in.Email = NormalizeEmail(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	if in.Language == "" {
		in.Language = "en"
	}
	var v errs.Invalid
	checkEmail(&v, "email", in.Email)
	checkName(&v, "name", in.Name)
	checkPassword(&v, "password", in.Password, in.Email)
	checkLanguage(&v, "language", in.Language)
	if in.Region != "" && !exists(ctx, q, `SELECT COUNT(*) FROM regions WHERE code = ?`, in.Region) {
		v.Add("region", "field.region", nil)
	}
	// A staff member's home region is their institution's; it must be known
	// before the default time zone is chosen from it.
	if in.Region == "" {
		for _, m := range in.Roles {
			if m.InstitutionID != nil {
				q.QueryRow(ctx, `SELECT region_code FROM institutions WHERE id = ?`, *m.InstitutionID).Scan(&in.Region)
				break
			}
		}
	}
	if in.TimeZone == "" {
		in.TimeZone = defaultZone(ctx, q, in.Region)
	}
	checkTimeZone(&v, "time_zone", in.TimeZone)
	for i, m := range in.Roles {
		field := fmt.Sprintf("roles[%d]", i)
		if !m.Role.Valid() {
			v.Add(field+".role", "field.role", nil)
			continue
		}
		if m.Role == RoleStaff && m.InstitutionID == nil {
			v.Add(field+".institution_id", "field.institution_required", nil)
		}
		if m.InstitutionID != nil && !exists(ctx, q, `SELECT COUNT(*) FROM institutions WHERE id = ?`, *m.InstitutionID) {
			v.Add(field+".institution_id", "field.institution", nil)
		}
	}
	if !v.Has("email") && exists(ctx, q, `SELECT COUNT(*) FROM users WHERE email = ?`, in.Email) {
		v.Add("email", "field.email_taken", nil)
	}
	return v.OrNil()
}

// defaultZone is the time zone of region, or of the first region.
func defaultZone(ctx context.Context, q database.Querier, region string) string {
	var zone string
	q.QueryRow(ctx, `SELECT time_zone FROM regions WHERE code = ? OR ? = '' ORDER BY position LIMIT 1`, region, region).Scan(&zone)
	if zone == "" {
		return "Asia/Seoul"
	}
	return zone
}

func exists(ctx context.Context, q database.Querier, query string, args ...any) bool {
	var n int
	if err := q.QueryRow(ctx, query, args...).Scan(&n); err != nil {
		return false
	}
	return n > 0
}

func (s *Service) create(ctx context.Context, actorID int64, in NewUser) (*User, error) {
	var id int64
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := s.validate(ctx, tx, &in); err != nil {
			return err
		}
		now := s.now()
		var region any
		if in.Region != "" {
			region = in.Region
		}
		err := tx.QueryRow(ctx, `INSERT INTO users (email, name, password_hash, language, time_zone, region_code,
				consent_cross_border, consent_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			in.Email, in.Name, HashPassword(in.Password), in.Language, in.TimeZone, region,
			in.ConsentCrossBorder, now, now, now).Scan(&id)
		if database.IsUniqueViolation(err) {
			return errs.Field("email", "field.email_taken", nil)
		}
		if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO consent_events (user_id, given, at) VALUES (?, ?, ?)`, id, in.ConsentCrossBorder, now); err != nil {
			return err
		}
		for _, m := range in.Roles {
			if err := addMembership(ctx, tx, id, m, now); err != nil {
				return err
			}
		}
		if len(in.Roles) > 0 {
			return audit.Record(ctx, tx, actorID, "user.create", "user", id, map[string]any{"roles": in.Roles})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.User(ctx, id)
}

func addMembership(ctx context.Context, q database.Querier, userID int64, m Membership, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO memberships (user_id, role, institution_id, startup_id, investor_id, contest_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, userID, string(m.Role), m.InstitutionID, m.StartupID, m.InvestorID, m.ContestID, now)
	if err != nil {
		return fmt.Errorf("add membership: %w", err)
	}
	return nil
}

// AddMembership gives a user one more role, recorded in the audit log.
func (s *Service) AddMembership(ctx context.Context, actor *User, userID int64, m Membership) error {
	if err := Can(actor, ManageUsers, Target{}); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *database.Tx) error {
		if err := addMembership(ctx, tx, userID, m, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor.ID, "membership.add", "user", userID, m)
	})
}

const userColumns = `id, email, name, password_hash, language, time_zone, COALESCE(region_code, ''),
	consent_cross_border, consent_at, version, created_at`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	u := &User{}
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.passwordHash, &u.Language, &u.TimeZone, &u.Region,
		&u.ConsentCrossBorder, &u.ConsentAt, &u.Version, &u.CreatedAt)
	return u, err
}

// User loads a user with their memberships.
func (s *Service) User(ctx context.Context, id int64) (*User, error) {
	return s.loadUser(ctx, `SELECT `+userColumns+` FROM users WHERE id = ? AND disabled = FALSE`, id)
}

// UserByEmail loads a user by email address.
func (s *Service) UserByEmail(ctx context.Context, email string) (*User, error) {
	return s.loadUser(ctx, `SELECT `+userColumns+` FROM users WHERE email = ? AND disabled = FALSE`, NormalizeEmail(email))
}

func (s *Service) loadUser(ctx context.Context, query string, arg any) (*User, error) {
	u, err := scanUser(s.db.QueryRow(ctx, query, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user: %w", errs.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	if u.Roles, err = s.memberships(ctx, u.ID); err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Service) memberships(ctx context.Context, userID int64) ([]Membership, error) {
	rows, err := s.db.Query(ctx, `SELECT id, role, institution_id, startup_id, investor_id, contest_id
		FROM memberships WHERE user_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("load memberships: %w", err)
	}
	defer rows.Close()
	out := []Membership{}
	for rows.Next() {
		var m Membership
		var role string
		if err := rows.Scan(&m.ID, &role, &m.InstitutionID, &m.StartupID, &m.InvestorID, &m.ContestID); err != nil {
			return nil, err
		}
		m.Role = Role(role)
		out = append(out, m)
	}
	return out, rows.Err()
}

// UserPage lists users with id greater than after, for admins.
func (s *Service) UserPage(ctx context.Context, actor *User, after int64, limit int) ([]*User, error) {
	if err := Can(actor, ManageUsers, Target{}); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT `+userColumns+` FROM users WHERE id > ? AND disabled = FALSE ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var out []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range out {
		if u.Roles, err = s.memberships(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Profile is what a user changes about themselves.
type Profile struct {
	Name               string `json:"name"`
	Language           string `json:"language"`
	TimeZone           string `json:"time_zone"`
	ConsentCrossBorder bool   `json:"consent_cross_border"`
}

// UpdateProfile changes a user's own settings when version is still the
// stored one; a change of consent is recorded with its time.
func (s *Service) UpdateProfile(ctx context.Context, actor *User, userID int64, version int, p Profile) (*User, error) {
	if err := Can(actor, EditUser, Target{UserID: userID}); err != nil {
		return nil, err
	}
	p.Name = strings.TrimSpace(p.Name)
	var v errs.Invalid
	checkName(&v, "name", p.Name)
	checkLanguage(&v, "language", p.Language)
	checkTimeZone(&v, "time_zone", p.TimeZone)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	err := s.db.InTx(ctx, func(tx *database.Tx) error {
		var current int
		var consent bool
		err := tx.QueryRow(ctx, `SELECT version, consent_cross_border FROM users WHERE id = ? AND disabled = FALSE`, userID).Scan(&current, &consent)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("user: %w", errs.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if current != version {
			return fmt.Errorf("profile: %w", errs.ErrStale)
		}
		now := s.now()
		if _, err := tx.Exec(ctx, `UPDATE users SET name = ?, language = ?, time_zone = ?, version = version + 1, updated_at = ?
			WHERE id = ?`, p.Name, p.Language, p.TimeZone, now, userID); err != nil {
			return fmt.Errorf("update profile: %w", err)
		}
		if consent == p.ConsentCrossBorder {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE users SET consent_cross_border = ?, consent_at = ? WHERE id = ?`, p.ConsentCrossBorder, now, userID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO consent_events (user_id, given, at) VALUES (?, ?, ?)`, userID, p.ConsentCrossBorder, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor.ID, "consent.change", "user", userID, map[string]bool{"given": p.ConsentCrossBorder})
	})
	if err != nil {
		return nil, err
	}
	return s.User(ctx, userID)
}

// SetLanguage stores the language a user picked in the switcher.
func (s *Service) SetLanguage(ctx context.Context, userID int64, lang string) error {
	var v errs.Invalid
	checkLanguage(&v, "language", lang)
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := s.db.Exec(ctx, `UPDATE users SET language = ?, version = version + 1, updated_at = ? WHERE id = ?`, lang, s.now(), userID)
	return err
}

// ConsentEvent is one recorded consent decision.
type ConsentEvent struct {
	Given bool      `json:"given"`
	At    time.Time `json:"at"`
}

// ConsentHistory lists a user's consent decisions, newest first.
func (s *Service) ConsentHistory(ctx context.Context, userID int64) ([]ConsentEvent, error) {
	rows, err := s.db.Query(ctx, `SELECT given, at FROM consent_events WHERE user_id = ? ORDER BY at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ConsentEvent
	for rows.Next() {
		var e ConsentEvent
		if err := rows.Scan(&e.Given, &e.At); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
