package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/testserver"
)

// dirWorld has a GBSA staff member and helpers to make founders, with API
// tokens.
type dirWorld struct {
	t     *testing.T
	ts    *testserver.TS
	staff string
	n     int
}

func newDirWorld(t *testing.T, ts *testserver.TS) *dirWorld {
	w := &dirWorld{t: t, ts: ts}
	gbsa := int64(3)
	w.staff = ts.Token(t, w.user("gyeonggi", true, auth.Membership{Role: auth.RoleStaff, InstitutionID: &gbsa}).ID)
	return w
}

func (w *dirWorld) user(region string, consent bool, roles ...auth.Membership) *auth.User {
	w.t.Helper()
	w.n++
	u, err := w.ts.Svc.Auth.CreateUserUnchecked(w.t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: fmt.Sprintf("u%d@dir.test", w.n),
		Name: fmt.Sprintf("User %d", w.n), Password: "correct horse battery", Language: "en", Region: region, ConsentCrossBorder: consent},
		Roles: roles})
	if err != nil {
		w.t.Fatal(err)
	}
	return u
}

// create posts a start-up and returns its id.
func (w *dirWorld) create(token, body string) int64 {
	w.t.Helper()
	a := do(w.t, w.ts, call{method: "POST", path: "/api/v1/startups", token: token, body: body})
	if a.status != http.StatusCreated {
		w.t.Fatalf("create: %d %s", a.status, a.body)
	}
	return int64(a.object(w.t)["id"].(float64))
}

const hangzhouBody = `{"name": {"zh": "杭州西湖智能", "en": "West Lake AI"}, "region": "hangzhou", "city": "Hangzhou",
	"founded_on": "2021-03-01", "stage": "seed", "sectors": ["ai"], "description": {"zh": "西湖区的人工智能公司"}, "visibility": "public"}`

const bioBody = `{"name": {"ko": "판교바이오", "en": "Pangyo Bio"}, "region": "gyeonggi", "stage": "series_a", "sectors": ["bio"],
	"description": {"ko": "바이오 신약 개발"}}`

func TestStartupIsCreatedOnceWithItsETag(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		key := map[string]string{"Idempotency-Key": "create-west-lake"}
		first := do(t, ts, call{method: "POST", path: "/api/v1/startups", token: w.staff, body: hangzhouBody, header: key})
		again := do(t, ts, call{method: "POST", path: "/api/v1/startups", token: w.staff, body: hangzhouBody, header: key})
		if first.status != http.StatusCreated || again.status != http.StatusCreated || !bytes.Equal(first.body, again.body) {
			t.Fatalf("first %d %s, again %d %s", first.status, first.body, again.status, again.body)
		}
		st := first.object(t)
		id := int64(st["id"].(float64))
		if st["version"] != float64(1) || first.header.Get("ETag") != `"1"` || first.header.Get("Location") != "/api/v1/startups/"+itoa(id) {
			t.Errorf("answer %s, headers %v", first.body, first.header)
		}
		if n := count(t, ts, "startups"); n != 1 {
			t.Errorf("%d start-ups after a repeated POST", n)
		}
		got := do(t, ts, call{method: "GET", path: "/api/v1/startups/" + itoa(id)})
		if got.status != http.StatusOK || got.header.Get("ETag") != `"1"` || got.object(t)["name"].(map[string]any)["zh"] != "杭州西湖智能" {
			t.Errorf("get: %d %s", got.status, got.body)
		}
	})
}

