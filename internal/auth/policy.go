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

	// Directory (SPEC §3.1).
	CreateStartup   Action = "startup.create"
	EditStartup     Action = "startup.edit"
	ViewPitchDeck   Action = "startup.deck.view"
	ImportStartups  Action = "startups.import"
	CreateInvestor  Action = "investor.create"
	EditInvestor    Action = "investor.edit"
	SeePartnersOnly Action = "directory.partners_only"

	// Contest (SPEC §3.2). Staff of a host institution run a contest; the
	// contest store asks ManageContest once per host.
	ManageContest  Action = "contest.manage"
	ApplyToContest Action = "contest.apply"
	JudgeContest   Action = "contest.judge"

	// Overseas offices (SPEC §3.4). The target's InstitutionID is the
	// office's host, 0 when no office is concerned yet.
	ManageOffice        Action = "office.manage"
	RequestOffice       Action = "office_request.create"
	ViewOfficeRequest   Action = "office_request.view"
	ViewOfficeQueue     Action = "office_request.queue"
	DecideOfficeRequest Action = "office_request.decide"
	ChangeOfficeRequest Action = "office_request.change"
	ViewOfficeDemand    Action = "office.demand"

	// Base points and bookings (SPEC §3.3). The target's InstitutionID is
	// the base point's institution; StartupID the start-up booking.
	ManageBasePoint  Action = "basepoint.manage"
	BookResource     Action = "booking.create"
	ViewBooking      Action = "booking.view"
	DecideBooking    Action = "booking.decide"
	CancelBooking    Action = "booking.cancel"
	ViewBookingQueue Action = "booking.queue"
)

// Target is the object an action is about. Only the fields that matter for
// the action are set.
type Target struct {
	UserID        int64
	InstitutionID int64
	StartupID     int64
	ContestID     int64
	InvestorID    int64
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
	case EditUser, ViewUser, ExportPersonalData, DeleteAccount:
		return t.UserID == user.ID
	case ManageInstitution:
		return user.StaffOf(t.InstitutionID)
	case CreateStartup:
		// Founders register their own start-up; they become its founder.
		return true
	case EditStartup:
		return user.HasRole(RoleStaff) || user.MemberOfStartup(t.StartupID)
	case ViewPitchDeck:
		return user.HasRole(RoleStaff) || user.HasRole(RoleInvestor) || user.MemberOfStartup(t.StartupID)
	case ImportStartups:
		return user.HasRole(RoleStaff)
	case CreateInvestor:
		return user.HasRole(RoleStaff) || user.HasRole(RoleInvestor)
	case EditInvestor:
		return user.HasRole(RoleStaff) || user.InvestorOf(t.InvestorID)
	case ManageOffice:
		return user.StaffOf(t.InstitutionID)
	case RequestOffice:
		return user.MemberOfStartup(t.StartupID)
	case ViewOfficeRequest:
		return user.MemberOfStartup(t.StartupID) || user.HasRole(RoleStaff)
	case ViewOfficeQueue, ViewOfficeDemand:
		return user.HasRole(RoleStaff)
	case DecideOfficeRequest:
		// The host's staff decide; a request not yet tied to an office may
		// be refused by any staff of the cooperation.
		return user.StaffOf(t.InstitutionID) || (t.InstitutionID == 0 && user.HasRole(RoleStaff))
	case ChangeOfficeRequest:
		// Cancelling or shortening: the start-up itself, or the host's staff.
		return user.MemberOfStartup(t.StartupID) || user.StaffOf(t.InstitutionID) ||
			(t.InstitutionID == 0 && user.HasRole(RoleStaff))
	case SeePartnersOnly:
		// Partners-only profiles are for the people of the cooperation:
		// anyone holding a role, not a visitor or a bare sign-up.
		return len(user.Roles) > 0
	case ManageBasePoint, DecideBooking:
		return user.StaffOf(t.InstitutionID)
	case BookResource, ViewBooking, CancelBooking:
		// A start-up books for itself; the base point's staff book and
		// cancel on a start-up's behalf.
		return user.MemberOfStartup(t.StartupID) || user.StaffOf(t.InstitutionID)
	case ViewBookingQueue:
		return user.HasRole(RoleStaff)
	case ManageContest:
		return user.StaffOf(t.InstitutionID)
	case ApplyToContest:
		return user.MemberOfStartup(t.StartupID)
	case JudgeContest:
		return user.JudgeOf(t.ContestID)
	}
	return false
}

// JudgeOf reports whether the user judges the contest.
func (u *User) JudgeOf(contestID int64) bool {
	if u == nil || contestID == 0 {
		return false
	}
	for _, m := range u.Roles {
		if m.Role == RoleJudge && m.ContestID != nil && *m.ContestID == contestID {
			return true
		}
	}
	return false
}

// MemberOfStartup reports whether the user is on the team of the start-up.
func (u *User) MemberOfStartup(startupID int64) bool {
	if u == nil || startupID == 0 {
		return false
	}
	for _, m := range u.Roles {
		if m.Role == RoleStartup && m.StartupID != nil && *m.StartupID == startupID {
			return true
		}
	}
	return false
}

// InvestorOf reports whether the user acts for the investor profile.
func (u *User) InvestorOf(investorID int64) bool {
	if u == nil || investorID == 0 {
		return false
	}
	for _, m := range u.Roles {
		if m.Role == RoleInvestor && m.InvestorID != nil && *m.InvestorID == investorID {
			return true
		}
	}
	return false
}

// StaffInstitutions lists the institutions the user is staff of.
func (u *User) StaffInstitutions() []int64 {
	if u == nil {
		return nil
	}
	var out []int64
	for _, m := range u.Roles {
		if m.Role == RoleStaff && m.InstitutionID != nil {
			out = append(out, *m.InstitutionID)
		}
	}
	return out
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
