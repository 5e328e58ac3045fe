package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"startbridge/internal/auth"
	"startbridge/internal/browsertest"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// dirPassword is the password of the browser tests' accounts.
const dirPassword = "correct horse battery"

// dirSignIn opens a fresh browser signed in as email.
func dirSignIn(t *testing.T, ts *testserver.TS, email string) *tab {
	t.Helper()
	return signInWith(t, ts, email, dirPassword)
}

func (b *tab) dirShot(name string) { browsertest.Screenshot(b.t, b.ctx, "directory-"+name) }

// spreadsheet writes a real-looking workbook of n start-ups from both
// regions: a merged title row over Korean sub-headers, dates as Excel
// dates, a blank row in the middle. broken rows get an unknown stage, a
// date in the future and a name used twice.
func spreadsheet(t *testing.T, n int, broken bool) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sh := "Sheet1"
	x.SetSheetRow(sh, "A1", &[]any{"기업명", "", "", "지역", "투자단계", "분야", "설립일", "직원 수", "소개", ""})
	x.MergeCell(sh, "A1", "C1")
	x.MergeCell(sh, "I1", "J1")
	x.SetSheetRow(sh, "A2", &[]any{"ko", "zh", "en", "", "", "", "", "", "ko", "zh"})
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	line := 3
	for i := range n {
		if i == n/2 {
			line++ // a blank row, as people leave them
		}
		var row []any
		serial := 40000 + i%4000
		if i%2 == 0 {
			row = []any{fmt.Sprintf("판교바이오%04d", i), "", fmt.Sprintf("Pangyo Bio %04d", i), "경기도", "시드", "바이오", serial, 10 + i%50,
				"판교의 바이오 신약 스타트업", ""}
		} else {
			row = []any{"", fmt.Sprintf("杭州智能%04d", i), fmt.Sprintf("Hangzhou AI %04d", i), "杭州市", "A轮", "人工智能", serial, 5 + i%40,
				"", "杭州西湖区的人工智能公司"}
		}
		if broken {
			switch i {
			case 3:
				row[4] = "unicorn"
			case 7:
				row[6] = "2999-01-01"
			case 9:
				row[2] = "Pangyo Bio 0004"
			}
		}
		cell := fmt.Sprintf("A%d", line)
		x.SetSheetRow(sh, cell, &row)
		x.SetCellStyle(sh, fmt.Sprintf("G%d", line), fmt.Sprintf("G%d", line), date)
		line++
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), fmt.Sprintf("startups-%v.xlsx", broken))
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func (b *tab) uploadFile(css, path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS(css), []string{path})); err != nil {
		b.t.Fatalf("upload %s: %v", path, err)
	}
}

