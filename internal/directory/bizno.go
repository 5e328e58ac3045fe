package directory

import "strings"

// NormalizeKRBizNumber removes the separators people type in a Korean
// business registration number ("124-81-00998" → "1248100998").
func NormalizeKRBizNumber(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' || r == '.' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// ValidKRBizNumber checks a Korean business registration number
// (사업자등록번호): ten digits whose last is the check digit computed with
// the weights 1,3,7,1,3,7,1,3,5 and the carry of the ninth digit × 5.
func ValidKRBizNumber(s string) bool {
	if len(s) != 10 {
		return false
	}
	var d [10]int
	for i := range 10 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		d[i] = int(s[i] - '0')
	}
	weights := [9]int{1, 3, 7, 1, 3, 7, 1, 3, 5}
	sum := 0
	for i, w := range weights {
		sum += d[i] * w
	}
	sum += d[8] * 5 / 10
	return (10-sum%10)%10 == d[9]
}

// NormalizeCNCreditCode upper-cases a Chinese unified social credit code and
// removes spaces and dashes.
func NormalizeCNCreditCode(s string) string {
	return strings.ToUpper(NormalizeKRBizNumber(s))
}

// creditCodeAlphabet is the character set of GB 32100-2015: digits and
// capital letters without I, O, Z, S and V; a character's value is its index.
const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// ValidCNCreditCode checks a unified social credit code (统一社会信用代码,
// GB 32100-2015): 18 characters of creditCodeAlphabet whose last is the
// check character for the weighted sum of the first 17 modulo 31.
func ValidCNCreditCode(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, w := range weights {
		v := strings.IndexByte(creditCodeAlphabet, s[i])
		if v < 0 {
			return false
		}
		sum += v * w
	}
	check := (31 - sum%31) % 31
	return s[17] == creditCodeAlphabet[check]
}
