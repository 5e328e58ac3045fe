package assign

import (
	"cmp"
	"slices"
)

// arcs lists the network with the flow of the last solve, and where in the
// list each candidate arc is.
func (m *model) arcs() (specs []arcSpec, at []int32) {
	in := m.in
	ns := len(in.sides)
	used := make([]int32, len(in.judges))
	bySide := make([]int32, ns)
	var total int32
	for a := range in.apps {
		if m.appNode[a] < 0 {
			continue
		}
		clear(bySide)
		for _, c := range m.cand[a] {
			var f int32
			if slices.Contains(m.chosen[a], c.judge) {
				f = 1
				used[c.judge]++
				bySide[in.side[c.judge]]++
			}
			x := m.xNode[a*ns+int(in.side[c.judge])]
			at = append(at, int32(len(specs)))
			specs = append(specs, arcSpec{tail: judgeNode(int(c.judge)), head: x, cap: 1, flow: f, cost: -int64(c.score) * m.scale})
		}
		d := int32(in.demand[a])
		if m.required[a] {
			for s := 0; s < ns; s++ {
				x := m.xNode[a*ns+s]
				if x < 0 {
					continue
				}
				f := bySide[s]
				if _, had := slices.BinarySearch(in.fixedSides[a], int32(s)); !had {
					b := min(f, 1)
					specs = append(specs, arcSpec{tail: x, head: m.appNode[a], cap: 1, flow: b, cost: -m.sideBonus * m.scale})
					f -= b
				}
				specs = append(specs, arcSpec{tail: x, head: m.appNode[a], cap: d, flow: f})
			}
		}
		n := int32(len(m.chosen[a]))
		specs = append(specs, arcSpec{tail: m.appNode[a], head: sinkNode, cap: d, flow: n, cost: -m.coverBonus * m.scale})
		total += d
	}
	for j := range in.judges {
		specs = append(specs, arcSpec{tail: sourceNode, head: judgeNode(j), cap: int32(in.capacity(j)), flow: used[j]})
	}
	var flow int32
	for _, c := range m.chosen {
		flow += int32(len(c))
	}
	specs = append(specs, arcSpec{tail: sinkNode, head: sourceNode, cap: total, flow: flow})
	return specs, at
}

// read records which candidate pairs carry flow; at holds the spec index of
// each candidate arc in arcs() order.
func (m *model) read(g *network, fwd []int32, at []int32) {
	k := 0
	for a := range m.in.apps {
		m.chosen[a] = m.chosen[a][:0]
		if m.appNode[a] < 0 {
			continue
		}
		for _, c := range m.cand[a] {
			if g.flow(fwd[at[k]]) == 1 {
				m.chosen[a] = append(m.chosen[a], c.judge)
			}
			k++
		}
	}
}

// priceOut prices every eligible pair outside the candidates with the
// prices of the last solve, and adds the pairs whose reduced cost is below
// −slack. It returns the worst such reduced cost negated, 0 when there is
// none: then the whole residual graph is slack-optimal, which the cost
// factor makes exactly optimal (see slack).
func (m *model) priceOut() int64 {
	in := m.in
	ns := len(in.sides)
	r := newRow(len(in.judges))
	isCand := make([]bool, len(in.judges))
	var worst int64
	for a := range in.apps {
		if m.appNode[a] < 0 {
			continue
		}
		r.load(in, a)
		for _, c := range m.cand[a] {
			isCand[c.judge] = true
		}
		n := len(m.cand[a])
		for j := range in.judges {
			if r.blocked[j] || isCand[j] || in.capacity(j) == 0 {
				continue
			}
			sc := in.score(r, j, a)
			x := m.xNode[a*ns+int(in.side[j])]
			rc := -int64(sc)*m.scale + m.price[judgeNode(j)] - m.price[x]
			if rc < -slack {
				worst = max(worst, -rc)
				m.cand[a] = append(m.cand[a], candidate{int32(j), int32(sc)})
			}
		}
		for _, c := range m.cand[a][:n] {
			isCand[c.judge] = false
		}
		r.clear(in, a)
	}
	return worst
}

// sortCandidates keeps candidate lists in judge order, so that the network
// and thus the result depend only on the candidate sets.
func (m *model) sortCandidates() {
	for a := range m.cand {
		slices.SortFunc(m.cand[a], func(x, y candidate) int { return cmp.Compare(x.judge, y.judge) })
	}
}
