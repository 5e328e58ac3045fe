package partner_test

import (
	"context"
	"errors"
	"testing"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
	"startbridge/internal/partner"
)

func TestSeedFoundingCreatesTheAgreementOnce(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		n, err := partner.SeedFounding(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if n != 9 {
			t.Errorf("first seed created %d rows, want 9 (2 regions, 7 institutions)", n)
		}
		if n, err = partner.SeedFounding(ctx, db); err != nil || n != 0 {
			t.Errorf("second seed created %d, %v; want 0", n, err)
		}
		s := partner.NewStore(db)
		regions, err := s.Regions(ctx)
		if err != nil || len(regions) != 2 || regions[0].Code != "gyeonggi" || regions[1].TimeZone != "Asia/Shanghai" {
			t.Errorf("regions = %+v, %v", regions, err)
		}
		all, err := s.InstitutionPage(ctx, "", 0, 50)
		if err != nil || len(all) != 7 {
			t.Fatalf("institutions = %d, %v; want 7", len(all), err)
		}
		for _, in := range all {
			if in.Name.Ko == "" || in.Name.Zh == "" || in.Name.En == "" {
				t.Errorf("institution %s lacks a name in some language: %+v", in.Slug, in.Name)
			}
		}
		hz, _ := s.InstitutionPage(ctx, "hangzhou", 0, 50)
		if len(hz) != 3 {
			t.Errorf("hangzhou institutions = %d, want 3", len(hz))
		}
		if _, err := s.Institution(ctx, 9999); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("unknown institution: err = %v, want ErrNotFound", err)
		}
	})
}
