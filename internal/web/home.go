package web

import (
	"net/http"

	"startbridge/internal/auth"
	"startbridge/internal/httpx"
	"startbridge/internal/partner"
)

// homeView introduces the platform, its regions and institutions, and gives
// a signed-in user a short dashboard of their roles.
type homeView struct {
	Page
	Regions []regionCard
	Roles   []roleLine
}

// regionCard is a partner region with its institutions.
type regionCard struct {
	partner.Region
	Institutions []partner.Institution
}

// roleLine is one of the user's memberships and what it is scoped to: an
// institution, or a start-up, investor profile or contest named by ScopeKey
// and ScopeID, or (for admins) the whole platform.
type roleLine struct {
	Role        auth.Role
	Institution *partner.Institution
	ScopeKey    string
	ScopeID     int64
}

func scopeOf(m auth.Membership) (key string, id int64) {
	switch {
	case m.StartupID != nil:
		return "role.scope.startup", *m.StartupID
	case m.InvestorID != nil:
		return "role.scope.investor", *m.InvestorID
	case m.ContestID != nil:
		return "role.scope.contest", *m.ContestID
	}
	return "", 0
}

// homeInstitutions bounds the institutions listed on the home page; the
// institutions page lists them all.
const homeInstitutions = 50

func (s *site) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	regions, err := s.svc.Partners.Regions(ctx)
	if err != nil {
		return err
	}
	institutions, err := s.svc.Partners.InstitutionPage(ctx, "", 0, homeInstitutions)
	if err != nil {
		return err
	}
	v := &homeView{Page: Page{Nav: "home"}}
	for _, region := range regions {
		card := regionCard{Region: region}
		for _, in := range institutions {
			if in.Region == region.Code {
				card.Institutions = append(card.Institutions, in)
			}
		}
		v.Regions = append(v.Regions, card)
	}
	if u := httpx.From(r).User; u != nil {
		for _, m := range u.Roles {
			line := roleLine{Role: m.Role}
			line.ScopeKey, line.ScopeID = scopeOf(m)
			if m.InstitutionID != nil {
				in, err := s.svc.Partners.Institution(ctx, *m.InstitutionID)
				if err != nil {
					return err
				}
				line.Institution = &in
			}
			v.Roles = append(v.Roles, line)
		}
	}
	return s.render(w, r, http.StatusOK, "home", v)
}
