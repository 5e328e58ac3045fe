package demo

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/contest"
	"startbridge/internal/database"
	"startbridge/internal/text"
)

// The rest of demo scale (SPEC §6) beside 100,000 start-ups: 1,000
// resources, 1,000,000 bookings and a contest round of 10,000 applications.
// Smaller scales get proportionally less, larger ones no more.
const (
	scaleStartupsPerResource   = 100
	scaleMaxResources          = 1000
	scaleResourcesPerBasePoint = 10
	scaleBookingsPerResource   = 1000
	scaleStartupsPerEntry      = 10
	scaleMaxEntries            = 10_000
	scaleJudges                = 300
	scaleConflictsPerEntry     = 6 // of 300 judges: 2% of the pairs
	scaleRowsPerStatement      = 500
)

// ScaleSites adds base points in both regions with one resource per 100
// start-ups and 1,000 bookings on each, and a contest whose first round has
// one application per 10 start-ups from 300 judges of both sides, assigned
// by the store and fully scored, so its results read 30,000 reviews. It runs
// after ScaleDirectory and Seed (it acts as the demo staff).
func ScaleSites(ctx context.Context, db *database.DB, n int, w io.Writer) error {
	ids, err := scaleStartupIDs(ctx, db)
	if err != nil {
		return err
	}
	staff, err := scaleStaff(ctx, db)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 2028))
	if resources := min(n/scaleStartupsPerResource, scaleMaxResources); resources > 0 {
		start := time.Now()
		made, err := scaleBookings(ctx, db, rng, staff, ids, resources)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %d resources, %d bookings (%.1f s)\n", resources, made, time.Since(start).Seconds())
	}
	if entries := min(n/scaleStartupsPerEntry, scaleMaxEntries, len(ids)); entries > 0 {
		start := time.Now()
		reviews, err := scaleContest(ctx, db, rng, staff, ids, entries)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  contest: %d applications, %d judges, %d reviews submitted (%.1f s)\n",
			entries, scaleJudges, reviews, time.Since(start).Seconds())
	}
	return nil
}

type scaleStartup struct {
	id     int64
	region string
}

