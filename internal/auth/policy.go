package auth

import (
	"fmt"

	"startbridge/internal/errs"
)

// Action is something a user may or may not do. Every handler asks Can with
// one of these; the decisions all live in this file.
type Action string

// The actions of the foundation; each capability adds its own here.
const (
	ManageUsers       Action = "users.manage"
	EditUser          Action = "user.edit"
	ViewUser          Action = "user.view"
	ManageInstitution Action = "institution.manage"
	ViewAuditLog      Action = "audit.view"
)

// Target is the object an action is about. Only the fields that matter for
// the action are set.
type Target struct {
	UserID        int64
	InstitutionID int64
	StartupID     int64
	ContestID     int64
}

// Can returns nil when user may do action on target, ErrUnauthenticated for
// a visitor who is not signed in, and ErrForbidden otherwise.
func Can(user *User, action Action, target Target) error {
	if user == nil {
		return fmt.Errorf("%s: %w", action, errs.ErrUnauthenticated)
	}
	if allowed(user, action, target) {
		return nil
	}
	return fmt.Errorf("%s: %w", action, errs.ErrForbidden)
}

func allowed(user *User, action Action, t Target) bool {
	if user.IsAdmin() {
		return true
	}
	switch action {
	case EditUser, ViewUser:
		return t.UserID == user.ID
	case ManageInstitution:
		return user.StaffOf(t.InstitutionID)
	}
	return false
}

// StaffOf reports whether the user is staff of the institution.
func (u *User) StaffOf(institutionID int64) bool {
	if u == nil {
		return false
	}
	for _, m := range u.Roles {
		if m.Role == RoleStaff && m.InstitutionID != nil && *m.InstitutionID == institutionID {
			return true
		}
	}
	return false
}

// MaySeePersonalData is the consent rule of SPEC §3.9: a person's personal
// data crosses to the partner region only with their consent. The person
// themselves, admins and viewers of the same region always see it; a viewer
// whose region is unknown counts as the other side.
func MaySeePersonalData(viewer, subject *User) bool {
	if subject == nil || viewer == nil {
		return false
	}
	if viewer.ID == subject.ID || viewer.IsAdmin() || subject.ConsentCrossBorder {
		return true
	}
	return viewer.Region != "" && viewer.Region == subject.Region
}
