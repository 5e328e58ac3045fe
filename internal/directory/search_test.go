package directory_test

import (
	"fmt"
	"slices"
	"testing"

	"startbridge/internal/auth"
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
			{"PAYMENTS", []string{"Suwon Fintech"}},
			{"payment", nil},
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
		// "lake" is in the name of West Lake AI and only in the description of a newer start-up.
		in := valid()
		in.Name = text.Text{En: "Lakeside Bio"}
		in.Description = text.Text{En: "Near the lake"}
		f.startup(t, in)
		page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "Lake"}, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(page.Items); !slices.Equal(got, []string{"West Lake AI", "Lakeside Bio"}) {
			t.Errorf("ranking for lake = %v, want the name match first", got)
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

func TestSearchPagesThroughBothTiers(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		var want []string
		for i := range 9 {
			in := valid()
			in.Name = text.Text{En: fmt.Sprintf("Company %d", i)}
			if i%3 == 0 {
				in.Name.En = fmt.Sprintf("Robot %d", i)
			}
			in.Description = text.Text{En: "robot arms"}
			f.startup(t, in)
		}
		// Name matches first, newest first; then the others, newest first.
		want = []string{"Robot 6", "Robot 3", "Robot 0", "Company 8", "Company 7", "Company 5", "Company 4", "Company 2", "Company 1"}
		if db.Dialect() == database.Postgres {
			// With statistics and a low bar, the same pages come from walking
			// the ids backwards instead of reading every match first.
			if _, err := db.Exec(t.Context(), `ANALYZE startup_search`); err != nil {
				t.Fatal(err)
			}
			f.store.SetBroadRows(1)
		}
		spans := []int64{0}
		if db.Dialect() == database.Postgres {
			// A span of 2 ids makes every walk find too few and read the
			// matches from the index instead: the same pages either way.
			spans = append(spans, 2)
		}
		for _, run := range []struct {
			window int
			span   int64
		}{{3, 0}, {1000, 0}, {3, spans[len(spans)-1]}, {1000, spans[len(spans)-1]}} {
			window := run.window
			f.store.SetWalkSpan(run.span)
			f.store.SetSearchWindow(window)
			var seen []string
			after := ""
			for range 10 {
				page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "robot"}, after, 2)
				if err != nil {
					t.Fatal(err)
				}
				if partial := window == 3; page.FacetsPartial != partial {
					t.Errorf("window %d: partial facets %v", window, page.FacetsPartial)
				}
				seen = append(seen, names(page.Items)...)
				if after = page.Next; after == "" {
					break
				}
			}
			if !slices.Equal(seen, want) {
				t.Errorf("window %d: paged through %v, want %v", window, seen, want)
			}
		}
	})
}

func TestSearchFiltersAgreeWithTheProfiles(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		stages := []directory.Stage{directory.StagePreSeed, directory.StageSeriesBPlus, directory.StageSeed}
		sectors := [][]string{{"bio"}, {"ai", "bio"}, {"fintech"}}
		for i := range 18 {
			in := valid()
			in.Name = text.Text{Ko: fmt.Sprintf("바이오%d", i), En: fmt.Sprintf("Bio %d", i)}
			in.Region = []string{"gyeonggi", "hangzhou"}[i%2]
			in.Stage, in.Sectors = stages[i%3], sectors[(i/3)%3]
			if i%5 == 0 {
				in.Visibility = directory.PartnersOnly
			}
			f.startup(t, in)
		}
		if db.Dialect() == database.Postgres {
			// Walk the ids backwards, through a span too short for most
			// filters, so both ways of reading matches are compared.
			if _, err := db.Exec(t.Context(), `ANALYZE startup_search`); err != nil {
				t.Fatal(err)
			}
			f.store.SetBroadRows(1)
			f.store.SetWalkSpan(4)
		}
		for _, viewer := range []*auth.User{nil, f.staff} {
			all := mustList(t, f.store, viewer, directory.Filter{Query: "바이오"})
			for _, region := range []string{"", "gyeonggi"} {
				for _, stage := range []directory.Stage{"", directory.StagePreSeed, directory.StageSeriesBPlus} {
					for _, sector := range []string{"", "ai", "bio"} {
						filter := directory.Filter{Query: "바이오", Region: region, Stage: stage, Sector: sector}
						var want []string
						for _, st := range all {
							if (region == "" || st.Region == region) && (stage == "" || st.Stage == stage) && (sector == "" || st.HasSector(sector)) {
								want = append(want, st.Name.En)
							}
						}
						if got := names(mustList(t, f.store, viewer, filter)); !slices.Equal(got, want) {
							t.Errorf("viewer %v, %+v: %v, want %v", viewer != nil, filter, got, want)
						}
					}
				}
			}
		}
	})
}
