package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"startbridge/internal/app"
	"startbridge/internal/config"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/i18n"
	"startbridge/internal/partner"
)

func newTestServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	db := dbtest.SQLite(t)
	if _, err := partner.SeedFounding(t.Context(), db); err != nil {
		t.Fatal(err)
	}
	svc := app.New(db, i18n.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	s, err := New(config.Config{Addr: "127.0.0.1:0", DB: db.Source()}, svc)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return s, hs
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestHealthAndReadiness(t *testing.T) {
	s, hs := newTestServer(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(hs.URL + path)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("%s = %v, %v", path, resp.Status, err)
		}
	}
	s.svc.DB.Close()
	resp, _ := http.Get(hs.URL + "/readyz")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database closed = %d, want 503", resp.StatusCode)
	}
	if resp, _ := http.Get(hs.URL + "/healthz"); resp.StatusCode != 200 {
		t.Errorf("healthz with the database closed = %d, want 200 (the process is up)", resp.StatusCode)
	}
}

func TestMetricsLabelRequestsByRoutePattern(t *testing.T) {
	_, hs := newTestServer(t)
	http.Get(hs.URL + "/api/v1/regions")
	resp, err := http.Get(hs.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	text := body(t, resp)
	want := `startbridge_http_requests_total{method="GET",route="GET /api/v1/regions",status="200"} 1`
	if !strings.Contains(text, want) {
		t.Errorf("metrics lack %s", want)
	}
	if !strings.Contains(text, "startbridge_http_request_duration_seconds_bucket") {
		t.Error("metrics lack the latency histogram")
	}
}

func TestMetricsTellWhetherTheResidentIndexAnswers(t *testing.T) {
	s, hs := newTestServer(t)
	metric := func(name string) string {
		resp, err := http.Get(hs.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(body(t, resp), "\n") {
			if v, ok := strings.CutPrefix(line, name+" "); ok {
				return v
			}
		}
		return "missing"
	}
	if got := metric("startbridge_directory_index_ready"); got != "0" {
		t.Errorf("index ready before it was built: %s", got)
	}
	if err := s.svc.Directory.BuildResidentIndex(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	http.Get(hs.URL + "/api/v1/startups?q=%E6%9D%AD%E5%B7%9E")
	if got := metric("startbridge_directory_index_ready"); got != "1" {
		t.Errorf("index ready = %s, want 1", got)
	}
	if got := metric("startbridge_directory_index_answers_total"); got == "0" || got == "missing" {
		t.Errorf("answers = %s after a search", got)
	}
}

func TestCrossSitePostIsRefused(t *testing.T) {
	_, hs := newTestServer(t)
	req, _ := http.NewRequest("POST", hs.URL+"/api/v1/regions", strings.NewReader("{}"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", resp.StatusCode)
	}
}

func TestInvalidBearerTokenIsAProblemInTheCallersLanguage(t *testing.T) {
	_, hs := newTestServer(t)
	req, _ := http.NewRequest("GET", hs.URL+"/api/v1/regions", nil)
	req.Header.Set("Authorization", "Bearer sbt_nonsense")
	req.Header.Set("Accept-Language", "ko-KR")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Code   string `json:"code"`
		Title  string `json:"title"`
		Status int    `json:"status"`
	}
	json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if resp.StatusCode != 401 || p.Code != "unauthenticated" || p.Title != "로그인해 주세요" {
		t.Errorf("got %d %+v", resp.StatusCode, p)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("content type = %q", ct)
	}
}

func TestPanicAnswers500WithATranslatedProblem(t *testing.T) {
	s, _ := newTestServer(t)
	h := s.contextual(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }), true)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/boom", nil)
	req.Header.Set("Accept-Language", "zh-CN")
	h.ServeHTTP(rec, req)
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "出现问题") || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic gave %d %s", rec.Code, rec.Body)
	}
}

func TestTrustedProxyAddressIsUsedOnlyWhenConfigured(t *testing.T) {
	s, _ := newTestServer(t)
	var seen string
	h := s.observe(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = r.RemoteAddr }))
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
	h.ServeHTTP(httptest.NewRecorder(), req)
	if strings.HasPrefix(seen, "203.0.113.9") {
		t.Errorf("untrusted X-Forwarded-For was used: %s", seen)
	}
	s.cfg.TrustProxy = true
	h.ServeHTTP(httptest.NewRecorder(), req)
	if !strings.HasPrefix(seen, "203.0.113.9") {
		t.Errorf("trusted X-Forwarded-For ignored: %s", seen)
	}
}
