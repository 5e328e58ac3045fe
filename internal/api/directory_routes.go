package api

import (
	"startbridge/internal/app"
	"startbridge/internal/directory"
	"startbridge/internal/httpx"
)

// directoryRoutes are the endpoints of the directory and search (SPEC §3.1).
func directoryRoutes(svc *app.Services) []httpx.Route {
	d := &directoryAPI{svc: svc, store: svc.Directory}
	return []httpx.Route{
		{Pattern: "GET /api/v1/sectors", Handler: Handle(d.listSectors)},
		{Pattern: "POST /api/v1/startups", Handler: Handle(Idempotent(svc.DB, d.createStartup))},
		{Pattern: "GET /api/v1/startups", Handler: Handle(d.listStartups)},
		{Pattern: "GET /api/v1/startups/{id}", Handler: Handle(d.getStartup)},
		{Pattern: "PATCH /api/v1/startups/{id}", Handler: Handle(d.patchStartup)},
		{Pattern: "GET /api/v1/startups/{id}/members", Handler: Handle(d.listMembers)},
		{Pattern: "POST /api/v1/startups/{id}/members", Handler: Handle(Idempotent(svc.DB, d.addMember))},
		{Pattern: "DELETE /api/v1/startups/{id}/members/{user_id}", Handler: Handle(d.removeMember)},
		{Pattern: "GET /api/v1/startups/{id}/deck", Handler: Handle(d.getDeck)},
		{Pattern: "PUT /api/v1/startups/{id}/deck", Handler: Handle(d.putDeck)},
		{Pattern: "POST /api/v1/investors", Handler: Handle(Idempotent(svc.DB, d.createInvestor))},
		{Pattern: "GET /api/v1/investors", Handler: Handle(d.listInvestors)},
		{Pattern: "GET /api/v1/investors/{id}", Handler: Handle(d.getInvestor)},
		{Pattern: "PATCH /api/v1/investors/{id}", Handler: Handle(d.patchInvestor)},
		{Pattern: "GET /api/v1/search", Handler: Handle(d.search)},
	}
}

// directoryAPI holds what the directory endpoints share.
type directoryAPI struct {
	svc   *app.Services
	store *directory.Store
}
