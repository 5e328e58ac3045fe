package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"startbridge/internal/api"
	"startbridge/internal/app"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/testserver"
)

var methods = []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}

func loadOpenAPI(t *testing.T) map[string]any {
	t.Helper()
	body, err := api.OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

func TestEveryRouteIsDocumentedAndEveryDocumentedOperationIsARoute(t *testing.T) {
	routes, err := api.Routes(&app.Services{})
	if err != nil {
		t.Fatal(err)
	}
	var served []string
	for _, rt := range routes {
		method, path, ok := strings.Cut(rt.Pattern, " ")
		if !ok {
			continue // the catch-all that answers 404 and 405
		}
		served = append(served, method+" "+path)
	}
	var documented []string
	for path, item := range loadOpenAPI(t)["paths"].(map[string]any) {
		for _, m := range methods {
			if _, ok := item.(map[string]any)[m]; ok {
				documented = append(documented, strings.ToUpper(m)+" "+path)
			}
		}
	}
	for _, op := range served {
		if !slices.Contains(documented, op) {
			t.Errorf("route %s is not in openapi.json", op)
		}
	}
	for _, op := range documented {
		if !slices.Contains(served, op) {
			t.Errorf("openapi.json documents %s, which no route serves", op)
		}
	}
}

func TestOpenAPIDocumentHoldsTogether(t *testing.T) {
	doc := loadOpenAPI(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	components := doc["components"].(map[string]any)
	for _, name := range []string{"Problem", "User", "Region", "Institution", "NextCursor"} {
		if _, ok := components["schemas"].(map[string]any)[name]; !ok {
			t.Errorf("no schema %s", name)
		}
	}
	if _, ok := components["securitySchemes"].(map[string]any)["bearer"]; !ok {
		t.Error("no bearer security scheme")
	}
	walk(doc, func(node map[string]any) {
		if ref, ok := node["$ref"].(string); ok && resolve(doc, ref) == nil {
			t.Errorf("$ref %s points nowhere", ref)
		}
	})
	ids := map[string]bool{}
	pathParam := regexp.MustCompile(`\{(\w+)\}`)
	for path, item := range doc["paths"].(map[string]any) {
		for _, m := range methods {
			op, ok := item.(map[string]any)[m].(map[string]any)
			if !ok {
				continue
			}
			id, _ := op["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s %s: operationId %q missing or repeated", m, path, id)
			}
			ids[id] = true
			if responses, _ := op["responses"].(map[string]any); len(responses) == 0 {
				t.Errorf("%s %s: no responses", m, path)
			}
			var declared []string
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				p := p.(map[string]any)
				if ref, ok := p["$ref"].(string); ok {
					p = resolve(doc, ref).(map[string]any)
				}
				if p["in"] == "path" {
					declared = append(declared, p["name"].(string))
				}
			}
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				if !slices.Contains(declared, m[1]) {
					t.Errorf("%s: path parameter %s is not declared", path, m[1])
				}
			}
		}
	}
}

func TestOpenAPIDocumentIsServed(t *testing.T) {
	ts := testserver.Start(t, dbtest.SQLite(t))
	a := do(t, ts, call{method: "GET", path: "/api/v1/openapi.json"})
	if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, content type %q", a.status, a.header.Get("Content-Type"))
	}
	if a.object(t)["openapi"] != loadOpenAPI(t)["openapi"] {
		t.Error("served document differs from openapi.json")
	}
}

// walk calls fn on every object in v.
func walk(v any, fn func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		fn(v)
		for _, child := range v {
			walk(child, fn)
		}
	case []any:
		for _, child := range v {
			walk(child, fn)
		}
	}
}

// resolve follows a local JSON pointer such as #/components/schemas/User.
func resolve(doc map[string]any, ref string) any {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var node any = doc
	for _, part := range strings.Split(path, "/") {
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[part]
	}
	return node
}
