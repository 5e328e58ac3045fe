package directory_test

import (
	"errors"
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

func TestBatchIsStoredWholeOrNotAtAll(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		good := func(name, brn string) directory.StartupInput {
			in := valid()
			in.Name = text.Text{En: name}
			in.KRBizNumber = brn
			return in
		}
		bad := good("Broken", "")
		bad.Stage = "unicorn"
		batch := []directory.StartupInput{good("One", "1248100998"), bad, good("Three", "124-81-00998")}
		_, err := f.store.InsertStartups(t.Context(), f.staff.ID, batch)
		var be *directory.ErrBatchInvalid
		if !errors.As(err, &be) || len(be.Problems) != 2 || be.Problems[0].Row != 2 || be.Problems[1].Row != 3 ||
			be.Problems[1].Fields[0].Key != "directory.field.duplicate_in_file" {
			t.Fatalf("err = %v (%+v)", err, be)
		}
		page, _ := f.store.ListStartups(t.Context(), nil, directory.Filter{}, "", 10)
		if len(page.Items) != 0 {
			t.Errorf("stored %d start-ups of a refused batch", len(page.Items))
		}
		ids, err := f.store.InsertStartups(t.Context(), f.staff.ID, []directory.StartupInput{good("One", ""), good("Two", "")})
		if err != nil || len(ids) != 2 {
			t.Fatalf("ids %v, %v", ids, err)
		}
		// Single creates after a batch get fresh ids on both engines, and the batch is searchable.
		st := f.startup(t, good("Four", ""))
		if st.ID <= ids[1] {
			t.Errorf("id %d after batch %v", st.ID, ids)
		}
		page, _ = f.store.ListStartups(t.Context(), nil, directory.Filter{Query: "two"}, "", 10)
		if len(page.Items) != 1 || page.Items[0].ID != ids[1] || len(page.Items[0].Sectors) != 2 {
			t.Errorf("search after batch: %+v", page.Items)
		}
	})
}
