package web

import (
	"fmt"
	"html/template"
	"net/http"
	"runtime/debug"

	"startbridge/internal/app"
)

// site holds what every page handler shares: the services, the parsed
// templates and the static files.
type site struct {
	svc    *app.Services
	pages  map[string]map[string]*template.Template // language → page → templates
	assets *assets
}

func newSite(svc *app.Services) (*site, error) {
	assets, err := loadAssets()
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	pages, err := parseTemplates(svc.Catalog)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return &site{svc: svc, pages: pages, assets: assets}, nil
}

// handlerFunc is a page handler: it parses, checks, stores and responds, and
// leaves every failure to the one renderer of errors.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a page handler. A panic becomes the translated error page
// (the server's own recovery would answer with a JSON problem).
func (s *site) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.fail(w, r, fmt.Errorf("panic in %s: %v\n%s", r.URL.Path, p, debug.Stack()))
			}
		}()
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}
