// Package assign computes the optimal assignment of contest judges to
// applications.
//
// # The problem
//
// Every application wants K judges. A pair (judge j, application a) scores
//
//	score(j, a) = bid(j, a) + 10·[j and a share a sector] + 5·[j reads one of a's languages]
//
// where bid ∈ −100…100 (0 when absent). A pair may be assigned unless it is a
// conflict (listed, or bid −100) or forbidden by staff. Pinned pairs (staff
// decisions) and existing pairs (reviews already started) are always part
// of the result; both count toward the judge's load and the application's K.
// A judge takes at most MaxLoad applications, by default ⌈applications·K /
// judges⌉; pinned and existing pairs are kept even beyond that limit (the
// judge then receives nothing more), as they are beyond K.
//
// A judge is eligible for an application when the pair may be assigned and
// the judge has capacity left once fixed pairs are counted, or when the pair
// is pinned or existing. An application's side requirement applies when K ≥ 2
// and judges of at least two sides are eligible for it; its required sides are
// then those sides, of which it can have at most K.
//
// # What the result optimizes
//
// Among all assignments that respect loads, conflicts, forbidden pairs, the
// fixed pairs and at most K judges per application, Solve returns one that is
// lexicographically best in
//
//  1. coverage: the number of assigned pairs;
//  2. sides: the number of (application, required side) pairs where the
//     application has a judge of that side;
//  3. the total score.
//
// So "possible" means: an application gets fewer than K judges only when no
// assignment gives more pairs in total, and misses a required side only when
// every assignment that keeps the coverage and gives it that side costs
// another application a side at least as much. Both are reported, never
// hidden: UnderAssigned and SidesMissing. With two sides, "each application
// has a judge from both sides" holds for every application whenever any
// assignment achieves it. The result is exactly optimal, not an
// approximation, and depends only on the input, not on its order.
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
	ID        int64
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

// SideGap reports an application whose judges miss a side that had an
// eligible judge for it.
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

// ErrTooLarge reports a problem whose cost bounds would overflow int64;
// it needs far more judges than a contest has (thousands).
var ErrTooLarge = errors.New("assignment problem too large")
