package demo

import (
	"context"
	"fmt"
	"strings"

	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

// demoStartup is a hand-written start-up; founder is the email of a demo
// account that joins it as founder.
type demoStartup struct {
	in      directory.StartupInput
	founder string
}

func krw(n int64) *int64 { return &n }

var demoStartups = []demoStartup{
	{founder: "founder.kr@demo.startbridge.kr", in: directory.StartupInput{
		Name: text.Text{Ko: "판교바이오랩", Zh: "板桥生物实验室", En: "Pangyo BioLab"}, LegalName: "주식회사 판교바이오랩",
		Region: "gyeonggi", City: "성남시 분당구", FoundedOn: "2020-05-11", Stage: "series_a", Sectors: []string{"bio", "ai"},
		Employees: ptr(34), Website: "https://pangyo-biolab.example.kr", KRBizNumber: "124-81-00998",
		Description: text.Text{Ko: "AI로 항체 후보물질을 설계하는 바이오 스타트업입니다. 판교 테크노밸리에 연구소가 있습니다.",
			Zh: "利用人工智能设计抗体候选物质的生物科技初创企业，研发中心位于板桥科技谷。",
			En: "AI-designed antibody candidates; our lab is in Pangyo Techno Valley."},
		Markets: []string{"KR", "CN", "US"},
		Seeks:   directory.Seeks{Investment: true, InvestmentMin: krw(3_000_000_000), InvestmentMax: krw(5_000_000_000), Currency: "KRW", Partners: true}}},
	{founder: "founder.cn@demo.startbridge.cn", in: directory.StartupInput{
		Name: text.Text{Ko: "서호비전", Zh: "西湖视觉科技", En: "West Lake Vision"}, LegalName: "杭州西湖视觉科技有限公司",
		Region: "hangzhou", City: "杭州市西湖区", FoundedOn: "2019-09-02", Stage: "seed", Sectors: []string{"ai", "robotics"},
		Employees: ptr(18), Website: "https://westlake-vision.example.cn", CNCreditNo: "91330106MA27XQ8M1M",
		Description: text.Text{Zh: "为工厂提供人工智能视觉质检系统，客户遍布杭州和长三角。",
			Ko: "공장을 위한 AI 비전 품질검사 시스템을 만듭니다. 항저우와 장강 삼각주에 고객이 있습니다.",
			En: "AI visual inspection for factories, with customers across Hangzhou and the Yangtze River Delta."},
		Markets: []string{"CN", "KR"},
		Seeks:   directory.Seeks{Investment: true, InvestmentMin: krw(500_000_000), InvestmentMax: krw(1_000_000_000), Currency: "CNY", Office: true}}},
	{in: directory.StartupInput{
		Name: text.Text{Ko: "수원핀테크", En: "Suwon Fintech"}, Region: "gyeonggi", City: "수원시", FoundedOn: "2021-02-15",
		Stage: "seed", Sectors: []string{"fintech"}, Employees: ptr(12),
		Description: text.Text{Ko: "중소 수출기업을 위한 핀테크 결제·환전 서비스", En: "Cross-border payments and FX for small exporters."},
		Seeks:       directory.Seeks{Investment: true, InvestmentMin: krw(1_000_000_000), InvestmentMax: krw(2_000_000_000), Currency: "KRW"}}},
	{in: directory.StartupInput{
		Name: text.Text{Zh: "钱塘智慧物流", En: "Qiantang Smart Logistics"}, Region: "hangzhou", City: "杭州市钱塘区",
		FoundedOn: "2018-06-20", Stage: "series_b_plus", Sectors: []string{"logistics", "ai"}, Employees: ptr(120),
		Description: text.Text{Zh: "用人工智能优化杭州的城市即时配送与仓储。", En: "AI routing for same-day delivery and warehousing in Hangzhou."},
		Markets:     []string{"CN", "KR", "VN"}, Seeks: directory.Seeks{Office: true, Partners: true}}},
	{in: directory.StartupInput{
		Name: text.Text{Ko: "광교모빌리티", Zh: "光教出行", En: "Gwanggyo Mobility"}, Region: "gyeonggi", City: "수원시 영통구",
		FoundedOn: "2022-03-01", Stage: "pre_seed", Sectors: []string{"mobility"}, Employees: ptr(6),
		Description: text.Text{Ko: "자율주행 셔틀을 위한 원격 관제 소프트웨어", En: "Remote operations software for autonomous shuttles."},
		Seeks:       directory.Seeks{TechServices: true, Partners: true}}},
	{in: directory.StartupInput{
		Name: text.Text{Zh: "滨江芯片设计", En: "Binjiang Chip Design"}, Region: "hangzhou", City: "杭州市滨江区",
		FoundedOn: "2017-11-08", Stage: "growth", Sectors: []string{"semiconductors"}, Employees: ptr(210),
		Description: text.Text{Zh: "面向物联网的低功耗芯片设计公司。", En: "Low-power chips for the internet of things."},
		Markets:     []string{"CN", "KR", "JP"}}},
	{in: directory.StartupInput{
		Name: text.Text{Ko: "안산로보틱스", En: "Ansan Robotics"}, Region: "gyeonggi", City: "안산시", FoundedOn: "2016-04-04",
		Stage: "series_a", Sectors: []string{"robotics", "manufacturing"}, Employees: ptr(45),
		Description: text.Text{Ko: "스마트 공장용 협동로봇과 로봇 팔 제어 솔루션", En: "Collaborative robots for smart factories."}}},
	{in: directory.StartupInput{
		Name: text.Text{Zh: "余杭电商云", En: "Yuhang Commerce Cloud"}, Region: "hangzhou", City: "杭州市余杭区",
		FoundedOn: "2020-01-10", Stage: "series_a", Sectors: []string{"ecommerce"}, Employees: ptr(60),
		Description: text.Text{Zh: "帮助韩国品牌进入中国跨境电商平台的SaaS服务。", Ko: "한국 브랜드의 중국 역직구 진출을 돕는 SaaS", En: "SaaS that brings Korean brands to Chinese cross-border e-commerce."},
		Markets:     []string{"CN", "KR"}, Seeks: directory.Seeks{Partners: true}}},
	{in: directory.StartupInput{
		Name: text.Text{Ko: "고양콘텐츠스튜디오", En: "Goyang Content Studio"}, Region: "gyeonggi", City: "고양시", FoundedOn: "2019-07-07",
		Stage: "seed", Sectors: []string{"content"}, Employees: ptr(22),
		Description: text.Text{Ko: "웹툰 IP를 활용한 숏폼 콘텐츠 제작사", Zh: "基于网络漫画IP的短视频内容制作公司", En: "Short-form video from webtoon IP."}}},
	{in: directory.StartupInput{
		Name: text.Text{Zh: "萧山绿色能源", En: "Xiaoshan Green Energy"}, Region: "hangzhou", City: "杭州市萧山区",
		FoundedOn: "2021-08-18", Stage: "pre_seed", Sectors: []string{"cleantech"}, Employees: ptr(9),
		Description: text.Text{Zh: "工业园区屋顶光伏与储能的能源管理平台。", En: "Energy management for rooftop solar and storage in industrial parks."},
		Seeks:       directory.Seeks{Investment: true, InvestmentMin: krw(200_000_000), InvestmentMax: krw(500_000_000), Currency: "CNY"}}},
	{in: directory.StartupInput{
		Name: text.Text{Ko: "용인에듀테크", En: "Yongin Edutech"}, Region: "gyeonggi", City: "용인시", FoundedOn: "2023-01-02",
		Stage: "idea", Sectors: []string{"edtech", "ai"}, Employees: ptr(3),
		Description: text.Text{Ko: "중국어 학습자를 위한 AI 발음 교정 앱", En: "AI pronunciation coach for learners of Chinese."},
		Visibility:  directory.PartnersOnly}},
	{in: directory.StartupInput{
		Name: text.Text{Zh: "拱墅健康科技", En: "Gongshu Health Tech"}, Region: "hangzhou", City: "杭州市拱墅区",
		FoundedOn: "2020-10-30", Stage: "seed", Sectors: []string{"bio"}, Employees: ptr(15),
		Description: text.Text{Zh: "面向社区医院的慢病管理数字疗法。", Ko: "지역 병원을 위한 만성질환 관리 디지털 치료제", En: "Digital therapeutics for chronic care in community hospitals."}}},
}

type demoInvestor struct {
	in          directory.InvestorInput
	owner       string
	institution string
}

var demoInvestors = []demoInvestor{
	{owner: "investor@demo.startbridge.kr", in: directory.InvestorInput{
		Name: text.Text{Ko: "경기 크로스보더 벤처스", Zh: "京畿跨境创投", En: "Gyeonggi Cross-Border Ventures"}, Region: "gyeonggi",
		Description: text.Text{Ko: "한중 양국에 진출하는 초기 스타트업에 투자합니다.", En: "Early-stage investor in start-ups growing between Korea and China."},
		Sectors:     []string{"ai", "bio", "fintech"}, Stages: []directory.Stage{"pre_seed", "seed", "series_a"},
		TicketMin: krw(300_000_000), TicketMax: krw(2_000_000_000), Currency: "KRW",
		Regions: []string{"gyeonggi", "hangzhou"}, Languages: []string{"ko", "en"}}},
	{institution: "hangzhou-advanced-tech-investment", in: directory.InvestorInput{
		Name: text.Text{Zh: "杭州高新创投基金", En: "Hangzhou Hi-Tech Venture Fund"}, Region: "hangzhou",
		Description: text.Text{Zh: "专注杭州半导体、智能制造与生物医药的早期投资。", En: "Early-stage fund for semiconductors, smart manufacturing and bio in Hangzhou."},
		Sectors:     []string{"semiconductors", "manufacturing", "bio"}, Stages: []directory.Stage{"seed", "series_a", "series_b_plus"},
		TicketMin: krw(1_000_000_00), TicketMax: krw(20_000_000_00), Currency: "CNY",
		Regions: []string{"hangzhou"}, Languages: []string{"zh", "en"}}},
	{institution: "gbsa", in: directory.InvestorInput{
		Name: text.Text{Ko: "GBSA 스타트업 성장펀드", En: "GBSA Start-up Growth Fund"}, Region: "gyeonggi",
		Description: text.Text{Ko: "경기도 유망 스타트업의 해외 진출을 지원하는 펀드", En: "Backs Gyeonggi start-ups expanding abroad."},
		Sectors:     []string{"mobility", "robotics", "content", "edtech"}, Stages: []directory.Stage{"seed", "series_a"},
		TicketMin: krw(100_000_000), TicketMax: krw(1_000_000_000), Currency: "KRW",
		Regions: []string{"gyeonggi"}, Languages: []string{"ko"}}},
	{in: directory.InvestorInput{
		Name: text.Text{En: "Yangtze Delta Angels", Zh: "长三角天使会"}, Region: "hangzhou",
		Description: text.Text{Zh: "长三角地区的天使投资人社群，关注电商与物流。", En: "Angel network of the Yangtze River Delta: e-commerce and logistics."},
		Sectors:     []string{"ecommerce", "logistics"}, Stages: []directory.Stage{"idea", "pre_seed"},
		TicketMin: krw(50_000_00), TicketMax: krw(500_000_00), Currency: "CNY",
		Regions: []string{"hangzhou", "gyeonggi"}, Languages: []string{"zh", "ko"}}},
	{in: directory.InvestorInput{
		Name: text.Text{En: "Han River Climate Capital", Ko: "한강 기후 캐피탈"}, Region: "gyeonggi",
		Description: text.Text{En: "Climate and clean technology from seed to series A.", Ko: "시드부터 시리즈 A까지 기후·클린테크 투자"},
		Sectors:     []string{"cleantech"}, Stages: []directory.Stage{"seed", "series_a"},
		TicketMin: krw(250_000_00), TicketMax: krw(2_000_000_00), Currency: "USD",
		Regions: []string{"gyeonggi", "hangzhou"}, Languages: []string{"en", "ko", "zh"}}},
}

func ptr[T any](v T) *T { return &v }

// SeedDirectory adds the demo start-ups and investors, once: when the first
// demo start-up is there, it adds nothing.
func SeedDirectory(ctx context.Context, db *database.DB) (string, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM startups WHERE name_en = ?`, demoStartups[0].in.Name.En).Scan(&n); err != nil {
		return "", fmt.Errorf("demo directory: %w", err)
	}
	if n > 0 {
		return "demo directory: already there\n", nil
	}
	store := directory.NewStore(db)
	userID := func(email string) (int64, error) {
		if email == "" {
			return 0, nil
		}
		var id int64
		err := db.QueryRow(ctx, `SELECT id FROM users WHERE email = ?`, email).Scan(&id)
		return id, err
	}
	for _, d := range demoStartups {
		founder, err := userID(d.founder)
		if err != nil {
			return "", fmt.Errorf("demo founder %s: %w", d.founder, err)
		}
		if _, err := store.CreateStartupUnchecked(ctx, 0, d.in, founder); err != nil {
			return "", fmt.Errorf("demo start-up %s: %w", d.in.Name.En, err)
		}
	}
	for _, d := range demoInvestors {
		owner, err := userID(d.owner)
		if err != nil {
			return "", fmt.Errorf("demo investor %s: %w", d.owner, err)
		}
		if d.institution != "" {
			var id int64
			if err := db.QueryRow(ctx, `SELECT id FROM institutions WHERE slug = ?`, d.institution).Scan(&id); err != nil {
				return "", fmt.Errorf("demo institution %s: %w", d.institution, err)
			}
			d.in.Institution = &id
		}
		if _, err := store.CreateInvestorUnchecked(ctx, 0, d.in, owner); err != nil {
			return "", fmt.Errorf("demo investor %s: %w", d.in.Name.En, err)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "demo directory: %d start-ups, %d investors\n", len(demoStartups), len(demoInvestors))
	return b.String(), nil
}
