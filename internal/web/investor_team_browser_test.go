package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/browsertest"
	"startbridge/internal/contest/contesttest"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// TestBrowserInvestorRecordsItsTeamAndPortfolio: an investor's partner
// opens the team and portfolio page from the investor's profile, records
// an investment by the start-up's name and adds a colleague, in English,
// Korean and Chinese; a name that matches nothing is refused beside the
// field.
func TestBrowserInvestorRecordsItsTeamAndPortfolio(t *testing.T) {
	ts := testserver.Start(t, dbtest.SQLite(t))
	owner := contesttest.User(t, ts.Svc, "partner@fund.test", "gyeonggi", auth.Membership{Role: auth.RoleInvestor})
	iv, err := directory.NewStore(ts.DB).CreateInvestorUnchecked(t.Context(), 0, directory.InvestorInput{
		Name: text.Text{En: "Pangyo Ventures", Ko: "판교벤처스", Zh: "板桥创投"}, Visibility: directory.Public}, owner.ID)
	if err != nil {
		t.Fatal(err)
	}
	founded := time.Now().AddDate(-1, 0, 0).Format("2006-01-02")
	contesttest.Startup(t, ts.Svc, "Xihu AI", "hangzhou", "seed", founded, "ai")
	contesttest.Startup(t, ts.Svc, "Suwon Bio", "gyeonggi", "seed", founded, "bio")
	contesttest.User(t, ts.Svc, "associate@fund.test", "gyeonggi")

	b := contestSignIn(t, ts, owner.Email)
	b.visit(fmt.Sprintf("/investors/%d", iv.ID))
	b.click("#investor-team", http.StatusOK)
	b.shows("Team and portfolio", "No investment recorded yet.")
	b.fill("portfolio-startup", "Nowhere Labs")
	b.click("#add-portfolio", http.StatusBadRequest)
	b.shows("No start-up has exactly this name")
	b.browserShot("investor-team-refused-en")
	b.fill("portfolio-startup", "Xihu AI")
	b.click("#add-portfolio", http.StatusOK)
	b.shows("The investment is recorded.", "Xihu AI", "recorded")
	b.fill("member-email", "associate@fund.test")
	b.click("#add-investor-member", http.StatusOK)
	b.shows("The person is on the team.", "associate@fund.test")
	b.browserShot("investor-team-en")

	b.switchTo("ko")
	b.shows("팀과 포트폴리오", "직접 등록", "Xihu AI")
	b.fill("portfolio-startup", "없는 회사")
	b.click("#add-portfolio", http.StatusBadRequest)
	b.shows("이 이름과 정확히 같은 스타트업이 없습니다")
	b.browserShot("investor-team-ko")
	b.switchTo("zh")
	b.fill("portfolio-startup", "Suwon Bio")
	b.click("#add-portfolio", http.StatusOK)
	b.shows("团队与投资组合", "已登记该投资。", "Suwon Bio", "手动登记")
	b.browserShot("investor-team-zh")
}

func (b *tab) browserShot(name string) { browsertest.Screenshot(b.t, b.ctx, name) }
