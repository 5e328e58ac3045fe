// Package assign computes the optimal assignment of contest judges to
// applications.
//
// # The problem
//
// Every application of a round wants K judges. A pair (judge j, application
// a) scores
//
//	score(j, a) = bid(j, a) + 10·[j and a share a sector] + 5·[j reads one of a's languages]
//
// where bid ∈ −100…100 (0 when absent). A pair may be assigned unless it is a
// conflict (listed, or a bid of −100) or forbidden by staff. Pinned pairs
// (staff decisions) and existing pairs (reviews already started) are fixed:
// always in the result, counted toward the judge's load and the
// application's K, never moved. A judge takes at most MaxLoad applications,
// by default ⌈applications·K / judges⌉. Fixed pairs beyond a load or beyond
// K are kept; the judge or application then simply gets nothing more.
//
// A judge is eligible for an application when the pair is fixed, or when it
// may be assigned and the judge has room once fixed pairs are counted. The
// side requirement of an application applies when K ≥ 2 and judges of at
// least two sides are eligible for it; those sides are its required sides.
// With two sides this is "at least one judge from each side when K ≥ 2 and
// both sides have an eligible judge"; with more sides than K, any K distinct
// sides satisfy it.
//
// # What the result optimizes
//
// Among all assignments that keep the fixed pairs, the loads, at most K
// judges per application and no conflict or forbidden pair, Solve returns
// one that is lexicographically best in
//
//  1. coverage: the number of assigned pairs;
//  2. sides: the number of pairs (application, required side) where the
//     application has a judge of that side;
//  3. the total score.
//
// This defines "when possible". An application gets fewer than K judges
// only when no assignment has more pairs in total. It misses a required side
// only when no assignment with as many pairs has more sides in total: when
// some assignment with the most pairs gives every application all its
// required sides (up to K), the result does too. Coverage comes first, so
// an application may stay one-sided when the only judge who could give it
// its second side is the only judge another application can have at all.
// Both shortfalls are reported, never hidden:
// UnderAssigned and SidesMissing. The result is exactly optimal, not an
// approximation; among equally good assignments the choice depends only on
// the input, not on the order of its lists.
//
// # How
//
// A min-cost circulation (source → judge → per-side node → application →
// sink) whose costs make the three criteria lexicographic, solved by cost
// scaling on the pairs that can matter: a few best judges per application
// and side to start with, then every pair whose reduced cost shows it could
// improve the result, until none can. Model and bounds: model; the solver:
// network.
package assign

import "errors"

// Problem is one assignment run for a contest round.
type Problem struct {
	K            int           // judges wanted per application
	Applications []Application // all applications of the round, also those with existing reviews
	Judges       []Judge
	Bids         []Bid  // absent pairs bid 0
	Conflicts    []Pair // declared, membership or investment conflicts
	Forbidden    []Pair // pairs staff excluded
	Pinned       []Pair // pairs staff fixed
	Existing     []Pair // reviews already started; never moved
}

// Application is one submitted application.
type Application struct {
	ID        int64
	Sectors   []string
	Languages []string
}

// Judge is one judge of the contest.
type Judge struct {
	ID        int64  // the judge's user id
	Side      string // the judge's region, e.g. "gyeonggi"
	Sectors   []string
	Languages []string
	MaxLoad   int // 0 means the default ⌈applications·K / judges⌉
}

// Pair names a judge and an application.
type Pair struct {
	Judge       int64
	Application int64
}

// Bid is a judge's preference for an application, in −100…100.
type Bid struct {
	Judge       int64
	Application int64
	Value       int
}

// Result is an optimal assignment.
type Result struct {
	Assignments   []Assignment // by application, then judge
	UnderAssigned []Shortfall  // applications with fewer than K judges
	SidesMissing  []SideGap    // applications lacking a required side
	TotalScore    int          // sum of the scores of all assigned pairs
}

// Assignment is one assigned pair.
type Assignment struct {
	Judge       int64
	Application int64
	Score       int
	Fixed       bool // pinned or existing, not chosen by Solve
}

// Shortfall reports an application that could not get K judges.
type Shortfall struct {
	Application int64
	Assigned    int
	Wanted      int
}

// SideGap reports an application whose judges come from fewer of its
// required sides than it could have (all of them, or K when there are more).
type SideGap struct {
	Application int64
	Missing     []string // the sides, sorted
}

// ErrInvalid reports malformed input: K < 1, duplicate or unknown ids, an
// empty side, a negative load, or a bid outside −100…100.
var ErrInvalid = errors.New("invalid assignment problem")

// ErrPinnedConflict reports a pinned or existing pair that is also a
// conflict, a −100 bid or forbidden: the caller must withdraw it first.
var ErrPinnedConflict = errors.New("fixed pair is in conflict")

// ErrTooLarge reports a problem beyond the solver's integer arithmetic:
// thousands of judges, or a billion review slots; no contest comes near.
var ErrTooLarge = errors.New("assignment problem too large")
