package directory

import (
	"context"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/errs"
	"startbridge/internal/i18n"
	"startbridge/internal/text"
)

// Investor is an investor's profile: a fund, an angel or an investment
// company, optionally belonging to an institution.
type Investor struct {
	ID          int64      `json:"id"`
	Name        text.Text  `json:"name"`
	Institution *int64     `json:"institution_id"`
	Region      string     `json:"region"`
	Website     string     `json:"website"`
	Description text.Text  `json:"description"`
	Sectors     []string   `json:"sectors"`
	Stages      []Stage    `json:"stages"`
	TicketMin   *int64     `json:"ticket_min"`
	TicketMax   *int64     `json:"ticket_max"`
	Currency    string     `json:"ticket_currency"`
	Regions     []string   `json:"regions"`
	Languages   []string   `json:"languages"`
	Visibility  Visibility `json:"visibility"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// InvestorInput is what creates or replaces an investor's profile. Ticket
// amounts are minor units of Currency.
type InvestorInput struct {
	Name        text.Text  `json:"name"`
	Institution *int64     `json:"institution_id"`
	Region      string     `json:"region"`
	Website     string     `json:"website"`
	Description text.Text  `json:"description"`
	Sectors     []string   `json:"sectors"`
	Stages      []Stage    `json:"stages"`
	TicketMin   *int64     `json:"ticket_min"`
	TicketMax   *int64     `json:"ticket_max"`
	Currency    string     `json:"ticket_currency"`
	Regions     []string   `json:"regions"`
	Languages   []string   `json:"languages"`
	Visibility  Visibility `json:"visibility"`
}

// Input returns the profile as input, the starting point of an edit.
func (iv *Investor) Input() InvestorInput {
	return InvestorInput{Name: iv.Name, Institution: iv.Institution, Region: iv.Region, Website: iv.Website,
		Description: iv.Description, Sectors: append([]string(nil), iv.Sectors...), Stages: append([]Stage(nil), iv.Stages...),
		TicketMin: iv.TicketMin, TicketMax: iv.TicketMax, Currency: iv.Currency,
		Regions: append([]string(nil), iv.Regions...), Languages: append([]string(nil), iv.Languages...), Visibility: iv.Visibility}
}

func (in *InvestorInput) normalize() {
	in.Name = in.Name.Trimmed()
	in.Description = in.Description.Trimmed()
	in.Region = trimLower(in.Region)
	in.Website = normalizeURL(in.Website)
	in.Sectors = normalizeCodes(in.Sectors, trimLower)
	stages := make([]string, len(in.Stages))
	for i, s := range in.Stages {
		stages[i] = string(s)
	}
	in.Stages = nil
	for _, s := range normalizeCodes(stages, trimLower) {
		in.Stages = append(in.Stages, Stage(s))
	}
	in.Regions = normalizeCodes(in.Regions, trimLower)
	in.Languages = normalizeCodes(in.Languages, trimLower)
	in.Currency = trimUpper(in.Currency)
	if in.Visibility == "" {
		in.Visibility = Public
	}
}

func (in *InvestorInput) validate(ctx context.Context, q database.Querier, t *taxonomy) error {
	var v errs.Invalid
	checkText(&v, "name", in.Name, MaxNameLength, true)
	if in.Institution != nil {
		var n int
		if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM institutions WHERE id = ?`, *in.Institution).Scan(&n); err != nil || n == 0 {
			v.Add("institution_id", "field.institution", nil)
		}
	}
	t.checkRegion(&v, "region", in.Region, false)
	checkURL(&v, "website", in.Website)
	checkText(&v, "description", in.Description, MaxDescriptionLength, false)
	t.checkSectors(&v, "sectors", in.Sectors)
	for i, s := range in.Stages {
		if !s.Valid() {
			v.Add(indexed("stages", i), "directory.field.stage", nil)
		}
	}
	checkRange(&v, [3]string{"ticket_min", "ticket_max", "ticket_currency"}, in.TicketMin, in.TicketMax, in.Currency)
	for i, r := range in.Regions {
		t.checkRegion(&v, indexed("regions", i), r, true)
	}
	for i, l := range in.Languages {
		if !i18n.Supported(l) {
			v.Add(indexed("languages", i), "field.language", nil)
		}
	}
	if !in.Visibility.Valid() {
		v.Add("visibility", "directory.field.visibility", nil)
	}
	return v.OrNil()
}
