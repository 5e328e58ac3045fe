package web

import (
	"context"

	"startbridge/internal/i18n"
)

// commonZones are offered in every time zone select; the user's own zone is
// added when it is another.
var commonZones = []string{"Asia/Seoul", "Asia/Shanghai", "UTC"}

// languageOptions lists the languages, each named in itself.
func languageOptions(p *i18n.Printer) []option {
	var out []option
	for _, lang := range i18n.Languages {
		out = append(out, option{Value: lang, Label: p.T("lang." + lang), Lang: htmlLang(lang)})
	}
	return out
}

// zoneOptions lists the common zones, the zones of the partner regions and
// the extra ones given (the viewer's and the stored setting), once each.
func (s *site) zoneOptions(ctx context.Context, p *i18n.Printer, extra ...string) ([]option, error) {
	regions, err := s.svc.Partners.Regions(ctx)
	if err != nil {
		return nil, err
	}
	zones := append([]string{}, commonZones...)
	for _, r := range regions {
		zones = append(zones, r.TimeZone)
	}
	zones = append(zones, extra...)
	seen := map[string]bool{}
	var out []option
	for _, z := range zones {
		if z == "" || z == "Local" || seen[z] {
			continue
		}
		seen[z] = true
		label := p.ZoneName(z)
		if label != z {
			label += " (" + z + ")"
		}
		out = append(out, option{Value: z, Label: label})
	}
	return out, nil
}

// regionOptions lists the partner regions, named in the page's language.
func (s *site) regionOptions(ctx context.Context, p *i18n.Printer) ([]option, error) {
	regions, err := s.svc.Partners.Regions(ctx)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, r := range regions {
		out = append(out, option{Value: r.Code, Label: r.Name.In(p.Lang)})
	}
	return out, nil
}
