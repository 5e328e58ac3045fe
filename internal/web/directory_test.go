package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
	"startbridge/internal/text"
)

// dirUser creates an account with roles and signs a browser in as it.
func dirUser(t *testing.T, ts *testserver.TS, email, region string, roles ...auth.Membership) (*browser, *auth.User) {
	t.Helper()
	u, err := ts.Svc.Auth.CreateUserUnchecked(t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: email, Name: strings.Split(email, "@")[0],
		Password: "correct horse battery", Language: "en", Region: region, ConsentCrossBorder: true}, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts)
	b.login(email, "correct horse battery")
	return b, u
}

func gbsaStaff(t *testing.T, ts *testserver.TS) *browser {
	gbsa := int64(3)
	b, _ := dirUser(t, ts, "staff@gbsa.test", "gyeonggi", auth.Membership{Role: auth.RoleStaff, InstitutionID: &gbsa})
	return b
}

// upload posts one file as a multipart form.
func (b *browser) upload(path, field, name string, data []byte) *response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func startupForm() url.Values {
	return url.Values{"name_ko": {"판교바이오"}, "name_en": {"Pangyo Bio"}, "region": {"gyeonggi"}, "stage": {"seed"},
		"sectors": {"bio"}, "founded_on": {"2021-03-01"}, "description_ko": {"바이오 신약"}, "visibility": {"public"},
		"investment_min": {"300,000,000"}, "currency": {"KRW"}, "seeks_investment": {"1"}}
}

func TestFounderRegistersTheirStartupWithInlineErrors(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b, _ := dirUser(t, ts, "kim@bio.test", "gyeonggi")
		bad := startupForm()
		bad.Set("name_ko", "")
		bad.Set("name_en", " ")
		bad.Set("stage", "unicorn")
		bad.Set("website", "http//broken")
		bad.Set("founded_on", "2999-01-01")
		bad.Set("kr_business_number", "123-45-67890")
		r := b.post("/startups", bad)
		r.want(t, http.StatusBadRequest, "바이오 신약", "300,000,000")
		cat := ts.Svc.Catalog
		for field, key := range map[string]string{"name": "field.text_one_language", "stage": "directory.field.stage", "website": "directory.field.url",
			"founded_on": "directory.field.date_future", "kr_business_number": "directory.field.kr_business_number"} {
			if got, want := r.fieldError(field), cat.Text("en", key); got != want {
				t.Errorf("%s: message %q, want %q", field, got, want)
			}
		}
		r = b.post("/startups", startupForm())
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/startups/") {
			t.Fatalf("create: %d %s", r.Status, r.Location)
		}
		b.get(r.Location).want(t, http.StatusOK, "판교바이오", "Pangyo Bio", "KRW 300,000,000", "kim@bio.test")
		if my := b.get("/my/startup"); my.Location != strings.Split(r.Location, "?")[0] {
			t.Errorf("my start-up goes to %q", my.Location)
		}
	})
}

func TestDirectoryFindsHangzhouAndBioInEveryLanguage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		store := directory.NewStore(ts.DB)
		for _, in := range []directory.StartupInput{
			{Name: text.Text{Zh: "西湖智能", En: "West Lake AI"}, Region: "hangzhou", Stage: "seed", Sectors: []string{"ai"},
				Description: text.Text{Zh: "杭州的人工智能公司"}},
			{Name: text.Text{Ko: "판교바이오랩", En: "Pangyo BioLab"}, Region: "gyeonggi", Stage: "series_a", Sectors: []string{"bio"},
				Description: text.Text{Ko: "바이오 신약 개발"}},
		} {
			if _, err := store.CreateStartupUnchecked(t.Context(), 0, in, 0); err != nil {
				t.Fatal(err)
			}
		}
		b := newBrowser(t, ts)
		for _, lang := range []string{"ko", "zh", "en"} {
			r := b.get("/startups?lang=" + lang + "&q=" + url.QueryEscape("杭州"))
			r.want(t, http.StatusOK, "/startups/1")
			if strings.Contains(r.Body, "/startups/2\"") {
				t.Errorf("%s: 杭州 finds the Pangyo start-up", lang)
			}
			r = b.get("/startups?lang=" + lang + "&q=" + url.QueryEscape("바이오"))
			r.want(t, http.StatusOK, "/startups/2", ts.Svc.Catalog.Text(lang, "directory.stage.series_a"))
		}
		// Facets link to filtered lists with their counts.
		r := b.get("/startups?lang=en&region=gyeonggi")
		r.want(t, http.StatusOK, "Pangyo BioLab", `href="/startups?region=hangzhou"`)
		if strings.Contains(r.Body, "West Lake AI") {
			t.Error("the Gyeonggi filter shows a Hangzhou start-up")
		}
	})
}

