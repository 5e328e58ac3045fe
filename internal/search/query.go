package search

import (
	"strings"
)

// Term is one required term of a query: a word, a CJK bigram or a single
// CJK character, as the index stores them.
type Term struct {
	Text string
	// Word numbers the run of the query the term comes from: the bigrams of
	// one Korean or Chinese word share it. They nearly always occur
	// together, which estimates of how common a query is must know.
	Word int
}

// Query is a parsed search: every term must match. Terms match whole index
// tokens, never prefixes: prefix queries make FTS5 merge the lists of every
// token sharing the prefix, the slowest thing it does (measured in
// bench/directory.md), and Korean and Chinese need none since their
// bigrams already match inside words.
type Query struct {
	Terms []Term
}

// Parse turns what a user typed into a query. Words become terms, CJK runs
// their bigrams (one character alone stays itself). Duplicates are dropped
// and at most MaxTerms kept.
func Parse(s string) Query {
	var q Query
	seen := map[string]bool{}
	word := 0
	add := func(t string) {
		if len(q.Terms) < MaxTerms && !seen[t] {
			seen[t] = true
			q.Terms = append(q.Terms, Term{Text: t, Word: word})
		}
	}
	each(s, func(run []rune, cjk bool) {
		defer func() { word++ }()
		if !cjk || len(run) == 1 {
			add(string(run))
			return
		}
		for i := 0; i+1 < len(run); i++ {
			add(string(run[i : i+2]))
		}
	})
	return q
}

// And returns the query with more required terms (FilterToken tokens,
// taken as they are), each its own word.
func (q Query) And(tokens ...string) Query {
	out := Query{Terms: append([]Term(nil), q.Terms...)}
	word := 0
	for _, t := range q.Terms {
		word = max(word, t.Word+1)
	}
	for i, t := range tokens {
		out.Terms = append(out.Terms, Term{Text: t, Word: word + i})
	}
	return out
}

// Empty reports whether the query has nothing to search for.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// Names returns the query for names only: the same terms, marked as
// NameDocument marks the tokens of names.
func (q Query) Names() Query {
	out := Query{Terms: make([]Term, len(q.Terms))}
	for i, t := range q.Terms {
		out.Terms[i] = Term{Text: NameMark + t.Text, Word: t.Word}
	}
	return out
}

// FTS5 returns the query as an SQLite FTS5 MATCH expression. Every term is
// quoted, so nothing the user types is read as FTS5 syntax.
func (q Query) FTS5() string {
	return strings.Join(q.FTS5Terms(), " AND ")
}

// FTS5Terms returns the terms of the query quoted for FTS5, to be joined
// by an operator.
func (q Query) FTS5Terms() []string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
	}
	return parts
}

// TSQuery returns the query as a PostgreSQL tsquery literal, for
// CAST(? AS tsquery). No text search configuration is involved, so terms
// are matched exactly as the index stores them.
func (q Query) TSQuery() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = quoteLexeme(t.Text)
	}
	return strings.Join(parts, " & ")
}

// Matches reports whether the tokens of text satisfy q: the same rule as
// the engines, for the few small lists (institutions) searched in memory.
func (q Query) Matches(text string) bool {
	return q.MatchesWords(Words(text))
}

// Words returns the distinct tokens of text, for matching again and again
// with MatchesWords without reading the text each time.
func Words(text string) map[string]struct{} {
	out := map[string]struct{}{}
	for _, t := range Tokens(text) {
		out[t] = struct{}{}
	}
	return out
}

// MatchesWords reports whether words (Words) hold every term of q.
func (q Query) MatchesWords(words map[string]struct{}) bool {
	if q.Empty() {
		return false
	}
	for _, t := range q.Terms {
		if _, ok := words[t.Text]; !ok {
			return false
		}
	}
	return true
}

func quoteLexeme(s string) string {
	return `'` + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + `'`
}
