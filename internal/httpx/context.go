// Package httpx carries what every request needs — who is asking, in which
// language and time zone — and maps domain errors to HTTP statuses, for the
// web pages and the JSON API alike.
package httpx

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/i18n"
	"startbridge/internal/tz"
)

// Names of the cookies the platform sets.
const (
	SessionCookie  = "sb_session"
	LanguageCookie = "sb_lang"
	ZoneCookie     = "sb_tz"
)

// Request is the per-request context shared by the transports.
type Request struct {
	// User is the signed-in user or the owner of the bearer token; nil for
	// visitors.
	User *auth.User
	// P translates and formats for this request.
	P *i18n.Printer
	// SessionToken is the browser session's cookie value, when there is one.
	SessionToken string
	// BearerToken is the API token presented, when there is one.
	BearerToken string
	// ClientIP is the caller's address, for rate limits and logs.
	ClientIP string
	// Log is the server's logger.
	Log *slog.Logger
}

type ctxKey struct{}

// With returns r carrying rq.
func With(r *http.Request, rq *Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), ctxKey{}, rq))
}

// From returns the request context set by the server's middleware. Outside
// it (in a bare handler test) it returns a visitor speaking English.
func From(r *http.Request) *Request {
	if rq, ok := r.Context().Value(ctxKey{}).(*Request); ok {
		return rq
	}
	return &Request{P: i18n.MustLoad().Printer(i18n.Default, time.UTC)}
}

// Identify works out who is asking: a bearer token when one is presented
// (an invalid one is an error, never a fall-back to the cookie), otherwise
// the session cookie.
func Identify(r *http.Request, svc *auth.Service) (*Request, error) {
	rq := &Request{ClientIP: ClientIP(r)}
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return rq, errs.ErrUnauthenticated
		}
		u, err := svc.TokenUser(r.Context(), strings.TrimSpace(token))
		if err != nil {
			return rq, err
		}
		rq.User, rq.BearerToken = u, token
		return rq, nil
	}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		u, err := svc.SessionUser(r.Context(), c.Value)
		if err == nil {
			rq.User, rq.SessionToken = u, c.Value
		} else if !errors.Is(err, errs.ErrUnauthenticated) {
			return rq, err
		}
	}
	return rq, nil
}

// Language chooses the language of a response. Pages follow the user's
// setting first; API answers follow the request (?lang=, Accept-Language)
// first, as the contract says, and the user's setting after.
func Language(r *http.Request, user *auth.User, api bool) string {
	setting := ""
	if user != nil {
		setting = user.Language
	}
	query := r.URL.Query().Get("lang")
	accept := r.Header.Get("Accept-Language")
	if api {
		if l := i18n.Negotiate("", query, "", accept); query != "" || i18n.FromAcceptLanguage(accept) != "" {
			return l
		}
		return i18n.Negotiate(setting, "", "", "")
	}
	cookie := ""
	if c, err := r.Cookie(LanguageCookie); err == nil {
		cookie = c.Value
	}
	return i18n.Negotiate(setting, query, cookie, accept)
}

// Zone is the time zone to show times in: the user's setting, else the
// browser's zone as reported by the page's script, else the zone that goes
// with the language.
func Zone(r *http.Request, user *auth.User, lang string) *time.Location {
	if user != nil {
		return user.Location()
	}
	if c, err := r.Cookie(ZoneCookie); err == nil {
		if loc, err := tz.Load(c.Value); err == nil && c.Value != "" && c.Value != "Local" {
			return loc
		}
	}
	name := "Asia/Seoul"
	if lang == "zh" {
		name = "Asia/Shanghai"
	}
	loc, err := tz.Load(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ClientIP is the remote address without its port. Behind a load balancer
// the server's middleware rewrites RemoteAddr from a trusted proxy header.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Route is one ServeMux pattern ("GET /institutions/{id}") and its handler.
// The web and API packages list theirs and the server mounts them all on one
// mux, so metrics and logs see the pattern that matched.
type Route struct {
	Pattern string
	Handler http.Handler
}
