package contest

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// This file computes a round's results exactly by SPEC §3.2. It does no
// I/O: the store loads the submitted reviews and calls Compute.

// Method is how a round turns raw totals into the normalized score N.
type Method string

// The normalization methods of a round.
const (
	Raw        Method = "raw"
	ZScore     Method = "zscore"
	Calibrated Method = "calibrated"
)

// Valid reports whether m is a known method.
func (m Method) Valid() bool { return m == Raw || m == ZScore || m == Calibrated }

// Scale is a criterion as the formulas see it.
type Scale struct {
	ID       int64
	Weight   int
	Min, Max int
}

// RawTotal is r = 100 · Σ w_c (s_c − min_c)/(max_c − min_c) / Σ w_c, in
// 0…100. scores holds one score per criterion id; validation has already
// made sure every criterion is scored within its scale. The sum is taken
// exactly in integers over the common denominator L = lcm(max_c − min_c),
// so the store, which sums the same integers in SQL, gets the same value
// to the last bit.
func RawTotal(criteria []Scale, scores map[int64]int) float64 {
	l, ok := ScaleLCM(criteria)
	if !ok {
		var sum, weights float64
		for _, c := range criteria {
			sum += float64(c.Weight) * float64(scores[c.ID]-c.Min) / float64(c.Max-c.Min)
			weights += float64(c.Weight)
		}
		if weights == 0 {
			return 0
		}
		return 100 * sum / weights
	}
	var num int64
	for _, c := range criteria {
		num += int64(c.Weight) * int64(scores[c.ID]-c.Min) * (l / int64(c.Max-c.Min))
	}
	return RawFromSum(criteria, l, num)
}

// RawFromSum turns Σ w_c (s_c − min_c) · L/(max_c − min_c) into r.
func RawFromSum(criteria []Scale, l, num int64) float64 {
	var weights int64
	for _, c := range criteria {
		weights += int64(c.Weight)
	}
	if weights == 0 {
		return 0
	}
	return 100 * float64(num) / (float64(l) * float64(weights))
}

