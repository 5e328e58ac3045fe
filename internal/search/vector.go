package search

import (
	"strconv"
	"strings"
)

// Weight ranks where a token was found, as PostgreSQL's tsvector weights:
// A (names) counts most, D (tags such as sector and region names) least.
type Weight byte

// The weights, from most to least important.
const (
	WeightA Weight = 'A'
	WeightB Weight = 'B'
	WeightC Weight = 'C'
	WeightD Weight = 'D'
)

// Field is some text and the weight of its tokens.
type Field struct {
	Text   string
	Weight Weight
}

// maxPosition is the highest position a tsvector keeps.
const maxPosition = 16383

// TSVector returns a PostgreSQL tsvector literal of the fields' tokens, for
// CAST(? AS tsvector): each distinct token with its positions and weight.
// PostgreSQL keeps at most 256 positions per token, which is plenty for
// ranking.
func TSVector(fields ...Field) string {
	type entry struct {
		lexeme string
		pos    []string
	}
	var order []string
	entries := map[string]*entry{}
	pos := 0
	for _, f := range fields {
		for _, t := range Tokens(f.Text) {
			pos = min(pos+1, maxPosition)
			e := entries[t]
			if e == nil {
				e = &entry{lexeme: t}
				entries[t] = e
				order = append(order, t)
			}
			if len(e.pos) < 256 {
				e.pos = append(e.pos, strconv.Itoa(pos)+string(f.Weight))
			}
		}
	}
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(t))
		b.WriteByte(':')
		b.WriteString(strings.Join(entries[t].pos, ","))
	}
	return b.String()
}
