package web

import (
	"net/http"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// loginView is the login form; Next is where the user goes once signed in.
type loginView struct {
	Page
	Form
	Email, Next string
	Welcome     bool
}

func (s *site) loginForm(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := &loginView{Page: Page{Nav: "login"}, Form: newForm("email", "password"),
		Next: localPath(q.Get("next")), Welcome: q.Get("welcome") == "1"}
	return s.render(w, r, http.StatusOK, "login", v)
}

func (s *site) login(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	rq := httpx.From(r)
	v := &loginView{Page: Page{Nav: "login"}, Form: newForm("email", "password"),
		Email: r.PostFormValue("email"), Next: localPath(r.PostFormValue("next"))}
	password := r.PostFormValue("password")
	var problems errs.Invalid
	if v.Email == "" {
		problems.Add("email", "field.required", nil)
	}
	if password == "" {
		problems.Add("password", "field.required", nil)
	}
	if err := problems.OrNil(); err != nil {
		return reshow(err, "login", v, &v.Form)
	}
	u, err := s.svc.Auth.Authenticate(r.Context(), v.Email, password, rq.ClientIP)
	if err != nil {
		return reshow(err, "login", v, &v.Form)
	}
	token, err := s.svc.Auth.NewSession(r.Context(), u.ID)
	if err != nil {
		return err
	}
	// A session from before the login is not carried over: whoever set
	// that cookie must not share the new one.
	if rq.SessionToken != "" {
		s.svc.Auth.EndSession(r.Context(), rq.SessionToken)
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: token, Path: "/",
		MaxAge: int(auth.SessionLifetime.Seconds()), HttpOnly: true, Secure: s.svc.SecureCookies, SameSite: http.SameSiteLaxMode})
	return seeOther(w, r, v.Next)
}

func (s *site) logout(w http.ResponseWriter, r *http.Request) error {
	rq := httpx.From(r)
	if rq.SessionToken != "" {
		if err := s.svc.Auth.EndSession(r.Context(), rq.SessionToken); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.svc.SecureCookies, SameSite: http.SameSiteLaxMode})
	return seeOther(w, r, "/")
}
