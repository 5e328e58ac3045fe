package assign

import (
	"cmp"
	"context"
	"slices"
)

// Solve returns an optimal assignment for p (see the package documentation
// for what optimal means), or an error wrapping ErrInvalid,
// ErrPinnedConflict or ErrTooLarge, or ctx's error when it is done first.
func Solve(ctx context.Context, p Problem) (Result, error) {
	res, _, err := solve(ctx, p, perSide)
	return res, err
}

// solveStats tells the benchmark where the time went.
type solveStats struct {
	flowStats
	rounds, arcs int // pricing rounds; judge arcs in the last network
}

// solve is Solve with the number of starting candidates per side as a
// parameter, so that tests can make pricing do all the work.
func solve(ctx context.Context, p Problem, width int) (Result, solveStats, error) {
	var st solveStats
	in, err := newInstance(p)
	if err != nil {
		return Result{}, st, err
	}
	m, err := newModel(in, width)
	if err != nil {
		return Result{}, st, err
	}
	// The first solve starts from the empty circulation and zero prices,
	// which are as far from optimal as the largest cost; later ones start
	// from the last solution, off only by the pairs just added.
	eps := m.coverBonus * m.scale
	for eps > 0 {
		st.rounds++
		m.sortCandidates()
		specs, at := m.arcs()
		g, fwd := newNetwork(m.nodes, specs, m.price, m.maxCycle+8)
		if err := g.solve(ctx, eps, st.rounds == 1); err != nil {
			return Result{}, st, err
		}
		m.read(g, fwd, at)
		st.flowStats.add(g.stats)
		st.arcs = len(at)
		eps = m.priceOut()
	}
	return m.result(), st, nil
}

// result turns the chosen pairs and the fixed pairs into a Result.
func (m *model) result() Result {
	in := m.in
	var res Result
	r := newRow(len(in.judges))
	ns := len(in.sides)
	has := make([]bool, ns)
	for a, app := range in.apps {
		r.load(in, a)
		clear(has)
		add := func(j int32, fixed bool) {
			sc := in.score(r, int(j), a)
			res.Assignments = append(res.Assignments, Assignment{Judge: in.judges[j].ID, Application: app.ID, Score: sc, Fixed: fixed})
			res.TotalScore += sc
			has[in.side[j]] = true
		}
		for _, j := range in.fixed[a] {
			add(j, true)
		}
		for _, j := range m.chosen[a] {
			add(j, false)
		}
		r.clear(in, a)
		got := len(in.fixed[a]) + len(m.chosen[a])
		if got < in.k {
			res.UnderAssigned = append(res.UnderAssigned, Shortfall{Application: app.ID, Assigned: got, Wanted: in.k})
		}
		if m.required[a] {
			var missing []string
			for _, s := range m.eligibleSides[a] {
				if !has[s] {
					missing = append(missing, in.sides[s])
				}
			}
			// With more sides than K, K distinct sides satisfy it.
			if len(missing) > 0 && len(m.eligibleSides[a])-len(missing) < min(in.k, len(m.eligibleSides[a])) {
				res.SidesMissing = append(res.SidesMissing, SideGap{Application: app.ID, Missing: missing})
			}
		}
	}
	slices.SortFunc(res.Assignments, func(x, y Assignment) int {
		return cmp.Or(cmp.Compare(x.Application, y.Application), cmp.Compare(x.Judge, y.Judge))
	})
	return res
}
