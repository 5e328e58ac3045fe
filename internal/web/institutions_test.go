package web_test

import (
	"net/http"
	"strings"
	"testing"

	"startbridge/internal/testserver"
)

func TestInstitutionsListAndFilter(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		all := b.get("/institutions?lang=ko")
		all.want(t, http.StatusOK, "경기도경제과학진흥원", "京畿道经济科学振兴院", "杭州高新技术投资有限公司")
		if n := strings.Count(all.Body, `<article class="card"`); n != 7 {
			t.Errorf("institutions listed = %d, want 7", n)
		}
		hz := b.get("/institutions?region=hangzhou&lang=zh")
		hz.want(t, http.StatusOK, "杭州市人民政府", "Hangzhou Municipal Government")
		if strings.Contains(hz.Body, "京畿道政府") || strings.Count(hz.Body, `<article class="card"`) != 3 {
			t.Error("the Hangzhou filter shows other regions")
		}
		b.get("/institutions?region=atlantis").want(t, http.StatusBadRequest)
		b.get("/institutions?after=x").want(t, http.StatusBadRequest)
	})
}

func TestInstitutionPage(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		b := newBrowser(t, ts)
		b.get("/institutions/3?lang=en").want(t, http.StatusOK, "Gyeonggi Business &amp; Science Accelerator"[:0]+"Gyeonggi Business & Science Accelerator", "경기도경제과학진흥원", "GBSA")
		for _, path := range []string{"/institutions/999", "/institutions/abc", "/institutions/-1", "/institutions/99999999999999999999999"} {
			b.get(path).want(t, http.StatusNotFound, ts.Svc.Catalog.Text("en", "error.not_found.title"))
		}
	})
}
