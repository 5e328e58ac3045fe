package assign

// Both price heuristics shift prices by eps times a distance d computed
// with arc length ⌊c/eps⌋+1 for an arc of reduced cost c. When
// d(u) ≤ d(w) + ⌊c/eps⌋ + 1 on every residual arc u→w, the shifted reduced
// cost c − eps·d(u) + eps·d(w) is at least −eps: the result is
// eps-optimal whatever it was before.

// globalUpdate sets d to the distance from each node to a node with a
// deficit (Dijkstra with buckets; within a refine every length is ≥ 0), so
// that every excess then has an admissible path to a deficit. That saves
// the long series of small relabels that would otherwise discover one.
func (g *network) globalUpdate(eps int64) {
	g.stats.updates++
	n := len(g.excess)
	limit := int64(n)
	for i := range g.buckets {
		g.buckets[i] = g.buckets[i][:0]
	}
	if len(g.buckets) == 0 {
		g.buckets = append(g.buckets, nil)
	}
	for v := range n {
		g.dist[v] = limit + 1
		g.mark[v] = false
		if g.excess[v] < 0 {
			g.dist[v] = 0
			g.buckets[0] = append(g.buckets[0], int32(v))
		}
	}
	// Once every node with excess is settled the search may stop: all
	// nodes not yet settled are at least as far as the current bucket, and
	// putting them all there keeps the inequality.
	waiting := 0
	for v := range n {
		if g.excess[v] > 0 {
			waiting++
		}
	}
	top := int64(0)
	for b := 0; b < len(g.buckets) && waiting > 0; b++ {
		top = int64(b)
		for k := 0; k < len(g.buckets[b]); k++ {
			w := g.buckets[b][k]
			if g.mark[w] || g.dist[w] != int64(b) {
				continue // settled already, or a stale entry
			}
			g.mark[w] = true
			if g.excess[w] > 0 {
				waiting--
			}
			for x := g.first[w]; x < g.first[w+1]; x++ {
				// The arc that matters is the opposite one, u → w; its
				// residual and cost follow from x's, without a cache miss.
				y := &g.arcs[x]
				u := y.head
				if g.total[x] == y.resid || g.mark[u] {
					continue
				}
				d := int64(b)
				if c := -y.cost + g.price[u] - g.price[w]; c >= 0 {
					d += c/eps + 1
				}
				if d < g.dist[u] && d <= limit {
					g.dist[u] = d
					for int64(len(g.buckets)) <= d {
						g.buckets = append(g.buckets, nil)
					}
					g.buckets[d] = append(g.buckets[d], u)
				}
			}
		}
	}
	if waiting > 0 {
		top++ // some excess is cut off from every deficit: cannot happen
	}
	for v := range n {
		d := top
		if g.mark[v] {
			d = g.dist[v]
		}
		g.price[v] -= eps * d
		g.current[v] = g.first[v]
	}
}

// priceRefine looks for prices that make the current flow eps-optimal
// without moving any: distances where lengths may be negative, by label
// correcting from d = 0 everywhere. It gives up, leaving prices alone, on a
// path longer than any simple path (a negative cycle: the flow must move)
// or past a work budget; a refine then does the job.
func (g *network) priceRefine(eps int64) bool {
	n := len(g.excess)
	d, steps, queued := g.dist, g.steps, g.mark
	g.queue = g.queue[:0]
	for v := range n {
		d[v], steps[v], queued[v] = 0, 0, true
		g.queue = append(g.queue, int32(v))
	}
	budget := 6 * len(g.arcs)
	for i := 0; i < len(g.queue); i++ {
		w := g.queue[i]
		queued[w] = false
		budget -= int(g.first[w+1] - g.first[w])
		if budget < 0 {
			return false
		}
		for x := g.first[w]; x < g.first[w+1]; x++ {
			y := &g.arcs[x] // as in globalUpdate: the opposite arc u → w
			u := y.head
			if g.total[x] == y.resid {
				continue
			}
			c := -y.cost + g.price[u] - g.price[w]
			l := c/eps + 1
			if c < 0 && c%eps != 0 {
				l-- // floor, not truncation
			}
			if nd := d[w] + l; nd < d[u] {
				d[u], steps[u] = nd, steps[w]+1
				if int64(steps[u]) > g.maxPath {
					return false
				}
				if !queued[u] {
					queued[u] = true
					g.queue = append(g.queue, u)
				}
			}
		}
		if i > 1<<16 && i*2 > len(g.queue) {
			g.queue = append(g.queue[:0], g.queue[i+1:]...)
			i = -1
		}
	}
	for v := range n {
		g.price[v] -= eps * d[v]
	}
	return true
}
