package api

import (
	"time"

	"startbridge/internal/auth"
)

// userJSON is the API's view of a user, cut to what the viewer may see:
// everything for the user themselves and admins; the public profile (id,
// name, region, roles) plus the personal data (email, language, time zone)
// for a viewer auth.MaySeePersonalData allows; the public profile only for
// the others (SPEC §3.9).
type userJSON struct {
	ID                 int64             `json:"id"`
	Email              string            `json:"email,omitempty"`
	Name               string            `json:"name"`
	Language           string            `json:"language,omitempty"`
	TimeZone           string            `json:"time_zone,omitempty"`
	Region             *string           `json:"region"`
	ConsentCrossBorder *bool             `json:"consent_cross_border,omitempty"`
	ConsentAt          *time.Time        `json:"consent_at,omitempty"`
	Roles              []auth.Membership `json:"roles"`
	Version            int               `json:"version,omitempty"`
}

func newUserJSON(viewer, u *auth.User) userJSON {
	out := userJSON{ID: u.ID, Name: u.Name, Roles: u.Roles}
	if out.Roles == nil {
		out.Roles = []auth.Membership{}
	}
	if u.Region != "" {
		out.Region = &u.Region
	}
	if auth.MaySeePersonalData(viewer, u) {
		out.Email, out.Language, out.TimeZone = u.Email, u.Language, u.TimeZone
	}
	if fullView(viewer, u) {
		consent, at := u.ConsentCrossBorder, u.ConsentAt
		out.ConsentCrossBorder, out.ConsentAt, out.Version = &consent, &at, u.Version
	}
	return out
}

// fullView reports whether viewer sees u's whole account, settings and
// version included: u themselves and admins.
func fullView(viewer, u *auth.User) bool {
	return auth.Can(viewer, auth.ViewUser, auth.Target{UserID: u.ID}) == nil
}
