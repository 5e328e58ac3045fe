package web

import (
	"startbridge/internal/directory"
	"startbridge/internal/httpx"
)

// directoryRoutes are the pages of the directory (SPEC §3.1): the start-up
// directory with search, filters and facets, profiles, the forms that
// create and edit them, "my start-up", investors, and the staff's import
// and export.
func (s *site) directoryRoutes() []httpx.Route {
	d := &dirPages{site: s, store: s.svc.Directory}
	return []httpx.Route{
		{Pattern: "GET /search", Handler: s.handle(d.search)},
		{Pattern: "GET /startups", Handler: s.handle(d.startups)},
		{Pattern: "GET /startups/export.csv", Handler: s.handle(d.exportStartups("csv"))},
		{Pattern: "GET /startups/export.xlsx", Handler: s.handle(d.exportStartups("xlsx"))},
		{Pattern: "GET /investors/export.csv", Handler: s.handle(d.exportInvestors("csv"))},
		{Pattern: "GET /investors/export.xlsx", Handler: s.handle(d.exportInvestors("xlsx"))},
		{Pattern: "GET /startups/new", Handler: s.handle(d.newStartup)},
		{Pattern: "POST /startups", Handler: s.handle(d.createStartup)},
		{Pattern: "GET /import/startups", Handler: s.handle(d.importForm)},
		{Pattern: "POST /import/startups", Handler: s.handle(d.importUpload)},
		{Pattern: "GET /import/startups/{id}", Handler: s.handle(d.importMapping)},
		{Pattern: "POST /import/startups/{id}", Handler: s.handle(d.importRun)},
		{Pattern: "GET /startups/{id}", Handler: s.handle(d.startup)},
		{Pattern: "GET /startups/{id}/edit", Handler: s.handle(d.editStartup)},
		{Pattern: "POST /startups/{id}/edit", Handler: s.handle(d.saveStartup)},
		{Pattern: "GET /startups/{id}/deck", Handler: s.handle(d.deck)},
		{Pattern: "POST /startups/{id}/deck", Handler: s.handle(d.uploadDeck)},
		{Pattern: "POST /startups/{id}/members", Handler: s.handle(d.addMember)},
		{Pattern: "POST /startups/{id}/members/{user_id}/remove", Handler: s.handle(d.removeMember)},
		{Pattern: "GET /my/startup", Handler: s.handle(d.myStartup)},
		{Pattern: "GET /investors", Handler: s.handle(d.investors)},
		{Pattern: "GET /investors/new", Handler: s.handle(d.newInvestor)},
		{Pattern: "POST /investors", Handler: s.handle(d.createInvestor)},
		{Pattern: "GET /investors/{id}", Handler: s.handle(d.investor)},
		{Pattern: "GET /investors/{id}/edit", Handler: s.handle(d.editInvestor)},
		{Pattern: "POST /investors/{id}/edit", Handler: s.handle(d.saveInvestor)},
	}
}

// dirPages holds what the directory pages share.
type dirPages struct {
	*site
	store *directory.Store
}
