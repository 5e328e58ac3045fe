// Package text holds multilingual text: one value in Korean, Chinese and
// English, of which at least one is given.
package text

import "strings"

// Text is the same words in up to three languages. It marshals to the
// contract's {"ko": …, "zh": …, "en": …} object, omitting empty languages.
type Text struct {
	Ko string `json:"ko,omitempty"`
	Zh string `json:"zh,omitempty"`
	En string `json:"en,omitempty"`
}

// In returns the text in lang, falling back to the other languages (English
// first, then Korean, then Chinese) when it is missing.
func (t Text) In(lang string) string {
	if s := t.get(lang); s != "" {
		return s
	}
	for _, l := range []string{"en", "ko", "zh"} {
		if s := t.get(l); s != "" {
			return s
		}
	}
	return ""
}

func (t Text) get(lang string) string {
	switch lang {
	case "ko":
		return t.Ko
	case "zh":
		return t.Zh
	case "en":
		return t.En
	}
	return ""
}

// Empty reports whether no language is given.
func (t Text) Empty() bool {
	return strings.TrimSpace(t.Ko) == "" && strings.TrimSpace(t.Zh) == "" && strings.TrimSpace(t.En) == ""
}

// Trimmed returns t with surrounding spaces removed in every language.
func (t Text) Trimmed() Text {
	return Text{Ko: strings.TrimSpace(t.Ko), Zh: strings.TrimSpace(t.Zh), En: strings.TrimSpace(t.En)}
}

// All is the text in every language, one after another: what a search
// finds it by, whichever language it is asked in.
func (t Text) All() string { return t.Ko + " " + t.Zh + " " + t.En }
