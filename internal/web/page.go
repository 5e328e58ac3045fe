package web

import (
	"net/http"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/httpx"
	"startbridge/internal/i18n"
	"startbridge/internal/notify"
)

// Page is what the layout needs on every page; every view embeds it and the
// renderer fills it from the request.
type Page struct {
	Lang     string
	HTMLLang string
	User     *auth.User
	// Zone is the viewer's time zone, for the date functions.
	Zone *time.Location
	// Nav names the navigation item of this page, set by the handler.
	Nav string
	// Here is where the language switcher comes back to; the renderer
	// works it out from the request unless the handler set it.
	Here           string
	Switcher       []langChoice
	CanManageUsers bool
	// Unread counts the signed-in user's unread notifications, for the
	// badge beside the notifications link.
	Unread     int
	Stylesheet string
	Script     string
	ZoneCookie string
}

// langChoice is one button of the language switcher.
type langChoice struct {
	Code, HTMLLang string
	Current        bool
}

func (p *Page) base() *Page { return p }

// view is a page's typed data; the renderer reaches its Page through base.
type view interface{ base() *Page }

func (s *site) fillPage(p *Page, r *http.Request) {
	rq := httpx.From(r)
	p.Lang, p.HTMLLang = rq.P.Lang, htmlLang(rq.P.Lang)
	p.User, p.Zone = rq.User, rq.P.Zone
	p.CanManageUsers = auth.Can(rq.User, auth.ManageUsers, auth.Target{}) == nil
	if rq.User != nil {
		// A badge is not worth failing a page for; without it the link stays.
		p.Unread, _ = notify.NewStore(s.svc.DB).Unread(r.Context(), rq.User.ID)
	}
	if p.Here == "" {
		p.Here = returnPath(r)
	}
	p.Switcher = nil
	for _, lang := range i18n.Languages {
		p.Switcher = append(p.Switcher, langChoice{Code: lang, HTMLLang: htmlLang(lang), Current: lang == rq.P.Lang})
	}
	p.Stylesheet, p.Script = s.assets.url("site.css"), s.assets.url("zone.js")
	p.ZoneCookie = httpx.ZoneCookie
}

// option is one choice of a select; the template marks the one equal to
// the view's current value, so a refused form keeps what the user chose.
type option struct {
	Value, Label string
	// Lang is the language of the label when it differs from the page's.
	Lang string
	// Selected marks the chosen option, for pages that set it.
	Selected bool
}
