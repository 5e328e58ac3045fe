package assign

import "context"

// network is a residual graph in compressed form, solved as a minimum-cost
// circulation by cost scaling: Goldberg and Tarjan's push–relabel refine,
// with the two heuristics of Goldberg's CS2 that matter here, global price
// updates and price refinement.
//
// Costs are integers already multiplied by the caller's factor K: when K
// exceeds the number of arcs of every simple cycle, a 1-optimal circulation
// is optimal, since a negative cycle would cost at most −K yet at least
// −(its length) in reduced costs.
type network struct {
	first   []int32 // arcs leaving v are first[v] … first[v+1]-1
	arcs    []arc
	pair    []int32 // arc → the opposite arc
	total   []int32 // arc → capacity of its pair: its residual plus the opposite's
	price   []int64
	excess  []int64
	maxPath int64 // no simple path has more arcs

	current []int32 // the next arc to try when discharging v
	queue   []int32 // active nodes, FIFO
	queued  []bool

	dist    []int64 // scratch of the price updates
	steps   []int32
	mark    []bool
	buckets [][]int32

	stats flowStats
}

// arc is one residual arc; the scans touch nothing else.
type arc struct {
	cost  int64 // the opposite arc carries the negation
	head  int32
	resid int32
}

// flowStats counts the work, for the benchmark notes.
type flowStats struct {
	refines, priceRefines, pushes, relabels, updates int
}

func (s *flowStats) add(t flowStats) {
	s.refines += t.refines
	s.priceRefines += t.priceRefines
	s.pushes += t.pushes
	s.relabels += t.relabels
	s.updates += t.updates
}

// arcSpec is one arc to build, with the flow it already carries.
type arcSpec struct {
	tail, head int32
	cap, flow  int32
	cost       int64
}

// newNetwork builds the graph and returns, for each spec, the index of its
// forward arc. price is kept, not copied, so that a warm start reuses it.
func newNetwork(nodes int, specs []arcSpec, price []int64, maxPath int64) (*network, []int32) {
	g := &network{
		first:   make([]int32, nodes+1),
		arcs:    make([]arc, 2*len(specs)),
		pair:    make([]int32, 2*len(specs)),
		total:   make([]int32, 2*len(specs)),
		price:   price,
		excess:  make([]int64, nodes),
		maxPath: maxPath,
		current: make([]int32, nodes),
		queued:  make([]bool, nodes),
		dist:    make([]int64, nodes),
		steps:   make([]int32, nodes),
		mark:    make([]bool, nodes),
	}
	for _, s := range specs {
		g.first[s.tail+1]++
		g.first[s.head+1]++
	}
	for v := 0; v < nodes; v++ {
		g.first[v+1] += g.first[v]
	}
	next := append([]int32(nil), g.first[:nodes]...)
	fwd := make([]int32, len(specs))
	for i, s := range specs {
		a, b := next[s.tail], next[s.head]
		next[s.tail]++
		next[s.head]++
		g.arcs[a] = arc{cost: s.cost, head: s.head, resid: s.cap - s.flow}
		g.arcs[b] = arc{cost: -s.cost, head: s.tail, resid: s.flow}
		g.pair[a], g.pair[b] = b, a
		g.total[a], g.total[b] = s.cap, s.cap
		fwd[i] = a
	}
	return g, fwd
}

// flow returns the flow on forward arc a.
func (g *network) flow(a int32) int32 { return g.arcs[g.pair[a]].resid }

// alpha is the factor by which eps shrinks from one refine to the next.
const alpha = 16

// solve makes the circulation 1-optimal, starting from any circulation and
// prices that are eps-optimal: each step divides eps by alpha, first trying
// to re-price without moving flow, which in a problem with as many ties as
// this one usually succeeds.
func (g *network) solve(ctx context.Context, eps int64, cold bool) error {
	for eps > 1 {
		eps = max(1, eps/alpha)
		if err := ctx.Err(); err != nil {
			return err
		}
		// From the empty circulation re-pricing is hopeless.
		if !cold && g.priceRefine(eps) {
			g.stats.priceRefines++
			continue
		}
		g.refine(eps)
		cold = false
	}
	return nil
}

// push moves d units over arc a leaving v.
func (g *network) push(v, a int32, d int64) {
	w := g.arcs[a].head
	g.arcs[a].resid -= int32(d)
	g.arcs[g.pair[a]].resid += int32(d)
	g.excess[v] -= d
	g.excess[w] += d
	if g.excess[w] > 0 && !g.queued[w] {
		g.queue = append(g.queue, w)
		g.queued[w] = true
	}
}

// refine turns the circulation into an eps-optimal one: it saturates every
// arc with negative reduced cost, which leaves excesses, then pushes them
// along admissible arcs (reduced cost < 0), relabelling when stuck.
func (g *network) refine(eps int64) {
	g.stats.refines++
	n := int32(len(g.excess))
	g.queue = g.queue[:0]
	for v := int32(0); v < n; v++ {
		pv := g.price[v]
		for a := g.first[v]; a < g.first[v+1]; a++ {
			if r := g.arcs[a].resid; r > 0 && g.arcs[a].cost+pv-g.price[g.arcs[a].head] < 0 {
				g.push(v, a, int64(r))
			}
		}
	}
	g.globalUpdate(eps)
	// A global update costs a pass over the arcs; after about as many
	// relabels as there are nodes it pays for itself.
	next := g.stats.relabels + int(n)
	for i := 0; i < len(g.queue); i++ {
		v := g.queue[i]
		g.queued[v] = false
		g.discharge(v, eps)
		if g.stats.relabels > next {
			g.globalUpdate(eps)
			next = g.stats.relabels + int(n)
		}
		if i > 1<<16 && i*2 > len(g.queue) {
			// Drop the consumed prefix so the queue stays short.
			g.queue = append(g.queue[:0], g.queue[i+1:]...)
			i = -1
		}
	}
}

// discharge pushes v's excess away, relabelling v whenever it has no
// admissible arc left.
func (g *network) discharge(v int32, eps int64) {
	for g.excess[v] > 0 {
		a, end, pv := g.current[v], g.first[v+1], g.price[v]
		for ; a < end; a++ {
			x := &g.arcs[a]
			if x.resid == 0 || x.cost+pv-g.price[x.head] >= 0 {
				continue
			}
			g.stats.pushes++
			g.push(v, a, min(g.excess[v], int64(x.resid)))
			if g.excess[v] == 0 {
				break
			}
		}
		g.current[v] = a
		if g.excess[v] > 0 && !g.relabel(v, eps) {
			// Excess arrives over an arc whose opposite is then residual.
			panic("assign: active node without residual arcs")
		}
	}
}

// relabel lowers v's price just enough that its cheapest residual arc
// becomes admissible with reduced cost −eps; no arc gets below −eps. It
// reports false, changing nothing, when v has no residual arc.
func (g *network) relabel(v int32, eps int64) bool {
	best := int64(minInt64)
	for a := g.first[v]; a < g.first[v+1]; a++ {
		if x := &g.arcs[a]; x.resid > 0 {
			best = max(best, g.price[x.head]-x.cost)
		}
	}
	if best == minInt64 {
		return false
	}
	g.stats.relabels++
	g.price[v] = best - eps
	g.current[v] = g.first[v]
	return true
}

const minInt64 = -1 << 63
