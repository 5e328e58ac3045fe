package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"startbridge/internal/partner"
	"startbridge/internal/testserver"
)

// page is a decoded list answer.
type page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func decodePage[T any](t *testing.T, a answer) page[T] {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status %d, body %s", a.status, a.body)
	}
	var p page[T]
	if err := json.Unmarshal(a.body, &p); err != nil {
		t.Fatalf("not a list: %v: %s", err, a.body)
	}
	if p.Items == nil {
		t.Errorf("items is null: %s", a.body)
	}
	return p
}

func TestRegionsAreListedForAnyone(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		got := decodePage[partner.Region](t, do(t, ts, call{method: "GET", path: "/api/v1/regions"}))
		if len(got.Items) != 2 || got.NextCursor != nil {
			t.Fatalf("regions = %+v", got)
		}
		for i, want := range partner.FoundingRegions {
			if got.Items[i] != want {
				t.Errorf("region %d = %+v, want %+v", i, got.Items[i], want)
			}
		}
		first := decodePage[partner.Region](t, do(t, ts, call{method: "GET", path: "/api/v1/regions?limit=1"}))
		if len(first.Items) != 1 || first.Items[0].Code != "gyeonggi" || first.NextCursor == nil {
			t.Fatalf("first page = %+v", first)
		}
		second := decodePage[partner.Region](t, do(t, ts, call{method: "GET", path: "/api/v1/regions?limit=1&cursor=" + *first.NextCursor}))
		if len(second.Items) != 1 || second.Items[0].Code != "hangzhou" || second.NextCursor != nil {
			t.Errorf("second page = %+v", second)
		}
	})
}

func TestInstitutionsArePagedAndFiltered(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		all := decodePage[partner.Institution](t, do(t, ts, call{method: "GET", path: "/api/v1/institutions"}))
		if len(all.Items) != 7 || all.NextCursor != nil {
			t.Fatalf("institutions = %d items, cursor %v", len(all.Items), all.NextCursor)
		}
		for _, in := range all.Items {
			if in.ID == 0 || in.Name.Ko == "" || in.Name.Zh == "" || in.Name.En == "" || in.Region == "" || in.Kind == "" {
				t.Errorf("institution %+v lacks a field", in)
			}
		}
		for _, limit := range []string{"1", "2", "3", "6", "7"} {
			var seen []int64
			path := "/api/v1/institutions?limit=" + limit
			for pages := 0; pages < 10; pages++ {
				p := decodePage[partner.Institution](t, do(t, ts, call{method: "GET", path: path}))
				for _, in := range p.Items {
					seen = append(seen, in.ID)
				}
				if p.NextCursor == nil {
					break
				}
				path = "/api/v1/institutions?limit=" + limit + "&cursor=" + url.QueryEscape(*p.NextCursor)
			}
			if len(seen) != 7 {
				t.Errorf("limit %s: pages gave %v, want the 7 institutions once each", limit, seen)
			}
			for i := 1; i < len(seen); i++ {
				if seen[i] <= seen[i-1] {
					t.Errorf("limit %s: ids %v not strictly increasing", limit, seen)
				}
			}
		}
		hz := decodePage[partner.Institution](t, do(t, ts, call{method: "GET", path: "/api/v1/institutions?region=hangzhou&limit=2"}))
		if len(hz.Items) != 2 || hz.NextCursor == nil {
			t.Fatalf("hangzhou first page = %+v", hz)
		}
		rest := decodePage[partner.Institution](t, do(t, ts, call{method: "GET", path: "/api/v1/institutions?region=hangzhou&limit=2&cursor=" + *hz.NextCursor}))
		if len(rest.Items) != 1 || rest.NextCursor != nil {
			t.Errorf("hangzhou second page = %+v", rest)
		}
		for _, in := range append(hz.Items, rest.Items...) {
			if in.Region != "hangzhou" {
				t.Errorf("region filter let through %+v", in)
			}
		}
		one := do(t, ts, call{method: "GET", path: "/api/v1/institutions/" + itoa(all.Items[2].ID)})
		if one.status != http.StatusOK || one.object(t)["kind"] != all.Items[2].Kind {
			t.Errorf("one institution: %d %s", one.status, one.body)
		}
	})
}

func TestBadListParametersNameTheParameter(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		tests := []struct {
			path, field string
		}{
			{"/api/v1/institutions?limit=0", "limit"},
			{"/api/v1/institutions?limit=501", "limit"},
			{"/api/v1/institutions?limit=many", "limit"},
			{"/api/v1/institutions?cursor=garbage!", "cursor"},
			{"/api/v1/institutions?region=mars", "region"},
			{"/api/v1/regions?cursor=" + "YzE6bWFycw", "cursor"}, // a well-formed cursor naming no region
			{"/api/v1/regions?limit=-1", "limit"},
		}
		for _, tt := range tests {
			a := do(t, ts, call{method: "GET", path: tt.path, header: map[string]string{"Accept-Language": "zh-CN,zh;q=0.9"}})
			if a.status != http.StatusBadRequest {
				t.Errorf("%s: status %d, want 400", tt.path, a.status)
				continue
			}
			p := a.problem(t)
			if p.Code != "invalid" || p.message(tt.field) == "" {
				t.Errorf("%s: problem %+v does not name %s", tt.path, p, tt.field)
			}
			if a.header.Get("Content-Language") != "zh" {
				t.Errorf("%s: Content-Language %q, want zh", tt.path, a.header.Get("Content-Language"))
			}
		}
	})
}
