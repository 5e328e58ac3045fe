package audit_test

import (
	"context"
	"testing"
	"time"

	"startbridge/internal/audit"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
)

func TestPageFiltersAndPagesNewestFirst(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		for i, action := range []string{"consent.change", "user.create", "consent.change", "score.submit"} {
			if err := audit.Record(ctx, db, 0, action, "user", int64(i+1), map[string]int{"n": i}); err != nil {
				t.Fatal(err)
			}
		}
		all, err := audit.Page(ctx, db, audit.Filter{}, 0, 10)
		if err != nil || len(all) != 4 || all[0].Action != "score.submit" {
			t.Fatalf("all = %+v, %v", all, err)
		}
		consent, _ := audit.Page(ctx, db, audit.Filter{Action: "consent."}, 0, 10)
		if len(consent) != 2 {
			t.Errorf("consent. prefix found %d entries, want 2", len(consent))
		}
		exact, _ := audit.Page(ctx, db, audit.Filter{Action: "user.create"}, 0, 10)
		if len(exact) != 1 || string(exact[0].Detail) != `{"n":1}` {
			t.Errorf("user.create = %+v", exact)
		}
		older, _ := audit.Page(ctx, db, audit.Filter{}, all[1].ID, 10)
		if len(older) != 2 || older[0].ID != all[2].ID {
			t.Errorf("page after %d = %+v", all[1].ID, older)
		}
		future, _ := audit.Page(ctx, db, audit.Filter{Since: time.Now().Add(time.Hour)}, 0, 10)
		if len(future) != 0 {
			t.Errorf("since an hour ahead found %d", len(future))
		}
	})
}
