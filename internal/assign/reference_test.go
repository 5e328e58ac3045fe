package assign

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// This file holds an independent reading of the package documentation:
// a checker that verifies every constraint of a result and measures it,
// and an exhaustive search for the best measure. Neither shares code with
// the solver.

// measure is the lexicographic objective: coverage, then sides, then score.
type measure struct {
	pairs, sides, score int
}

func (x measure) less(y measure) bool {
	if x.pairs != y.pairs {
		return x.pairs < y.pairs
	}
	if x.sides != y.sides {
		return x.sides < y.sides
	}
	return x.score < y.score
}

// facts are what the documentation defines, computed naively from a Problem.
type facts struct {
	p        Problem
	blocked  map[Pair]bool
	fixed    map[Pair]bool
	bid      map[Pair]int
	load     map[int64]int // max load
	fixedOf  map[int64]int // fixed pairs per judge
	side     map[int64]string
	eligible map[int64][]string // application → sides with an eligible judge
}

func newFacts(p Problem) facts {
	f := facts{p: p, blocked: map[Pair]bool{}, fixed: map[Pair]bool{}, bid: map[Pair]int{},
		load: map[int64]int{}, fixedOf: map[int64]int{}, side: map[int64]string{}, eligible: map[int64][]string{}}
	for _, q := range p.Conflicts {
		f.blocked[q] = true
	}
	for _, q := range p.Forbidden {
		f.blocked[q] = true
	}
	for _, b := range p.Bids {
		f.bid[Pair{b.Judge, b.Application}] = b.Value
		if b.Value == -100 {
			f.blocked[Pair{b.Judge, b.Application}] = true
		}
	}
	for _, q := range append(slices.Clone(p.Pinned), p.Existing...) {
		if !f.fixed[q] {
			f.fixed[q] = true
			f.fixedOf[q.Judge]++
		}
	}
	for _, j := range p.Judges {
		f.side[j.ID] = j.Side
		f.load[j.ID] = j.MaxLoad
		if j.MaxLoad == 0 {
			f.load[j.ID] = (len(p.Applications)*p.K + len(p.Judges) - 1) / len(p.Judges)
		}
	}
	for _, a := range p.Applications {
		var sides []string
		for _, j := range p.Judges {
			if f.mayAdd(j.ID, a.ID) || f.fixed[Pair{j.ID, a.ID}] {
				sides = append(sides, j.Side)
			}
		}
		slices.Sort(sides)
		f.eligible[a.ID] = slices.Compact(sides)
	}
	return f
}

// mayAdd reports whether a new pair (j, a) is allowed at all.
func (f facts) mayAdd(j, a int64) bool {
	q := Pair{j, a}
	return !f.blocked[q] && !f.fixed[q] && f.load[j]-f.fixedOf[j] > 0
}

func (f facts) required(a int64) bool { return f.p.K >= 2 && len(f.eligible[a]) >= 2 }

func (f facts) score(j, a int64) int {
	s := f.bid[Pair{j, a}]
	var judge Judge
	var app Application
	for _, x := range f.p.Judges {
		if x.ID == j {
			judge = x
		}
	}
	for _, x := range f.p.Applications {
		if x.ID == a {
			app = x
		}
	}
	if shares(judge.Sectors, app.Sectors) {
		s += 10
	}
	if shares(judge.Languages, app.Languages) {
		s += 5
	}
	return s
}

func shares(x, y []string) bool {
	for _, s := range x {
		if slices.Contains(y, s) {
			return true
		}
	}
	return false
}

// measureOf measures a set of pairs (fixed ones included).
func (f facts) measureOf(pairs []Pair) measure {
	var m measure
	sides := map[int64]map[string]bool{}
	for _, q := range pairs {
		m.pairs++
		m.score += f.score(q.Judge, q.Application)
		if sides[q.Application] == nil {
			sides[q.Application] = map[string]bool{}
		}
		sides[q.Application][f.side[q.Judge]] = true
	}
	for _, a := range f.p.Applications {
		if f.required(a.ID) {
			m.sides += len(sides[a.ID])
		}
	}
	return m
}

