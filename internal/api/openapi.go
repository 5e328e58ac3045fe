package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// openAPIDocument describes every route of Routes; a test keeps the two in
// step.
//
//go:embed openapi.json
var openAPIDocument []byte

// checkOpenAPI refuses to start with a document that is not JSON, so a bad
// edit fails at start-up rather than in a client's code generator.
func checkOpenAPI() error {
	var doc struct {
		OpenAPI string `json:"openapi"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		return fmt.Errorf("openapi.json: %w", err)
	}
	if doc.OpenAPI == "" {
		return fmt.Errorf("openapi.json: no openapi version")
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
