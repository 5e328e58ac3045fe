package contest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
)

// BenchmarkStoreAssign10000 times Store.Assign end to end on SQLite for
// 10,000 submitted applications, 300 judges from two sides, k = 3 and 2%
// declared conflicts: load, solve with internal/assign, write 30,000
// reviews. Each run starts from no reviews.
func BenchmarkStoreAssign10000(b *testing.B) {
	ctx := context.Background()
	db := dbtest.SQLite(b)
	admin := &auth.User{ID: 1, Roles: []auth.Membership{{Role: auth.RoleAdmin}}}
	const apps, judges = 10_000, 300
	sectors := []string{"ai", "bio", "fintech", "ecommerce", "mobility", "robotics"}
	now := time.Now()
	err := db.InTx(ctx, func(tx *database.Tx) error {
		exec := func(q string, args ...any) {
			if _, err := tx.Exec(ctx, q, args...); err != nil {
				b.Fatal(err)
			}
		}
		exec(`INSERT INTO regions (code, country, time_zone, currency, language) VALUES ('gyeonggi', 'KR', 'Asia/Seoul', 'KRW', 'ko'), ('hangzhou', 'CN', 'Asia/Shanghai', 'CNY', 'zh')`)
		exec(`INSERT INTO contests (id, name_en, deadline, time_zone, created_at) VALUES (1, 'Bench', ?, 'Asia/Seoul', ?)`, now, now)
		exec(`INSERT INTO contest_rounds (id, contest_id, number, name_en, k, normalization) VALUES (1, 1, 1, 'R', 3, 'zscore')`)
		exec(`INSERT INTO users (id, email, name, password_hash, language, time_zone, consent_at, created_at, updated_at) VALUES (1, 'a@b.c', 'A', '', 'en', 'UTC', ?, ?, ?)`, now, now, now)
		for j := 2; j <= judges+1; j++ {
			region, lang := "gyeonggi", "ko"
			if j%2 == 0 {
				region, lang = "hangzhou", "zh"
			}
			exec(`INSERT INTO users (id, email, name, password_hash, language, time_zone, consent_at, created_at, updated_at) VALUES (?, ?, 'J', '', 'en', 'UTC', ?, ?, ?)`, j, fmt.Sprintf("j%d@b.c", j), now, now, now)
			exec(`INSERT INTO contest_judges (contest_id, user_id, region_code, sectors, languages, created_at) VALUES (1, ?, ?, ?, ?, ?)`, j, region, sectors[j%len(sectors)]+","+sectors[(j+1)%len(sectors)], lang+",en", now)
		}
		for a := 1; a <= apps; a++ {
			region, lang := "gyeonggi", "ko"
			if a%2 == 0 {
				region, lang = "hangzhou", "zh"
			}
			exec(`INSERT INTO startups (id, name_en, region_code, stage, created_at, updated_at) VALUES (?, 'S', ?, 'seed', ?, ?)`, a, region, now, now)
			exec(`INSERT INTO startup_sectors (startup_id, sector_code) VALUES (?, ?)`, a, sectors[a%len(sectors)])
			exec(`INSERT INTO contest_applications (id, contest_id, startup_id, status, languages, created_at, updated_at, submitted_at) VALUES (?, 1, ?, 'submitted', ?, ?, ?, ?)`, a, a, lang, now, now, now)
			// 2% of pairs: each application conflicts with 6 of the 300 judges.
			for c := range 6 {
				exec(`INSERT INTO contest_conflicts (contest_id, judge_user_id, startup_id, created_at) VALUES (1, ?, ?, ?)`, 2+(a*7+c*53)%judges, a, now)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	store := NewStore(db)
	cpu := time.Duration(0)
	for b.Loop() {
		b.StopTimer()
		if _, err := db.Exec(ctx, `DELETE FROM contest_reviews`); err != nil {
			b.Fatal(err)
		}
		start := cpuTime()
		b.StartTimer()
		out, err := store.Assign(ctx, admin, 1, 1)
		if err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		if len(out.Assignments) != apps*3 || len(out.UnderAssigned) != 0 {
			b.Fatalf("%d assignments, %d under-assigned", len(out.Assignments), len(out.UnderAssigned))
		}
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
