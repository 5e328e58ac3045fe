package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// render executes page into a buffer and writes it only when it completed,
// so a template failure never leaves half a page.
func (s *site) render(w http.ResponseWriter, r *http.Request, status int, page string, v view) error {
	rq := httpx.From(r)
	s.fillPage(v.base(), r)
	tpl, ok := s.pages[rq.P.Lang][page]
	if !ok {
		return fmt.Errorf("render: no page %q", page)
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", rq.P.Lang)
	h.Set("Vary", "Cookie, Accept-Language")
	// Pages carry personal data and one-time tokens; no shared cache may
	// keep them, and a signed-in page is not kept at all.
	h.Set("Cache-Control", "private, no-cache")
	if rq.User != nil {
		h.Set("Cache-Control", "no-store")
	}
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	// A failed write means the client went away; there is no one left to
	// show an error page to.
	w.Write(buf.Bytes())
	return nil
}

// errorView is the page shown for a failure that is not a form's to show.
type errorView struct {
	Page
	Status        int
	Title, Detail string
	FieldMessages []string
}

// fail shows err: a form again with its problems, a redirect to the login
// for visitors, or a translated error page with the status Classify gives.
func (s *site) fail(w http.ResponseWriter, r *http.Request, err error) {
	rq := httpx.From(r)
	o := httpx.Classify(err)
	var fe *formError
	if errors.As(err, &fe) && belongsOnForm(fe.err, o) {
		fe.form.explain(rq.P, o, fe.rename)
		rerr := s.render(w, r, o.Status, fe.page, fe.view)
		if rerr == nil {
			return
		}
		err, o = rerr, httpx.Classify(rerr)
	}
	if errors.Is(err, errs.ErrUnauthenticated) {
		http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
		return
	}
	if o.Internal {
		s.svc.Log.ErrorContext(r.Context(), "page failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	v := &errorView{Status: o.Status, Title: rq.P.T(o.TitleKey, flatten(o.Args)...), Detail: rq.P.T(o.DetailKey, flatten(o.Args)...)}
	for _, f := range o.Fields {
		v.FieldMessages = append(v.FieldMessages, rq.P.T(f.Key, flatten(f.Args)...))
	}
	if rerr := s.render(w, r, o.Status, "error", v); rerr != nil {
		s.svc.Log.ErrorContext(r.Context(), "error page failed", "err", rerr)
		http.Error(w, v.Title, o.Status)
	}
}

// loginURL sends a visitor to the login and back to what they asked for.
func loginURL(r *http.Request) string {
	if next := returnPath(r); next != "/" {
		return "/login?next=" + url.QueryEscape(next)
	}
	return "/login"
}

// returnPath is the page to come back to after a detour (the login, the
// language switcher): the page itself for a GET, for other methods the page
// of this site the request came from, else the home page.
func returnPath(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return localPath(r.URL.RequestURI())
	}
	if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host {
		return localPath(ref.RequestURI())
	}
	return "/"
}

// seeOther answers a successful POST with a redirect, so that reloading the
// next page does not submit the form again.
func seeOther(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
