package directory_test

import (
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
)

func TestSearchIndexOfAnOlderFormatIsRebuiltOnFirstUse(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		// Lose the entries, as an older format would have them wrong, and say so.
		if _, err := db.Exec(t.Context(), `DELETE FROM startup_search`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(t.Context(), `UPDATE search_index_format SET format = 1`); err != nil {
			t.Fatal(err)
		}
		fresh := directory.NewStore(db)
		page, err := fresh.ListStartups(t.Context(), nil, directory.Filter{Query: "西湖"}, "", 10)
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("after rebuild: %v, %v", names(page.Items), err)
		}
		var format int
		db.QueryRow(t.Context(), `SELECT format FROM search_index_format`).Scan(&format)
		if format != directory.IndexFormat {
			t.Errorf("format %d, want %d", format, directory.IndexFormat)
		}
	})
}

func TestANewDatabaseIsInTheCurrentIndexFormat(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		// Profiles loaded in bulk before the first search are written in the
		// current format; they must not be rewritten at that search.
		var format int
		if err := db.QueryRow(t.Context(), `SELECT format FROM search_index_format`).Scan(&format); err != nil || format != directory.IndexFormat {
			t.Errorf("format %d (%v), want %d", format, err, directory.IndexFormat)
		}
	})
}
