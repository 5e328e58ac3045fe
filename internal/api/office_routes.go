package api

import (
	"startbridge/internal/app"
	"startbridge/internal/httpx"
	"startbridge/internal/notify"
	"startbridge/internal/office"
)

// officeRoutes are the endpoints of the cooperative overseas offices
// (SPEC §3.4) and of the notifications they send.
func officeRoutes(svc *app.Services) []httpx.Route {
	o := &officeAPI{svc: svc, store: office.NewStore(svc.DB), notes: notify.NewStore(svc.DB)}
	return []httpx.Route{
		{Pattern: "POST /api/v1/offices", Handler: Handle(Idempotent(svc.DB, o.createOffice))},
		{Pattern: "GET /api/v1/offices", Handler: Handle(o.listOffices)},
		{Pattern: "GET /api/v1/offices/demand", Handler: Handle(o.demand)},
		{Pattern: "GET /api/v1/offices/{id}", Handler: Handle(o.getOffice)},
		{Pattern: "PATCH /api/v1/offices/{id}", Handler: Handle(o.patchOffice)},
		{Pattern: "GET /api/v1/offices/{id}/occupancy", Handler: Handle(o.occupancy)},
		{Pattern: "GET /api/v1/cities", Handler: Handle(o.listCities)},
		{Pattern: "POST /api/v1/office-requests", Handler: Handle(Idempotent(svc.DB, o.createRequest))},
		{Pattern: "GET /api/v1/office-requests", Handler: Handle(o.listRequests)},
		{Pattern: "GET /api/v1/office-requests/{id}", Handler: Handle(o.getRequest)},
		{Pattern: "PATCH /api/v1/office-requests/{id}", Handler: Handle(o.patchRequest)},
		{Pattern: "POST /api/v1/office-requests/{id}/review", Handler: Handle(o.review)},
		{Pattern: "POST /api/v1/office-requests/{id}/decision", Handler: Handle(o.decide)},
		{Pattern: "POST /api/v1/office-requests/{id}/cancel", Handler: Handle(o.cancel)},
		{Pattern: "GET /api/v1/notifications", Handler: Handle(o.listNotifications)},
		{Pattern: "POST /api/v1/notifications/{id}/read", Handler: Handle(o.readNotification)},
	}
}

// officeAPI holds what the office endpoints share.
type officeAPI struct {
	svc   *app.Services
	store *office.Store
	notes *notify.Store
}
