package demo_test

import (
	"context"
	"io"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/demo"
	"startbridge/internal/partner"
)

// At a small scale the generated resources, bookings and contest keep the
// rules the stores enforce: no instant above a room's capacity, every
// application judged by three judges of both sides, none in conflict, and
// results computed from every submitted review.
func TestScaleSitesKeepsTheStoresRules(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		if _, err := partner.SeedFounding(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Seed(ctx, db); err != nil {
			t.Fatal(err)
		}
		const n = 1000
		if err := demo.ScaleDirectory(ctx, db, n, io.Discard); err != nil {
			t.Fatal(err)
		}
		if err := demo.ScaleSites(ctx, db, n, io.Discard); err != nil {
			t.Fatal(err)
		}

		var resources, bookings int
		if err := db.QueryRow(ctx, `SELECT COUNT(DISTINCT resource_id), COUNT(*) FROM bookings WHERE resource_id IN
			(SELECT r.id FROM resources r JOIN basepoints b ON b.id = r.basepoint_id WHERE b.name_en LIKE '% base point %')`).Scan(&resources, &bookings); err != nil {
			t.Fatal(err)
		}
		if resources != n/100 || bookings != resources*1000 {
			t.Errorf("%d resources with %d bookings, want %d with %d", resources, bookings, n/100, n/100*1000)
		}
		// Bookings of one room never overlap, so no instant exceeds capacity.
		var overlaps int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND a.id < b.id
			AND a.start_at < b.end_at AND b.start_at < a.end_at`).Scan(&overlaps); err != nil {
			t.Fatal(err)
		}
		if overlaps != 0 {
			t.Errorf("%d overlapping bookings", overlaps)
		}
		var future, pastHeld int
		now := time.Now().UTC()
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM bookings WHERE start_at > ? AND status IN ('confirmed', 'pending')`, now).Scan(&future); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM bookings WHERE end_at < ? AND status IN ('confirmed', 'pending')`, now).Scan(&pastHeld); err != nil {
			t.Fatal(err)
		}
		if future == 0 || pastHeld != 0 {
			t.Errorf("%d bookings ahead, %d past bookings still held", future, pastHeld)
		}

		staff, err := auth.NewService(db).UserByEmail(ctx, "staff.gbsa@demo.startbridge.kr")
		if err != nil {
			t.Fatal(err)
		}
		store := contest.NewStore(db)
		list, err := store.List(ctx)
		if err != nil || len(list) != 2 {
			t.Fatalf("contests = %d (%v), want the demo one and the scale one", len(list), err)
		}
		var scaled *contest.Contest
		for _, c := range list {
			if c.Name.En == "Open Innovation Challenge (scale data)" {
				scaled = c
			}
		}
		if scaled == nil {
			t.Fatal("no scale contest")
		}
		res, err := store.Results(ctx, staff, scaled.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Items) != n/10 || len(res.Judges) == 0 {
			t.Fatalf("results: %d items, %d judges; want %d items", len(res.Items), len(res.Judges), n/10)
		}
		for _, it := range res.Items {
			if it.Reviews != 3 {
				t.Fatalf("application %d has %d reviews, want 3", it.Application, it.Reviews)
			}
		}
		var conflicted, oneSided int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM contest_reviews r JOIN contest_applications a ON a.id = r.application_id
			JOIN contest_conflicts c ON c.contest_id = a.contest_id AND c.judge_user_id = r.judge_user_id AND c.startup_id = a.startup_id
			WHERE a.contest_id = ?`, scaled.ID).Scan(&conflicted); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT r.application_id FROM contest_reviews r
			JOIN contest_judges j ON j.user_id = r.judge_user_id AND j.contest_id = ?
			JOIN contest_applications a ON a.id = r.application_id AND a.contest_id = j.contest_id
			GROUP BY r.application_id HAVING COUNT(DISTINCT j.region_code) < 2) x`, scaled.ID).Scan(&oneSided); err != nil {
			t.Fatal(err)
		}
		if conflicted != 0 || oneSided != 0 {
			t.Errorf("%d reviews in conflict, %d applications judged from one side", conflicted, oneSided)
		}
	})
}
