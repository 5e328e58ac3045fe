package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"startbridge/internal/app"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/i18n"
)

func TestPanicInAPageShowsTheTranslatedErrorPage(t *testing.T) {
	svc := app.New(dbtest.SQLite(t), i18n.MustLoad(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	s, err := newSite(svc)
	if err != nil {
		t.Fatal(err)
	}
	h := s.handle(func(http.ResponseWriter, *http.Request) error { panic("secret detail") })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	body := rec.Body.String()
	if rec.Code != 500 || !strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("got %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if strings.Contains(body, "secret detail") || !strings.Contains(body, "Something went wrong") {
		t.Errorf("error page = %s", body)
	}
}
