package web

import (
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/notify"
)

// profileView is the signed-in user's own page: their details and consent,
// their password and their API tokens, each a form of its own.
type profileView struct {
	Page
	Details                           Form
	Name, Language, TimeZone, Consent string
	// Version is the stored version the form was loaded from; saving an
	// older one is refused instead of overwriting someone else's change.
	Version          int
	Languages, Zones []option
	ConsentGiven     bool
	ConsentAt        time.Time
	History          []auth.ConsentEvent
	Saved            bool
	Password         Form
	PasswordChanged  bool
	Tokens           []auth.Token
	TokenForm        Form
	// Deletion is the form that closes the account.
	Deletion  Form
	TokenName string
	// NewToken is shown once, right after it was issued, and never again.
	NewToken string
	// Email lists the topics of notifications with whether they come by
	// email too; EmailSaved confirms a change.
	Email      []emailTopic
	EmailSaved bool
}

// emailTopic is one topic of notifications on the profile page.
type emailTopic struct {
	Topic string
	On    bool
}

// signedIn returns the user of the request, or ErrUnauthenticated so that
// the renderer sends a visitor to the login.
func signedIn(r *http.Request) (*auth.User, error) {
	u := httpx.From(r).User
	if err := auth.Can(u, auth.EditUser, auth.Target{UserID: userID(u)}); err != nil {
		return nil, err
	}
	return u, nil
}

func userID(u *auth.User) int64 {
	if u == nil {
		return 0
	}
	return u.ID
}

// newProfileView loads what the page shows from the store, so that every
// form on it starts from the saved state.
func (s *site) newProfileView(r *http.Request, u *auth.User) (*profileView, error) {
	ctx, p := r.Context(), httpx.From(r).P
	v := &profileView{Page: Page{Nav: "profile", Here: "/profile"},
		Details:   newForm("name", "language", "time_zone", "consent_cross_border"),
		Password:  newForm("current_password", "new_password", "new_password_confirm"),
		TokenForm: newForm("token_name"),
		Deletion:  newForm("password"),
		Name:      u.Name, Language: u.Language, TimeZone: u.TimeZone, Consent: yesNo(u.ConsentCrossBorder),
		Version: u.Version, ConsentGiven: u.ConsentCrossBorder, ConsentAt: u.ConsentAt}
	var err error
	v.Languages = languageOptions(p)
	if v.Zones, err = s.zoneOptions(ctx, p, u.TimeZone); err != nil {
		return nil, err
	}
	if v.History, err = s.svc.Auth.ConsentHistory(ctx, u.ID); err != nil {
		return nil, err
	}
	if v.Tokens, err = s.svc.Auth.Tokens(ctx, u.ID); err != nil {
		return nil, err
	}
	prefs, err := notify.NewStore(s.svc.DB).EmailPreferences(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, t := range notify.Topics {
		v.Email = append(v.Email, emailTopic{Topic: t, On: prefs[t]})
	}
	return v, nil
}

// saveEmailPreferences records which topics come by email: a box ticked is
// by email, a box not ticked in the app only.
func (s *site) saveEmailPreferences(w http.ResponseWriter, r *http.Request) error {
	u, err := signedIn(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	prefs := map[string]bool{}
	for _, t := range notify.Topics {
		prefs[t] = false
	}
	for _, t := range r.PostForm["email"] {
		prefs[t] = true
	}
	if err := notify.NewStore(s.svc.DB).SetEmailPreferences(r.Context(), u.ID, prefs); err != nil {
		return err
	}
	return seeOther(w, r, "/profile?email=saved#email")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (s *site) profile(w http.ResponseWriter, r *http.Request) error {
	u, err := signedIn(r)
	if err != nil {
		return err
	}
	v, err := s.newProfileView(r, u)
	if err != nil {
		return err
	}
	v.Saved = r.URL.Query().Get("saved") == "1"
	v.PasswordChanged = r.URL.Query().Get("password") == "changed"
	v.EmailSaved = r.URL.Query().Get("email") == "saved"
	return s.render(w, r, http.StatusOK, "profile", v)
}

func (s *site) saveProfile(w http.ResponseWriter, r *http.Request) error {
	u, err := signedIn(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.newProfileView(r, u)
	if err != nil {
		return err
	}
	v.Name, v.Language = r.PostFormValue("name"), r.PostFormValue("language")
	v.TimeZone, v.Consent = r.PostFormValue("time_zone"), r.PostFormValue("consent_cross_border")
	// A form without a readable version cannot prove it saw the current
	// state, so it counts as stale.
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		return reshow(errs.ErrStale, "profile", v, &v.Details)
	}
	v.Version = version
	var problems errs.Invalid
	checkConsentChoice(&problems, v.Consent)
	if err := problems.OrNil(); err != nil {
		return reshow(err, "profile", v, &v.Details)
	}
	_, err = s.svc.Auth.UpdateProfile(r.Context(), u, u.ID, version, auth.Profile{Name: v.Name, Language: v.Language,
		TimeZone: v.TimeZone, ConsentCrossBorder: v.Consent == "yes"})
	if err != nil {
		return reshow(err, "profile", v, &v.Details)
	}
	return seeOther(w, r, "/profile?saved=1")
}