// check verifies every promise of the documentation about res and returns
// its measure.
func check(t *testing.T, p Problem, res Result) measure {
	t.Helper()
	f := newFacts(p)
	var pairs []Pair
	perJudge, perApp := map[int64]int{}, map[int64]int{}
	perAppSides := map[int64]map[string]bool{}
	seen := map[Pair]bool{}
	total := 0
	for i, x := range res.Assignments {
		q := Pair{x.Judge, x.Application}
		if i > 0 {
			prev := res.Assignments[i-1]
			if prev.Application > x.Application || prev.Application == x.Application && prev.Judge >= x.Judge {
				t.Errorf("assignments out of order at %d: %+v after %+v", i, x, prev)
			}
		}
		if seen[q] {
			t.Errorf("pair %+v assigned twice", q)
		}
		seen[q] = true
		if _, ok := f.side[x.Judge]; !ok {
			t.Errorf("unknown judge in %+v", x)
		}
		if f.blocked[q] {
			t.Errorf("conflicting or forbidden pair %+v assigned", q)
		}
		if x.Fixed != f.fixed[q] {
			t.Errorf("pair %+v: got Fixed %v, want %v", q, x.Fixed, f.fixed[q])
		}
		if want := f.score(x.Judge, x.Application); x.Score != want {
			t.Errorf("pair %+v: got score %d, want %d", q, x.Score, want)
		}
		total += x.Score
		perJudge[x.Judge]++
		perApp[x.Application]++
		if perAppSides[x.Application] == nil {
			perAppSides[x.Application] = map[string]bool{}
		}
		perAppSides[x.Application][f.side[x.Judge]] = true
		pairs = append(pairs, q)
	}
	for q := range f.fixed {
		if !seen[q] {
			t.Errorf("fixed pair %+v missing", q)
		}
	}
	for _, j := range p.Judges {
		if got, limit := perJudge[j.ID], max(f.load[j.ID], f.fixedOf[j.ID]); got > limit {
			t.Errorf("judge %d: got load %d, want at most %d", j.ID, got, limit)
		}
	}
	var under []Shortfall
	var gaps []SideGap
	for _, a := range p.Applications {
		fixedHere := 0
		for q := range f.fixed {
			if q.Application == a.ID {
				fixedHere++
			}
		}
		if got := perApp[a.ID]; got > max(p.K, fixedHere) {
			t.Errorf("application %d: got %d judges, want at most %d", a.ID, got, max(p.K, fixedHere))
		}
		if perApp[a.ID] < p.K {
			under = append(under, Shortfall{Application: a.ID, Assigned: perApp[a.ID], Wanted: p.K})
		}
		if f.required(a.ID) {
			var missing []string
			for _, s := range f.eligible[a.ID] {
				if !perAppSides[a.ID][s] {
					missing = append(missing, s)
				}
			}
			if len(f.eligible[a.ID])-len(missing) < min(p.K, len(f.eligible[a.ID])) {
				gaps = append(gaps, SideGap{Application: a.ID, Missing: missing})
			}
		}
	}
	slices.SortFunc(under, func(x, y Shortfall) int { return int(x.Application - y.Application) })
	slices.SortFunc(gaps, func(x, y SideGap) int { return int(x.Application - y.Application) })
	if got, want := fmt.Sprint(res.UnderAssigned), fmt.Sprint(under); got != want {
		t.Errorf("got UnderAssigned %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(res.SidesMissing), fmt.Sprint(gaps); got != want {
		t.Errorf("got SidesMissing %s, want %s", got, want)
	}
	if res.TotalScore != total {
		t.Errorf("got TotalScore %d, want the sum %d", res.TotalScore, total)
	}
	return f.measureOf(pairs)
}

// bestByExhaustion tries every assignment: for each application every set of
// new judges that fits, under the loads left by the others.
func bestByExhaustion(p Problem) measure {
	f := newFacts(p)
	left := map[int64]int{}
	for _, j := range p.Judges {
		left[j.ID] = max(0, f.load[j.ID]-f.fixedOf[j.ID])
	}
	pairs := make([]Pair, 0, 64)
	for q := range f.fixed {
		pairs = append(pairs, q)
	}
	best := measure{pairs: -1}
	var walk func(ai int)
	walk = func(ai int) {
		if ai == len(p.Applications) {
			if m := f.measureOf(pairs); best.less(m) {
				best = m
			}
			return
		}
		a := p.Applications[ai].ID
		fixedHere := 0
		for q := range f.fixed {
			if q.Application == a {
				fixedHere++
			}
		}
		var open []int64
		for _, j := range p.Judges {
			if f.mayAdd(j.ID, a) {
				open = append(open, j.ID)
			}
		}
		var choose func(from, room int)
		choose = func(from, room int) {
			walk(ai + 1)
			if room == 0 {
				return
			}
			for i := from; i < len(open); i++ {
				j := open[i]
				if left[j] == 0 {
					continue
				}
				left[j]--
				pairs = append(pairs, Pair{j, a})
				choose(i+1, room-1)
				pairs = pairs[:len(pairs)-1]
				left[j]++
			}
		}
		choose(0, max(0, p.K-fixedHere))
	}
	walk(0)
	return best
}

// tinyProblem draws a random instance small enough for exhaustive search,
// with every feature: sides (now and then a third), sectors, languages,
// bids including −100, conflicts, forbidden, pinned and existing pairs,
// explicit and default loads.
func tinyProblem(rng *rand.Rand) Problem {
	na, nj := 1+rng.IntN(5), 1+rng.IntN(5)
	if na*nj > 16 {
		na = max(1, 16/nj)
	}
	p := Problem{K: 1 + rng.IntN(3)}
	tags := func(pool []string) []string {
		var out []string
		for _, t := range pool {
			if rng.IntN(3) == 0 {
				out = append(out, t)
			}
		}
		return out
	}
	sides := []string{"gyeonggi", "hangzhou"}
	if rng.IntN(8) == 0 {
		sides = append(sides, "munich")
	}
	for a := range na {
		p.Applications = append(p.Applications, Application{ID: int64(100 + a*7), Sectors: tags([]string{"ai", "bio", "fin"}), Languages: tags([]string{"ko", "zh", "en"})})
	}
	for j := range nj {
		load := 0
		if rng.IntN(2) == 0 {
			load = rng.IntN(4)
		}
		p.Judges = append(p.Judges, Judge{ID: int64(10 + j*3), Side: sides[rng.IntN(len(sides))], Sectors: tags([]string{"ai", "bio", "fin"}), Languages: tags([]string{"ko", "zh", "en"}), MaxLoad: load})
	}
	bids := []int{-100, -60, -1, 1, 7, 30, 100}
	for _, a := range p.Applications {
		for _, j := range p.Judges {
			q := Pair{j.ID, a.ID}
			blocked := false
			switch rng.IntN(12) {
			case 0:
				p.Conflicts = append(p.Conflicts, q)
				blocked = true
			case 1:
				p.Forbidden = append(p.Forbidden, q)
				blocked = true
			case 2, 3, 4:
				v := bids[rng.IntN(len(bids))]
				p.Bids = append(p.Bids, Bid{Judge: j.ID, Application: a.ID, Value: v})
				blocked = v == -100
			}
			if !blocked && rng.IntN(12) == 0 {
				if rng.IntN(2) == 0 {
					p.Pinned = append(p.Pinned, q)
				} else {
					p.Existing = append(p.Existing, q)
				}
			}
		}
	}
	return p
}
