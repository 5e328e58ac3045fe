package office

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

func (in *OfficeInput) normalize() {
	in.Name = in.Name.Trimmed()
	in.City = strings.TrimSpace(in.City)
	in.Region = strings.ToLower(strings.TrimSpace(in.Region))
	if in.Status == "" {
		in.Status = OfficeProposed
	}
	in.Services = normalizeServices(in.Services)
}

// validate checks an office and resolves its city, which must be a city of
// a partner region that the gazetteer knows; the region defaults to the
// city's. An office recorded before cities were checked (current, when
// editing) may keep a city the gazetteer does not list, in its region: its
// staff can change anything else without having to move it; moving to
// another such city is refused.
func (in *OfficeInput) validate(ctx context.Context, q database.Querier, current *Office) (string, *City, error) {
	var v errs.Invalid
	if in.HostInstitutionID <= 0 || !exists(ctx, q, `SELECT COUNT(*) FROM institutions WHERE id = ?`, in.HostInstitutionID) {
		v.Add("host_institution_id", "field.institution", nil)
	}
	checkName(&v, "name", in.Name)
	checkCity(&v, "city", in.City)
	key, city, err := ResolveCity(ctx, q, in.City)
	if err != nil {
		return "", nil, err
	}
	kept := current != nil && city == nil && key != "" && key == current.cityKey
	switch {
	case v.Has("city"):
	case kept && in.Region == "":
		in.Region = current.Region
	case kept && in.Region != current.Region:
		v.Add("region", "office.field.city_region", nil)
	case kept:
	case city == nil || city.Region == "":
		v.Add("city", "office.field.office_city", nil)
	case in.Region == "":
		in.Region = city.Region
	case in.Region != city.Region:
		v.Add("region", "office.field.city_region", nil)
	}
	if in.Region == "" || !exists(ctx, q, `SELECT COUNT(*) FROM regions WHERE code = ?`, in.Region) {
		v.Add("region", "field.region", nil)
	}
	if in.Desks < 1 || in.Desks > MaxDesks {
		v.Add("desks", "office.field.office_desks", map[string]any{"max": MaxDesks})
	}
	checkServices(&v, "services", in.Services)
	if !validOfficeStatus(in.Status) {
		v.Add("status", "office.field.office_status", nil)
	}
	return key, city, v.OrNil()
}

func checkName(v *errs.Invalid, field string, t text.Text) {
	if t.Empty() {
		v.Add(field, "field.required", nil)
		return
	}
	for lang, s := range map[string]string{"ko": t.Ko, "zh": t.Zh, "en": t.En} {
		if utf8.RuneCountInString(s) > MaxNameLength {
			v.Add(field+"."+lang, "field.too_long", map[string]any{"max": MaxNameLength})
		}
	}
}

func checkCity(v *errs.Invalid, field, city string) {
	switch {
	case CityKey(city) == "":
		v.Add(field, "office.field.city", nil)
	case utf8.RuneCountInString(city) > MaxCityLength:
		v.Add(field, "field.too_long", map[string]any{"max": MaxCityLength})
	}
}

func checkServices(v *errs.Invalid, field string, services []Service) {
	for i, s := range services {
		if !validService(s) {
			v.Add(fmt.Sprintf("%s[%d]", field, i), "office.field.service", nil)
		}
	}
}

func validService(s Service) bool {
	for _, k := range Services {
		if k == s {
			return true
		}
	}
	return false
}

func validOfficeStatus(s OfficeStatus) bool {
	for _, k := range OfficeStatuses {
		if k == s {
			return true
		}
	}
	return false
}

// normalizeServices trims and lowercases the codes and drops repeats,
// keeping unknown codes for the validation to name.
func normalizeServices(in []Service) []Service {
	seen := map[Service]bool{}
	out := []Service{}
	for _, s := range in {
		s = Service(strings.ToLower(strings.TrimSpace(string(s))))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

func (in *RequestInput) normalize() {
	in.TargetCity = strings.TrimSpace(in.TargetCity)
	in.StartMonth = strings.TrimSpace(in.StartMonth)
	in.Purpose = strings.TrimSpace(in.Purpose)
	in.Services = normalizeServices(in.Services)
}

// validate checks a request against the rules of SPEC §3.4; thisMonth is
// the current month where the start-up is, and maxDesks the largest office
// of the target city (0 when it has none).
func (in *RequestInput) validate(thisMonth string, maxDesks int) error {
	var v errs.Invalid
	checkCity(&v, "target_city", in.TargetCity)
	switch {
	case !ValidMonth(in.StartMonth):
		v.Add("start_month", "office.field.month", nil)
	case in.StartMonth < thisMonth:
		v.Add("start_month", "office.field.month_past", map[string]any{"month": thisMonth})
	}
	if in.Months < 1 || in.Months > MaxMonths {
		v.Add("months", "office.field.months", map[string]any{"max": MaxMonths})
	}
	switch {
	case in.Desks < 1 || in.Desks > MaxDesks:
		v.Add("desks", "office.field.desks", map[string]any{"max": MaxDesks})
	case maxDesks > 0 && in.Desks > maxDesks:
		v.Add("desks", "office.field.desks_above_office", map[string]any{"max": maxDesks})
	}
	checkServices(&v, "services", in.Services)
	if utf8.RuneCountInString(in.Purpose) > MaxPurposeLength {
		v.Add("purpose", "field.too_long", map[string]any{"max": MaxPurposeLength})
	}
	return v.OrNil()
}

func exists(ctx context.Context, q database.Querier, query string, args ...any) bool {
	var n int
	return q.QueryRow(ctx, query, args...).Scan(&n) == nil && n > 0
}

func joinServices(s []Service) string {
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = string(x)
	}
	return strings.Join(parts, ",")
}

func splitServices(s string) []Service {
	out := []Service{}
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, Service(p))
		}
	}
	return out
}
