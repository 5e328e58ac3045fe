package web

import (
	"startbridge/internal/booking"
	"startbridge/internal/httpx"
)

// bookingRoutes are the pages of base points, resources and bookings
// (SPEC §3.3): the catalogue of both regions, a week calendar and booking
// form per resource, "my bookings", the staff's approval queue and
// utilisation, and the private calendar feed.
func (s *site) bookingRoutes() []httpx.Route {
	b := &bookingPages{site: s, store: booking.NewStore(s.svc.DB)}
	return []httpx.Route{
		{Pattern: "GET /basepoints", Handler: s.handle(b.catalogue)},
		{Pattern: "GET /basepoints/new", Handler: s.handle(b.basePointForm)},
		{Pattern: "POST /basepoints", Handler: s.handle(b.createBasePoint)},
		{Pattern: "GET /basepoints/{id}/edit", Handler: s.handle(b.basePointEdit)},
		{Pattern: "POST /basepoints/{id}/edit", Handler: s.handle(b.updateBasePoint)},
		{Pattern: "GET /basepoints/{id}/resources/new", Handler: s.handle(b.resourceForm)},
		{Pattern: "POST /basepoints/{id}/resources", Handler: s.handle(b.createResource)},
		{Pattern: "GET /basepoints/{id}/utilisation", Handler: s.handle(b.utilisation)},
		{Pattern: "GET /basepoints/{id}/bookings.csv", Handler: s.handle(b.utilisationExport("csv"))},
		{Pattern: "GET /basepoints/{id}/bookings.xlsx", Handler: s.handle(b.utilisationExport("xlsx"))},
		{Pattern: "GET /resources/{id}", Handler: s.handle(b.resource)},
		{Pattern: "POST /resources/{id}/book", Handler: s.handle(b.book)},
		{Pattern: "GET /resources/{id}/edit", Handler: s.handle(b.resourceEdit)},
		{Pattern: "POST /resources/{id}/edit", Handler: s.handle(b.updateResource)},
		{Pattern: "GET /bookings", Handler: s.handle(b.myBookings)},
		{Pattern: "GET /bookings/queue", Handler: s.handle(b.queue)},
		{Pattern: "POST /bookings/feed", Handler: s.handle(b.newFeed)},
		{Pattern: "POST /bookings/{id}/{action}", Handler: s.handle(b.decide)},
		{Pattern: "GET /bookings/{id}/ics", Handler: s.handle(b.ics)},
		{Pattern: "GET /calendar/{token}", Handler: s.handle(b.feed)},
	}
}

// bookingPages holds what the booking pages share.
type bookingPages struct {
	*site
	store *booking.Store
}
