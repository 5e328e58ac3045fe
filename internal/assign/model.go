package assign

import "slices"

// model is the flow network of an instance:
//
//	source → judge j → X(a, side of j) → application a → sink → source
//
// The source gives each judge its remaining capacity; a judge sends one unit
// to each application it reviews. When a's side requirement applies, X(a, s)
// is a node of its own per side s, joined to a by a bonus arc (capacity 1)
// and a free arc: a flow maximizing bonus units gives a as many distinct
// sides as its capacity allows. Otherwise X(a, s) is a itself. Each unit
// into the sink earns the coverage bonus.
//
// Minimizing cost = −coverBonus·coverage − sideBonus·sides − score is
// lexicographic because each bonus outweighs everything below it on any
// simple cycle, and an optimal circulation has no negative simple cycle
// (were it not lexicographically best, the difference to a better one would
// split into cycles, one of them better in the lexicographic order and so
// negative). A simple cycle meets each of the J judges at most once, so it
// crosses at most 2J judge arcs; each side node it visits is next to one of
// those judges (else the cycle is the two arcs between the side node and
// its application) and adds at most one bonus arc, so it crosses at most 2J
// bonus arcs. Hence
//
//	sideBonus  > 2J·maxScore
//	coverBonus > 2J·(sideBonus + maxScore)
//
// A simple cycle also has at most 5J+2 nodes: J judges; at most 2J side
// nodes and applications without side nodes, as each takes one of the two
// cycle neighbours of a judge; no more applications with side nodes than
// side nodes; the source and the sink. That bounds the cost factor that
// makes 1-optimality exact (see network).
//
// Judge arcs are kept only for a few candidate judges per application and
// side; after each solve every other eligible pair is priced, and any pair
// that would improve the circulation joins and the solve resumes from the
// current prices. When none would, the prices certify optimality over all
// pairs.
type model struct {
	in      *instance
	nodes   int
	appNode []int32 // application → node, −1 when it wants nobody more
	xNode   []int32 // a*len(sides)+s → X(a, s), −1 when no judge of s is eligible
	cand    [][]candidate
	chosen  [][]int32 // application → judges assigned by the last solve
	price   []int64

	eligibleSides [][]int32 // application → sides with an eligible judge
	required      []bool    // application → the side requirement applies

	scale, sideBonus, coverBonus int64
	maxCycle                     int64 // no simple cycle has more arcs
}

// candidate is a judge arc of an application: judge j with score(j, a).
type candidate struct {
	judge int32
	score int32
}

// perSide is how many best judges of each side every application starts
// with. An optimal assignment mostly uses an application's best judges;
// pricing adds whatever else it needs.
const perSide = 5

// slack is how far below zero the reduced cost of a pair outside the
// network may be before the pair joins it. The network itself is solved to
// 1-optimality; with costs scaled by slack·(longest cycle + 1) a cycle
// mixing both kinds of arcs still costs more than −1 in score units, so at
// least 0. The price: one more refine. The gain: freedom from price noise
// of a few eps that otherwise keeps adding pairs that improve nothing.
const slack = 16

const sourceNode, sinkNode = 0, 1

func judgeNode(j int) int32 { return int32(2 + j) }

func newModel(in *instance, width int) (*model, error) {
	nj, na, ns := len(in.judges), len(in.apps), len(in.sides)
	m := &model{
		in:            in,
		appNode:       make([]int32, na),
		xNode:         make([]int32, na*ns),
		cand:          make([][]candidate, na),
		chosen:        make([][]int32, na),
		eligibleSides: make([][]int32, na),
		required:      make([]bool, na),
	}
	maxScore := 1
	r := newRow(nj)
	// Per side: the best judges, and the best judges a greedy pass can
	// still give (see seed).
	top := make([]ranked, ns*width)
	count := make([]int, ns)
	room := make([]int, nj)
	for j := range room {
		room[j] = in.capacity(j)
	}
	free, freeBuf := make([][]ranked, ns), make([]ranked, ns*in.k)
	for a := range in.apps {
		r.load(in, a)
		clear(count)
		d := in.demand[a]
		for s := range free {
			free[s] = freeBuf[s*in.k : s*in.k : s*in.k+d]
		}
		for j := range in.judges {
			if r.blocked[j] || in.capacity(j) == 0 {
				continue
			}
			s := int(in.side[j])
			sc := in.score(r, j, a)
			maxScore = max(maxScore, sc, -sc)
			c := ranked{key: uint64(sc+1<<10)<<32 | uint64(^uint32(mix(in.apps[a].ID, in.judges[j].ID))), judge: int32(j), score: int32(sc)}
			count[s] = keepBest(top[s*width:(s+1)*width], count[s], c)
			if room[j] > 0 && d > 0 {
				free[s] = free[s][:keepBest(free[s][:d], len(free[s]), c)]
			}
		}
		r.clear(in, a)
		sides := slices.Clone(in.fixedSides[a])
		for s, c := range count {
			if c > 0 {
				sides = append(sides, int32(s))
			}
			if d > 0 {
				for _, x := range top[s*width : s*width+c] {
					m.cand[a] = append(m.cand[a], candidate{judge: x.judge, score: x.score})
				}
			}
		}
		slices.Sort(sides)
		m.eligibleSides[a] = slices.Compact(sides)
		m.required[a] = in.k >= 2 && len(m.eligibleSides[a]) >= 2
		m.seed(a, free, room)
	}
	m.number()
	m.sideBonus = int64(2*nj*maxScore + 1)
	m.coverBonus = int64(2*nj)*(m.sideBonus+int64(maxScore)) + 1
	m.maxCycle = int64(5*nj + 2)
	m.scale = slack * (m.maxCycle + 1)
	// Relabels move a price by at most a few path lengths times the
	// largest cost per refine (Goldberg and Tarjan), a global update by at
	// most eps per node; stay far from overflow.
	bound := float64(m.coverBonus) * float64(m.scale) * (8*float64(m.maxCycle) + 64*float64(m.nodes))
	if bound > 1<<62 {
		return nil, ErrTooLarge
	}
	m.price = make([]int64, m.nodes)
	return m, nil
}

