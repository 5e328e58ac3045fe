package web

import (
	"net/http"
	"net/url"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
)

// languageCookieAge keeps a visitor's choice for a year.
const languageCookieAge = 365 * 24 * 60 * 60

// switchLanguage remembers the language chosen in the switcher: in a
// cookie for everyone, and in the account of a signed-in user, whose setting
// comes first in the negotiation.
func (s *site) switchLanguage(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	lang := r.PostFormValue("lang")
	if !i18n.Supported(lang) {
		return errs.Field("lang", "field.language", nil)
	}
	if u := httpx.From(r).User; u != nil {
		if err := s.svc.Auth.SetLanguage(r.Context(), u.ID, lang); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.LanguageCookie, Value: lang, Path: "/", MaxAge: languageCookieAge,
		HttpOnly: true, Secure: s.svc.SecureCookies, SameSite: http.SameSiteLaxMode})
	return seeOther(w, r, withoutLangQuery(localPath(r.PostFormValue("next"))))
}

// withoutLangQuery drops ?lang= from the address to go back to, since it
// comes before the cookie and would undo the visitor's choice.
func withoutLangQuery(next string) string {
	u, err := url.Parse(next)
	if err != nil {
		return "/"
	}
	q := u.Query()
	if !q.Has("lang") {
		return next
	}
	q.Del("lang")
	u.RawQuery = q.Encode()
	return u.RequestURI()
}
