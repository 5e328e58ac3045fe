package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/contest"
	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// demoJudges are the contest's judges from both sides; the first is the
// demo judge account.
var demoJudges = []struct {
	email, name, lang, region string
	sectors                   []string
}{
	{"judge@demo.startbridge.cn", "赵敏", "zh", "hangzhou", []string{"ai", "ecommerce"}},
	{"judge.park@demo.startbridge.kr", "박지훈", "ko", "gyeonggi", []string{"semiconductors", "robotics"}},
	{"judge.choi@demo.startbridge.kr", "최유나", "ko", "gyeonggi", []string{"bio", "ai"}},
	{"judge.lin@demo.startbridge.cn", "林涛", "zh", "hangzhou", []string{"fintech", "mobility"}},
}

// SeedContest adds a running Global Start-up Contest: two host
// institutions, two rounds, judges from both sides, submitted applications
// of the demo start-ups, an optimal assignment, most reviews scored and
// two prizes. It does nothing when a contest exists already.
func SeedContest(ctx context.Context, db *database.DB) (string, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM contests`).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "demo contest: already there\n", nil
	}
	svc := auth.NewService(db)
	staff, err := svc.UserByEmail(ctx, "staff.gbsa@demo.startbridge.kr")
	if err != nil {
		return "", fmt.Errorf("demo contest: staff: %w", err)
	}
	var hosts []int64
	for _, slug := range []string{"gbsa", "hangzhou-global-innovation-center"} {
		var id int64
		if err := db.QueryRow(ctx, `SELECT id FROM institutions WHERE slug = ?`, slug).Scan(&id); err != nil {
			return "", fmt.Errorf("demo contest: institution %s: %w", slug, err)
		}
		hosts = append(hosts, id)
	}
	store := contest.NewStore(db)
	maxAge := 10
	c, err := store.Create(ctx, staff, contest.NewContest{
		Name:     text.Text{En: "Gyeonggi–Hangzhou Global Start-up Contest 2027", Ko: "경기–항저우 글로벌 스타트업 콘테스트 2027", Zh: "2027京畿–杭州全球创业大赛"},
		Hosts:    hosts,
		Deadline: seoulDeadline(2), TimeZone: "Asia/Seoul",
		Eligibility: contest.Eligibility{Regions: []string{"gyeonggi", "hangzhou"},
			Stages: []string{"idea", "pre_seed", "seed", "series_a", "series_b_plus"}, MaxAgeYears: &maxAge},
		Rounds: []contest.NewRound{
			screeningRound(),
			{Name: text.Text{En: "Pitching final", Ko: "본선 피칭", Zh: "决赛路演"}, K: 3, Normalization: contest.Calibrated,
				Criteria: []contest.NewCriterion{
					criterion("Pitch", "발표", "路演", 50),
					criterion("Growth potential", "성장 가능성", "成长潜力", 50),
				}},
		},
	})
	if err != nil {
		return "", fmt.Errorf("demo contest: %w", err)
	}
	var judges []*auth.User
	for _, j := range demoJudges {
		u, err := svc.UserByEmail(ctx, j.email)
		if errors.Is(err, errs.ErrNotFound) {
			u, err = svc.CreateUserUnchecked(ctx, auth.NewUser{SignUp: auth.SignUp{Email: j.email, Name: j.name, Password: Password,
				Language: j.lang, Region: j.region, ConsentCrossBorder: true}})
		}
		if err != nil {
			return "", fmt.Errorf("demo contest: judge %s: %w", j.email, err)
		}
		load := 6
		if _, err := store.AddJudge(ctx, staff, c.ID, contest.JudgeInput{UserID: u.ID, Region: j.region, Sectors: j.sectors,
			Languages: []string{j.lang, "en"}, MaxLoad: &load}); err != nil {
			return "", fmt.Errorf("demo contest: add judge %s: %w", j.email, err)
		}
		judges = append(judges, u)
	}
	applied, err := seedApplications(ctx, db, store, staff, c.ID)
	if err != nil {
		return "", err
	}
	out, err := store.Assign(ctx, staff, c.ID, 1)
	if err != nil {
		return "", fmt.Errorf("demo contest: assign: %w", err)
	}
	scored, err := seedScores(ctx, svc, store, c, judges)
	if err != nil {
		return "", err
	}
	if err := seedPrizes(ctx, store, staff, c.ID); err != nil {
		return "", err
	}
	return fmt.Sprintf("demo contest: %q with %d applications, %d judges, %d reviews assigned, %d submitted\n",
		c.Name.En, applied, len(judges), len(out.Assignments), scored), nil
}

// seedApplications applies with every eligible demo start-up (up to ten),
// on behalf of its team, and submits.
func seedApplications(ctx context.Context, db *database.DB, store *contest.Store, staff *auth.User, contestID int64) (int, error) {
	rows, err := db.Query(ctx, `SELECT id, region_code FROM startups ORDER BY id LIMIT 10`)
	if err != nil {
		return 0, err
	}
	type ref struct {
		id     int64
		region string
	}
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.id, &r.region); err != nil {
			rows.Close()
			return 0, err
		}
		refs = append(refs, r)
	}
	rows.Close()
	n := 0
	for i, r := range refs {
		// The demo acts for the start-up's team: the staff account with a
		// membership of the start-up, so that the store's checks pass.
		id := r.id
		actor := *staff
		actor.Roles = append([]auth.Membership{{Role: auth.RoleStartup, StartupID: &id}}, staff.Roles...)
		langs := []string{"ko", "en"}
		if r.region == "hangzhou" {
			langs = []string{"zh", "en"}
		}
		a, err := store.CreateApplication(ctx, &actor, contestID, contest.ApplicationInput{StartupID: r.id, Pitch: pitches[i%len(pitches)], Languages: langs})
		var coded *errs.Coded
		if errors.As(err, &coded) && coded.Code == "ineligible" {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("demo contest: apply: %w", err)
		}
		if i == len(refs)-1 && n >= 4 {
			n++ // the last one stays a draft: founders are still writing
			continue
		}
		if _, err := store.Submit(ctx, &actor, a.ID); err != nil {
			return 0, fmt.Errorf("demo contest: submit: %w", err)
		}
		n++
	}
	return n, nil
}

var pitches = []string{
	"We help factories in Gyeonggi and Zhejiang share idle robot capacity across the border.",
	"해외 진출을 준비하는 스타트업을 위한 AI 기반 현지화 플랫폼입니다.",
	"面向跨境电商卖家的智能供应链平台，已服务杭州和京畿两地客户。",
	"Low-power edge chips for smart logistics, piloted with two Hangzhou warehouses.",
}

// seedScores lets every judge score their reviews except the demo judge's
// last one, so the contest is visibly under way.
func seedScores(ctx context.Context, svc *auth.Service, store *contest.Store, c *contest.Contest, judges []*auth.User) (int, error) {
	submitted := 0
	for ji, j := range judges {
		u, err := svc.User(ctx, j.ID)
		if err != nil {
			return 0, err
		}
		reviews, err := store.Reviews(ctx, u, c.ID)
		if err != nil {
			return 0, err
		}
		for ri, rv := range reviews {
			if ji == 0 && ri == len(reviews)-1 {
				continue
			}
			in := contest.ReviewInput{Scores: map[string]int{}, Comments: map[string]string{}, Submit: true}
			for ci, cr := range rv.Criteria {
				// A deterministic spread with a lenient and a strict judge.
				s := 4 + (int(rv.ApplicationID)*7+ci*3+ji*5)%5 + ji%2
				in.Scores[fmt.Sprint(cr.ID)] = min(cr.Max, max(cr.Min, s))
				if ci == 0 {
					in.Comments[fmt.Sprint(cr.ID)] = comments[(ri+ji)%len(comments)]
				}
			}
			if _, err := store.SaveReview(ctx, u, rv.ID, in); err != nil {
				return 0, fmt.Errorf("demo contest: score: %w", err)
			}
			submitted++
		}
	}
	return submitted, nil
}

var comments = []string{
	"Strong team with clear experience on both sides of the border.",
	"기술 차별성은 뛰어나지만 중국 시장 진출 계획을 더 구체화할 필요가 있습니다.",
	"市场规模清晰，建议补充在韩国的渠道合作伙伴。",
	"The unit economics need more evidence before the final.",
}

func seedPrizes(ctx context.Context, store *contest.Store, staff *auth.User, contestID int64) error {
	one, two := 1, 2
	for _, p := range []contest.PrizeInput{
		{Name: text.Text{En: "Grand prize", Ko: "대상", Zh: "大奖"}, Rank: &one, Amount: 30_000_000, Currency: "KRW", OfficeMonths: 6,
			OfficeCity: "Hangzhou", OfficeDesks: 2},
		{Name: text.Text{En: "Excellence award", Ko: "최우수상", Zh: "优秀奖"}, Rank: &two, Amount: 10_000_000, Currency: "CNY", FundFastTrack: true},
	} {
		if _, err := store.CreatePrize(ctx, staff, contestID, p); err != nil {
			return fmt.Errorf("demo contest: prize: %w", err)
		}
	}
	return nil
}

// seoulDeadline is 18:00 Seoul time, months from today.
func seoulDeadline(months int) string {
	seoul, _ := time.LoadLocation("Asia/Seoul")
	return time.Now().In(seoul).AddDate(0, months, 0).Format("2006-01-02") + "T18:00:00"
}

func criterion(en, ko, zh string, w int) contest.NewCriterion {
	return contest.NewCriterion{Name: text.Text{En: en, Ko: ko, Zh: zh}, Weight: w, Min: 1, Max: 10}
}

// screeningRound is the document screening of the demo contests: four
// weighted criteria, three judges, z-scores.
func screeningRound() contest.NewRound {
	return contest.NewRound{Name: text.Text{En: "Document screening", Ko: "서류 심사", Zh: "材料评审"}, K: 3, Normalization: contest.ZScore,
		Criteria: []contest.NewCriterion{
			criterion("Team", "팀 역량", "团队", 30),
			criterion("Technology", "기술성", "技术", 30),
			criterion("Market", "시장성", "市场", 25),
			criterion("Cross-border fit", "해외 진출 적합성", "跨境契合度", 15),
		}}
}
