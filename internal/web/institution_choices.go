package web

import (
	"context"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/i18n"
)

// managedInstitutions lists, as choices named in the page's language, the
// institutions whose programmes u runs: their own as staff, every one for
// an administrator. The store checks again on every write.
func (s *site) managedInstitutions(ctx context.Context, u *auth.User, p *i18n.Printer) ([]option, error) {
	if u == nil {
		return nil, nil
	}
	var out []option
	if u.IsAdmin() {
		all, err := s.svc.Partners.InstitutionPage(ctx, "", 0, 1000)
		if err != nil {
			return nil, err
		}
		for _, in := range all {
			out = append(out, option{Value: strconv.FormatInt(in.ID, 10), Label: in.Name.In(p.Lang)})
		}
		return out, nil
	}
	for _, id := range u.StaffInstitutions() {
		in, err := s.svc.Partners.Institution(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, option{Value: strconv.FormatInt(id, 10), Label: in.Name.In(p.Lang)})
	}
	return out, nil
}
