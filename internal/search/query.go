package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one required term of a query.
type Term struct {
	Text string
	// Prefix matches every token that starts with Text: the last word of a
	// query, so that "bio" finds "biotech" while the user is still typing.
	Prefix bool
}

// Query is a parsed search: every term must match.
type Query struct {
	Terms []Term
}

// MinPrefixRunes is the shortest last word matched as a prefix; shorter
// prefixes match too much to be useful and cost the most.
const MinPrefixRunes = 3

// Parse turns what a user typed into a query. Words become terms, CJK runs
// their bigrams (one character alone stays itself); the last word becomes a
// prefix term when it is long enough. Duplicates are dropped and at most
// MaxTerms kept.
func Parse(s string) Query {
	var q Query
	seen := map[string]bool{}
	add := func(t Term) {
		if len(q.Terms) < MaxTerms && !seen[t.Text] {
			seen[t.Text] = true
			q.Terms = append(q.Terms, t)
		}
	}
	lastWord := -1
	each(s, func(run []rune, cjk bool) {
		switch {
		case !cjk:
			add(Term{Text: string(run)})
			lastWord = len(q.Terms) - 1
		case len(run) == 1:
			add(Term{Text: string(run)})
			lastWord = -1
		default:
			for i := 0; i+1 < len(run); i++ {
				add(Term{Text: string(run[i : i+2])})
			}
			lastWord = -1
		}
	})
	if lastWord >= 0 && lastWord == len(q.Terms)-1 && len([]rune(q.Terms[lastWord].Text)) >= MinPrefixRunes &&
		endsInWord(s) {
		q.Terms[lastWord].Prefix = true
	}
	return q
}

// endsInWord reports whether the query ends in the middle of a word (no
// space or punctuation typed after it), the case where completing it helps.
func endsInWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Empty reports whether the query has nothing to search for.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// FTS5 returns the query as an SQLite FTS5 MATCH expression. Every term is
// quoted, so nothing the user types is read as FTS5 syntax.
func (q Query) FTS5() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
		if t.Prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " AND ")
}

// TSQuery returns the query as a PostgreSQL tsquery literal, for
// CAST(? AS tsquery); no text search configuration is involved, so terms
// are matched exactly as the index stores them.
func (q Query) TSQuery() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = quoteLexeme(t.Text)
		if t.Prefix {
			parts[i] += ":*"
		}
	}
	return strings.Join(parts, " & ")
}

// Matches reports whether the tokens of text satisfy q: the same rule as
// the engines, for the few small lists (institutions) searched in memory.
func (q Query) Matches(text string) bool {
	if q.Empty() {
		return false
	}
	tokens := Tokens(text)
	for _, t := range q.Terms {
		found := false
		for _, tok := range tokens {
			if tok == t.Text || (t.Prefix && strings.HasPrefix(tok, t.Text)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func quoteLexeme(s string) string {
	return `'` + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + `'`
}
