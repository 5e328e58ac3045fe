package directory

import (
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// normalize trims and canonicalizes input in place, so that what is checked
// is what is stored: codes lower-cased, country codes upper-cased, business
// numbers without separators, a bare domain given a scheme.
func (in *StartupInput) normalize() {
	in.Name = in.Name.Trimmed()
	in.Description = in.Description.Trimmed()
	in.LegalName = strings.TrimSpace(in.LegalName)
	in.Region = strings.ToLower(strings.TrimSpace(in.Region))
	in.City = strings.TrimSpace(in.City)
	in.FoundedOn = strings.TrimSpace(in.FoundedOn)
	in.Stage = Stage(strings.ToLower(strings.TrimSpace(string(in.Stage))))
	in.Sectors = normalizeCodes(in.Sectors, strings.ToLower)
	in.Markets = normalizeCodes(in.Markets, strings.ToUpper)
	in.Website = normalizeURL(in.Website)
	in.Seeks.Currency = strings.ToUpper(strings.TrimSpace(in.Seeks.Currency))
	in.Seeks.Note = strings.TrimSpace(in.Seeks.Note)
	in.KRBizNumber = NormalizeKRBizNumber(in.KRBizNumber)
	in.CNCreditNo = NormalizeCNCreditCode(in.CNCreditNo)
	if in.Visibility == "" {
		in.Visibility = Public
	}
}

// validate checks normalized input against the rules and the founding data,
// naming every field at fault.
func (in *StartupInput) validate(t *taxonomy, now time.Time) error {
	var v errs.Invalid
	checkText(&v, "name", in.Name, MaxNameLength, true)
	checkLength(&v, "legal_name", in.LegalName, MaxNameLength)
	t.checkRegion(&v, "region", in.Region, true)
	checkLength(&v, "city", in.City, MaxCityLength)
	if in.FoundedOn != "" && !v.Has("region") {
		checkPastDate(&v, "founded_on", in.FoundedOn, t.today(in.Region, now))
	}
	switch {
	case in.Stage == "":
		v.Add("stage", "field.required", nil)
	case !in.Stage.Valid():
		v.Add("stage", "directory.field.stage", nil)
	}
	t.checkSectors(&v, "sectors", in.Sectors)
	if in.Employees != nil && (*in.Employees < 0 || *in.Employees > MaxEmployees) {
		v.Add("employees", "directory.field.employees", map[string]any{"max": MaxEmployees})
	}
	checkURL(&v, "website", in.Website)
	checkText(&v, "description", in.Description, MaxDescriptionLength, false)
	for i, m := range in.Markets {
		if !isCountry(m) {
			v.Add(indexed("target_markets", i), "directory.field.country", map[string]any{"value": m})
		}
	}
	checkRange(&v, [3]string{"seeks.investment_min", "seeks.investment_max", "seeks.currency"},
		in.Seeks.InvestmentMin, in.Seeks.InvestmentMax, in.Seeks.Currency)
	checkLength(&v, "seeks.note", in.Seeks.Note, MaxNoteLength)
	if in.KRBizNumber != "" && !ValidKRBizNumber(in.KRBizNumber) {
		v.Add("kr_business_number", "directory.field.kr_business_number", nil)
	}
	if in.CNCreditNo != "" && !ValidCNCreditCode(in.CNCreditNo) {
		v.Add("cn_credit_code", "directory.field.cn_credit_code", nil)
	}
	if !in.Visibility.Valid() {
		v.Add("visibility", "directory.field.visibility", nil)
	}
	t.sortSectors(in.Sectors)
	return v.OrNil()
}

func checkText(v *errs.Invalid, field string, t text.Text, max int, required bool) {
	if required && t.Empty() {
		v.Add(field, "field.text_one_language", nil)
	}
	checkLength(v, field+".ko", t.Ko, max)
	checkLength(v, field+".zh", t.Zh, max)
	checkLength(v, field+".en", t.En, max)
}

func checkLength(v *errs.Invalid, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		v.Add(field, "field.too_long", map[string]any{"max": max})
	}
	if strings.ContainsFunc(s, isControl) {
		v.Add(field, "directory.field.control_characters", nil)
	}
}

// isControl refuses characters that have no business in a profile (NUL,
// escapes); tabs and line breaks are fine in descriptions.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f || r == utf8.RuneError
}

// checkPastDate accepts a YYYY-MM-DD date from 1900 up to today, where today
// is the date in the start-up's own time zone.
func checkPastDate(v *errs.Invalid, field, date, today string) {
	d, err := time.Parse(time.DateOnly, date)
	switch {
	case err != nil:
		v.Add(field, "directory.field.date", nil)
	case d.Year() < 1900:
		v.Add(field, "directory.field.date_too_early", nil)
	case date > today:
		v.Add(field, "directory.field.date_future", nil)
	}
}

func checkURL(v *errs.Invalid, field, raw string) {
	if raw == "" {
		return
	}
	if len(raw) > MaxURLLength {
		v.Add(field, "field.too_long", map[string]any{"max": MaxURLLength})
		return
	}
	if !validWebURL(raw) {
		v.Add(field, "directory.field.url", nil)
	}
}

// validWebURL accepts absolute http and https addresses whose host is a
// domain name with a dot or an IP address.
func validWebURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" || u.User != nil {
		return false
	}
	host := u.Hostname()
	if net.ParseIP(host) != nil {
		return true
	}
	if host == "" || !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f) {
				return false
			}
		}
	}
	return true
}

// normalizeURL gives a bare domain ("example.com/about") the https scheme,
// since that is how people write addresses; anything else is left for
// validWebURL to judge.
func normalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.Contains(raw, "://") || strings.ContainsAny(raw, " :") {
		return raw
	}
	if host, _, _ := strings.Cut(raw, "/"); strings.Contains(host, ".") {
		return "https://" + raw
	}
	return raw
}

// checkRange checks an amount range in minor units; fields names its
// minimum, maximum and currency.
func checkRange(v *errs.Invalid, fields [3]string, lo, hi *int64, currency string) {
	if lo != nil && *lo < 0 {
		v.Add(fields[0], "directory.field.amount", nil)
	}
	if hi != nil && *hi < 0 {
		v.Add(fields[1], "directory.field.amount", nil)
	}
	if lo != nil && hi != nil && *lo > *hi {
		v.Add(fields[1], "directory.field.range", nil)
	}
	switch {
	case currency == "" && (lo != nil || hi != nil):
		v.Add(fields[2], "field.required", nil)
	case currency != "":
		if _, ok := Currencies[currency]; !ok {
			v.Add(fields[2], "directory.field.currency", nil)
		}
	}
}

func isCountry(code string) bool {
	if len(code) != 2 {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry()
}

func normalizeCodes(codes []string, fold func(string) string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		c = fold(strings.TrimSpace(c))
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func indexed(field string, i int) string {
	return field + "[" + itoa(int64(i)) + "]"
}
