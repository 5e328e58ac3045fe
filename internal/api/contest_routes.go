package api

import (
	"startbridge/internal/app"
	"startbridge/internal/httpx"
)

// contestRoutes lists the endpoints of the Global Start-up Contest.
func contestRoutes(svc *app.Services) []httpx.Route {
	return []httpx.Route{
		{Pattern: "GET /api/v1/contests", Handler: Handle(listContests(svc))},
		{Pattern: "POST /api/v1/contests", Handler: Handle(Idempotent(svc.DB, createContest(svc)))},
		{Pattern: "GET /api/v1/contests/{id}", Handler: Handle(getContest(svc))},
		{Pattern: "GET /api/v1/contests/{id}/applications", Handler: Handle(listApplications(svc))},
		{Pattern: "POST /api/v1/contests/{id}/applications", Handler: Handle(Idempotent(svc.DB, createApplication(svc)))},
		{Pattern: "GET /api/v1/contests/{id}/applications/{aid}", Handler: Handle(getApplication(svc))},
		{Pattern: "PATCH /api/v1/contests/{id}/applications/{aid}", Handler: Handle(patchApplication(svc))},
		{Pattern: "POST /api/v1/contests/{id}/applications/{aid}/submit", Handler: Handle(applicationAction(svc, true))},
		{Pattern: "POST /api/v1/contests/{id}/applications/{aid}/withdraw", Handler: Handle(applicationAction(svc, false))},
		{Pattern: "GET /api/v1/contests/{id}/applications/{aid}/feedback", Handler: Handle(getFeedback(svc))},
		{Pattern: "GET /api/v1/contests/{id}/judges", Handler: Handle(listJudges(svc))},
		{Pattern: "POST /api/v1/contests/{id}/judges", Handler: Handle(addJudge(svc))},
		{Pattern: "GET /api/v1/contests/{id}/conflicts", Handler: Handle(listConflicts(svc))},
		{Pattern: "POST /api/v1/contests/{id}/conflicts", Handler: Handle(declareConflict(svc))},
		{Pattern: "PUT /api/v1/contests/{id}/rounds/{n}/bids", Handler: Handle(putBids(svc))},
		{Pattern: "PUT /api/v1/contests/{id}/rounds/{n}/pairs", Handler: Handle(putPair(svc))},
		{Pattern: "POST /api/v1/contests/{id}/rounds/{n}/assignment", Handler: Handle(runAssignment(svc))},
		{Pattern: "GET /api/v1/contests/{id}/rounds/{n}/results", Handler: Handle(getResults(svc))},
		{Pattern: "POST /api/v1/contests/{id}/rounds/{n}/advance", Handler: Handle(advanceRound(svc))},
		{Pattern: "POST /api/v1/contests/{id}/rounds/{n}/publish", Handler: Handle(publishRound(svc))},
		{Pattern: "GET /api/v1/contests/{id}/prizes", Handler: Handle(listPrizes(svc))},
		{Pattern: "POST /api/v1/contests/{id}/prizes", Handler: Handle(createPrize(svc))},
		{Pattern: "POST /api/v1/contests/{id}/prizes/{pid}/awards", Handler: Handle(Idempotent(svc.DB, awardPrize(svc)))},
		{Pattern: "DELETE /api/v1/contests/{id}/prizes/{pid}/awards/{aid}", Handler: Handle(revokeAward(svc))},
		{Pattern: "GET /api/v1/reviews", Handler: Handle(listReviews(svc))},
		{Pattern: "GET /api/v1/reviews/{id}", Handler: Handle(getReview(svc))},
		{Pattern: "PUT /api/v1/reviews/{id}", Handler: Handle(putReview(svc))},
	}
}
