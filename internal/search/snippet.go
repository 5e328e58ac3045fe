package search

import (
	"strings"
	"unicode/utf8"
)

// Snippet returns up to maxRunes of text around the first place a term of q
// occurs, with "…" where it was cut; the start of text when no term occurs.
func Snippet(text string, q Query, maxRunes int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= maxRunes {
		return text
	}
	runes := []rune(text)
	lower := []rune(strings.ToLower(text))
	at := -1
	if len(lower) == len(runes) {
		for _, t := range q.Terms {
			if i := indexRunes(lower, []rune(t.Text)); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
	}
	start := 0
	if at > maxRunes/3 {
		start = at - maxRunes/3
	}
	end := min(start+maxRunes, len(runes))
	if end-start < maxRunes {
		start = max(0, end-maxRunes)
	}
	out := string(runes[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(runes) {
		out += "…"
	}
	return out
}

func indexRunes(s, sub []rune) int {
	if len(sub) == 0 {
		return -1
	}
outer:
	for i := 0; i+len(sub) <= len(s); i++ {
		for j := range sub {
			if s[i+j] != sub[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}
