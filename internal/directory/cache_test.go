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

// reads are the lists and searches the cache tests repeat: a plain list,
// filtered lists and searches, whose answers the cache keeps.
var reads = []directory.Filter{
	{},
	{Region: "gyeonggi"},
	{Query: "바이오"},
	{Query: "바이오", Region: "gyeonggi"},
	{Query: "로봇"},
	{Sector: "bio"},
}

// answer is what a viewer is told for a read, written out for comparing.
func answer(t *testing.T, s *directory.Store, viewer *auth.User, f directory.Filter) string {
	t.Helper()
	page, err := s.ListStartups(t.Context(), viewer, f, "", 10)
	if err != nil {
		t.Fatalf("%+v: %v", f, err)
	}
	return fmt.Sprintf("%v %v %v", names(page.Items), page.Facets, page.FacetsPartial)
}

func TestEditIsSeenAtOnceThroughEveryServersCache(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		// A second server on the same database, with its own cache.
		other := directory.NewStore(db)
		stores := []*directory.Store{f.store, other}
		for _, s := range stores {
			for _, r := range reads {
				answer(t, s, nil, r)
			}
		}
		before := other.CacheStats()
		for _, r := range reads {
			answer(t, other, nil, r)
		}
		if got := other.CacheStats(); got.Hits < before.Hits+int64(len(reads)) {
			t.Fatalf("a read repeated with nothing changed was not answered from the cache: %+v then %+v", before, got)
		}

		// One server edits 판교바이오랩 into a Hangzhou robot maker; both
		// answer every read as a store without a cache would.
		page, err := f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "판교바이오랩"}, "", 1)
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("find the start-up: %v %v", page, err)
		}
		st := page.Items[0]
		in := st.Input()
		in.Name = text.Text{Ko: "판교로봇", En: "Pangyo Robots"}
		in.Description = text.Text{Ko: "협동로봇을 만듭니다."}
		in.Region, in.Sectors = "hangzhou", []string{"robotics"}
		if _, err := f.store.UpdateStartup(t.Context(), f.staff, st.ID, st.Version, in); err != nil {
			t.Fatal(err)
		}
		added := valid()
		added.Name = text.Text{Ko: "광교바이오", En: "Gwanggyo Bio"}
		added.Region = "gyeonggi"
		if _, err := other.CreateStartup(t.Context(), f.staff, added); err != nil {
			t.Fatal(err)
		}
		fresh := directory.NewStore(db)
		fresh.LimitCache(0)
		for _, r := range reads {
			want := answer(t, fresh, nil, r)
			for i, s := range stores {
				if got := answer(t, s, nil, r); got != want {
					t.Errorf("server %d, %+v after the edit: %s, want %s", i, r, got, want)
				}
			}
		}
		if !containsName(t, other, "로봇", "Pangyo Robots") || containsName(t, other, "바이오", "Pangyo BioLab") {
			t.Error("the other server does not search the edited profile by its new words only")
		}
	})
}

func containsName(t *testing.T, s *directory.Store, query, name string) bool {
	t.Helper()
	page, err := s.ListStartups(t.Context(), nil, directory.Filter{Query: query}, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(names(page.Items), name)
}

func TestPartnersOnlyProfilesNeverReachVisitorsThroughTheCache(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		hidden := valid()
		hidden.Name = text.Text{Ko: "비공개바이오", En: "Hidden Bio"}
		hidden.Region = "gyeonggi"
		hidden.Description = text.Text{Ko: "바이오 신약"}
		hidden.Visibility = directory.PartnersOnly
		f.startup(t, hidden)
		// Staff see it, and their answers are cached first.
		for _, r := range reads {
			answer(t, f.store, f.staff, r)
		}
		if !slices.Contains(names(mustList(t, f.store, f.staff, directory.Filter{Query: "바이오"})), "Hidden Bio") {
			t.Fatal("staff do not find the partners-only profile")
		}
		uncached := directory.NewStore(db)
		uncached.LimitCache(0)
		for _, r := range reads {
			got, want := answer(t, f.store, nil, r), answer(t, uncached, nil, r)
			if got != want {
				t.Errorf("visitor, %+v: %s, want %s", r, got, want)
			}
			for _, st := range mustList(t, f.store, nil, r) {
				if st.Visibility != directory.Public {
					t.Errorf("visitor, %+v: shown %s, which is for partners only", r, st.Name.En)
				}
			}
		}

		// A public profile a visitor has seen, made partners-only: gone at
		// once for visitors, still there for staff.
		page := mustList(t, f.store, nil, directory.Filter{Query: "핀테크"})
		if len(page) != 1 {
			t.Fatalf("핀테크: %v", names(page))
		}
		in := page[0].Input()
		in.Visibility = directory.PartnersOnly
		if _, err := f.store.UpdateStartup(t.Context(), f.staff, page[0].ID, page[0].Version, in); err != nil {
			t.Fatal(err)
		}
		if got := mustList(t, f.store, nil, directory.Filter{Query: "핀테크"}); len(got) != 0 {
			t.Errorf("visitor still finds %v after it became partners-only", names(got))
		}
		if got := mustList(t, f.store, f.staff, directory.Filter{Query: "핀테크"}); len(got) != 1 {
			t.Errorf("staff find %v, want the partners-only profile", names(got))
		}
	})
}

func mustList(t *testing.T, s *directory.Store, viewer *auth.User, f directory.Filter) []*directory.Startup {
	t.Helper()
	page, err := s.ListStartups(t.Context(), viewer, f, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}
