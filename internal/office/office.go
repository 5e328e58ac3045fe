// Package office runs the cooperative overseas offices of SPEC §3.4:
// offices and their desks, start-ups' requests for any city, approval that
// allocates desks month by month without ever exceeding an office's desks,
// the waitlist and its promotion, and the demand view.
package office

import (
	"time"

	"startbridge/internal/database"
	"startbridge/internal/text"
)

// Store reads and writes offices and requests.
type Store struct {
	db  *database.DB
	now func() time.Time
}

// NewStore returns a Store on db.
func NewStore(db *database.DB) *Store {
	return &Store{db: db, now: time.Now}
}

// SetClock makes the store read the time from now, for tests that need a
// fixed month.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Service is something an office offers. The codes are stable: clients and
// stored rows use them, the catalogue names them (office.service.<code>).
type Service string

// The services of SPEC §3.4, in the order forms show them.
const (
	ServiceDesk              Service = "desk"
	ServiceRegisteredAddress Service = "registered_address"
	ServiceLegal             Service = "legal"
	ServiceAccounting        Service = "accounting"
	ServiceInterpretation    Service = "interpretation"
	ServiceMarketResearch    Service = "market_research"
	ServicePartnerSearch     Service = "partner_search"
)

// Services lists every service code.
var Services = []Service{ServiceDesk, ServiceRegisteredAddress, ServiceLegal, ServiceAccounting,
	ServiceInterpretation, ServiceMarketResearch, ServicePartnerSearch}

// OfficeStatus is where an office stands.
type OfficeStatus string

// The statuses of an office.
const (
	OfficeProposed OfficeStatus = "proposed"
	OfficeOpen     OfficeStatus = "open"
	OfficeClosed   OfficeStatus = "closed"
)

// OfficeStatuses lists them in order.
var OfficeStatuses = []OfficeStatus{OfficeProposed, OfficeOpen, OfficeClosed}

// Status is where a request stands. Approved requests show as active during
// their months and completed after them; the store keeps them approved.
type Status string

// The statuses of a request (SPEC §3.4).
const (
	StatusSubmitted   Status = "submitted"
	StatusUnderReview Status = "under_review"
	StatusApproved    Status = "approved"
	StatusWaitlisted  Status = "waitlisted"
	StatusRejected    Status = "rejected"
	StatusActive      Status = "active"
	StatusCompleted   Status = "completed"
	StatusCancelled   Status = "cancelled"
)

// Statuses lists every status a request shows, in the order of the flow.
var Statuses = []Status{StatusSubmitted, StatusUnderReview, StatusApproved, StatusWaitlisted, StatusRejected,
	StatusActive, StatusCompleted, StatusCancelled}

// Reasons a request was rejected; capacity counts as unmet demand.
const (
	ReasonCapacity = "capacity"
	ReasonOther    = "other"
)

// Field limits shared by forms and the API.
const (
	MaxMonths        = 12
	MaxDesks         = 500
	MaxCityLength    = 100
	MaxPurposeLength = 2000
	MaxNameLength    = 200
)

// Office is a cooperative office hosted by an institution.
type Office struct {
	ID                int64        `json:"id"`
	HostInstitutionID int64        `json:"host_institution_id"`
	Name              text.Text    `json:"name"`
	City              string       `json:"city"`
	CityCode          string       `json:"city_code,omitempty"`
	Region            string       `json:"region"`
	Desks             int          `json:"desks"`
	Services          []Service    `json:"services"`
	Status            OfficeStatus `json:"status"`
	Version           int          `json:"version"`
	CreatedAt         time.Time    `json:"created_at"`
	UpdatedAt         time.Time    `json:"updated_at"`
	cityKey           string
}

// OfficeInput is what staff give to create or change an office.
type OfficeInput struct {
	HostInstitutionID int64        `json:"host_institution_id"`
	Name              text.Text    `json:"name"`
	City              string       `json:"city"`
	Region            string       `json:"region"`
	Desks             int          `json:"desks"`
	Services          []Service    `json:"services"`
	Status            OfficeStatus `json:"status"`
}

// Request is a start-up's request for office support.
type Request struct {
	ID          int64     `json:"id"`
	StartupID   int64     `json:"startup_id"`
	StartupName text.Text `json:"startup_name"`
	TargetCity  string    `json:"target_city"`
	CityCode    string    `json:"city_code,omitempty"`
	// CityName is the gazetteer's name of the city, else the city as typed.
	CityName     text.Text  `json:"city_name"`
	StartMonth   string     `json:"start_month"`
	Months       int        `json:"months"`
	EndMonth     string     `json:"end_month"`
	Desks        int        `json:"desks"`
	Services     []Service  `json:"services"`
	Purpose      string     `json:"purpose"`
	Status       Status     `json:"status"`
	OfficeID     *int64     `json:"office_id"`
	Priority     int        `json:"priority"`
	RejectReason string     `json:"reject_reason,omitempty"`
	SubmittedAt  time.Time  `json:"submitted_at"`
	DecidedAt    *time.Time `json:"decided_at"`
	Version      int        `json:"version"`
	// stored is the status as kept; Status derives active and completed.
	stored Status
}

// RequestInput is what a start-up fills in.
type RequestInput struct {
	StartupID  int64     `json:"startup_id"`
	TargetCity string    `json:"target_city"`
	StartMonth string    `json:"start_month"`
	Months     int       `json:"months"`
	Desks      int       `json:"desks"`
	Services   []Service `json:"services"`
	Purpose    string    `json:"purpose"`
}

// Decision is what host staff decide on a request.
type Decision struct {
	Decision string `json:"decision"`
	OfficeID int64  `json:"office_id"`
	// Reason of a rejection: capacity or other (the default).
	Reason string `json:"reason"`
}

// The decisions staff may take.
const (
	DecideApprove = "approve"
	DecideReject  = "reject"
)

// Change shortens an approved stay or lowers its desks; zero leaves a value
// as it is.
type Change struct {
	Months int `json:"months"`
	Desks  int `json:"desks"`
}
