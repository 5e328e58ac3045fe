package web

import (
	"io/fs"
	"regexp"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/i18n"
	"startbridge/internal/partner"
)

// translated finds the literal keys in templates: {{t "key" …}}.
var translated = regexp.MustCompile(`\bt\s+"([^"]+)"`)

func TestEveryTemplateKeyIsInTheCatalogue(t *testing.T) {
	cat := i18n.MustLoad()
	found := 0
	err := fs.WalkDir(templateFiles, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := templateFiles.ReadFile(name)
		if err != nil {
			return err
		}
		for _, m := range translated.FindAllStringSubmatch(string(body), -1) {
			found++
			if !cat.Has(m[1]) {
				t.Errorf("%s: key %q is not in the catalogue", name, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 100 {
		t.Errorf("found only %d keys; has the syntax of the templates changed?", found)
	}
}

// TestComputedKeysAreInTheCatalogue covers the keys that templates and
// handlers build from data: role, kind and language names, scopes, and the
// keys the web package and auth hand to the renderer.
func TestComputedKeysAreInTheCatalogue(t *testing.T) {
	cat := i18n.MustLoad()
	var keys []string
	for _, r := range auth.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, k := range partner.Kinds {
		keys = append(keys, "kind."+k)
	}
	for _, l := range i18n.Languages {
		keys = append(keys, "lang."+l)
	}
	for _, r := range partner.FoundingRegions {
		keys = append(keys, "lang."+r.Language, "zone."+r.TimeZone)
	}
	keys = append(keys, "role.scope.startup", "role.scope.investor", "role.scope.contest",
		errBadForm.Key+".title", errBadForm.Key+".detail",
		"field.consent_choice", "field.password_mismatch", "field.password_incorrect", "field.password_unchanged",
		"field.required", "field.too_long", "field.cursor", "field.region", "field.language", "field.institution")
	for _, k := range commonZones {
		keys = append(keys, "zone."+k)
	}
	for _, k := range keys {
		if !cat.Has(k) {
			t.Errorf("key %q is not in the catalogue", k)
		}
	}
}

func TestTemplatesParseForEveryLanguage(t *testing.T) {
	pages, err := parseTemplates(i18n.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages {
		for _, page := range []string{"home", "signup", "login", "profile", "institutions", "institution", "admin_users", "error"} {
			if pages[lang][page] == nil {
				t.Errorf("%s: no page %q", lang, page)
			}
		}
	}
}
