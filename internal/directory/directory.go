// Package directory keeps the start-up and investor profiles of SPEC §3.1:
// their rules, their team and pitch deck, lists with filters and facet
// counts, and the search index kept in step with them.
package directory

import (
	"sync"
	"time"

	"startbridge/internal/database"
)

// Store reads and writes the directory. Every write that changes what search
// sees updates the search index in the same transaction.
type Store struct {
	db  *database.DB
	now func() time.Time
	// window is SearchWindow; tests make it small.
	window int
	// indexReady is set once the search entries are known to be in the
	// current format (ensureIndex).
	indexMu    sync.Mutex
	indexReady bool
	// refs caches the taxonomy for reads (filters of a list), which ask for
	// it on every request; writes always read it afresh.
	refsMu   sync.Mutex
	refs     *taxonomy
	refsRead time.Time
	// stats caches PostgreSQL's statistics of the search index (pgstats.go).
	statsMu sync.Mutex
	stats   *termStats
	// broadRows is the constant broadRows; tests lower it.
	broadRows float64
	// span is walkSpan's answer when not 0; tests lower it.
	span int64
	// cache keeps recent answers of lists and searches (cache.go).
	cache *resultCache
	// resident is the in-memory search index (resident.go), nil when off.
	resident *residentIndex
	// extraKinds are the other packages' objects the platform-wide search
	// finds too (AlsoSearch).
	extraKinds map[string]Candidates
}

// refsLifetime is how long a list trusts the cached taxonomy: a region
// added as data is known to every instance's lists within it.
const refsLifetime = time.Minute

// NewStore returns a Store on db.
func NewStore(db *database.DB) *Store {
	return &Store{db: db, now: time.Now, window: SearchWindow, broadRows: broadRows, cache: newResultCache(DefaultCacheBytes)}
}

// Stage is how far a start-up has come.
type Stage string

// The stages of SPEC §3.1, from the first idea on.
const (
	StageIdea        Stage = "idea"
	StagePreSeed     Stage = "pre_seed"
	StageSeed        Stage = "seed"
	StageSeriesA     Stage = "series_a"
	StageSeriesBPlus Stage = "series_b_plus"
	StageGrowth      Stage = "growth"
)

// Stages lists every stage in order.
var Stages = []Stage{StageIdea, StagePreSeed, StageSeed, StageSeriesA, StageSeriesBPlus, StageGrowth}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool {
	for _, k := range Stages {
		if k == s {
			return true
		}
	}
	return false
}

// Visibility says who may see a profile.
type Visibility string

// Public profiles are for everyone; partners-only profiles for signed-in
// members of the platform (see auth.SeesPartnersOnly).
const (
	Public       Visibility = "public"
	PartnersOnly Visibility = "partners"
)

// Valid reports whether v is a known visibility.
func (v Visibility) Valid() bool { return v == Public || v == PartnersOnly }

// Currencies are the currencies amounts may be given in, with the number of
// digits of their minor unit (KRW has none). A third partner region adds its
// currency here.
var Currencies = map[string]int{"KRW": 0, "CNY": 2, "USD": 2, "EUR": 2, "JPY": 0, "VND": 0}

// Field limits, shared by forms, the API and the import.
const (
	MaxNameLength        = 200
	MaxCityLength        = 100
	MaxDescriptionLength = 5000
	MaxURLLength         = 500
	MaxNoteLength        = 1000
	MaxEmployees         = 1_000_000
)
