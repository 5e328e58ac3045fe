package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

func TestInvestorTeamAndPortfolioPages(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		owner := contesttest.User(t, ts.Svc, "partner@fund.test", "gyeonggi", auth.Membership{Role: auth.RoleInvestor})
		iv, err := directory.NewStore(ts.DB).CreateInvestorUnchecked(t.Context(), 0, directory.InvestorInput{
			Name: text.Text{En: "Pangyo Ventures", Ko: "판교벤처스"}, Visibility: directory.Public}, owner.ID)
		if err != nil {
			t.Fatal(err)
		}
		founded := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
		st, founder := contesttest.Startup(t, ts.Svc, "Xihu AI", "hangzhou", "seed", founded, "ai")
		colleague := contesttest.User(t, ts.Svc, "associate@fund.test", "gyeonggi")
		team := fmt.Sprintf("/investors/%d/team", iv.ID)

		// The founder may not manage the investor.
		f := newBrowser(t, ts)
		f.login(founder.Email, contesttest.Password)
		f.get(team).want(t, http.StatusForbidden)
		f.post(team+"/portfolio", url.Values{"startup": {"Xihu AI"}}).want(t, http.StatusForbidden)
		f.get(fmt.Sprintf("/investors/%d", iv.ID)).want(t, http.StatusOK)

		o := newBrowser(t, ts)
		o.login(owner.Email, contesttest.Password)
		o.get(fmt.Sprintf("/investors/%d", iv.ID)).want(t, http.StatusOK, team)
		o.get(team).want(t, http.StatusOK, "Team and portfolio", "No investment recorded yet.", owner.Email)

		// Bad input is shown beside the field and stores nothing.
		r := o.post(team+"/members", url.Values{"email": {"nobody@fund.test"}})
		r.want(t, http.StatusBadRequest)
		if r.fieldError("email") == "" {
			t.Errorf("unknown email: no message beside the field")
		}
		r = o.post(team+"/portfolio", url.Values{"startup": {"No Such Company"}})
		r.want(t, http.StatusBadRequest, `value="No Such Company"`)
		if r.fieldError("startup") == "" {
			t.Errorf("unknown start-up: no message beside the field")
		}
		o.post(team+"/portfolio", url.Values{"startup": {"999999"}}).want(t, http.StatusBadRequest)

		// A start-up found by its name, a member by their email.
		r = o.post(team+"/portfolio", url.Values{"startup": {"xihu ai"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("add to portfolio: %d\n%s", r.Status, r.Body)
		}
		o.get(r.Location).want(t, http.StatusOK, "The investment is recorded.", "Xihu AI", "recorded")
		o.post(team+"/members", url.Values{"email": {colleague.Email}}).want(t, http.StatusSeeOther)
		page := o.get(team + "?saved=<script>")
		page.want(t, http.StatusOK, colleague.Email)
		if strings.Contains(page.Body, "investor.team.saved") {
			t.Errorf("an unknown notice shows as a raw key")
		}
		o.post(fmt.Sprintf("%s/portfolio/%d/remove", team, st.ID), nil).want(t, http.StatusSeeOther)
		o.get(team).want(t, http.StatusOK, "No investment recorded yet.")
		o.post(fmt.Sprintf("%s/members/%d/remove", team, colleague.ID), nil).want(t, http.StatusSeeOther)
		if page := o.get(team); strings.Contains(page.Body, colleague.Email) {
			t.Errorf("the removed member is still listed")
		}
	})
}
