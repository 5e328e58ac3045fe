// Package web serves the HTML pages: rendered on the server in Korean,
// Chinese or English, and usable without JavaScript.
package web

import (
	"startbridge/internal/app"
	"startbridge/internal/httpx"
)

// Routes lists every page of the site.
func Routes(svc *app.Services) ([]httpx.Route, error) {
	s, err := newSite(svc)
	if err != nil {
		return nil, err
	}
	routes := []httpx.Route{
		{Pattern: "GET /{$}", Handler: s.handle(s.home)},
		{Pattern: "GET /signup", Handler: s.handle(s.signupForm)},
		{Pattern: "POST /signup", Handler: s.handle(s.signup)},
		{Pattern: "GET /login", Handler: s.handle(s.loginForm)},
		{Pattern: "POST /login", Handler: s.handle(s.login)},
		{Pattern: "POST /logout", Handler: s.handle(s.logout)},
		{Pattern: "POST /lang", Handler: s.handle(s.switchLanguage)},
		{Pattern: "GET /profile", Handler: s.handle(s.profile)},
		{Pattern: "POST /profile", Handler: s.handle(s.saveProfile)},
		{Pattern: "POST /profile/password", Handler: s.handle(s.changePassword)},
		{Pattern: "POST /profile/email", Handler: s.handle(s.saveEmailPreferences)},
		{Pattern: "POST /profile/tokens", Handler: s.handle(s.createToken)},
		{Pattern: "POST /profile/tokens/{id}/revoke", Handler: s.handle(s.revokeToken)},
		{Pattern: "GET /institutions", Handler: s.handle(s.institutions)},
		{Pattern: "GET /institutions/{id}", Handler: s.handle(s.institution)},
		{Pattern: "GET /admin/users", Handler: s.handle(s.adminUsers)},
		{Pattern: "POST /admin/users", Handler: s.handle(s.adminCreateUser)},
		{Pattern: "GET /static/{path...}", Handler: s.handle(s.static)},
	}
	routes = append(routes, s.privacyRoutes()...)
	routes = append(routes, s.bookingRoutes()...)
	routes = append(routes, s.officeRoutes()...)
	routes = append(routes, s.contestRoutes()...)
	routes = append(routes, s.directoryRoutes()...)
	routes = append(routes, s.investorTeamRoutes()...)
	return append(routes, httpx.Route{Pattern: "/", Handler: s.unmatched(routes)}), nil
}
