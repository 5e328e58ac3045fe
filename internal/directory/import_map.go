package directory

import (
	"strings"
	"unicode"
)

// ImportFields are the fields an import column can be mapped to, in the
// order forms list them.
var ImportFields = []string{"name_ko", "name_zh", "name_en", "legal_name", "region", "city", "founded_on", "stage",
	"sectors", "employees", "website", "description_ko", "description_zh", "description_en", "target_markets",
	"investment_min", "investment_max", "currency", "kr_business_number", "cn_credit_code", "visibility"}

// Mapping gives each column of an import the field it fills: Mapping[i]
// for column i, "" to leave the column out.
type Mapping []string

// headerAliases are the titles other tools and people give each field's
// column, compared after folding case, spaces and punctuation away. A
// title of a merged header over language sub-titles ("Name" over "ko")
// arrives combined ("Name ko").
var headerAliases = map[string][]string{
	"name_ko":            {"name_ko", "name ko", "korean name", "name korean", "회사명", "기업명", "스타트업명", "국문명", "국문 회사명", "이름 ko", "名称 韩文", "韩文名称", "韩文名"},
	"name_zh":            {"name_zh", "name zh", "chinese name", "name chinese", "중문명", "중국어 회사명", "企业名称", "公司名称", "中文名称", "中文名", "名称"},
	"name_en":            {"name_en", "name en", "english name", "name english", "name", "company", "company name", "startup", "start-up", "영문명", "영문 회사명", "英文名称", "英文名"},
	"legal_name":         {"legal_name", "legal name", "registered name", "법인명", "상호", "法定名称", "注册名称"},
	"region":             {"region", "province", "지역", "소재지", "地区", "区域", "省市"},
	"city":               {"city", "시군구", "도시", "城市", "所在城市"},
	"founded_on":         {"founded_on", "founded", "founding date", "date founded", "established", "설립일", "설립일자", "창업일", "成立日期", "成立时间", "注册日期"},
	"stage":              {"stage", "funding stage", "투자 단계", "투자단계", "성장단계", "단계", "融资阶段", "阶段", "轮次"},
	"sectors":            {"sectors", "sector", "industry", "industries", "field", "분야", "산업", "업종", "行业", "领域", "产业"},
	"employees":          {"employees", "staff", "headcount", "team size", "직원 수", "직원수", "임직원 수", "종업원수", "员工人数", "员工数", "人数"},
	"website":            {"website", "web", "homepage", "url", "홈페이지", "웹사이트", "网站", "官网", "网址"},
	"description_ko":     {"description_ko", "description ko", "korean description", "소개", "기업 소개", "회사 소개", "사업 내용", "韩文简介"},
	"description_zh":     {"description_zh", "description zh", "chinese description", "중문 소개", "简介", "企业简介", "公司简介", "中文简介"},
	"description_en":     {"description_en", "description en", "description", "about", "english description", "영문 소개", "英文简介"},
	"target_markets":     {"target_markets", "target markets", "markets", "target countries", "진출 희망 국가", "목표 시장", "目标市场"},
	"investment_min":     {"investment_min", "investment min", "min investment", "minimum investment", "seeking min", "투자 희망 최소", "최소 투자금", "融资金额下限", "最低融资"},
	"investment_max":     {"investment_max", "investment max", "max investment", "maximum investment", "seeking max", "투자 희망 최대", "최대 투자금", "融资金额上限", "最高融资"},
	"currency":           {"currency", "investment currency", "통화", "货币", "币种"},
	"kr_business_number": {"kr_business_number", "business registration number", "brn", "사업자등록번호", "사업자 번호", "사업자번호", "韩国营业执照号"},
	"cn_credit_code":     {"cn_credit_code", "unified social credit code", "uscc", "credit code", "统一社会信用代码", "信用代码", "통일사회신용코드"},
	"visibility":         {"visibility", "공개 여부", "공개범위", "可见性", "公开范围"},
}

// foldHeader makes titles comparable: lower case, letters and digits only.
func foldHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var aliasIndex = func() map[string]string {
	m := map[string]string{}
	for field, aliases := range headerAliases {
		for _, a := range aliases {
			m[foldHeader(a)] = field
		}
	}
	return m
}()

// languageMarks are how titles name a language, folded: "Name (en)",
// "기업명 ko" (a merged title over language sub-titles), "简介 中文".
var languageMarks = map[string][]string{
	"ko": {"ko", "kr", "korean", "한국어", "국문", "한글", "韩文", "韩语"},
	"zh": {"zh", "cn", "chinese", "중국어", "중문", "中文", "汉语"},
	"en": {"en", "english", "영어", "영문", "英文", "英语"},
}

// HeaderField returns the field a column title names, "" for none. A title
// that is a name or description title with a language mark before or
// after it names that language's field.
func HeaderField(title string) string {
	key := foldHeader(title)
	if f := aliasIndex[key]; f != "" {
		return f
	}
	for lang, marks := range languageMarks {
		for _, m := range marks {
			var base string
			switch {
			case strings.HasSuffix(key, m) && len(key) > len(m):
				base = strings.TrimSuffix(key, m)
			case strings.HasPrefix(key, m) && len(key) > len(m):
				base = strings.TrimPrefix(key, m)
			default:
				continue
			}
			family, _, _ := strings.Cut(aliasIndex[base], "_")
			if family == "name" || family == "description" {
				return family + "_" + lang
			}
		}
	}
	return ""
}

// IsKnownHeader reports whether a column title names a field; the reader of
// spreadsheets uses it to find the header and the encoding.
func IsKnownHeader(title string) bool { return HeaderField(title) != "" }

// GuessMapping maps each column whose title names a field to it; a field
// named twice keeps its first column.
func GuessMapping(header []string) Mapping {
	m := make(Mapping, len(header))
	taken := map[string]bool{}
	for i, h := range header {
		if f := HeaderField(h); f != "" && !taken[f] {
			m[i], taken[f] = f, true
		}
	}
	return m
}

// column returns the column a field is mapped to, -1 when none.
func (m Mapping) column(field string) int {
	for i, f := range m {
		if f == field {
			return i
		}
	}
	return -1
}