func TestColleaguesEditingAtOnceAreToldTheProfileChanged(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		founder, u := dirUser(t, ts, "kim@bio.test", "gyeonggi")
		colleague, c := dirUser(t, ts, "lee@bio.test", "gyeonggi")
		store := directory.NewStore(ts.DB)
		st, err := store.CreateStartup(t.Context(), u, directory.StartupInput{Name: text.Text{En: "Pangyo Bio"}, Region: "gyeonggi", Stage: "seed"})
		if err != nil {
			t.Fatal(err)
		}
		founder2, _ := ts.Svc.Auth.User(t.Context(), u.ID)
		if err := store.AddMember(t.Context(), founder2, st.ID, c.ID, directory.RoleMember, ""); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/startups/%d/edit", st.ID)
		founder.get(path).want(t, http.StatusOK, `name="version" value="1"`)
		colleague.get(path).want(t, http.StatusOK, `name="version" value="1"`)
		mine := url.Values{"name_en": {"Pangyo Bio"}, "region": {"gyeonggi"}, "stage": {"seed"}, "city": {"Seongnam"}, "version": {"1"}}
		if r := founder.post(path, mine); r.Status != http.StatusSeeOther {
			t.Fatalf("first save: %d %s", r.Status, r.Body)
		}
		theirs := url.Values{"name_en": {"Pangyo Bio"}, "region": {"gyeonggi"}, "stage": {"series_a"}, "city": {"Pangyo"}, "version": {"1"}}
		r := colleague.post(path, theirs)
		r.want(t, http.StatusPreconditionFailed, ts.Svc.Catalog.Text("en", "error.stale_version.title"), `value="Pangyo"`,
			ts.Svc.Catalog.Text("en", "directory.form.stale_reload"))
		got, _ := store.Startup(t.Context(), nil, st.ID)
		if got.City != "Seongnam" || got.Version != 2 {
			t.Errorf("stored %s v%d", got.City, got.Version)
		}
		// Another founder's start-up is not theirs to edit.
		stranger, _ := dirUser(t, ts, "park@other.test", "gyeonggi")
		if r := stranger.get(path); r.Status != http.StatusForbidden {
			t.Errorf("stranger opens the edit form: %d", r.Status)
		}
	})
}

