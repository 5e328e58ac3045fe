package main

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"sync"
)

// The realistic mix: what visitors of a directory of a million start-ups
// ask, drawn so that a cache is neither flattered nor starved. Each
// request picks a kind (API list, API search, the HTML directory, a
// profile), then its words, filters and page from Zipf-skewed lists — a
// few searches and filters very common, most rare — and a share of
// searches for one company by its serial number, which no cache has seen.

// mixWords are search words in the three languages, most common first
// (as far as a guess goes): places, sectors, name endings, single
// characters, words no profile holds, and pairs of words.
var mixWords = []string{
	"杭州", "바이오", "ai", "핀테크", "人工智能", "판교", "robotics", "西湖", "fintech", "수원",
	"物流", "반도체", "bio", "滨江", "logistics", "Pangyo Labs", "科技", "로봇", "analytics", "광교",
	"杭", "판", "跨境电商", "자율주행", "semiconductor", "余杭", "성남", "生物医药", "payments", "Hangzhou Tech",
	"웹툰", "光伏", "solar", "萧山", "용인", "芯片", "delivery", "데이터", "网络科技", "이커머스",
	"health", "储能", "Suwon Bio", "钱塘", "안산", "金融科技", "webtoon", "스마트 공장", "机器人", "mobility",
	"화성", "拱墅", "물류", "智能制造", "quantum", "고양", "临平", "태양광", "数据服务", "cleantech",
	"부천", "上城", "에너지", "新能源", "Binjiang Systems", "평택", "富阳", "헬스케어", "自动驾驶", "factory",
	"시흥", "临安", "결제", "短视频", "edtech", "파주", "桐庐", "콘텐츠", "外语学习", "language",
	"김포", "西", "의정부", "湖", "하남", "Gwanggyo Works", "안양", "网络", "수", "Xiaoshan Robotics",
	"블록체인", "区块链", "blockchain", "드론", "无人机", "drone", "메타버스", "元宇宙", "metaverse", "satellite",
	"판교 바이오", "杭州 人工智能", "수원 핀테크", "西湖 生物", "Yongin Analytics", "Seongnam Solutions", "滨江 物流", "광교 로봇",
	"Fuyang Networks", "Ansan Dynamics", "Lin'an Bio", "Tonglu Labs", "Paju Tech", "Gimpo Systems", "Hanam Works", "Anyang Labs",
}

var (
	mixRegions = []string{"hangzhou", "gyeonggi"}
	mixSectors = []string{"ai", "bio", "fintech", "ecommerce", "robotics", "semiconductors", "mobility", "content",
		"cleantech", "logistics", "manufacturing", "edtech", "other"}
	mixStages = []string{"seed", "pre_seed", "series_a", "idea", "series_b_plus", "growth"}
)

// mix draws requests; it is safe for one goroutine.
type mix struct {
	rng    *rand.Rand
	words  *rand.Zipf
	sector *rand.Zipf
	stage  *rand.Zipf
	ids    int64
	// cursors remembers the next page of lists already asked for, so that
	// a "next page" request follows a real cursor.
	cursors *sync.Map
}

func newMix(seed uint64, ids int64) *mix {
	rng := rand.New(rand.NewPCG(seed, 2027))
	return &mix{
		rng:     rng,
		words:   rand.NewZipf(rng, 1.1, 2, uint64(len(mixWords)-1)),
		sector:  rand.NewZipf(rng, 1.2, 1, uint64(len(mixSectors)-1)),
		stage:   rand.NewZipf(rng, 1.2, 1, uint64(len(mixStages)-1)),
		ids:     ids,
		cursors: &sync.Map{},
	}
}

// mixGroups name the kinds of request the mix reports separately.
var mixGroups = []string{"api list", "api search", "api search (serial, unique)", "page directory", "api profile"}

// next returns a group index and a path.
func (m *mix) next() (int, string) {
	switch r := m.rng.IntN(100); {
	case r < 30:
		return 0, m.page("/api/v1/startups", m.filters(false))
	case r < 58:
		v := m.filters(true)
		v.Set("q", mixWords[m.words.Uint64()])
		return 1, m.page("/api/v1/startups", v)
	case r < 63:
		// Someone looking for one company by the number in its name.
		v := url.Values{}
		v.Set("q", strconv.FormatInt(100+m.rng.Int64N(m.ids), 10))
		return 2, "/api/v1/startups?" + v.Encode()
	case r < 88:
		v := m.filters(false)
		if m.rng.IntN(2) == 0 {
			v.Set("q", mixWords[m.words.Uint64()])
		}
		return 3, m.page("/startups", v)
	default:
		return 4, "/api/v1/startups/" + strconv.FormatInt(1+m.rng.Int64N(m.ids), 10)
	}
}

// filters draws filters: none most of the time, else region, sector or
// stage alone or a pair. A search is filtered less often than a list.
func (m *mix) filters(search bool) url.Values {
	v := url.Values{}
	none := 45
	if search {
		none = 70
	}
	switch r := m.rng.IntN(100); {
	case r < none:
	case r < none+(100-none)/3:
		v.Set("region", mixRegions[m.rng.IntN(2)])
	case r < none+2*(100-none)/3:
		v.Set("sector", mixSectors[m.sector.Uint64()])
	case r < none+5*(100-none)/6:
		v.Set("region", mixRegions[m.rng.IntN(2)])
		v.Set("sector", mixSectors[m.sector.Uint64()])
	default:
		v.Set("sector", mixSectors[m.sector.Uint64()])
		v.Set("stage", mixStages[m.stage.Uint64()])
	}
	return v
}

// page returns the first page of a list most of the time, else the next
// page of one already read (when its cursor is known).
func (m *mix) page(path string, v url.Values) string {
	first := path + "?" + v.Encode()
	if m.rng.IntN(100) >= 20 {
		return first
	}
	cur, ok := m.cursors.Load(first)
	if !ok {
		return first
	}
	v.Set("cursor", cur.(string))
	return path + "?" + v.Encode()
}

// learn records the cursor of a first page's answer.
func (m *mix) learn(path string, next string) {
	if next != "" {
		m.cursors.Store(path, next)
	}
}

func (m *mix) String() string {
	return fmt.Sprintf("mix of %d words, %d regions, %d sectors, %d stages, ids 1..%d", len(mixWords), len(mixRegions), len(mixSectors), len(mixStages), m.ids)
}
