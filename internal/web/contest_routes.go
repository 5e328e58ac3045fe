package web

import "startbridge/internal/httpx"

// contestRoutes lists the pages of the Global Start-up Contest.
func (s *site) contestRoutes() []httpx.Route {
	return []httpx.Route{
		{Pattern: "GET /contests", Handler: s.handle(s.contestList)},
		{Pattern: "GET /contests/new", Handler: s.handle(s.contestNewForm)},
		{Pattern: "POST /contests", Handler: s.handle(s.contestCreate)},
		{Pattern: "GET /contests/{id}", Handler: s.handle(s.contestPage)},
		{Pattern: "POST /contests/{id}/apply", Handler: s.handle(s.contestApply)},
		{Pattern: "GET /contests/{id}/applications/{aid}", Handler: s.handle(s.applicationPage)},
		{Pattern: "POST /contests/{id}/applications/{aid}", Handler: s.handle(s.applicationSave)},
		{Pattern: "GET /contests/{id}/reviews", Handler: s.handle(s.contestReviews)},
		{Pattern: "GET /reviews/{id}", Handler: s.handle(s.reviewPage)},
		{Pattern: "POST /reviews/{id}", Handler: s.handle(s.reviewSave)},
		{Pattern: "POST /reviews/{id}/conflict", Handler: s.handle(s.reviewConflict)},
		{Pattern: "GET /contests/{id}/manage", Handler: s.handle(s.contestManage)},
		{Pattern: "POST /contests/{id}/manage/{action}", Handler: s.handle(s.contestAction)},
		{Pattern: "GET /contests/{id}/rounds/{n}/results", Handler: s.handle(s.contestResults)},
		{Pattern: "GET /contests/{id}/rounds/{n}/results.csv", Handler: s.handle(s.contestResultsExport("csv"))},
		{Pattern: "GET /contests/{id}/rounds/{n}/results.xlsx", Handler: s.handle(s.contestResultsExport("xlsx"))},
		{Pattern: "GET /contests/{id}/rounds/{n}/bids", Handler: s.handle(s.contestBids)},
		{Pattern: "POST /contests/{id}/rounds/{n}/bids", Handler: s.handle(s.contestSaveBids)},
	}
}
