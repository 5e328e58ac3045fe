package api

import (
	"startbridge/internal/app"
	"startbridge/internal/httpx"
)

// privacyRoutes are the endpoints of SPEC §3.9: a person's own data and
// account, and the admins' audit log.
func privacyRoutes(svc *app.Services) []httpx.Route {
	return []httpx.Route{
		{Pattern: "GET /api/v1/me/export", Handler: Handle(exportMe(svc))},
		{Pattern: "DELETE /api/v1/me", Handler: Handle(deleteMe(svc))},
		{Pattern: "GET /api/v1/audit", Handler: Handle(listAudit(svc))},
	}
}
