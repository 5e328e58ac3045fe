package directory

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/search"
	"startbridge/internal/text"
)

// Hit is one result of the platform-wide search.
type Hit struct {
	// Type is one of hitKinds: "institution", "office", "resource",
	// "investor" or "startup".
	Type    string
	ID      int64
	Title   text.Text
	Snippet text.Text
}

// SnippetRunes is the length of a hit's snippet.
const SnippetRunes = 120

// hitKinds are the kinds of the platform-wide search, in the order their
// hits are listed: the fewest first — institutions, overseas offices, the
// base points' resources, investors — then the many start-ups. Offices and
// resources are searched only when their stores are added (AlsoSearch).
var hitKinds = []string{"institution", "office", "resource", "investor", "startup"}

// Candidate is one object of a small list that the platform-wide search
// matches in memory: its hit, and the words that find it.
type Candidate struct {
	Hit   Hit
	words map[string]struct{}
}

// NewCandidate makes the candidate of hit found by the words of text, which
// it reads once: a list kept between searches is matched without reading
// its texts again.
func NewCandidate(hit Hit, text string) Candidate {
	return Candidate{Hit: hit, words: search.Words(text)}
}

// Candidates lists every object of one kind that anyone may find, in the
// order its hits are listed.
type Candidates func(ctx context.Context) ([]Candidate, error)

// AlsoSearch adds the objects of kind ("office" or "resource"), which
// other packages keep, to the platform-wide search. It must be called
// before the store serves.
func (s *Store) AlsoSearch(kind string, list Candidates) {
	if s.extraKinds == nil {
		s.extraKinds = map[string]Candidates{}
	}
	s.extraKinds[kind] = list
}

// Search finds institutions, overseas offices, resources, investors and
// start-ups viewer may see whose names or descriptions hold every word of
// query, in any of the three languages, kind after kind, each ranked as
// ListStartups ranks. after is
// the cursor of the previous page ("" for the first); the answer carries
// the next one ("" on the last page).
func (s *Store) Search(ctx context.Context, viewer *auth.User, query, after string, limit int) ([]Hit, string, error) {
	if len([]rune(query)) > MaxQueryLength {
		return nil, "", errs.Field("q", "field.too_long", map[string]any{"max": MaxQueryLength})
	}
	q := search.Parse(query)
	kind, inner := "institution", ""
	if after != "" {
		var ok bool
		kind, inner, ok = strings.Cut(after, "|")
		if !ok || !contains(hitKinds, kind) || inner == "" {
			return nil, "", errs.Field("cursor", "field.cursor", nil)
		}
	}
	hits := []Hit{}
	if q.Empty() {
		return hits, "", nil
	}
	for i := indexOf(hitKinds, kind); i < len(hitKinds); i++ {
		if k := hitKinds[i]; (k == "office" || k == "resource") && s.extraKinds[k] == nil {
			continue
		}
		want := limit - len(hits)
		got, next, err := s.searchKind(ctx, viewer, hitKinds[i], query, q, inner, want)
		if err != nil {
			return nil, "", err
		}
		hits = append(hits, got...)
		if next != "" {
			return hits, hitKinds[i] + "|" + next, nil
		}
		inner = ""
		if len(hits) == limit && i+1 < len(hitKinds) {
			// The page is full; whether the kinds after have hits is the
			// next page's business, which may then be empty.
			return hits, hitKinds[i+1] + "|-", nil
		}
	}
	return hits, "", nil
}

// searchKind returns up to want hits of one kind after the kind's own
// cursor ("" or "-" for its start), and the cursor after them when more
// follow.
func (s *Store) searchKind(ctx context.Context, viewer *auth.User, kind, query string, q search.Query, after string, want int) ([]Hit, string, error) {
	if after == "-" {
		after = ""
	}
	if want <= 0 {
		return nil, "", nil
	}
	switch kind {
	case "institution":
		return s.searchInstitutions(ctx, q, after, want)
	case "office", "resource":
		list, err := s.extraKinds[kind](ctx)
		if err != nil {
			return nil, "", err
		}
		return matchCandidates(q, kind, list, after, want)
	case "investor":
		ivs, next, err := s.ListInvestors(ctx, viewer, InvestorFilter{Query: query}, after, want)
		if err != nil {
			return nil, "", err
		}
		hits := make([]Hit, len(ivs))
		for i, iv := range ivs {
			hits[i] = Hit{Type: kind, ID: iv.ID, Title: iv.Name, Snippet: snippets(iv.Description, q)}
		}
		return hits, next, nil
	}
	page, err := s.listStartups(ctx, viewer, Filter{Query: query}, after, want, listing{reuse: true})
	if err != nil {
		return nil, "", err
	}
	hits := make([]Hit, len(page.Items))
	for i, st := range page.Items {
		hits[i] = Hit{Type: kind, ID: st.ID, Title: st.Name, Snippet: snippets(st.Description, q)}
	}
	return hits, page.Next, nil
}

// searchInstitutions matches the institutions in memory: they are the
// signatories and a few partners, read in one small query, so they need no
// index that other capabilities' edits would have to keep in step.
func (s *Store) searchInstitutions(ctx context.Context, q search.Query, after string, want int) ([]Hit, string, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name_ko, name_zh, name_en, short_name FROM institutions ORDER BY id`)
	if err != nil {
		return nil, "", fmt.Errorf("search institutions: %w", err)
	}
	defer rows.Close()
	var list []Candidate
	for rows.Next() {
		var h Hit
		var short string
		if err := rows.Scan(&h.ID, &h.Title.Ko, &h.Title.Zh, &h.Title.En, &short); err != nil {
			return nil, "", err
		}
		list = append(list, NewCandidate(h, h.Title.All()+" "+short))
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	return matchCandidates(q, "institution", list, after, want)
}

// matchCandidates returns up to want of the candidates whose text holds
// every word of q, after the cursor (how many matches went before), and
// the cursor after them when more follow.
func matchCandidates(q search.Query, kind string, all []Candidate, after string, want int) ([]Hit, string, error) {
	skip := 0
	if after != "" {
		n, err := strconv.Atoi(after)
		if err != nil || n < 0 {
			return nil, "", errs.Field("cursor", "field.cursor", nil)
		}
		skip = n
	}
	var hits []Hit
	for _, c := range all {
		if q.MatchesWords(c.words) {
			c.Hit.Type = kind
			hits = append(hits, c.Hit)
		}
	}
	if skip >= len(hits) {
		return nil, "", nil
	}
	hits = hits[skip:]
	if len(hits) > want {
		return hits[:want], strconv.Itoa(skip + want), nil
	}
	return hits, "", nil
}

func snippets(t text.Text, q search.Query) text.Text {
	return text.Text{Ko: search.Snippet(t.Ko, q, SnippetRunes), Zh: search.Snippet(t.Zh, q, SnippetRunes), En: search.Snippet(t.En, q, SnippetRunes)}
}

func contains(list []string, s string) bool { return indexOf(list, s) >= 0 }

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
