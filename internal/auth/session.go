package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"startbridge/internal/errs"
)

// SessionLifetime is how long a browser stays signed in.
const SessionLifetime = 30 * 24 * time.Hour

// Login rate limits: failures counted per email and per client address over
// a sliding window, stored in the database so every instance sees them.
const (
	LoginWindow         = 15 * time.Minute
	MaxFailuresPerEmail = 5
	MaxFailuresPerIP    = 30
)

// ErrBadCredentials is a failed login; it never says which part was wrong.
var ErrBadCredentials = errs.New(http.StatusUnauthorized, "bad_credentials", "error.bad_credentials", nil)

// ErrRateLimited refuses a login after too many failures.
var ErrRateLimited = errs.New(http.StatusTooManyRequests, "rate_limited", "error.rate_limited",
	map[string]any{"minutes": int(LoginWindow / time.Minute)})

// Authenticate checks email and password, counting failures per email and
// per client address.
func (s *Service) Authenticate(ctx context.Context, email, password, clientIP string) (*User, error) {
	email = NormalizeEmail(email)
	since := s.now().Add(-LoginWindow)
	if s.failures(ctx, "email:"+email, since) >= MaxFailuresPerEmail ||
		(clientIP != "" && s.failures(ctx, "ip:"+clientIP, since) >= MaxFailuresPerIP) {
		return nil, ErrRateLimited
	}
	u, err := s.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, errs.ErrNotFound) {
		return nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.passwordHash
	}
	if !CheckPassword(hash, password) || u == nil {
		s.recordFailure(ctx, email, clientIP)
		return nil, ErrBadCredentials
	}
	return u, nil
}

func (s *Service) failures(ctx context.Context, key string, since time.Time) int {
	var n int
	s.db.QueryRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE key = ? AND at > ?`, key, since).Scan(&n)
	return n
}

func (s *Service) recordFailure(ctx context.Context, email, clientIP string) {
	now := s.now()
	s.db.Exec(ctx, `INSERT INTO login_attempts (key, at) VALUES (?, ?)`, "email:"+email, now)
	if clientIP != "" {
		s.db.Exec(ctx, `INSERT INTO login_attempts (key, at) VALUES (?, ?)`, "ip:"+clientIP, now)
	}
	s.db.Exec(ctx, `DELETE FROM login_attempts WHERE at < ?`, now.Add(-24*time.Hour))
}

// newSecret returns a random token and the hash under which it is stored;
// the token itself is never stored.
func newSecret(prefix string) (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashSecret(token)
}

func hashSecret(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewSession signs a user in and returns the cookie value.
func (s *Service) NewSession(ctx context.Context, userID int64) (string, error) {
	token, hash := newSecret("")
	now := s.now()
	_, err := s.db.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hash, userID, now, now.Add(SessionLifetime))
	if err != nil {
		return "", fmt.Errorf("new session: %w", err)
	}
	return token, nil
}

// SessionUser returns the user of a live session, or ErrUnauthenticated.
func (s *Service) SessionUser(ctx context.Context, token string) (*User, error) {
	if token == "" {
		return nil, errs.ErrUnauthenticated
	}
	var userID int64
	err := s.db.QueryRow(ctx, `SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?`, hashSecret(token), s.now()).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	return s.unauthenticatedIfGone(s.User(ctx, userID))
}

// EndSession signs a browser out.
func (s *Service) EndSession(ctx context.Context, token string) error {
	_, err := s.db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashSecret(token))
	return err
}

// TokenPrefix starts every API token so that leaked tokens are easy to find.
const TokenPrefix = "sbt_"

// IssueToken creates an API bearer token for a user.
func (s *Service) IssueToken(ctx context.Context, userID int64, name string) (string, error) {
	token, hash := newSecret(TokenPrefix)
	_, err := s.db.Exec(ctx, `INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES (?, ?, ?, ?)`,
		userID, hash, name, s.now())
	if err != nil {
		return "", fmt.Errorf("issue token: %w", err)
	}
	return token, nil
}

// TokenUser returns the user of a valid, unrevoked API token.
func (s *Service) TokenUser(ctx context.Context, token string) (*User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, errs.ErrUnauthenticated
	}
	var userID int64
	err := s.db.QueryRow(ctx, `SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`, hashSecret(token)).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	return s.unauthenticatedIfGone(s.User(ctx, userID))
}

func (s *Service) unauthenticatedIfGone(u *User, err error) (*User, error) {
	if errors.Is(err, errs.ErrNotFound) {
		return nil, errs.ErrUnauthenticated
	}
	return u, err
}

// Token describes an issued API token without its secret.
type Token struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Tokens lists a user's API tokens.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, created_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &t.RevokedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of the user's own tokens, or the one presented
// when tokenID is 0 and token is given.
func (s *Service) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	res, err := s.db.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, s.now(), tokenID, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("token %d: %w", tokenID, errs.ErrNotFound)
	}
	return nil
}

// RevokePresentedToken revokes the token a client authenticated with.
func (s *Service) RevokePresentedToken(ctx context.Context, token string) error {
	_, err := s.db.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`, s.now(), hashSecret(token))
	return err
}

// EnsureAdmin creates an admin with a random password when the platform has
// none, and returns the login so the first start can print it once.
func (s *Service) EnsureAdmin(ctx context.Context) (email, password string, created bool, err error) {
	var n int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE role = ?`, string(RoleAdmin)).Scan(&n); err != nil {
		return "", "", false, err
	}
	if n > 0 {
		return "", "", false, nil
	}
	email = "admin@startbridge.local"
	b := make([]byte, 12)
	rand.Read(b)
	password = base64.RawURLEncoding.EncodeToString(b)
	_, err = s.CreateUserUnchecked(ctx, NewUser{
		SignUp: SignUp{Email: email, Name: "Administrator", Password: password, Language: "en"},
		Roles:  []Membership{{Role: RoleAdmin}},
	})
	if err != nil {
		var inv *errs.Invalid
		if errors.As(err, &inv) && inv.Has("email") {
			// Another instance created it a moment ago.
			return "", "", false, nil
		}
		return "", "", false, err
	}
	return email, password, true, nil
}

// ParseMembershipRole is a helper for the command line: "staff" → RoleStaff.
func ParseMembershipRole(s string) (Role, bool) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	return r, r.Valid()
}

// SetPassword changes a user's password after checking its strength.
func (s *Service) SetPassword(ctx context.Context, userID int64, email, password string) error {
	var v errs.Invalid
	checkPassword(&v, "password", password, email)
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := s.db.Exec(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, HashPassword(password), s.now(), userID)
	return err
}
