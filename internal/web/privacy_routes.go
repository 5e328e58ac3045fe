package web

import "startbridge/internal/httpx"

// privacyRoutes are the pages of SPEC §3.9: a person's own data and
// account, and the admins' audit log.
func (s *site) privacyRoutes() []httpx.Route {
	return []httpx.Route{
		{Pattern: "GET /profile/export", Handler: s.handle(s.exportData)},
		{Pattern: "POST /profile/delete", Handler: s.handle(s.deleteAccount)},
		{Pattern: "GET /admin/audit", Handler: s.handle(s.adminAudit)},
	}
}