// seed adds to a's candidates what a greedy pass over the applications,
// in id order, gives it: for each required side it lacks, the best judge
// of that side with room left, then the best judges with room left. Top
// candidates alone can leave an application with every candidate full,
// which pricing repairs only by a costly new start; with the greedy pairs
// the first network already admits about as many pairs and sides as the
// whole graph. free holds, per side, the best judges with room, best first.
func (m *model) seed(a int, free [][]ranked, room []int) {
	d := m.in.demand[a]
	next := make([]int, len(free)) // free[s][:next[s]] are taken
	took := 0
	take := func(s int) {
		x := free[s][next[s]]
		next[s]++
		took++
		room[x.judge]--
		if !slices.ContainsFunc(m.cand[a], func(c candidate) bool { return c.judge == x.judge }) {
			m.cand[a] = append(m.cand[a], candidate{judge: x.judge, score: x.score})
		}
	}
	if m.required[a] {
		for s := range free {
			_, fixed := slices.BinarySearch(m.in.fixedSides[a], int32(s))
			if took < d && len(free[s]) > 0 && !fixed {
				take(s)
			}
		}
	}
	for took < d {
		best := -1
		for s := range free {
			if next[s] < len(free[s]) && (best < 0 || free[s][next[s]].key > free[best][next[best]].key) {
				best = s
			}
		}
		if best < 0 {
			return
		}
		take(best)
	}
}

// ranked is a judge scored for one application, with a sort key: higher
// score first, then a hash of the pair, which spreads equally good judges
// over applications instead of piling them on the lowest ids.
type ranked struct {
	key   uint64
	judge int32
	score int32
}

// keepBest inserts c into best[:n], kept best first and at most len(best)
// long, and returns the new length.
func keepBest(best []ranked, n int, c ranked) int {
	better := func(x, y ranked) bool { return x.key > y.key || x.key == y.key && x.judge < y.judge }
	if n == len(best) {
		if !better(c, best[n-1]) {
			return n
		}
		n--
	}
	i := n
	for i > 0 && better(c, best[i-1]) {
		best[i] = best[i-1]
		i--
	}
	best[i] = c
	return n + 1
}

// mix is a fixed hash of a pair of ids (SplitMix64's finalizer).
func mix(a, b int64) uint64 {
	x := uint64(a)*0x9e3779b97f4a7c15 ^ uint64(b)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// number gives nodes to the applications that want judges and to their side
// nodes.
func (m *model) number() {
	in := m.in
	ns := len(in.sides)
	m.nodes = 2 + len(in.judges)
	for a := range in.apps {
		xs := m.xNode[a*ns : (a+1)*ns]
		for s := range xs {
			xs[s] = -1
		}
		m.appNode[a] = -1
		if in.demand[a] == 0 {
			continue
		}
		m.appNode[a] = int32(m.nodes)
		m.nodes++
		// Candidates cover every side with a judge eligible for a new pair;
		// a side with fixed judges only needs no node.
		for _, c := range m.cand[a] {
			s := in.side[c.judge]
			switch {
			case xs[s] >= 0:
			case m.required[a]:
				xs[s] = int32(m.nodes)
				m.nodes++
			default:
				xs[s] = m.appNode[a]
			}
		}
	}
}
