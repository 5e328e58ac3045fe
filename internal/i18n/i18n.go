// Package i18n holds the ko, zh and en catalogues, chooses a language for a
// request and formats dates, times and numbers for it.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

//go:embed catalog
var catalogFiles embed.FS

// Languages are the supported languages, in the order the switcher shows them.
var Languages = []string{"ko", "zh", "en"}

// Default is used when nothing else says which language to speak.
const Default = "en"

// Catalog maps language → key → message.
type Catalog struct {
	messages map[string]map[string]string
}

// Load reads the embedded catalogues and checks that every language has
// every key, so a missing translation fails at start, not in front of a user.
// Each language is a folder of flat JSON files (one per area of the product),
// merged; a key defined twice is an error.
func Load() (*Catalog, error) {
	c := &Catalog{messages: map[string]map[string]string{}}
	for _, lang := range Languages {
		files, err := fs.Glob(catalogFiles, "catalog/"+lang+"/*.json")
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("read catalogue %s: no files", lang)
		}
		m := map[string]string{}
		for _, file := range files {
			body, err := catalogFiles.ReadFile(file)
			if err != nil {
				return nil, fmt.Errorf("read catalogue %s: %w", file, err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(body, &part); err != nil {
				return nil, fmt.Errorf("parse catalogue %s: %w", file, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("catalogue %s: key %q defined twice", file, k)
				}
				m[k] = v
			}
		}
		c.messages[lang] = m
	}
	if missing := c.Missing(); len(missing) > 0 {
		return nil, fmt.Errorf("catalogues incomplete: %s", strings.Join(missing, "; "))
	}
	return c, nil
}

// MustLoad is Load for tests and start-up code that cannot go on without it.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Missing lists "lang: key" for each key that some language has and another
// lacks, or has empty.
func (c *Catalog) Missing() []string {
	all := map[string]bool{}
	for _, m := range c.messages {
		for k := range m {
			all[k] = true
		}
	}
	var out []string
	for _, lang := range Languages {
		for k := range all {
			if strings.TrimSpace(c.messages[lang][k]) == "" {
				out = append(out, lang+": "+k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Keys returns every key of the catalogues, sorted.
func (c *Catalog) Keys() []string {
	var out []string
	for k := range c.messages[Default] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether key exists.
func (c *Catalog) Has(key string) bool {
	_, ok := c.messages[Default][key]
	return ok
}

// Text returns the message for key in lang with {name} placeholders filled
// from args, given as name, value pairs. An unknown key returns the key
// itself, which the catalogue test keeps from reaching users.
func (c *Catalog) Text(lang, key string, args ...any) string {
	msg, ok := c.messages[lang][key]
	if !ok {
		msg, ok = c.messages[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

var matcher = language.NewMatcher([]language.Tag{language.English, language.Korean, language.SimplifiedChinese})

// FromAcceptLanguage picks the best supported language for an
// Accept-Language header, or "" when none fits.
func FromAcceptLanguage(header string) string {
	if strings.TrimSpace(header) == "" {
		return ""
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return ""
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return ""
	}
	return []string{"en", "ko", "zh"}[idx]
}

// Negotiate chooses the language of a response: the signed-in user's
// setting, then an explicit ?lang=, then the language cookie, then
// Accept-Language, then Default.
func Negotiate(userSetting, query, cookie, acceptLanguage string) string {
	for _, l := range []string{userSetting, query, cookie} {
		if Supported(l) {
			return l
		}
	}
	if l := FromAcceptLanguage(acceptLanguage); l != "" {
		return l
	}
	return Default
}