func TestBadStartupsAreRefusedNamingTheField(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		future := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
		tests := []struct {
			name, body, field, key string
		}{
			{"invalid stage", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "unicorn"}`, "stage", "directory.field.stage"},
			{"unknown sector", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "seed", "sectors": ["ai", "web3"]}`, "sectors[1]", "directory.field.sector"},
			{"unknown region", `{"name": {"en": "A"}, "region": "mars", "stage": "seed"}`, "region", "field.region"},
			{"future date", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "seed", "founded_on": "` + future + `"}`, "founded_on", "directory.field.date_future"},
			{"empty name", `{"name": {"ko": "", "zh": " "}, "region": "gyeonggi", "stage": "seed"}`, "name", "field.text_one_language"},
			{"broken URL", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "seed", "website": "http//example"}`, "website", "directory.field.url"},
			{"bad KR number", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "seed", "kr_business_number": "123-45-67890"}`, "kr_business_number", "directory.field.kr_business_number"},
			{"bad CN code", `{"name": {"en": "A"}, "region": "hangzhou", "stage": "seed", "cn_credit_code": "911111111111111111"}`, "cn_credit_code", "directory.field.cn_credit_code"},
			{"money as float", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "seed", "seeks": {"investment_min": 1.5}}`, "seeks.investment_min", "field.type"},
			{"unknown field", `{"name": {"en": "A"}, "region": "gyeonggi", "stage": "seed", "valuation": 1}`, "valuation", "field.unknown"},
		}
		for _, tt := range tests {
			for _, lang := range []string{"ko", "zh", "en"} {
				a := do(t, ts, call{method: "POST", path: "/api/v1/startups", token: w.staff, body: tt.body, header: map[string]string{"Accept-Language": lang}})
				if a.status != http.StatusBadRequest {
					t.Errorf("%s: status %d %s", tt.name, a.status, a.body)
					continue
				}
				p := a.problem(t)
				msg := p.message(tt.field)
				if msg == "" || !strings.HasPrefix(ts.Svc.Catalog.Text(lang, tt.key, "value", "web3", "max", 1), msg[:min(len(msg), 6)]) {
					t.Errorf("%s (%s): message for %s = %q (problem %+v)", tt.name, lang, tt.field, msg, p)
				}
			}
		}
		if n := count(t, ts, "startups"); n != 0 {
			t.Errorf("%d start-ups stored from bad input", n)
		}
	})
}

func TestDirectoryListFiltersSearchesAndCountsFacets(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		w.create(w.staff, hangzhouBody)
		w.create(w.staff, bioBody)
		w.create(w.staff, `{"name": {"ko": "수원핀테크"}, "region": "gyeonggi", "stage": "seed", "sectors": ["fintech"], "description": {"ko": "핀테크스타트업"}}`)
		type list struct {
			Items []struct {
				ID   int64             `json:"id"`
				Name map[string]string `json:"name"`
			} `json:"items"`
			NextCursor    *string                   `json:"next_cursor"`
			Facets        map[string]map[string]int `json:"facets"`
			FacetsPartial bool                      `json:"facets_partial"`
		}
		get := func(query string) list {
			a := do(t, ts, call{method: "GET", path: "/api/v1/startups?" + query})
			var l list
			if a.status != http.StatusOK || json.Unmarshal(a.body, &l) != nil {
				t.Fatalf("%s: %d %s", query, a.status, a.body)
			}
			return l
		}
		for q, want := range map[string]string{"杭州": "杭州西湖智能", "西湖": "杭州西湖智能", "바이오": "판교바이오", "핀테크": "수원핀테크", "人工智能": "杭州西湖智能", "WEST lake": "杭州西湖智能"} {
			l := get("q=" + url.QueryEscape(q))
			if len(l.Items) != 1 || (l.Items[0].Name["zh"] != want && l.Items[0].Name["ko"] != want) {
				t.Errorf("q=%s: %+v", q, l.Items)
			}
		}
		l := get("region=gyeonggi&stage=seed")
		if len(l.Items) != 1 || l.Facets["region"]["hangzhou"] != 1 || l.Facets["region"]["gyeonggi"] != 1 || l.Facets["stage"]["series_a"] != 1 {
			t.Errorf("filtered list %+v", l)
		}
		// Pages of one, newest first, until the end.
		var seen []int64
		path := "limit=1"
		for range 5 {
			l := get(path)
			for _, it := range l.Items {
				seen = append(seen, it.ID)
			}
			if l.NextCursor == nil {
				break
			}
			path = "limit=1&cursor=" + *l.NextCursor
		}
		if len(seen) != 3 || seen[0] < seen[1] || seen[1] < seen[2] {
			t.Errorf("paged ids %v", seen)
		}
		for _, bad := range []string{"stage=unicorn", "sector=web3", "region=mars", "cursor=%21%21"} {
			if a := do(t, ts, call{method: "GET", path: "/api/v1/startups?" + bad}); a.status != http.StatusBadRequest {
				t.Errorf("%s: %d", bad, a.status)
			}
		}
	})
}

