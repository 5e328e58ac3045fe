package web

import (
	"net/http"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// signupView is the sign-up form with what the person entered, never the
// password.
type signupView struct {
	Page
	Form
	Email, Name, Language, TimeZone, Region string
	// Consent is "yes", "no", or "" until the person chooses: the choice is
	// never made for them.
	Consent                   string
	Languages, Zones, Regions []option
}

var signupFields = []string{"email", "name", "password", "language", "time_zone", "region", "consent_cross_border"}

func (s *site) newSignupView(r *http.Request) (*signupView, error) {
	p := httpx.From(r).P
	v := &signupView{Page: Page{Nav: "signup"}, Form: newForm(signupFields...), Language: p.Lang, TimeZone: p.Zone.String()}
	var err error
	v.Languages = languageOptions(p)
	if v.Zones, err = s.zoneOptions(r.Context(), p, p.Zone.String()); err != nil {
		return nil, err
	}
	if v.Regions, err = s.regionOptions(r.Context(), p); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *site) signupForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newSignupView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "signup", v)
}

func (s *site) signup(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	v, err := s.newSignupView(r)
	if err != nil {
		return err
	}
	v.Email, v.Name = r.PostFormValue("email"), r.PostFormValue("name")
	v.Language, v.TimeZone = r.PostFormValue("language"), r.PostFormValue("time_zone")
	v.Region, v.Consent = r.PostFormValue("region"), r.PostFormValue("consent_cross_border")
	in := auth.SignUp{Email: v.Email, Name: v.Name, Password: r.PostFormValue("password"),
		Language: v.Language, TimeZone: v.TimeZone, Region: v.Region, ConsentCrossBorder: v.Consent == "yes"}
	var problems errs.Invalid
	checkConsentChoice(&problems, v.Consent)
	if v.Region == "" {
		problems.Add("region", "field.required", nil)
	}
	if err := problems.OrNil(); err != nil {
		return reshow(err, "signup", v, &v.Form)
	}
	if _, err := s.svc.Auth.SignUp(r.Context(), in); err != nil {
		return reshow(err, "signup", v, &v.Form)
	}
	return seeOther(w, r, "/login?welcome=1")
}

// checkConsentChoice asks for an explicit yes or no: SPEC §3.9 wants a
// separate decision, so a missing answer is a problem, not a "no".
func checkConsentChoice(v *errs.Invalid, choice string) {
	if choice != "yes" && choice != "no" {
		v.Add("consent_cross_border", "field.consent_choice", nil)
	}
}
