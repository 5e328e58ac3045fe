package web

import (
	"context"

	"startbridge/internal/text"
)

// regionNames names regions by code from the regions table, so that a
// contest open to a third region, or a judge from one, shows the region's
// name rather than a catalogue key made of its code.
type regionNames map[string]text.Text

// Name is the region's name, or its code when the region is unknown.
func (m regionNames) Name(code string) text.Text {
	if t, ok := m[code]; ok {
		return t
	}
	return text.Text{En: code}
}

func (s *site) regionNames(ctx context.Context) (regionNames, error) {
	regions, err := s.svc.Partners.Regions(ctx)
	if err != nil {
		return nil, err
	}
	out := regionNames{}
	for _, rg := range regions {
		out[rg.Code] = rg.Name
	}
	return out, nil
}
