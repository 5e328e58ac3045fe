package api

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
)

// openAPIBase holds the document's info, security and shared components;
// each capability describes its own paths and schemas in a fragment under
// openapi/, so that capabilities built side by side never edit one file.
//
//go:embed openapi.json
var openAPIBase []byte

//go:embed openapi
var openAPIFragments embed.FS

// openAPIDocument is the merged document, built once at start.
var openAPIDocument, openAPIError = mergeOpenAPI()

// OpenAPIDocument returns the merged OpenAPI document as served.
func OpenAPIDocument() ([]byte, error) { return openAPIDocument, openAPIError }

// checkOpenAPI refuses to start with a document that is not JSON, so a bad
// edit fails at start-up rather than in a client's code generator.
func checkOpenAPI() error { return openAPIError }

// mergeOpenAPI adds every fragment's paths, components and tags to the base
// document; a path or component defined twice is an error.
func mergeOpenAPI() ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIBase, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if v, _ := doc["openapi"].(string); v == "" {
		return nil, fmt.Errorf("openapi.json: no openapi version")
	}
	files, err := fs.Glob(openAPIFragments, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		body, err := openAPIFragments.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var frag map[string]any
		if err := json.Unmarshal(body, &frag); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if err := mergePaths(doc, frag["paths"], file); err != nil {
			return nil, err
		}
		comps, _ := frag["components"].(map[string]any)
		for kind, defs := range comps {
			base, _ := doc["components"].(map[string]any)
			if base == nil {
				base = map[string]any{}
				doc["components"] = base
			}
			if err := mergeInto(base, kind, defs, file); err != nil {
				return nil, err
			}
		}
		if tags, ok := frag["tags"].([]any); ok {
			existing, _ := doc["tags"].([]any)
			doc["tags"] = append(existing, tags...)
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

// mergePaths adds a fragment's operations; a fragment may add a method to
// a path another file describes, but not describe the same method twice.
func mergePaths(doc map[string]any, add any, file string) error {
	addPaths, _ := add.(map[string]any)
	paths, _ := doc["paths"].(map[string]any)
	if paths == nil {
		paths = map[string]any{}
		doc["paths"] = paths
	}
	for path, ops := range addPaths {
		existing, ok := paths[path].(map[string]any)
		if !ok {
			paths[path] = ops
			continue
		}
		if err := mergeInto(map[string]any{"operations": existing}, "operations", ops, file+" "+path); err != nil {
			return err
		}
	}
	return nil
}

func mergeInto(parent map[string]any, key string, add any, file string) error {
	addMap, ok := add.(map[string]any)
	if !ok {
		return nil
	}
	target, _ := parent[key].(map[string]any)
	if target == nil {
		target = map[string]any{}
		parent[key] = target
	}
	for name, v := range addMap {
		if _, dup := target[name]; dup {
			return fmt.Errorf("%s: %s %q is already defined", file, key, name)
		}
		target[name] = v
	}
	return nil
}

// serveOpenAPI answers the embedded OpenAPI document.
func serveOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(openAPIDocument)))
	w.Write(openAPIDocument)
	return nil
}
