package directory_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"startbridge/internal/i18n"
)

// messageKey finds the catalogue keys the package hands to errs.
var messageKey = regexp.MustCompile(`"((?:directory\.)?field\.[a-z_.]+)"`)

func TestEveryMessageKeyIsInTheCatalogue(t *testing.T) {
	cat := i18n.MustLoad()
	files, _ := filepath.Glob("*.go")
	found := 0
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range messageKey.FindAllStringSubmatch(string(body), -1) {
			found++
			if !cat.Has(m[1]) {
				t.Errorf("%s: key %q is not in the catalogue", file, m[1])
			}
		}
	}
	if found < 20 {
		t.Errorf("found only %d keys", found)
	}
}
