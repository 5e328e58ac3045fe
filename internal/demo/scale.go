package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

// ScaleBatch is how many generated start-ups one transaction writes.
const ScaleBatch = 5000

// Word lists for generated profiles: places of each region, sector words in
// three languages, and company-name endings. Combined at random they give
// names and descriptions whose words are spread like real ones: a few
// (杭州, 경기) very common, most rare.
var (
	krPlaces = []string{"판교", "수원", "광교", "성남", "용인", "안산", "화성", "고양", "부천", "평택", "시흥", "파주", "김포", "의정부", "하남", "안양"}
	cnPlaces = []string{"杭州", "西湖", "滨江", "余杭", "萧山", "拱墅", "钱塘", "临平", "上城", "富阳", "临安", "桐庐"}
	enKR     = map[string]string{"판교": "Pangyo", "수원": "Suwon", "광교": "Gwanggyo", "성남": "Seongnam", "용인": "Yongin", "안산": "Ansan",
		"화성": "Hwaseong", "고양": "Goyang", "부천": "Bucheon", "평택": "Pyeongtaek", "시흥": "Siheung", "파주": "Paju", "김포": "Gimpo",
		"의정부": "Uijeongbu", "하남": "Hanam", "안양": "Anyang"}
	enCN = map[string]string{"杭州": "Hangzhou", "西湖": "West Lake", "滨江": "Binjiang", "余杭": "Yuhang", "萧山": "Xiaoshan", "拱墅": "Gongshu",
		"钱塘": "Qiantang", "临平": "Linping", "上城": "Shangcheng", "富阳": "Fuyang", "临安": "Lin'an", "桐庐": "Tonglu"}
	krEndings = []string{"랩", "테크", "솔루션즈", "코리아", "웍스", "네트웍스", "시스템즈", "바이오", "로보틱스", "에너지"}
	cnEndings = []string{"科技有限公司", "网络科技", "信息技术", "智能科技", "生物科技", "数据服务", "新能源", "智造"}
	enEndings = []string{"Labs", "Tech", "Solutions", "Works", "Systems", "Networks", "Dynamics", "Analytics", "Robotics", "Bio"}
)

// sectorWords are what a profile of a sector says about itself.
var sectorWords = map[string]text.Text{
	"ai":             {Ko: "인공지능 기반 데이터 분석과 컴퓨터 비전", Zh: "基于人工智能的数据分析与计算机视觉", En: "AI data analytics and computer vision"},
	"bio":            {Ko: "바이오 의약품과 디지털 헬스케어", Zh: "生物医药与数字医疗", En: "biopharma and digital health care"},
	"fintech":        {Ko: "핀테크 결제와 환전 서비스", Zh: "金融科技支付与跨境结算", En: "fintech payments and cross-border settlement"},
	"ecommerce":      {Ko: "이커머스 역직구 플랫폼", Zh: "跨境电商平台", En: "cross-border e-commerce platform"},
	"mobility":       {Ko: "자율주행 모빌리티 플랫폼", Zh: "自动驾驶智能出行平台", En: "autonomous mobility platform"},
	"semiconductors": {Ko: "저전력 반도체 설계", Zh: "低功耗芯片设计", En: "low-power semiconductor design"},
	"content":        {Ko: "웹툰과 숏폼 콘텐츠 제작", Zh: "网络漫画与短视频内容制作", En: "webtoon and short-form content"},
	"cleantech":      {Ko: "태양광과 에너지 저장 관리", Zh: "光伏与储能管理", En: "solar and energy storage management"},
	"robotics":       {Ko: "협동로봇과 물류 로봇", Zh: "协作机器人与物流机器人", En: "collaborative and warehouse robots"},
	"manufacturing":  {Ko: "스마트 공장 품질 관리", Zh: "智能工厂质量管理", En: "smart factory quality control"},
	"edtech":         {Ko: "AI 외국어 학습 앱", Zh: "人工智能外语学习应用", En: "AI language learning apps"},
	"logistics":      {Ko: "당일 배송 물류 최적화", Zh: "当日达物流优化", En: "same-day delivery logistics"},
	"other":          {Ko: "지역 사회 문제 해결 서비스", Zh: "社区服务创新", En: "services for local communities"},
}

var scaleSectors = []string{"ai", "bio", "fintech", "ecommerce", "mobility", "semiconductors", "content", "cleantech",
	"robotics", "manufacturing", "edtech", "logistics", "other"}

// scaleStages weights the stages as a real directory has them: many early,
// few late.
var scaleStages = []directory.Stage{"idea", "pre_seed", "pre_seed", "seed", "seed", "seed", "series_a", "series_a", "series_b_plus", "growth"}