// A programme manager imports a spreadsheet, reads the dry run's problems
// with their rows, fixes the file, commits it, finds 杭州 and 바이오
// companies in each language and exports the filtered list.
func TestBrowserStaffImportsFindsAndExports(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		gbsa := int64(3)
		if _, err := ts.Svc.Auth.CreateUserUnchecked(t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: "pm@gbsa.test", Name: "박서연",
			Password: dirPassword, Language: "ko", Region: "gyeonggi"}, Roles: []auth.Membership{{Role: auth.RoleStaff, InstitutionID: &gbsa}}}); err != nil {
			t.Fatal(err)
		}
		const rows = 300
		staff := dirSignIn(t, ts, "pm@gbsa.test")
		staff.visit("/import/startups")
		staff.dirShot("import-1-upload")
		staff.uploadFile("#file", spreadsheet(t, rows, true))
		staff.click(`form[action="/import/startups"] button[type="submit"]`, http.StatusOK)
		staff.shows("기업명 ko", "판교바이오0000", "2. 열 맞추기와 점검")
		staff.dirShot("import-2-mapping")
		staff.click(`button[value="check"]`, http.StatusUnprocessableEntity)
		// Row numbers are the spreadsheet's: two header rows, so data starts on row 3.
		staff.shows("문제 3건", "투자단계", "설립일은 미래일 수 없습니다.", "파일의 7행에도 있습니다")
		staff.dirShot("import-3-problems")
		for _, cell := range []string{"<td>6</td><td>투자단계</td>", "<td>10</td><td>설립일</td>", "<td>12</td><td>기업명 en</td>"} {
			html, _ := chromedp.Run(staff.ctx, chromedp.OuterHTML(chromedp.CSS("table.problems")))
			if !strings.Contains(html, cell) {
				t.Errorf("report lacks %s", cell)
			}
		}
		if n := countRows(t, ts, "startups"); n != 0 {
			t.Fatalf("the dry run stored %d start-ups", n)
		}

		staff.visit("/import/startups")
		staff.uploadFile("#file", spreadsheet(t, rows, false))
		staff.click(`form[action="/import/startups"] button[type="submit"]`, http.StatusOK)
		staff.click(`button[value="check"]`, http.StatusOK)
		staff.shows(fmt.Sprintf("%d행을 모두 가져올 수 있습니다", rows))
		staff.click(`button[value="commit"]`, http.StatusOK)
		staff.shows(fmt.Sprintf("스타트업 %d개를 가져왔습니다.", rows))
		staff.dirShot("import-4-committed")

		for _, lang := range []string{"zh", "en", "ko"} {
			staff.visit("/startups")
			staff.switchTo(lang)
			staff.shows(ts.Svc.Catalog.Text(lang, "directory.startups.title"))
			staff.visit("/startups?q=" + url.QueryEscape("杭州"))
			staff.shows("Hangzhou AI 0299", "杭州智能0299")
			staff.dirShot("search-hangzhou-" + lang)
			staff.visit("/startups?q=" + url.QueryEscape("바이오"))
			staff.shows("판교바이오0298")
			staff.dirShot("search-bio-" + lang)
		}
		// The export of the filtered list, fetched as the browser would download it.
		got, err := chromedp.Run(staff.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href^="/startups/export.xlsx"]').href)
			.then(r => r.arrayBuffer().then(b => r.status + " " + r.headers.get("content-type") + " " + b.byteLength))`, chromedp.EvalAwaitPromise))
		if err != nil || !strings.HasPrefix(got, "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ") {
			t.Errorf("export: %q %v", got, err)
		}
		// The investor list exports the same way, with its filters.
		low, high := int64(100000000), int64(500000000)
		if _, err := directory.NewStore(ts.DB).CreateInvestorUnchecked(t.Context(), 0, directory.InvestorInput{Name: text.Text{Zh: "杭州创投", En: "Hangzhou Capital"},
			Sectors: []string{"ai"}, Regions: []string{"hangzhou"}, TicketMin: &low, TicketMax: &high, Currency: "CNY"}, 0); err != nil {
			t.Fatal(err)
		}
		staff.visit("/investors?sector=ai")
		staff.shows("Hangzhou Capital", ts.Svc.Catalog.Text("ko", "directory.export_xlsx"))
		staff.dirShot("investors-export-ko")
		got, err = chromedp.Run(staff.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href^="/investors/export.csv?sector=ai"]').href)
			.then(r => r.text().then(b => r.status + " " + b))`, chromedp.EvalAwaitPromise))
		if err != nil || !strings.HasPrefix(got, "200 ") || !strings.Contains(got, "Hangzhou Capital") {
			t.Errorf("investor export: %q %v", got, err)
		}
	})
}

// A founder edits the profile while a colleague does too; the second to
// save is told the profile changed and keeps what they typed.
func TestBrowserFounderAndColleagueEditAtOnce(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		founder, err := ts.Svc.Auth.CreateUserUnchecked(t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: "kim@bio.test", Name: "김민지",
			Password: dirPassword, Language: "ko", Region: "gyeonggi", ConsentCrossBorder: true}})
		if err != nil {
			t.Fatal(err)
		}
		colleague, err := ts.Svc.Auth.CreateUserUnchecked(t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: "liu@bio.test", Name: "刘洋",
			Password: dirPassword, Language: "zh", Region: "hangzhou"}})
		if err != nil {
			t.Fatal(err)
		}
		store := directory.NewStore(ts.DB)
		st, err := store.CreateStartup(t.Context(), founder, directory.StartupInput{Name: text.Text{Ko: "판교바이오랩", Zh: "板桥生物", En: "Pangyo BioLab"},
			Region: "gyeonggi", City: "성남", Stage: "seed", Sectors: []string{"bio"}, Description: text.Text{Ko: "바이오 신약"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := store.AddMember(t.Context(), &auth.User{ID: founder.ID, Roles: []auth.Membership{{Role: auth.RoleAdmin}}}, st.ID, colleague.ID, directory.RoleMember, "CTO"); err != nil {
			t.Fatal(err)
		}
		edit := fmt.Sprintf("/startups/%d/edit", st.ID)
		a := dirSignIn(t, ts, "kim@bio.test")
		b := dirSignIn(t, ts, "liu@bio.test")
		a.visit(edit)
		b.visit(edit)
		a.dirShot("edit-1-founder")
		a.fill("city", "판교")
		a.click(`form[action$="/edit"] button[type="submit"]`, http.StatusOK)
		a.shows("저장했습니다.", "판교")
		a.dirShot("edit-2-founder-saved")
		b.fill("city", "杭州滨江")
		b.click(`form[action$="/edit"] button[type="submit"]`, http.StatusPreconditionFailed)
		b.shows("已被他人修改", "载入最新内容后重新编辑")
		value, _ := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("city")))
		if value != "杭州滨江" {
			t.Errorf("the colleague's typing is lost: %q", value)
		}
		b.dirShot("edit-3-colleague-told")
		b.click("#stale a", http.StatusOK)
		value, _ = chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("city")))
		if value != "판교" {
			t.Errorf("reloaded form shows %q", value)
		}
		b.visit(fmt.Sprintf("/startups/%d", st.ID))
		b.shows("板桥生物", "CTO")
		b.dirShot("profile-zh")
	})
}
