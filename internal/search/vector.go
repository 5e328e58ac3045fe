package search

import (
	"strings"
)

// NameMark marks the second copy of each token of a name. Indexing names
// twice, once plainly and once marked, lets a search ask "every term in the
// name" as an ordinary term query whose lists hold names only, instead of
// filtering long lists by column. It is a private-use character, which the
// tokenizer never produces itself and both engines keep inside a token.
const NameMark = "\uE000"

// FilterMark starts the tokens that say which filters a profile passes
// (FilterToken). Like NameMark it is a private-use character: nothing a
// user types becomes such a token.
const FilterMark = "\uE001"

// FilterToken is the index token of one filter value, dimension being a
// letter ("r" region, "s" sector, "t" stage, "v" visibility) and value a
// code. Indexed with the words, a filter becomes one more term of the
// query, which the full-text index intersects with the others instead of
// walking every match of a common word to check each one's row. The
// underscores of codes ("pre_seed") would split the token, so they are
// written as FilterMark too.
func FilterToken(dimension, value string) string {
	return FilterMark + dimension + strings.ReplaceAll(value, "_", FilterMark)
}

// NameDocument is Document for names: their tokens, then the same tokens
// marked with NameMark.
func NameDocument(parts ...string) string {
	plain := Document(parts...)
	if plain == "" {
		return ""
	}
	tokens := strings.Split(plain, " ")
	for i, t := range tokens {
		tokens[i] = NameMark + t
	}
	return plain + " " + strings.Join(tokens, " ")
}

// TSVector returns a PostgreSQL tsvector literal of the tokens of docs,
// already produced by Document or NameDocument, for CAST(? AS tsvector):
// the distinct tokens without positions, since a search asks only whether
// a token is there.
func TSVector(docs ...string) string {
	seen := map[string]bool{}
	var b strings.Builder
	for _, d := range docs {
		for _, t := range strings.Fields(d) {
			if seen[t] {
				continue
			}
			seen[t] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(quoteLexeme(t))
		}
	}
	return b.String()
}
