package directory_test

import (
	"fmt"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
)

// countedFacets computes the facets of the whole directory from its items,
// the slow way the triggers' counts must agree with.
func countedFacets(items []*directory.Startup) directory.Facets {
	f := directory.Facets{Region: map[string]int{}, Sector: map[string]int{}, Stage: map[string]int{}}
	for _, st := range items {
		f.Region[st.Region]++
		f.Stage[string(st.Stage)]++
		for _, s := range st.Sectors {
			f.Sector[s]++
		}
	}
	return f
}

func TestFacetCountsFollowEveryChange(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		page, _ := f.store.ListStartups(t.Context(), f.staff, directory.Filter{}, "", 100)
		// Move one start-up to another region, stage, sector set and visibility.
		st := page.Items[0]
		in := st.Input()
		in.Region, in.Stage, in.Sectors, in.Visibility = "hangzhou", "growth", []string{"content", "ai", "bio"}, directory.PartnersOnly
		if _, err := f.store.UpdateStartup(t.Context(), f.staff, st.ID, st.Version, in); err != nil {
			t.Fatal(err)
		}
		// And one only its sectors.
		st = page.Items[1]
		in = st.Input()
		in.Sectors = nil
		if _, err := f.store.UpdateStartup(t.Context(), f.staff, st.ID, st.Version, in); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(t.Context(), `DELETE FROM startups WHERE id = ?`, page.Items[2].ID); err != nil {
			t.Fatal(err)
		}
		for _, viewer := range []*auth.User{nil, f.staff} {
			all, err := f.store.ListStartups(t.Context(), viewer, directory.Filter{}, "", 100)
			if err != nil {
				t.Fatal(err)
			}
			want := countedFacets(all.Items)
			if fmt.Sprint(all.Facets) != fmt.Sprint(want) {
				t.Errorf("viewer %v: facets %v, want %v", viewer != nil, all.Facets, want)
			}
		}
	})
}
