package contest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/text"
)

// BenchmarkRoundResultsFromStore times Results end to end on SQLite: load
// 30,000 submitted reviews with 4 scores each, compute raw totals, z-scores
// and the ranking.
func BenchmarkRoundResultsFromStore(b *testing.B) {
	ctx := context.Background()
	db := dbtest.SQLite(b)
	admin := &auth.User{ID: 1, Roles: []auth.Membership{{Role: auth.RoleAdmin}}}
	const apps, judges, k, criteria = 10_000, 300, 3, 4
	now := time.Now()
	var roundID int64
	var crit [criteria]int64
	err := db.InTx(ctx, func(tx *database.Tx) error {
		exec := func(q string, args ...any) {
			if _, err := tx.Exec(ctx, q, args...); err != nil {
				b.Fatal(err)
			}
		}
		exec(`INSERT INTO regions (code, country, time_zone, currency, language) VALUES ('gyeonggi', 'KR', 'Asia/Seoul', 'KRW', 'ko')`)
		exec(`INSERT INTO users (id, email, name, password_hash, language, time_zone, consent_at, created_at, updated_at) VALUES (1, 'a@b.c', 'A', '', 'en', 'UTC', ?, ?, ?)`, now, now, now)
		for j := 2; j <= judges+1; j++ {
			exec(`INSERT INTO users (id, email, name, password_hash, language, time_zone, consent_at, created_at, updated_at) VALUES (?, ?, 'J', '', 'en', 'UTC', ?, ?, ?)`, j, fmt.Sprintf("j%d@b.c", j), now, now, now)
		}
		exec(`INSERT INTO contests (id, name_en, deadline, time_zone, created_at) VALUES (1, 'Bench', ?, 'Asia/Seoul', ?)`, now, now)
		exec(`INSERT INTO contest_rounds (id, contest_id, number, name_en, k, normalization) VALUES (1, 1, 1, 'R', 3, 'zscore')`)
		roundID = 1
		for c := range criteria {
			crit[c] = int64(c + 1)
			exec(`INSERT INTO contest_criteria (id, round_id, position, name_en, weight, min_score, max_score) VALUES (?, 1, ?, 'C', ?, 1, 10)`, c+1, c, 10+c)
		}
		review := int64(0)
		for a := 1; a <= apps; a++ {
			exec(`INSERT INTO startups (id, name_en, region_code, stage, created_at, updated_at) VALUES (?, 'S', 'gyeonggi', 'seed', ?, ?)`, a, now, now)
			exec(`INSERT INTO contest_applications (id, contest_id, startup_id, status, created_at, updated_at, submitted_at) VALUES (?, 1, ?, 'submitted', ?, ?, ?)`, a, a, now, now, now)
			for i := range k {
				review++
				j := 2 + (a*k+i)%judges
				exec(`INSERT INTO contest_reviews (id, round_id, application_id, judge_user_id, status, created_at, updated_at, submitted_at) VALUES (?, 1, ?, ?, 'submitted', ?, ?, ?)`, review, a, j, now, now, now)
				for c := range criteria {
					exec(`INSERT INTO contest_scores (review_id, criterion_id, score) VALUES (?, ?, ?)`, review, c+1, 1+(a*7+j*3+c)%10)
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	// The summing path must see every review; then raw totals are kept on
	// the rows as SaveReview keeps them (their values do not matter here).
	c0, err := loadContest(ctx, db, 1)
	if err != nil {
		b.Fatal(err)
	}
	summed, err := summedReviews(ctx, db, &c0.Rounds[0])
	if err != nil {
		b.Fatal(err)
	}
	if len(summed) != apps*k {
		b.Fatalf("%d reviews", len(summed))
	}
	if _, err := db.Exec(ctx, `UPDATE contest_reviews SET raw_total = 100.0 * id / (id + 1)`); err != nil {
		b.Fatal(err)
	}
	_ = roundID
	c := &Contest{ID: 1, Name: text.Text{En: "Bench"}}
	if got, _ := loadContest(ctx, db, 1); got != nil {
		c = got
	}
	if !MayManage(admin, c) {
		b.Fatal("admin may not manage")
	}
	store := NewStore(db)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		res, err := store.Results(ctx, admin, 1, 1)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Items) != apps {
			b.Fatalf("%d items", len(res.Items))
		}
	}
	reportCPU(b, start)
}
