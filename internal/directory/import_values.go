package directory

import (
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode"

	"startbridge/internal/errs"
)

// stageAliases are how spreadsheets write the stages, folded as headers.
var stageAliases = map[string]Stage{
	"idea": StageIdea, "아이디어": StageIdea, "创意": StageIdea, "创意阶段": StageIdea, "概念": StageIdea,
	"preseed": StagePreSeed, "프리시드": StagePreSeed, "种子前": StagePreSeed, "天使轮": StagePreSeed, "angel": StagePreSeed,
	"seed": StageSeed, "시드": StageSeed, "种子": StageSeed, "种子轮": StageSeed,
	"seriesa": StageSeriesA, "a": StageSeriesA, "시리즈a": StageSeriesA, "a轮": StageSeriesA, "prea": StageSeed,
	"seriesb": StageSeriesBPlus, "seriesbplus": StageSeriesBPlus, "seriesc": StageSeriesBPlus, "b": StageSeriesBPlus, "c": StageSeriesBPlus,
	"시리즈b": StageSeriesBPlus, "시리즈b이상": StageSeriesBPlus, "시리즈c": StageSeriesBPlus, "b轮": StageSeriesBPlus, "b轮及以后": StageSeriesBPlus, "c轮": StageSeriesBPlus,
	"growth": StageGrowth, "성장": StageGrowth, "成长期": StageGrowth, "成长": StageGrowth, "preipo": StageGrowth,
}

// countryAliases turn country names people type into ISO codes.
var countryAliases = map[string]string{
	"한국": "KR", "대한민국": "KR", "韩国": "KR", "korea": "KR", "southkorea": "KR",
	"중국": "CN", "中国": "CN", "china": "CN", "미국": "US", "美国": "US", "usa": "US", "unitedstates": "US",
	"일본": "JP", "日本": "JP", "japan": "JP", "베트남": "VN", "越南": "VN", "vietnam": "VN",
	"싱가포르": "SG", "新加坡": "SG", "singapore": "SG", "독일": "DE", "德国": "DE", "germany": "DE",
}

// splitCells splits a cell holding a list: commas, semicolons, slashes,
// vertical bars, ideographic commas and line breaks all separate.
func splitCells(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(",;/|、，；\n", r)
	})
}

// parseImportDate reads the ways spreadsheets write a date: ISO, with
// slashes or dots, in Korean or Chinese, or an Excel serial number (days
// since 1899-12-30 in the 1900 date system; 10000 and above, so that a
// bare year such as 2021 is refused rather than read as a day of 1905).
func parseImportDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	bad := errs.Field("founded_on", "directory.import.date", map[string]any{"value": s})
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if n < 10000 || n > 2958465 {
			return "", bad
		}
		d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		return d.Format(time.DateOnly), nil
	}
	norm := strings.NewReplacer("년", "-", "월", "-", "일", "", "年", "-", "月", "-", "日", "", "/", "-", ".", "-", " ", "").Replace(s)
	norm = strings.TrimSuffix(norm, "-")
	for _, layout := range []string{"2006-1-2", "2006-01-02"} {
		if d, err := time.Parse(layout, norm); err == nil {
			return d.Format(time.DateOnly), nil
		}
	}
	if d, err := time.Parse("2006-01-02T15:04:05", s); err == nil {
		return d.Format(time.DateOnly), nil
	}
	return "", bad
}

// parseCount reads a whole number such as "1,234" or "34명" / "34人".
func parseCount(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }))
	s = strings.ReplaceAll(s, ",", "")
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// ParseAmount reads an amount written in major units, as forms and
// imports take it, into minor units; see parseAmount.
func ParseAmount(s, currency string) (int64, bool) { return parseAmount(s, currency) }

// parseAmount reads an amount written in major units ("300,000,000",
// "1,500,000.50") into integer minor units of currency, exactly: never
// through a float. Fractions finer than the currency's minor unit are
// refused.
func parseAmount(s, currency string) (int64, bool) {
	s = strings.NewReplacer(",", "", " ", "", "_", "").Replace(strings.TrimSpace(s))
	digits, ok := Currencies[currency]
	if !ok {
		digits = 0
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || r.Sign() < 0 {
		return 0, false
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)))
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	return r.Num().Int64(), true
}
