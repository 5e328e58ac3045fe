// Package app gathers the services a transport (web pages or JSON API)
// needs, built once in the server and passed down.
package app

import (
	"log/slog"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/i18n"
	"startbridge/internal/office"
	"startbridge/internal/partner"
)

// Services are the domain services and shared tools of one running server.
type Services struct {
	DB       *database.DB
	Auth     *auth.Service
	Partners *partner.Store
	// Directory is shared by the pages and the API, so that both answer
	// from one cache of lists and searches.
	Directory *directory.Store
	Catalog   *i18n.Catalog
	Log       *slog.Logger
	// SecureCookies marks cookies Secure; true when served over TLS.
	SecureCookies bool
}

// New builds the services on an open, migrated database.
func New(db *database.DB, catalog *i18n.Catalog, log *slog.Logger) *Services {
	s := &Services{
		DB:        db,
		Auth:      auth.NewService(db),
		Partners:  partner.NewStore(db),
		Directory: directory.NewStore(db),
		Catalog:   catalog,
		Log:       log,
	}
	searchOfficesAndResources(db, s.Directory, office.NewStore(db), booking.NewStore(db))
	return s
}