// ScaleLCM is the least common multiple of the criteria's ranges, when it
// is small enough for exact integer sums (it always is for scales such as
// 1–5, 1–10, 0–100).
func ScaleLCM(criteria []Scale) (int64, bool) {
	l := int64(1)
	for _, c := range criteria {
		r := int64(c.Max - c.Min)
		if r <= 0 {
			return 0, false
		}
		l = l / gcd(l, r) * r
		if l > 1<<30 {
			return 0, false
		}
	}
	return l, true
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// Scored is one submitted review reduced to its raw total.
type Scored struct {
	Application int64
	Judge       int64
	Raw         float64
}

// Entrant is an application taking part in the round.
type Entrant struct {
	Application int64
	Startup     int64
	SubmittedAt time.Time
}

// Outcome is a round's results.
type Outcome struct {
	Method   Method
	Items    []Standing     // ranked; applications without reviews last
	Judges   []Leniency     // by judge id
	Warnings []string       // catalogue keys: "results.warning.disconnected", …
	Groups   int            // connected groups of judges and applications
	Fallback map[int64]bool // judges scored against the round (zscore)
}

// Standing is one application's line of the results.
type Standing struct {
	Application int64
	Startup     int64
	Rank        int // 0 when it has no submitted review
	Reviews     int
	RawMean     float64
	Normalized  float64
	// Disagreement is the population standard deviation of its raw totals.
	Disagreement float64
	SubmittedAt  time.Time
}

// Leniency is one judge's scoring habit over the round: μ_j and σ_j of
// their submitted raw totals, and the fitted bias b_j for calibrated.
type Leniency struct {
	Judge   int64
	Reviews int
	Mean    float64
	StdDev  float64
	Bias    float64
}

// Warning keys Compute may return.
const (
	WarnDisconnected = "results.warning.disconnected"
	WarnNoReviews    = "results.warning.no_reviews"
	WarnNotConverged = "results.warning.not_converged"
)

// Compute ranks entrants by the round's method from their submitted
// reviews.
func Compute(method Method, entrants []Entrant, reviews []Scored) Outcome {
	out := Outcome{Method: method, Fallback: map[int64]bool{}}
	byApp := map[int64][]int{}
	byJudge := map[int64][]int{}
	for i, r := range reviews {
		byApp[r.Application] = append(byApp[r.Application], i)
		byJudge[r.Judge] = append(byJudge[r.Judge], i)
	}
	judgeIDs := sortedKeys(byJudge)
	for _, j := range judgeIDs {
		mu, sigma := stats(reviews, byJudge[j])
		out.Judges = append(out.Judges, Leniency{Judge: j, Reviews: len(byJudge[j]), Mean: mu, StdDev: sigma})
	}
	var normalized map[int64]float64
	switch method {
	case Raw:
		normalized = rawMeans(reviews, byApp)
	case Calibrated:
		var bias map[int64]float64
		var converged bool
		normalized, bias, converged = calibrate(reviews, byApp, byJudge)
		for i := range out.Judges {
			out.Judges[i].Bias = bias[out.Judges[i].Judge]
		}
		if !converged {
			out.Warnings = append(out.Warnings, WarnNotConverged)
		}
	default:
		normalized = zscores(reviews, byApp, byJudge, out.Fallback)
	}
	means := rawMeans(reviews, byApp)
	for _, e := range entrants {
		s := Standing{Application: e.Application, Startup: e.Startup, SubmittedAt: e.SubmittedAt, Reviews: len(byApp[e.Application])}
		if s.Reviews > 0 {
			s.RawMean, s.Normalized = means[e.Application], normalized[e.Application]
			_, s.Disagreement = stats(reviews, byApp[e.Application])
		}
		out.Items = append(out.Items, s)
	}
	slices.SortFunc(out.Items, compareStandings)
	rank := 0
	for i := range out.Items {
		if out.Items[i].Reviews > 0 {
			rank++
			out.Items[i].Rank = rank
		}
	}
	if rank < len(out.Items) {
		out.Warnings = append(out.Warnings, WarnNoReviews)
	}
	out.Groups = components(reviews)
	if out.Groups > 1 && method == Calibrated {
		out.Warnings = append(out.Warnings, WarnDisconnected)
	}
	return out
}

// compareStandings orders by N descending, then mean raw total descending,
// then earlier submission, then application id; applications without a
// review come last.
func compareStandings(a, b Standing) int {
	if (a.Reviews > 0) != (b.Reviews > 0) {
		if a.Reviews > 0 {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(b.Normalized, a.Normalized); c != 0 {
		return c
	}
	if c := cmp.Compare(b.RawMean, a.RawMean); c != 0 {
		return c
	}
	if c := a.SubmittedAt.Compare(b.SubmittedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.Application, b.Application)
}

// stats returns the population mean and standard deviation of the raw
// totals of reviews[idx].
func stats(reviews []Scored, idx []int) (mean, sd float64) {
	if len(idx) == 0 {
		return 0, 0
	}
	for _, i := range idx {
		mean += reviews[i].Raw
	}
	mean /= float64(len(idx))
	var ss float64
	for _, i := range idx {
		d := reviews[i].Raw - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / float64(len(idx)))
}

func rawMeans(reviews []Scored, byApp map[int64][]int) map[int64]float64 {
	out := make(map[int64]float64, len(byApp))
	for a, idx := range byApp {
		out[a], _ = stats(reviews, idx)
	}
	return out
}

// zscores applies the per-judge rule (n_j ≥ 3 and σ_j > 0) with the
// round-wide fallback, z = 0 when σ_R = 0, and N = 50 + 10·mean z.
func zscores(reviews []Scored, byApp, byJudge map[int64][]int, fallback map[int64]bool) map[int64]float64 {
	all := make([]int, len(reviews))
	for i := range all {
		all[i] = i
	}
	muR, sigmaR := stats(reviews, all)
	type judgeStats struct{ mu, sigma float64 }
	per := make(map[int64]judgeStats, len(byJudge))
	for j, idx := range byJudge {
		mu, sigma := stats(reviews, idx)
		if len(idx) >= 3 && sigma > 0 {
			per[j] = judgeStats{mu, sigma}
		} else {
			fallback[j] = true
		}
	}
	out := make(map[int64]float64, len(byApp))
	for a, idx := range byApp {
		var sum float64
		for _, i := range idx {
			r := reviews[i]
			if s, ok := per[r.Judge]; ok {
				sum += (r.Raw - s.mu) / s.sigma
			} else if sigmaR > 0 {
				sum += (r.Raw - muR) / sigmaR
			}
		}
		out[a] = 50 + 10*sum/float64(len(idx))
	}
	return out
}

// calibrationLambda is the penalty λ on the judges' biases.
const calibrationLambda = 1.0

// calibrationTolerance stops the alternating updates once no value moves
// by more than this.
const calibrationTolerance = 1e-9

// maxCalibrationSweeps bounds the work on a pathological round; the
// results then carry WarnNotConverged.
const maxCalibrationSweeps = 100000

// calibrate fits r = f_a + b_j + ε minimizing Σ ε² + λ Σ b_j² by
// alternating exact updates (block coordinate descent, which converges for
// this strictly convex problem): with b fixed, f_a is the mean of r − b_j
// over a's reviews; with f fixed, b_j = Σ (r − f_a) / (n_j + λ). Starting
// from b = 0, it stops when no f_a or b_j moves by more than 1e-9.
func calibrate(reviews []Scored, byApp, byJudge map[int64][]int) (f, b map[int64]float64, converged bool) {
	apps, judges := sortedKeys(byApp), sortedKeys(byJudge)
	f = make(map[int64]float64, len(apps))
	b = make(map[int64]float64, len(judges))
	for sweep := 0; sweep < maxCalibrationSweeps; sweep++ {
		moved := 0.0
		for _, a := range apps {
			var sum float64
			for _, i := range byApp[a] {
				sum += reviews[i].Raw - b[reviews[i].Judge]
			}
			v := sum / float64(len(byApp[a]))
			moved = max(moved, math.Abs(v-f[a]))
			f[a] = v
		}
		for _, j := range judges {
			var sum float64
			for _, i := range byJudge[j] {
				sum += reviews[i].Raw - f[reviews[i].Application]
			}
			v := sum / (float64(len(byJudge[j])) + calibrationLambda)
			moved = max(moved, math.Abs(v-b[j]))
			b[j] = v
		}
		if moved <= calibrationTolerance {
			return f, b, true
		}
	}
	return f, b, false
}

// components counts the connected groups of the judge–application graph.
func components(reviews []Scored) int {
	parent := map[int64]int64{}
	var find func(x int64) int64
	find = func(x int64) int64 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	node := func(x int64) int64 {
		if _, ok := parent[x]; !ok {
			parent[x] = x
		}
		return x
	}
	for _, r := range reviews {
		// Judges and applications share one id space here: judges negative.
		a, j := find(node(r.Application)), find(node(-r.Judge))
		if a != j {
			parent[a] = j
		}
	}
	n := 0
	for x := range parent {
		if find(x) == x {
			n++
		}
	}
	return n
}

func sortedKeys[V any](m map[int64]V) []int64 {
	keys := make([]int64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
