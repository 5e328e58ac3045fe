// Package booking keeps the incubation base points of SPEC §3.3, their
// shared resources and the bookings of start-ups: the rules a booking must
// follow and the guarantee that no instant is booked beyond capacity, which
// the database transaction enforces on both engines.
package booking

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/text"
	"startbridge/internal/tz"
)

// Store reads and writes base points, resources and bookings.
type Store struct {
	db  *database.DB
	now func() time.Time
	// gate queues the store's booking transactions on SQLite, which
	// admits one writer at a time anyway: waiting here is a wake-up when
	// the writer before is done, where waiting on SQLite's busy handler
	// is sleeping in steps of milliseconds. It is only about speed; the
	// capacity is guarded by the transaction, also across processes.
	gate *sync.Mutex
	// afterCheck, when set, runs between a booking's first checks and its
	// transaction, for tests to commit an edit in that gap.
	afterCheck func()
}

// NewStore returns a Store on db.
func NewStore(db *database.DB) *Store {
	return &Store{db: db, now: time.Now, gate: gateFor(db)}
}

// gateFor returns a gate for a SQLite database, nil for PostgreSQL.
func gateFor(db *database.DB) *sync.Mutex {
	if db == nil || db.Dialect() != database.SQLite {
		return nil
	}
	return &sync.Mutex{}
}

// WithClock returns a copy of s that takes the current time from now, for
// tests of lead times, horizons and deadlines.
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.now = now
	return &c
}

// Kind is what sort of resource a base point shares.
type Kind string

// The kinds of SPEC §3.3.
const (
	Desk        Kind = "desk"
	MeetingRoom Kind = "meeting_room"
	Facility    Kind = "facility"
	TechService Kind = "tech_service"
)

// Kinds lists every kind, in the order pages show them.
var Kinds = []Kind{Desk, MeetingRoom, Facility, TechService}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// OpenTo says which start-ups may book a resource.
type OpenTo string

// Start-ups of the base point's own region only, or of every partner region.
const (
	OwnRegion  OpenTo = "own_region"
	AllRegions OpenTo = "all_regions"
)

// Status is where a booking stands. Pending and confirmed bookings hold
// capacity; the others do not.
type Status string

// The statuses of a booking.
const (
	Pending   Status = "pending"
	Confirmed Status = "confirmed"
	Rejected  Status = "rejected"
	Cancelled Status = "cancelled"
	Completed Status = "completed"
	NoShow    Status = "no_show"
)

// Statuses lists every status.
var Statuses = []Status{Pending, Confirmed, Rejected, Cancelled, Completed, NoShow}

// Holds reports whether a booking in this status holds capacity.
func (s Status) Holds() bool { return s == Pending || s == Confirmed }

// BasePoint is an incubation base point of an institution.
type BasePoint struct {
	ID            int64        `json:"id"`
	InstitutionID int64        `json:"institution_id"`
	Name          text.Text    `json:"name"`
	Region        string       `json:"region"`
	TimeZone      string       `json:"time_zone"`
	Address       string       `json:"address"`
	OpeningHours  OpeningHours `json:"opening_hours"`
	Version       int          `json:"version"`
	CreatedAt     time.Time    `json:"created_at"`
}

// Location is the base point's time zone.
func (b *BasePoint) Location() *time.Location {
	loc, err := tz.Load(b.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Resource is something a base point lends: desks, a meeting room, a
// facility or a technology service.
type Resource struct {
	ID          int64     `json:"id"`
	BasePointID int64     `json:"basepoint_id"`
	Kind        Kind      `json:"kind"`
	Name        text.Text `json:"name"`
	Capacity    int       `json:"capacity"`
	// GranularityMinutes aligns bookings; 0 means whole days.
	GranularityMinutes    int    `json:"granularity_minutes"`
	WholeDays             bool   `json:"whole_days"`
	ApprovalRequired      bool   `json:"approval_required"`
	OpenTo                OpenTo `json:"open_to"`
	LeadTimeMinutes       int    `json:"lead_time_minutes"`
	MaxAdvanceDays        int    `json:"max_advance_days"`
	CancelDeadlineMinutes int    `json:"cancel_deadline_minutes"`
	// PriceMinor is the price of one granule (or day) of one unit, in minor
	// units of PriceCurrency; nil when free.
	PriceMinor    *int64 `json:"price_minor"`
	PriceCurrency string `json:"price_currency,omitempty"`
	// MonthlyQuotaMinutes bounds what one start-up books in a calendar
	// month, in minutes × units; nil when unbounded.
	MonthlyQuotaMinutes *int64 `json:"-"`
	// RetiredAt is when staff retired the resource: it takes no new
	// bookings, and those it holds stand; nil while it is in service.
	RetiredAt *time.Time `json:"retired_at"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
}

// Retired reports whether the resource takes no new bookings.
func (r *Resource) Retired() bool { return r.RetiredAt != nil }

// Booking is a start-up's claim on a quantity of a resource over
// [Start, End).
type Booking struct {
	ID         int64     `json:"id"`
	ResourceID int64     `json:"resource_id"`
	StartupID  int64     `json:"startup_id"`
	BookedBy   *int64    `json:"booked_by"`
	SeriesID   *int64    `json:"series_id"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	Quantity   int       `json:"quantity"`
	Status     Status    `json:"status"`
	Note       string    `json:"note"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Minutes is the booking's length in minutes times its quantity, what a
// quota counts.
func (b *Booking) Minutes() int64 {
	return int64(b.End.Sub(b.Start)/time.Minute) * int64(b.Quantity)
}

// Quota is the monthly quota per start-up in the unit the resource is
// booked in (hours, or days for whole-day resources); 0 when there is none.
func (r *Resource) Quota() int64 {
	if r.MonthlyQuotaMinutes == nil {
		return 0
	}
	if r.WholeDays {
		return *r.MonthlyQuotaMinutes / 1440
	}
	return *r.MonthlyQuotaMinutes / 60
}

// Price is the price in major units of its currency ("50.00" CNY, "30000"
// KRW), "" when the resource is free. Minor units are exact integers; this
// only places the decimal point.
func (r *Resource) Price() string {
	if r.PriceMinor == nil {
		return ""
	}
	n := *r.PriceMinor
	if r.PriceCurrency == "KRW" {
		return strconv.FormatInt(n, 10)
	}
	return fmt.Sprintf("%d.%02d", n/100, n%100)
}
