package directory

import (
	"time"

	"startbridge/internal/text"
)

// Startup is a start-up's profile.
type Startup struct {
	ID          int64      `json:"id"`
	Name        text.Text  `json:"name"`
	LegalName   string     `json:"legal_name"`
	Region      string     `json:"region"`
	City        string     `json:"city"`
	FoundedOn   string     `json:"founded_on"`
	Stage       Stage      `json:"stage"`
	Sectors     []string   `json:"sectors"`
	Employees   *int       `json:"employees"`
	Website     string     `json:"website"`
	Description text.Text  `json:"description"`
	Markets     []string   `json:"target_markets"`
	Seeks       Seeks      `json:"seeks"`
	KRBizNumber string     `json:"kr_business_number"`
	CNCreditNo  string     `json:"cn_credit_code"`
	Visibility  Visibility `json:"visibility"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	// Deck describes the pitch deck, nil when none was uploaded.
	Deck *DeckInfo `json:"deck"`
}

// Seeks is what a start-up is looking for. The investment range is in minor
// units of Currency.
type Seeks struct {
	Investment    bool   `json:"investment"`
	InvestmentMin *int64 `json:"investment_min"`
	InvestmentMax *int64 `json:"investment_max"`
	Currency      string `json:"currency"`
	Office        bool   `json:"office"`
	Partners      bool   `json:"partners"`
	TechServices  bool   `json:"tech_services"`
	Note          string `json:"note"`
}

// StartupInput is what a form, an API client or an import row gives to
// create or replace a start-up's profile. Optional text is "" when absent.
type StartupInput struct {
	Name        text.Text  `json:"name"`
	LegalName   string     `json:"legal_name"`
	Region      string     `json:"region"`
	City        string     `json:"city"`
	FoundedOn   string     `json:"founded_on"`
	Stage       Stage      `json:"stage"`
	Sectors     []string   `json:"sectors"`
	Employees   *int       `json:"employees"`
	Website     string     `json:"website"`
	Description text.Text  `json:"description"`
	Markets     []string   `json:"target_markets"`
	Seeks       Seeks      `json:"seeks"`
	KRBizNumber string     `json:"kr_business_number"`
	CNCreditNo  string     `json:"cn_credit_code"`
	Visibility  Visibility `json:"visibility"`
}

// Input returns the profile as input, the starting point of an edit: a
// partial update decodes onto it and saves the whole.
func (s *Startup) Input() StartupInput {
	return StartupInput{
		Name: s.Name, LegalName: s.LegalName, Region: s.Region, City: s.City, FoundedOn: s.FoundedOn,
		Stage: s.Stage, Sectors: append([]string(nil), s.Sectors...), Employees: s.Employees, Website: s.Website,
		Description: s.Description, Markets: append([]string(nil), s.Markets...), Seeks: s.Seeks,
		KRBizNumber: s.KRBizNumber, CNCreditNo: s.CNCreditNo, Visibility: s.Visibility,
	}
}

// Founded returns the founding date, false when it is not known.
func (s *Startup) Founded() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s.FoundedOn)
	return t, err == nil
}

// HasSector reports whether the start-up works in sector.
func (s *Startup) HasSector(sector string) bool {
	for _, c := range s.Sectors {
		if c == sector {
			return true
		}
	}
	return false
}

// DeckInfo describes an uploaded pitch deck without its bytes.
type DeckInfo struct {
	Filename   string    `json:"filename"`
	Size       int64     `json:"size"`
	SHA256     string    `json:"sha256"`
	UploadedAt time.Time `json:"uploaded_at"`
}