func TestConcurrentPatchesLeaveOneStale(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		founder := w.user("hangzhou", true)
		token := ts.Token(t, founder.ID)
		id := w.create(token, hangzhouBody)
		path := "/api/v1/startups/" + itoa(id)
		if a := do(t, ts, call{method: "PATCH", path: path, token: token, body: `{"city": "Binjiang"}`}); a.status != http.StatusPreconditionRequired {
			t.Errorf("without If-Match: %d", a.status)
		}
		var wg sync.WaitGroup
		statuses := make(chan int, 2)
		for _, who := range []string{token, w.staff} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := do(t, ts, call{method: "PATCH", path: path, token: who, body: `{"city": "Xihu"}`, header: map[string]string{"If-Match": `"1"`}})
				statuses <- a.status
				if a.status == http.StatusPreconditionFailed && a.problem(t).Code != "stale_version" {
					t.Errorf("412 without stale_version: %s", a.body)
				}
			}()
		}
		wg.Wait()
		close(statuses)
		got := map[int]int{}
		for s := range statuses {
			got[s]++
		}
		if got[http.StatusOK] != 1 || got[http.StatusPreconditionFailed] != 1 {
			t.Errorf("statuses %v, want one 200 and one 412", got)
		}
		a := do(t, ts, call{method: "PATCH", path: path, token: token, body: `{"name": {"ko": "서호AI"}}`, header: map[string]string{"If-Match": `"2"`}})
		name := a.object(t)["name"].(map[string]any)
		if a.status != http.StatusOK || name["ko"] != "서호AI" || name["zh"] != "杭州西湖智能" || a.header.Get("ETag") != `"3"` {
			t.Errorf("merge patch: %d %s", a.status, a.body)
		}
	})
}

func TestFoundersEditTheirOwnStartupOnly(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		mine := ts.Token(t, w.user("gyeonggi", true).ID)
		theirs := ts.Token(t, w.user("gyeonggi", true).ID)
		id := w.create(theirs, bioBody)
		w.create(mine, hangzhouBody)
		a := do(t, ts, call{method: "PATCH", path: "/api/v1/startups/" + itoa(id), token: mine, body: `{"city": "Seoul"}`, header: map[string]string{"If-Match": `"1"`}})
		if a.status != http.StatusForbidden {
			t.Errorf("editing another founder's start-up: %d %s", a.status, a.body)
		}
		if a := do(t, ts, call{method: "PATCH", path: "/api/v1/startups/" + itoa(id), body: `{"city": "Seoul"}`}); a.status != http.StatusUnauthorized {
			t.Errorf("visitor: %d", a.status)
		}
	})
}

func TestPartnersOnlyStartupsAreHiddenFromVisitors(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		id := w.create(w.staff, strings.Replace(hangzhouBody, `"public"`, `"partners"`, 1))
		bare := ts.Token(t, w.user("hangzhou", false).ID)
		for _, token := range []string{"", bare} {
			if a := do(t, ts, call{method: "GET", path: "/api/v1/startups/" + itoa(id), token: token}); a.status != http.StatusNotFound {
				t.Errorf("token %q: %d", token, a.status)
			}
			a := do(t, ts, call{method: "GET", path: "/api/v1/startups?q=" + url.QueryEscape("杭州"), token: token})
			if !strings.Contains(string(a.body), `"items":[]`) {
				t.Errorf("search shows it: %s", a.body)
			}
		}
		if a := do(t, ts, call{method: "GET", path: "/api/v1/startups/" + itoa(id), token: w.staff}); a.status != http.StatusOK {
			t.Errorf("staff: %d", a.status)
		}
	})
}

func TestTeamEmailsFollowTheConsentRule(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		id := w.create(w.staff, hangzhouBody)
		withheld := w.user("hangzhou", false)
		shared := w.user("hangzhou", true)
		for _, u := range []*auth.User{withheld, shared} {
			body := fmt.Sprintf(`{"user_id": %d, "role": "member", "title": "CTO"}`, u.ID)
			if a := do(t, ts, call{method: "POST", path: "/api/v1/startups/" + itoa(id) + "/members", token: w.staff, body: body}); a.status != http.StatusCreated {
				t.Fatalf("add member: %d %s", a.status, a.body)
			}
		}
		// The Gyeonggi staff member sees the email only of who consented.
		p := decodePage[directory.Member](t, do(t, ts, call{method: "GET", path: "/api/v1/startups/" + itoa(id) + "/members", token: w.staff}))
		emails := map[int64]string{}
		for _, m := range p.Items {
			emails[m.UserID] = m.Email
		}
		if len(p.Items) != 2 || emails[withheld.ID] != "" || emails[shared.ID] != shared.Email {
			t.Errorf("members seen from Gyeonggi: %+v", p.Items)
		}
		if p := decodePage[directory.Member](t, do(t, ts, call{method: "GET", path: "/api/v1/startups/" + itoa(id) + "/members"})); len(p.Items) != 0 {
			t.Errorf("visitor sees %+v", p.Items)
		}
	})
}

