package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/i18n"
	"startbridge/internal/text"
)

//go:embed templates
var templateFiles embed.FS

// parseTemplates parses the layout with each page once, then clones the
// result per language so that `t` translates without any per-request work.
// The viewer's time zone varies per request, so the date functions take it
// as an argument instead.
func parseTemplates(cat *i18n.Catalog) (map[string]map[string]*template.Template, error) {
	base, err := template.New("").Funcs(funcs(cat.Printer(i18n.Default, nil))).
		ParseFS(templateFiles, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(templateFiles, "templates/pages/*.html")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no page templates")
	}
	out := map[string]map[string]*template.Template{}
	for _, lang := range i18n.Languages {
		out[lang] = map[string]*template.Template{}
	}
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".html")
		page, err := template.Must(base.Clone()).ParseFS(templateFiles, file)
		if err != nil {
			return nil, err
		}
		for _, lang := range i18n.Languages {
			tpl, err := page.Clone()
			if err != nil {
				return nil, err
			}
			out[lang][name] = tpl.Funcs(funcs(cat.Printer(lang, nil)))
		}
	}
	return out, nil
}

// otherName is a name in another language than the page's, shown beside it.
type otherName struct {
	Lang, HTMLLang, Text string
}

func funcs(p *i18n.Printer) template.FuncMap {
	return template.FuncMap{
		"t":      p.T,
		"number": func(n int) string { return p.Number(int64(n)) },
		"date": func(t time.Time, zone *time.Location) string {
			in := *p
			in.Zone = zone
			return in.Date(t)
		},
		"datetime":    p.DateTimeIn,
		"zoneName":    p.ZoneName,
		"local":       func(t text.Text) string { return t.In(p.Lang) },
		"others":      func(t text.Text) []otherName { return otherNames(t, p.Lang) },
		"htmlLang":    htmlLang,
		"minPassword": func() int { return auth.MinPasswordLength },
	}
}

// otherNames are the texts of t in the languages other than the page's
// lang that say something else than the page shows.
func otherNames(t text.Text, lang string) []otherName {
	var out []otherName
	for _, l := range i18n.Languages {
		if s := textIn(t, l); l != lang && s != "" && s != t.In(lang) {
			out = append(out, otherName{Lang: l, HTMLLang: htmlLang(l), Text: s})
		}
	}
	return out
}

// textIn is the text in exactly lang, without falling back to another.
func textIn(t text.Text, lang string) string {
	switch lang {
	case "ko":
		return t.Ko
	case "zh":
		return t.Zh
	}
	return t.En
}

// htmlLang is the BCP 47 tag for a catalogue language: Chinese is written in
// simplified characters, which fonts and screen readers need to know.
func htmlLang(lang string) string {
	if lang == "zh" {
		return "zh-Hans"
	}
	return lang
}