// ScaleDirectory adds n generated start-ups in batches of ScaleBatch, each
// batch one transaction, reporting progress to w. The data is random but
// reproducible for a given n.
func ScaleDirectory(ctx context.Context, db *database.DB, n int, w io.Writer) error {
	store := directory.NewStore(db)
	rng := rand.New(rand.NewPCG(uint64(n), 2027))
	start := time.Now()
	for done := 0; done < n; {
		size := min(ScaleBatch, n-done)
		batch := make([]directory.StartupInput, size)
		for i := range batch {
			batch[i] = generateStartup(rng, done+i)
		}
		if _, err := store.InsertStartupsTrusted(ctx, batch); err != nil {
			return fmt.Errorf("scale: batch at %d: %w", done, err)
		}
		done += size
		if done%50000 == 0 || done == n {
			fmt.Fprintf(w, "  %d start-ups (%.0f/s)\n", done, float64(done)/time.Since(start).Seconds())
		}
	}
	investors := min(n/20, 5000)
	for i := range investors {
		if _, err := store.CreateInvestorUnchecked(ctx, 0, generateInvestor(rng, i), 0); err != nil {
			return fmt.Errorf("scale: investor %d: %w", i, err)
		}
	}
	fmt.Fprintf(w, "  %d investors\n", investors)
	return nil
}

func generateInvestor(rng *rand.Rand, i int) directory.InvestorInput {
	sectors := []string{pick(rng, scaleSectors), pick(rng, scaleSectors)}
	if sectors[0] == sectors[1] {
		sectors = sectors[:1]
	}
	lo := int64(50+rng.IntN(500)) * 1_000_000
	in := directory.InvestorInput{Sectors: sectors, Stages: []directory.Stage{pick(rng, scaleStages), pick(rng, scaleStages)},
		TicketMin: &lo, TicketMax: ptr(lo * int64(2+rng.IntN(8))), Regions: []string{"gyeonggi", "hangzhou"}}
	words := sectorWords[sectors[0]]
	serial := fmt.Sprintf("%d", 100+i)
	if rng.IntN(2) == 0 {
		place := pick(rng, krPlaces)
		in.Region, in.Currency, in.Languages = "gyeonggi", "KRW", []string{"ko", "en"}
		in.Name = text.Text{Ko: place + " 벤처스 " + serial, En: enKR[place] + " Ventures " + serial}
		in.Description = text.Text{Ko: words.Ko + " 분야 초기 투자", En: "Early-stage investor in " + words.En + "."}
	} else {
		place := pick(rng, cnPlaces)
		in.Region, in.Currency, in.Languages = "hangzhou", "CNY", []string{"zh", "en"}
		in.Name = text.Text{Zh: place + "创投" + serial, En: enCN[place] + " Capital " + serial}
		in.Description = text.Text{Zh: "专注" + words.Zh + "的早期投资", En: "Early-stage investor in " + words.En + "."}
	}
	return in
}

func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

func generateStartup(rng *rand.Rand, i int) directory.StartupInput {
	sector := pick(rng, scaleSectors)
	sectors := []string{sector}
	if rng.IntN(3) == 0 {
		if other := pick(rng, scaleSectors); other != sector {
			sectors = append(sectors, other)
		}
	}
	words := sectorWords[sector]
	founded := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(5400)).Format(time.DateOnly)
	employees := 1 + rng.IntN(200)
	in := directory.StartupInput{FoundedOn: founded, Stage: pick(rng, scaleStages), Sectors: sectors, Employees: &employees}
	serial := fmt.Sprintf("%d", 100+i)
	if rng.IntN(2) == 0 {
		place := pick(rng, krPlaces)
		ending := pick(rng, krEndings)
		in.Region, in.City = "gyeonggi", place
		in.Name = text.Text{Ko: place + ending + serial, En: enKR[place] + " " + pick(rng, enEndings) + " " + serial}
		in.Description = text.Text{Ko: place + "에 있는 " + words.Ko + " 스타트업입니다. 중국 항저우 진출을 준비하고 있습니다.",
			En: "A " + enKR[place] + " start-up in " + words.En + "."}
	} else {
		place := pick(rng, cnPlaces)
		in.Region, in.City = "hangzhou", enCN[place]
		in.Name = text.Text{Zh: place + pick(rng, cnEndings) + serial, En: enCN[place] + " " + pick(rng, enEndings) + " " + serial}
		in.Description = text.Text{Zh: "位于" + place + "的" + words.Zh + "初创企业，计划进入韩国市场。",
			En: "A " + enCN[place] + " start-up in " + words.En + "."}
	}
	if rng.IntN(10) == 0 {
		in.Visibility = directory.PartnersOnly
	}
	return in
}
