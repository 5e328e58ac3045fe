package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"startbridge/internal/testserver"
)

// call is one API request of a scenario.
type call struct {
	method string
	path   string
	token  string
	body   string
	header map[string]string
}

// answer is what the server said.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// do sends c to ts and fails the test on any 5xx: bad input must never
// cause one.
func do(t *testing.T, ts *testserver.TS, c call) answer {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, ts.URL+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode >= 500 {
		t.Errorf("%s %s: status %d, body %s", c.method, c.path, res.StatusCode, b)
	}
	return answer{status: res.StatusCode, header: res.Header, body: b}
}

// object decodes a JSON object answer.
func (a answer) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.body, &m); err != nil {
		t.Fatalf("answer is not a JSON object: %v: %s", err, a.body)
	}
	return m
}

// problem is a decoded problem document.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// problem decodes a problem answer, checking its media type and status.
func (a answer) problem(t *testing.T) problem {
	t.Helper()
	if ct := a.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("content type = %q, want application/problem+json (body %s)", ct, a.body)
	}
	var p problem
	if err := json.Unmarshal(a.body, &p); err != nil {
		t.Fatalf("answer is not a problem: %v: %s", err, a.body)
	}
	if p.Status != a.status || p.Code == "" || p.Title == "" || p.Errors == nil {
		t.Errorf("problem = %+v for status %d", p, a.status)
	}
	return p
}

// message returns the message of the problem's field, "" when the field
// is not named.
func (p problem) message(field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// count returns the number of rows of table.
func count(t *testing.T, ts *testserver.TS, table string) int {
	t.Helper()
	var n int
	if err := ts.DB.QueryRow(t.Context(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// adminToken is a bearer token of the test administrator.
func adminToken(t *testing.T, ts *testserver.TS) string {
	t.Helper()
	return ts.Token(t, ts.Admin.ID)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
