package api

import (
	"startbridge/internal/app"
	"startbridge/internal/booking"
	"startbridge/internal/httpx"
)

// bookingRoutes are the endpoints of base points, resources and bookings
// (SPEC §3.3).
func bookingRoutes(svc *app.Services) []httpx.Route {
	b := &bookingAPI{svc: svc, store: booking.NewStore(svc.DB)}
	return []httpx.Route{
		{Pattern: "POST /api/v1/basepoints", Handler: Handle(Idempotent(svc.DB, b.createBasePoint))},
		{Pattern: "GET /api/v1/basepoints", Handler: Handle(b.listBasePoints)},
		{Pattern: "GET /api/v1/basepoints/{id}", Handler: Handle(b.getBasePoint)},
		{Pattern: "PATCH /api/v1/basepoints/{id}", Handler: Handle(b.patchBasePoint)},
		{Pattern: "POST /api/v1/resources", Handler: Handle(Idempotent(svc.DB, b.createResource))},
		{Pattern: "GET /api/v1/resources", Handler: Handle(b.listResources)},
		{Pattern: "GET /api/v1/resources/{id}", Handler: Handle(b.getResource)},
		{Pattern: "PATCH /api/v1/resources/{id}", Handler: Handle(b.patchResource)},
		{Pattern: "GET /api/v1/resources/{id}/availability", Handler: Handle(b.availability)},
		{Pattern: "POST /api/v1/bookings", Handler: Handle(Idempotent(svc.DB, b.createBooking))},
		{Pattern: "GET /api/v1/bookings", Handler: Handle(b.listBookings)},
		{Pattern: "GET /api/v1/bookings/{id}", Handler: Handle(b.getBooking)},
		{Pattern: "GET /api/v1/bookings/{id}/ics", Handler: Handle(b.bookingICS)},
		{Pattern: "POST /api/v1/bookings/{id}/approve", Handler: Handle(b.decide((*booking.Store).Approve))},
		{Pattern: "POST /api/v1/bookings/{id}/reject", Handler: Handle(b.decide((*booking.Store).Reject))},
		{Pattern: "POST /api/v1/bookings/{id}/cancel", Handler: Handle(b.decide((*booking.Store).Cancel))},
		{Pattern: "POST /api/v1/bookings/{id}/complete", Handler: Handle(b.decide((*booking.Store).Complete))},
		{Pattern: "POST /api/v1/bookings/{id}/no_show", Handler: Handle(b.decide((*booking.Store).NoShow))},
		{Pattern: "POST /api/v1/me/calendar-feed", Handler: Handle(b.newCalendarFeed)},
	}
}

// bookingAPI holds what the booking endpoints share.
type bookingAPI struct {
	svc   *app.Services
	store *booking.Store
}
