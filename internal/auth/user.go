// Package auth holds users, their roles and memberships, sessions, API
// tokens and consent, and makes every authorization decision.
package auth

import (
	"time"

	"startbridge/internal/tz"
)

// Role is what a membership lets a user do (SPEC §2).
type Role string

// The roles of the platform.
const (
	RoleAdmin    Role = "admin"
	RoleStaff    Role = "staff"
	RoleStartup  Role = "startup"
	RoleInvestor Role = "investor"
	RoleJudge    Role = "judge"
)

// Roles lists every role, in the order forms show them.
var Roles = []Role{RoleAdmin, RoleStaff, RoleStartup, RoleInvestor, RoleJudge}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if k == r {
			return true
		}
	}
	return false
}

// Membership gives a user a role within a scope: an institution for staff,
// a start-up, an investor profile or a contest.
type Membership struct {
	ID            int64  `json:"-"`
	Role          Role   `json:"role"`
	InstitutionID *int64 `json:"institution_id,omitempty"`
	StartupID     *int64 `json:"startup_id,omitempty"`
	InvestorID    *int64 `json:"investor_id,omitempty"`
	ContestID     *int64 `json:"contest_id,omitempty"`
}

// User is a person with an account.
type User struct {
	ID                 int64        `json:"id"`
	Email              string       `json:"email"`
	Name               string       `json:"name"`
	Language           string       `json:"language"`
	TimeZone           string       `json:"time_zone"`
	Region             string       `json:"region,omitempty"`
	ConsentCrossBorder bool         `json:"consent_cross_border"`
	ConsentAt          time.Time    `json:"consent_at"`
	Version            int          `json:"version"`
	CreatedAt          time.Time    `json:"created_at"`
	Roles              []Membership `json:"roles"`
	passwordHash       string
}

// HasRole reports whether the user holds role in any scope.
func (u *User) HasRole(role Role) bool {
	if u == nil {
		return false
	}
	for _, m := range u.Roles {
		if m.Role == role {
			return true
		}
	}
	return false
}

// IsAdmin reports whether the user administers the platform.
func (u *User) IsAdmin() bool { return u.HasRole(RoleAdmin) }

// Location returns the user's time zone, UTC when unknown.
func (u *User) Location() *time.Location {
	if u == nil {
		return time.UTC
	}
	loc, err := tz.Load(u.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
