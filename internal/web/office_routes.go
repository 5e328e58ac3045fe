package web

import (
	"startbridge/internal/httpx"
	"startbridge/internal/notify"
	"startbridge/internal/office"
)

// officeRoutes are the pages of the cooperative overseas offices: founders
// request and follow, host staff decide and watch occupancy, partners read
// the demand; and everyone's notifications.
func (s *site) officeRoutes() []httpx.Route {
	o := &officePages{site: s, store: office.NewStore(s.svc.DB), notes: notify.NewStore(s.svc.DB)}
	return []httpx.Route{
		{Pattern: "GET /offices", Handler: s.handle(o.offices)},
		{Pattern: "GET /offices/demand", Handler: s.handle(o.demand)},
		{Pattern: "GET /offices/export.csv", Handler: s.handle(o.officesExport("csv"))},
		{Pattern: "GET /offices/export.xlsx", Handler: s.handle(o.officesExport("xlsx"))},
		{Pattern: "GET /offices/new", Handler: s.handle(o.officeNew)},
		{Pattern: "POST /offices", Handler: s.handle(o.createOffice)},
		{Pattern: "GET /offices/{id}", Handler: s.handle(o.office)},
		{Pattern: "POST /offices/{id}", Handler: s.handle(o.saveOffice)},
		{Pattern: "GET /offices/{id}/edit", Handler: s.handle(o.officeEdit)},
		{Pattern: "POST /offices/{id}/edit", Handler: s.handle(o.updateOffice)},
		{Pattern: "GET /office-requests", Handler: s.handle(o.requests)},
		{Pattern: "GET /office-requests/new", Handler: s.handle(o.newRequest)},
		{Pattern: "POST /office-requests", Handler: s.handle(o.createRequest)},
		{Pattern: "GET /office-requests/{id}", Handler: s.handle(o.request)},
		{Pattern: "POST /office-requests/{id}/review", Handler: s.handle(o.review)},
		{Pattern: "POST /office-requests/{id}/decision", Handler: s.handle(o.decide)},
		{Pattern: "POST /office-requests/{id}/cancel", Handler: s.handle(o.cancel)},
		{Pattern: "POST /office-requests/{id}/shorten", Handler: s.handle(o.shorten)},
		{Pattern: "GET /notifications", Handler: s.handle(o.notifications)},
		{Pattern: "POST /notifications/read", Handler: s.handle(o.readAll)},
	}
}

// officePages holds what the office pages share.
type officePages struct {
	*site
	store *office.Store
	notes *notify.Store
}
