package api

import (
	"net/http"

	"startbridge/internal/app"
	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/directory"
	"startbridge/internal/httpx"
)

// investorLinkRoutes are an investor's team and portfolio: the links from
// which contest conflicts are derived (SPEC §3.2).
func investorLinkRoutes(svc *app.Services) []httpx.Route {
	l := &investorLinks{store: svc.Directory, conflicts: contest.NewStore(svc.DB)}
	return []httpx.Route{
		{Pattern: "GET /api/v1/investors/{id}/members", Handler: Handle(l.listMembers)},
		{Pattern: "POST /api/v1/investors/{id}/members", Handler: Handle(Idempotent(svc.DB, l.addMember))},
		{Pattern: "DELETE /api/v1/investors/{id}/members/{user_id}", Handler: Handle(l.removeMember)},
		{Pattern: "GET /api/v1/investors/{id}/portfolio", Handler: Handle(l.listPortfolio)},
		{Pattern: "POST /api/v1/investors/{id}/portfolio", Handler: Handle(Idempotent(svc.DB, l.addToPortfolio))},
		{Pattern: "DELETE /api/v1/investors/{id}/portfolio/{startup_id}", Handler: Handle(l.removeFromPortfolio)},
	}
}

// investorCall reads the caller, who must be signed in, and the investor.
func investorCall(r *http.Request) (*auth.User, int64, error) {
	actor, err := CurrentUser(r)
	if err != nil {
		return nil, 0, err
	}
	id, err := PathID(r, "id")
	return actor, id, err
}

type investorLinks struct {
	store     *directory.Store
	conflicts directory.ConflictChecker
}

func (l *investorLinks) listMembers(w http.ResponseWriter, r *http.Request) error {
	actor, id, err := investorCall(r)
	if err != nil {
		return err
	}
	members, err := l.store.InvestorMembers(r.Context(), actor, id)
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, List[directory.InvestorMember]{Items: members})
}

// addMember puts a user on the investor's team and answers with the
// member and the contest reviews withdrawn because the new member judges
// a start-up in the investor's portfolio.
func (l *investorLinks) addMember(w http.ResponseWriter, r *http.Request) error {
	actor, id, err := investorCall(r)
	if err != nil {
		return err
	}
	var in struct {
		UserID int64 `json:"user_id"`
	}
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	withdrawn, err := l.store.AddInvestorMember(r.Context(), actor, id, in.UserID, l.conflicts)
	if err != nil {
		return err
	}
	members, err := l.store.InvestorMembers(r.Context(), actor, id)
	if err != nil {
		return err
	}
	out := struct {
		directory.InvestorMember
		Withdrawn []int64 `json:"withdrawn_review_ids"`
	}{InvestorMember: directory.InvestorMember{UserID: in.UserID}, Withdrawn: orEmpty(withdrawn)}
	for _, m := range members {
		if m.UserID == in.UserID {
			out.InvestorMember = m
		}
	}
	return WriteJSON(w, http.StatusCreated, out)
}

func (l *investorLinks) removeMember(w http.ResponseWriter, r *http.Request) error {
	actor, id, err := investorCall(r)
	if err != nil {
		return err
	}
	userID, err := PathID(r, "user_id")
	if err != nil {
		return err
	}
	if err := l.store.RemoveInvestorMember(r.Context(), actor, id, userID); err != nil {
		return err
	}
	return NoContent(w)
}

func (l *investorLinks) listPortfolio(w http.ResponseWriter, r *http.Request) error {
	actor, id, err := investorCall(r)
	if err != nil {
		return err
	}
	links, err := l.store.Portfolio(r.Context(), actor, id)
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, List[directory.PortfolioLink]{Items: links})
}

// addToPortfolio records an investment: 201 with the link and the reviews
// it withdrew, or 200 with the link when it was recorded already.
func (l *investorLinks) addToPortfolio(w http.ResponseWriter, r *http.Request) error {
	actor, id, err := investorCall(r)
	if err != nil {
		return err
	}
	var in struct {
		StartupID int64 `json:"startup_id"`
	}
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	ch, err := l.store.AddToPortfolio(r.Context(), actor, id, in.StartupID, l.conflicts)
	if err != nil {
		return err
	}
	ch.Withdrawn = orEmpty(ch.Withdrawn)
	status := http.StatusOK
	if ch.Created {
		status = http.StatusCreated
	}
	return WriteJSON(w, status, ch)
}

func (l *investorLinks) removeFromPortfolio(w http.ResponseWriter, r *http.Request) error {
	actor, id, err := investorCall(r)
	if err != nil {
		return err
	}
	startupID, err := PathID(r, "startup_id")
	if err != nil {
		return err
	}
	if err := l.store.RemoveFromPortfolio(r.Context(), actor, id, startupID); err != nil {
		return err
	}
	return NoContent(w)
}

func orEmpty(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