// scaleStartupIDs reads the newest start-ups, the generated ones.
func scaleStartupIDs(ctx context.Context, db *database.DB) ([]scaleStartup, error) {
	rows, err := db.Query(ctx, `SELECT id, region_code FROM startups ORDER BY id DESC LIMIT 100000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scaleStartup
	for rows.Next() {
		var s scaleStartup
		if err := rows.Scan(&s.id, &s.region); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// scaleStaff returns the demo staff member of each region, who runs its
// base points and hosts the contest.
func scaleStaff(ctx context.Context, db *database.DB) (map[string]*auth.User, error) {
	svc := auth.NewService(db)
	out := map[string]*auth.User{}
	for region, email := range map[string]string{"gyeonggi": "staff.gbsa@demo.startbridge.kr", "hangzhou": "staff.hgic@demo.startbridge.cn"} {
		u, err := svc.UserByEmail(ctx, email)
		if err != nil {
			return nil, fmt.Errorf("scale: demo staff %s: %w", email, err)
		}
		out[region] = u
	}
	return out, nil
}

// staffInstitution is the institution a demo staff member works for (each
// has one).
func staffInstitution(u *auth.User) int64 {
	if ids := u.StaffInstitutions(); len(ids) > 0 {
		return ids[0]
	}
	return 0
}

// insertRows writes rows of width columns into table with multi-row
// INSERTs of scaleRowsPerStatement rows.
func insertRows(ctx context.Context, tx *database.Tx, table, columns string, width int, rows [][]any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for len(rows) > 0 {
		part := rows[:min(scaleRowsPerStatement, len(rows))]
		rows = rows[len(part):]
		args := make([]any, 0, len(part)*width)
		for _, r := range part {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + columns + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", len(part)), ", ")
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("scale: insert into %s: %w", table, err)
		}
	}
	return nil
}

var scaleBasePointPlaces = map[string][]text.Text{
	"gyeonggi": {{Ko: "판교", Zh: "板桥", En: "Pangyo"}, {Ko: "수원", Zh: "水原", En: "Suwon"}, {Ko: "광교", Zh: "光教", En: "Gwanggyo"},
		{Ko: "안산", Zh: "安山", En: "Ansan"}, {Ko: "고양", Zh: "高阳", En: "Goyang"}},
	"hangzhou": {{Ko: "빈장", Zh: "滨江", En: "Binjiang"}, {Ko: "위항", Zh: "余杭", En: "Yuhang"}, {Ko: "샤오산", Zh: "萧山", En: "Xiaoshan"},
		{Ko: "시후", Zh: "西湖", En: "West Lake"}, {Ko: "첸탕", Zh: "钱塘", En: "Qiantang"}},
}

// scaleBookings opens resources/10 base points alternating between the
// regions, ten meeting rooms of capacity 4 at each, and books every room
// 1,000 times in one-hour slots of its opening hours: weekdays from 13 weeks
// ago on, completed or no-show in the past, confirmed or pending ahead.
func scaleBookings(ctx context.Context, db *database.DB, rng *rand.Rand, staff map[string]*auth.User, startups []scaleStartup, resources int) (int, error) {
	store := booking.NewStore(db)
	type room struct {
		id   int64
		zone *time.Location
	}
	var rooms []room
	zones := map[string]string{"gyeonggi": "Asia/Seoul", "hangzhou": "Asia/Shanghai"}
	for b := 0; len(rooms) < resources; b++ {
		region := [2]string{"gyeonggi", "hangzhou"}[b%2]
		place := scaleBasePointPlaces[region][(b/2)%len(scaleBasePointPlaces[region])]
		no := b/2 + 1
		bp, err := store.CreateBasePoint(ctx, staff[region], booking.BasePointInput{
			InstitutionID: staffInstitution(staff[region]), Region: region, TimeZone: zones[region],
			Name: text.Text{Ko: fmt.Sprintf("%s 창업기지 %d", place.Ko, no), Zh: fmt.Sprintf("%s孵化基地 %d", place.Zh, no),
				En: fmt.Sprintf("%s base point %d", place.En, no)},
			OpeningHours: weekdays("09:00", "18:00")})
		if err != nil {
			return 0, fmt.Errorf("scale: base point: %w", err)
		}
		for r := 0; r < scaleResourcesPerBasePoint && len(rooms) < resources; r++ {
			res, err := store.CreateResource(ctx, staff[region], booking.ResourceInput{BasePointID: bp.ID, Kind: booking.MeetingRoom,
				Name:     text.Text{Ko: fmt.Sprintf("회의실 %d", r+1), Zh: fmt.Sprintf("会议室 %d", r+1), En: fmt.Sprintf("Meeting room %d", r+1)},
				Capacity: 4, GranularityMinutes: 60, OpenTo: booking.AllRegions, MaxAdvanceDays: 365, CancelDeadlineMinutes: 60})
			if err != nil {
				return 0, fmt.Errorf("scale: resource: %w", err)
			}
			loc, err := time.LoadLocation(zones[region])
			if err != nil {
				return 0, err
			}
			rooms = append(rooms, room{res.ID, loc})
		}
	}
	now := time.Now().UTC()
	made := 0
	for _, room := range rooms {
		loc := room.zone
		day := midnightIn(now.AddDate(0, 0, -91), loc)
		var rows [][]any
		for slot := 0; len(rows) < scaleBookingsPerResource; slot++ {
			if slot > 0 && slot%9 == 0 {
				day = day.AddDate(0, 0, 1)
			}
			for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				day = day.AddDate(0, 0, 1)
			}
			if rng.IntN(10) < 3 { // a third of the hours stay free
				continue
			}
			start := time.Date(day.Year(), day.Month(), day.Day(), 9+slot%9, 0, 0, 0, loc).UTC()
			status := booking.Confirmed
			switch {
			case start.Before(now) && rng.IntN(10) == 0:
				status = booking.NoShow
			case start.Before(now):
				status = booking.Completed
			case rng.IntN(7) == 0:
				status = booking.Pending
			}
			who := startups[rng.IntN(len(startups))].id
			rows = append(rows, []any{room.id, who, start, start.Add(time.Hour), 1 + rng.IntN(4), string(status), now, now})
		}
		err := db.InTx(ctx, func(tx *database.Tx) error {
			return insertRows(ctx, tx, "bookings", "resource_id, startup_id, start_at, end_at, quantity, status, created_at, updated_at", 8, rows)
		})
		if err != nil {
			return made, err
		}
		made += len(rows)
	}
	return made, nil
}

func midnightIn(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// scaleContest creates a contest whose first round has entries applications
// from the generated start-ups, 300 judges (half each side, sign-in with
// the demo password), 2% conflicts, the store's optimal assignment and every
// review scored with a judge-specific leniency.
func scaleContest(ctx context.Context, db *database.DB, rng *rand.Rand, staff map[string]*auth.User, startups []scaleStartup, entries int) (int, error) {
	host := staff["gyeonggi"]
	store := contest.NewStore(db)
	c, err := store.Create(ctx, host, contest.NewContest{
		Name:     text.Text{En: "Open Innovation Challenge (scale data)", Ko: "오픈 이노베이션 챌린지 (규모 데이터)", Zh: "开放创新挑战赛（规模数据）"},
		Hosts:    []int64{staffInstitution(staff["gyeonggi"]), staffInstitution(staff["hangzhou"])},
		Deadline: seoulDeadline(1), TimeZone: "Asia/Seoul",
		Eligibility: contest.Eligibility{Regions: []string{"gyeonggi", "hangzhou"}},
		Rounds:      []contest.NewRound{screeningRound()},
	})
	if err != nil {
		return 0, fmt.Errorf("scale contest: %w", err)
	}
	judges, err := scaleJudgeUsers(ctx, db, store, host, c.ID)
	if err != nil {
		return 0, err
	}
	picked := rng.Perm(len(startups))[:entries]
	now := time.Now().UTC()
	err = db.InTx(ctx, func(tx *database.Tx) error {
		var apps, conflicts [][]any
		for i, p := range picked {
			s := startups[p]
			lang := map[string]string{"gyeonggi": "ko,en", "hangzhou": "zh,en"}[s.region]
			submitted := now.Add(-time.Duration(entries-i) * time.Minute)
			apps = append(apps, []any{c.ID, s.id, "submitted", lang, submitted, submitted, submitted})
			for _, j := range rng.Perm(len(judges))[:scaleConflictsPerEntry] {
				conflicts = append(conflicts, []any{c.ID, judges[j], s.id, now})
			}
		}
		if err := insertRows(ctx, tx, "contest_applications", "contest_id, startup_id, status, languages, created_at, updated_at, submitted_at", 7, apps); err != nil {
			return err
		}
		return insertRows(ctx, tx, "contest_conflicts", "contest_id, judge_user_id, startup_id, created_at", 4, conflicts)
	})
	if err != nil {
		return 0, err
	}
	if _, err := store.Assign(ctx, host, c.ID, 1); err != nil {
		return 0, fmt.Errorf("scale contest: assign: %w", err)
	}
	return scaleScores(ctx, db, rng, c)
}

// scaleJudgeUsers creates the 300 judges, alternating sides, with two
// sectors each; all share one password hash (the demo password).
func scaleJudgeUsers(ctx context.Context, db *database.DB, store *contest.Store, host *auth.User, contestID int64) ([]int64, error) {
	hash := auth.HashPassword(Password)
	now := time.Now().UTC()
	var users [][]any
	for j := range scaleJudges {
		region, lang := "gyeonggi", "ko"
		if j%2 == 1 {
			region, lang = "hangzhou", "zh"
		}
		users = append(users, []any{fmt.Sprintf("judge%03d@scale.startbridge.test", j+1), fmt.Sprintf("Judge %03d", j+1), hash,
			lang, map[string]string{"ko": "Asia/Seoul", "zh": "Asia/Shanghai"}[lang], region, true, now, now, now})
	}
	err := db.InTx(ctx, func(tx *database.Tx) error {
		return insertRows(ctx, tx, "users", "email, name, password_hash, language, time_zone, region_code, consent_cross_border, consent_at, created_at, updated_at", 10, users)
	})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for j := range scaleJudges {
		var id int64
		if err := db.QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, users[j][0]).Scan(&id); err != nil {
			return nil, err
		}
		region, lang := users[j][5].(string), users[j][3].(string)
		if _, err := store.AddJudge(ctx, host, contestID, contest.JudgeInput{UserID: id, Region: region,
			Sectors:   []string{scaleSectors[j%len(scaleSectors)], scaleSectors[(j*5+3)%len(scaleSectors)]},
			Languages: []string{lang, "en"}}); err != nil {
			return nil, fmt.Errorf("scale contest: judge: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// scaleScores submits every assigned review of the first round: an
// application's quality plus the judge's leniency plus noise, per criterion.
func scaleScores(ctx context.Context, db *database.DB, rng *rand.Rand, c *contest.Contest) (int, error) {
	round := c.Rounds[0]
	scales := round.Scales()
	type review struct{ id, app, judge int64 }
	var reviews []review
	rows, err := db.Query(ctx, `SELECT id, application_id, judge_user_id FROM contest_reviews WHERE round_id = ? AND status = 'assigned'`, round.ID)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r review
		if err := rows.Scan(&r.id, &r.app, &r.judge); err != nil {
			rows.Close()
			return 0, err
		}
		reviews = append(reviews, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	quality, leniency := map[int64]float64{}, map[int64]float64{}
	now := time.Now().UTC()
	var scores [][]any
	totals := make([]float64, len(reviews))
	for i, r := range reviews {
		if _, ok := quality[r.app]; !ok {
			quality[r.app] = 5.5 + 1.8*rng.NormFloat64()
		}
		if _, ok := leniency[r.judge]; !ok {
			leniency[r.judge] = 1.2 * rng.NormFloat64()
		}
		given := map[int64]int{}
		for _, s := range scales {
			v := int(math.Round(quality[r.app] + leniency[r.judge] + rng.NormFloat64()))
			given[s.ID] = max(s.Min, min(s.Max, v))
			scores = append(scores, []any{r.id, s.ID, given[s.ID], ""})
		}
		totals[i] = contest.RawTotal(scales, given)
	}
	err = db.InTx(ctx, func(tx *database.Tx) error {
		if err := insertRows(ctx, tx, "contest_scores", "review_id, criterion_id, score, comment", 4, scores); err != nil {
			return err
		}
		for i, r := range reviews {
			if _, err := tx.Exec(ctx, `UPDATE contest_reviews SET status = 'submitted', raw_total = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
				totals[i], now, now, r.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(reviews), nil
}
