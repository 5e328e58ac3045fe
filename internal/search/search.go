// Package search turns Korean, Chinese and English text into index terms
// and user queries into term queries for SQLite FTS5 and PostgreSQL text
// search alike. It is pure: the SQL that stores and matches the terms lives
// with the data it indexes.
//
// Korean and Chinese are written without spaces between the parts of a
// word ("핀테크스타트업", "杭州人工智能公司"), so a run of Hangul or Han
// characters is indexed as its overlapping two-character pieces (bigrams)
// plus each character alone: "西湖区" → 西湖 湖区 西 湖 区. A query of two or
// more such characters becomes its bigrams, all required; a query of one
// character is that character. Other scripts are indexed by words,
// lower-cased and without diacritics. Both engines then see plain
// space-separated tokens, which their simplest tokenizers (FTS5 unicode61,
// PostgreSQL's tsvector literals) keep as they are.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxWordRunes bounds one word token; longer runs of letters (base64,
// hashes) are cut, so they cannot bloat the index.
const MaxWordRunes = 40

// MaxTerms bounds the terms of one query, so a pasted essay cannot make a
// query of hundreds of terms.
const MaxTerms = 16

// Tokens returns the index tokens of s, in order of appearance.
func Tokens(s string) []string {
	var out []string
	each(s, func(run []rune, cjk bool) {
		if !cjk {
			out = append(out, string(run))
			return
		}
		for i := range run {
			if i+1 < len(run) {
				out = append(out, string(run[i:i+2]))
			}
			out = append(out, string(run[i]))
		}
	})
	return out
}

// Document returns the tokens of all parts, joined by spaces: the text an
// index column stores.
func Document(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, t := range Tokens(p) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
	}
	return b.String()
}

// each calls fn for each run of the normalized text: a word, or a run of
// CJK characters.
func each(s string, fn func(run []rune, cjk bool)) {
	s = norm.NFKC.String(s)
	var run []rune
	cjkRun := false
	flush := func() {
		if len(run) > 0 {
			if !cjkRun && len(run) > MaxWordRunes {
				run = run[:MaxWordRunes]
			}
			fn(run, cjkRun)
		}
		run = run[:0:0]
	}
	for _, r := range s {
		switch {
		case isCJK(r):
			if !cjkRun {
				flush()
			}
			cjkRun = true
			run = append(run, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if cjkRun {
				flush()
			}
			cjkRun = false
			run = appendFolded(run, r)
		case unicode.Is(unicode.Mn, r) && !cjkRun && len(run) > 0:
			// A combining mark left by NFKC belongs to the letter before it
			// and is folded away with it.
		default:
			flush()
		}
	}
	flush()
}

// isCJK reports whether r belongs to a script written without spaces
// between words, or with particles glued to words (Hangul).
func isCJK(r rune) bool {
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// appendFolded appends r lower-cased and without diacritics ("É" → "e").
func appendFolded(run []rune, r rune) []rune {
	r = unicode.ToLower(r)
	if r < utf8.RuneSelf {
		return append(run, r)
	}
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			run = append(run, d)
		}
	}
	return run
}