func TestPitchDeckMustBeAPDFOfSensibleSize(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		founder := w.user("gyeonggi", true)
		token := ts.Token(t, founder.ID)
		id := w.create(token, bioBody)
		path := ts.URL + "/api/v1/startups/" + itoa(id) + "/deck"
		put := func(body io.Reader, length int64) (int, problem) {
			req, _ := http.NewRequest("PUT", path, body)
			req.ContentLength = length
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/pdf")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var p problem
			json.NewDecoder(res.Body).Decode(&p)
			return res.StatusCode, p
		}
		pdf := []byte("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		if status, p := put(bytes.NewReader(pdf), int64(len(pdf))); status != http.StatusOK {
			t.Fatalf("PDF: %d %+v", status, p)
		}
		png := []byte("\x89PNG\r\n\x1a\n%PDF-1.7 pretending")
		if status, p := put(bytes.NewReader(png), int64(len(png))); status != http.StatusBadRequest || p.message("deck") == "" {
			t.Errorf("PNG: %d %+v", status, p)
		}
		// 2 GB announced: refused before reading it.
		conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "PUT /api/v1/startups/%d/deck HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/pdf\r\nContent-Length: %d\r\n\r\n%%PDF-",
			id, token, int64(2)<<30)
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		var big problem
		json.NewDecoder(res.Body).Decode(&big)
		if res.StatusCode != http.StatusBadRequest || big.message("deck") == "" {
			t.Errorf("2 GB: %d %+v", res.StatusCode, big)
		}
		// Over the limit without a length: cut off while reading.
		if status, p := put(io.LimitReader(zeros{}, directory.MaxDeckBytes+1), -1); status != http.StatusBadRequest || p.message("deck") == "" {
			t.Errorf("streamed too large: %d %+v", status, p)
		}
		res, err = http.Get(path)
		if err != nil || res.StatusCode != http.StatusUnauthorized {
			t.Errorf("visitor download: %v %v", res.StatusCode, err)
		}
		a := do(t, ts, call{method: "GET", path: "/api/v1/startups/" + itoa(id) + "/deck", token: w.staff})
		if a.status != http.StatusOK || !bytes.Equal(a.body, pdf) || a.header.Get("Content-Type") != "application/pdf" {
			t.Errorf("staff download: %d %q", a.status, a.header)
		}
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestSearchFindsInstitutionsInvestorsAndStartupsInTheCallersLanguage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		w := newDirWorld(t, ts)
		w.create(w.staff, hangzhouBody)
		inv := `{"name": {"zh": "杭州创投", "en": "Hangzhou Capital"}, "sectors": ["ai"], "stages": ["seed"], "ticket_min": 100000000, "ticket_max": 500000000, "ticket_currency": "CNY", "regions": ["hangzhou"], "languages": ["zh"]}`
		if a := do(t, ts, call{method: "POST", path: "/api/v1/investors", token: w.staff, body: inv}); a.status != http.StatusCreated {
			t.Fatalf("investor: %d %s", a.status, a.body)
		}
		type hit struct {
			Type, Title, Snippet string
			ID                   int64
		}
		var all []hit
		path := "/api/v1/search?limit=2&q=" + url.QueryEscape("杭州")
		for range 5 {
			p := decodePage[hit](t, do(t, ts, call{method: "GET", path: path, header: map[string]string{"Accept-Language": "en"}}))
			all = append(all, p.Items...)
			if p.NextCursor == nil {
				break
			}
			path = "/api/v1/search?limit=2&q=" + url.QueryEscape("杭州") + "&cursor=" + *p.NextCursor
		}
		var got []string
		for _, h := range all {
			got = append(got, h.Type+": "+h.Title)
		}
		want := "institution: Hangzhou Municipal Government|institution: Hangzhou Advanced Technology Investment Co., Ltd.|institution: Hangzhou Global Innovation Center|investor: Hangzhou Capital|startup: West Lake AI"
		if strings.Join(got, "|") != want {
			t.Errorf("search 杭州 = %v\nwant %s", got, want)
		}
		p := decodePage[hit](t, do(t, ts, call{method: "GET", path: "/api/v1/search?q=" + url.QueryEscape("경기도경제과학진흥원"), header: map[string]string{"Accept-Language": "zh"}}))
		if len(p.Items) != 1 || p.Items[0].Title != "京畿道经济科学振兴院" {
			t.Errorf("GBSA by its Korean name, in Chinese: %+v", p.Items)
		}
	})
}
