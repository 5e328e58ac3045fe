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
