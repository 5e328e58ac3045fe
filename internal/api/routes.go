// Package api serves the JSON API under /api/v1/: one file per resource,
// and the conventions every resource shares (strict decoding, problem
// documents, cursor pagination, ETags, idempotency keys) as small helpers.
package api

import (
	"startbridge/internal/app"
	"startbridge/internal/httpx"
)

// Routes lists every endpoint of the API, then a catch-all for /api/ that
// answers unknown paths and wrong methods as problem documents.
func Routes(svc *app.Services) ([]httpx.Route, error) {
	if err := checkOpenAPI(); err != nil {
		return nil, err
	}
	routes := []httpx.Route{
		{Pattern: "GET /api/v1/openapi.json", Handler: Handle(serveOpenAPI)},

		{Pattern: "POST /api/v1/auth/token", Handler: Handle(issueToken(svc))},
		{Pattern: "DELETE /api/v1/auth/token", Handler: Handle(revokeToken(svc))},
		{Pattern: "GET /api/v1/me", Handler: Handle(getMe)},
		{Pattern: "PATCH /api/v1/me", Handler: Handle(patchMe(svc))},
		{Pattern: "GET /api/v1/me/notification-preferences", Handler: Handle(getNotificationPreferences(svc))},
		{Pattern: "PUT /api/v1/me/notification-preferences", Handler: Handle(putNotificationPreferences(svc))},

		{Pattern: "POST /api/v1/users", Handler: Handle(Idempotent(svc.DB, createUser(svc)))},
		{Pattern: "GET /api/v1/users", Handler: Handle(listUsers(svc))},
		{Pattern: "GET /api/v1/users/{id}", Handler: Handle(getUser(svc))},

		{Pattern: "GET /api/v1/regions", Handler: Handle(listRegions(svc))},
		{Pattern: "GET /api/v1/institutions", Handler: Handle(listInstitutions(svc))},
		{Pattern: "GET /api/v1/institutions/{id}", Handler: Handle(getInstitution(svc))},
	}
	routes = append(routes, privacyRoutes(svc)...)
	routes = append(routes, bookingRoutes(svc)...)
	routes = append(routes, officeRoutes(svc)...)
	routes = append(routes, contestRoutes(svc)...)
	routes = append(routes, directoryRoutes(svc)...)
	routes = append(routes, investorLinkRoutes(svc)...)
	return append(routes, httpx.Route{Pattern: "/api/", Handler: unmatched(routes)}), nil
}
