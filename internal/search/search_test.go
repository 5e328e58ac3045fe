package search_test

import (
	"strings"
	"testing"

	"startbridge/internal/search"
)

func TestTokensSplitCJKIntoBigramsAndCharacters(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"西湖区", "西湖 西 湖区 湖 区"},
		{"杭", "杭"},
		{"핀테크", "핀테 핀 테크 테 크"},
		{"AI기업 Robotics", "ai 기업 기 업 robotics"},
		{"Café É-commerce 2021", "cafe e commerce 2021"},
		{"ＡＩ　ＬＡＢ", "ai lab"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(search.Tokens(tt.in), " "); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseBuildsRequiredTerms(t *testing.T) {
	tests := []struct {
		in, fts, ts string
	}{
		{"杭州", `"杭州"`, `'杭州'`},
		{"人工智能", `"人工" AND "工智" AND "智能"`, `'人工' & '工智' & '智能'`},
		{"杭", `"杭"`, `'杭'`},
		{"바이오", `"바이" AND "이오"`, `'바이' & '이오'`},
		{"Bio", `"bio"`, `'bio'`},
		{"ai 杭州", `"ai" AND "杭州"`, `'ai' & '杭州'`},
		{`x" OR NEAR(a b) '--`, `"x" AND "or" AND "near" AND "a" AND "b"`, `'x' & 'or' & 'near' & 'a' & 'b'`},
		{"the the the", `"the"`, `'the'`},
	}
	for _, tt := range tests {
		q := search.Parse(tt.in)
		if got := q.FTS5(); got != tt.fts {
			t.Errorf("Parse(%q).FTS5() = %s, want %s", tt.in, got, tt.fts)
		}
		if got := q.TSQuery(); got != tt.ts {
			t.Errorf("Parse(%q).TSQuery() = %s, want %s", tt.in, got, tt.ts)
		}
	}
	m := search.NameMark
	if got := search.Parse("西湖 AI").Names().FTS5(); got != `"`+m+`西湖" AND "`+m+`ai"` {
		t.Errorf("names: %s", got)
	}
	if !search.Parse(" !? ").Empty() {
		t.Error("punctuation alone is a query")
	}
	if n := len(search.Parse("a b c d e f g h i j k l m n o p q r s").Terms); n != search.MaxTerms {
		t.Errorf("%d terms, want at most %d", n, search.MaxTerms)
	}
}

func TestMatchesAgreesWithTheIndexRule(t *testing.T) {
	doc := "杭州西湖人工智能研究院 Hangzhou West Lake AI Institute"
	for q, want := range map[string]bool{
		"西湖": true, "湖": true, "人工智能": true, "智能研究": true, "hangzhou": true, "HANGZHOU": true,
		"上海": false, "智人": false, "lake ai": true, "lak": false, "lake robotics": false,
	} {
		if got := search.Parse(q).Matches(doc); got != want {
			t.Errorf("Parse(%q).Matches = %v, want %v", q, got, want)
		}
	}
}

func TestNamesAreIndexedTwice(t *testing.T) {
	m := search.NameMark
	doc := search.NameDocument("西湖 Bio")
	if doc != "西湖 西 湖 bio "+m+"西湖 "+m+"西 "+m+"湖 "+m+"bio" {
		t.Errorf("NameDocument = %q", doc)
	}
	if got := search.TSVector(doc, search.Document("bio 杭")); got != `'西湖' '西' '湖' 'bio' '`+m+`西湖' '`+m+`西' '`+m+`湖' '`+m+`bio' '杭'` {
		t.Errorf("TSVector = %s", got)
	}
}

func TestFiltersAreTermsNoUserQueryCanWrite(t *testing.T) {
	m := search.FilterMark
	if got := search.FilterToken("t", "pre_seed"); got != m+"tpre"+m+"seed" {
		t.Errorf("FilterToken = %q", got)
	}
	q := search.Parse("西湖 AI").And(search.FilterToken("r", "hangzhou"))
	if got := q.FTS5(); got != `"西湖" AND "ai" AND "`+m+`rhangzhou"` {
		t.Errorf("FTS5 = %s", got)
	}
	if words := []int{q.Terms[0].Word, q.Terms[1].Word, q.Terms[2].Word}; words[2] <= words[1] {
		t.Errorf("the filter shares a word with the query: %v", words)
	}
	// Typing the mark gives no term: it separates words like punctuation.
	if got := search.Parse(m + "rhangzhou").Terms; len(got) != 1 || got[0].Text != "rhangzhou" {
		t.Errorf("a typed filter token became %v", got)
	}
}

func TestSnippetShowsTheMatch(t *testing.T) {
	text := strings.Repeat("가", 50) + " 바이오 " + strings.Repeat("나", 50)
	s := search.Snippet(text, search.Parse("바이오"), 20)
	if !strings.Contains(s, "바이오") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet %q", s)
	}
	if s := search.Snippet("short", search.Parse("x"), 20); s != "short" {
		t.Errorf("short snippet %q", s)
	}
}

func TestFTS5TermsAreQuotedOneByOne(t *testing.T) {
	got := search.Query{}.And(`a"b`, "c").FTS5Terms()
	if len(got) != 2 || got[0] != `"a""b"` || got[1] != `"c"` {
		t.Errorf("FTS5Terms = %q", got)
	}
}
