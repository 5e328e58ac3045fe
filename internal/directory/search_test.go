package directory_test

import (
	"fmt"
	"slices"
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

// corpus is a small directory in three languages.
var corpus = []directory.StartupInput{
	{Name: text.Text{Zh: "杭州西湖智能科技有限公司", En: "West Lake AI"}, Region: "hangzhou", City: "杭州", Stage: "seed",
		Sectors: []string{"ai"}, Description: text.Text{Zh: "我们在西湖区研发人工智能视觉系统。"}},
	{Name: text.Text{Ko: "판교바이오랩", En: "Pangyo BioLab"}, Region: "gyeonggi", City: "성남", Stage: "series_a",
		Sectors: []string{"bio"}, Description: text.Text{Ko: "바이오 의약품 후보물질을 발굴하는 스타트업입니다."}},
	{Name: text.Text{Ko: "수원핀테크", En: "Suwon Fintech"}, Region: "gyeonggi", City: "수원", Stage: "seed",
		Sectors: []string{"fintech"}, Description: text.Text{Ko: "중소기업을 위한 핀테크스타트업", En: "Payments for small businesses"}},
	{Name: text.Text{Zh: "钱塘物流", En: "Qiantang Logistics"}, Region: "hangzhou", City: "Hangzhou", Stage: "growth",
		Sectors: []string{"logistics", "ai"}, Description: text.Text{Zh: "用人工智能优化杭州的城市配送。"}},
	{Name: text.Text{En: "ROBOTICS Works"}, Region: "gyeonggi", City: "Ansan", Stage: "idea",
		Sectors: []string{"robotics"}, Description: text.Text{En: "Collaborative robots for smart factories; we mention biotech once."}},
}

func names(items []*directory.Startup) []string {
	var out []string
	for _, st := range items {
		out = append(out, st.Name.In("en"))
	}
	return out
}

func seedCorpus(t *testing.T, f *fixture) {
	t.Helper()
	for _, in := range corpus {
		f.startup(t, in)
	}
}

func TestSearchFindsShortKoreanAndChineseWords(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		tests := []struct {
			q    string
			want []string
		}{
			// 杭州 is in two texts and in the region tag of both Hangzhou start-ups.
			{"杭州", []string{"West Lake AI", "Qiantang Logistics"}},
			{"西湖", []string{"West Lake AI"}},
			{"바이오", []string{"Pangyo BioLab"}},
			{"핀테크", []string{"Suwon Fintech"}},
			{"人工智能", []string{"West Lake AI", "Qiantang Logistics"}},
			{"湖", []string{"West Lake AI"}},
			{"robotics", []string{"ROBOTICS Works"}},
			{"Robotics WORKS", []string{"ROBOTICS Works"}},
			{"pangyo biolab", []string{"Pangyo BioLab"}},
			{"payment", []string{"Suwon Fintech"}},
			{"上海", nil},
			// Sector labels in every language find the start-ups of the sector.
			{"물류", []string{"Qiantang Logistics"}},
			{"Fintech", []string{"Suwon Fintech"}},
		}
		for _, tt := range tests {
			page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: tt.q}, "", 10)
			if err != nil {
				t.Fatalf("%s: %v", tt.q, err)
			}
			got := names(page.Items)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("search %q = %v, want %v", tt.q, got, want)
			}
		}
	})
}

func TestSearchRanksNameMatchesFirst(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		// "bio" is the name of Pangyo BioLab and a passing word (biotech) in ROBOTICS Works, created later.
		page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "bio"}, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(page.Items); len(got) != 2 || got[0] != "Pangyo BioLab" {
			t.Errorf("ranking for bio = %v, want Pangyo BioLab first", got)
		}
	})
}

func TestSearchFacetsAndFilters(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "人工智能", Stage: "seed"}, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(page.Items); !slices.Equal(got, []string{"West Lake AI"}) {
			t.Errorf("filtered search = %v", got)
		}
		// The stage facet ignores the stage filter; the others apply it.
		want := directory.Facets{
			Region: map[string]int{"hangzhou": 1},
			Stage:  map[string]int{"seed": 1, "growth": 1},
			Sector: map[string]int{"ai": 1},
		}
		if fmt.Sprint(page.Facets) != fmt.Sprint(want) || page.FacetsPartial {
			t.Errorf("facets = %v (partial %v), want %v", page.Facets, page.FacetsPartial, want)
		}
		// Without a query: the whole directory, the same way.
		page, err = f.store.ListStartups(t.Context(), nil, directory.Filter{Region: "gyeonggi"}, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		want = directory.Facets{
			Region: map[string]int{"hangzhou": 2, "gyeonggi": 3},
			Stage:  map[string]int{"seed": 1, "series_a": 1, "idea": 1},
			Sector: map[string]int{"bio": 1, "fintech": 1, "robotics": 1},
		}
		if len(page.Items) != 3 || fmt.Sprint(page.Facets) != fmt.Sprint(want) {
			t.Errorf("browse = %v, facets %v, want %v", names(page.Items), page.Facets, want)
		}
	})
}

func TestSearchPagesThroughRankedAndOlderMatches(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		for i := range 9 {
			in := valid()
			in.Name = text.Text{En: fmt.Sprintf("Hangzhou Robot %d", i)}
			if i%3 == 0 {
				in.Description = text.Text{En: "robot robot robot"}
			}
			f.startup(t, in)
		}
		for _, window := range []int{3, 1000} {
			f.store.SetSearchWindow(window)
			var seen []string
			after := ""
			for range 10 {
				page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "robot"}, after, 2)
				if err != nil {
					t.Fatal(err)
				}
				if window == 3 != page.FacetsPartial {
					t.Errorf("window %d: partial facets %v", window, page.FacetsPartial)
				}
				seen = append(seen, names(page.Items)...)
				if after = page.Next; after == "" {
					break
				}
			}
			slices.Sort(seen)
			if len(seen) != 9 || slices.Compact(slices.Clone(seen)) == nil || len(slices.Compact(seen)) != 9 {
				t.Errorf("window %d: paged through %v, want 9 distinct", window, seen)
			}
		}
	})
}