func TestStaffImportChecksCommitsAndExports(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		staff := gbsaStaff(t, ts)
		csv := "\ufeff회사명,영문명,지역,투자단계,분야,설립일\n" +
			"판교바이오랩,Pangyo BioLab,경기도,시리즈 A,바이오,2020-05-11\n" +
			"서호AI,West Lake AI,杭州,unicorn,人工智能,2019-09-02\n"
		r := staff.upload("/import/startups", "file", "startups.csv", []byte(csv))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", r.Status, r.Body)
		}
		mapping := url.Values{"column_0": {"name_ko"}, "column_1": {"name_en"}, "column_2": {"region"}, "column_3": {"stage"},
			"column_4": {"sectors"}, "column_5": {"founded_on"}}
		staff.get(r.Location).want(t, http.StatusOK, "판교바이오랩", `<option value="stage" selected>`)
		mapping.Set("action", "check")
		staff.post(r.Location, mapping).want(t, http.StatusUnprocessableEntity, "<td>3</td><td>투자단계</td>")
		mapping.Set("action", "commit")
		staff.post(r.Location, mapping).want(t, http.StatusUnprocessableEntity)
		if n := countRows(t, ts, "startups"); n != 0 {
			t.Fatalf("a refused import stored %d rows", n)
		}
		fixed := strings.Replace(csv, "unicorn", "种子轮", 1)
		r = staff.upload("/import/startups", "file", "startups.csv", []byte(fixed))
		committed := staff.post(r.Location, mapping)
		if committed.Status != http.StatusSeeOther || committed.Location != "/startups?imported=2" {
			t.Fatalf("commit: %d %s", committed.Status, committed.Location)
		}
		staff.get(committed.Location).want(t, http.StatusOK, "Imported 2 start-ups")
		exp := staff.get("/startups/export.csv?q=" + url.QueryEscape("杭州"))
		if exp.Status != http.StatusOK || !strings.Contains(exp.Body, "West Lake AI") || strings.Contains(exp.Body, "Pangyo") {
			t.Errorf("export: %d %q", exp.Status, exp.Body)
		}
		if x := staff.get("/startups/export.xlsx"); x.Status != http.StatusOK || !strings.HasPrefix(x.Body, "PK") {
			t.Errorf("xlsx export: %d", x.Status)
		}
		if v := newBrowser(t, ts).get("/startups/export.csv"); v.Status != http.StatusSeeOther {
			t.Errorf("visitor export: %d", v.Status)
		}
		// Founders may not import.
		founder, _ := dirUser(t, ts, "kim@bio.test", "gyeonggi")
		if r := founder.get("/import/startups"); r.Status != http.StatusForbidden {
			t.Errorf("founder opens the import: %d", r.Status)
		}
	})
}

func TestDeckUploadTakesPDFsOnly(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b, _ := dirUser(t, ts, "kim@bio.test", "gyeonggi")
		r := b.post("/startups", startupForm())
		path := strings.Split(r.Location, "?")[0]
		bad := b.upload(path+"/deck", "deck", "deck.pdf", []byte("GIF89a not a pdf"))
		bad.want(t, http.StatusBadRequest)
		if got, want := bad.fieldError("deck"), ts.Svc.Catalog.Text("en", "directory.field.deck_not_pdf"); got != want {
			t.Errorf("deck message %q, want %q", got, want)
		}
		pdf := []byte("%PDF-1.4\n%%EOF\n")
		if ok := b.upload(path+"/deck", "deck", "pitch.pdf", pdf); ok.Status != http.StatusSeeOther {
			t.Fatalf("PDF upload: %d %s", ok.Status, ok.Body)
		}
		if d := b.get(path + "/deck"); d.Status != http.StatusOK || d.Body != string(pdf) {
			t.Errorf("download: %d", d.Status)
		}
		if d := newBrowser(t, ts).get(path + "/deck"); d.Status != http.StatusSeeOther {
			t.Errorf("visitor download: %d", d.Status)
		}
	})
}

func countRows(t *testing.T, ts *testserver.TS, table string) int {
	t.Helper()
	var n int
	if err := ts.DB.QueryRow(t.Context(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSearchPageFindsInstitutionsInvestorsAndStartups(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		store := directory.NewStore(ts.DB)
		if _, err := store.CreateStartupUnchecked(t.Context(), 0, directory.StartupInput{Name: text.Text{Zh: "杭州西湖智能"}, Region: "hangzhou", Stage: "seed"}, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := store.CreateInvestorUnchecked(t.Context(), 0, directory.InvestorInput{Name: text.Text{Zh: "杭州创投"}}, 0); err != nil {
			t.Fatal(err)
		}
		r := newBrowser(t, ts).get("/search?lang=zh&q=" + url.QueryEscape("杭州"))
		r.want(t, http.StatusOK, "杭州市人民政府", "杭州创投", "杭州西湖智能", `href="/institutions/2"`, `href="/investors/1"`, `href="/startups/1"`)
	})
}
