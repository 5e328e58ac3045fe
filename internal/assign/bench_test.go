package assign

import (
	"context"
	"math/rand/v2"
	"testing"
)

// contestProblem is a believable round: two sides, a dozen sectors, three
// languages, a few dozen bids per judge (some of them −100), a share of
// declared conflicts, and default loads, which leave no slack at all.
func contestProblem(apps, judges, k int, conflictRate float64, seed uint64) Problem {
	rng := rand.New(rand.NewPCG(seed, 1))
	sectors := []string{"ai", "bio", "fintech", "mobility", "energy", "commerce", "games", "health", "edu", "robotics", "semis", "content"}
	pick := func(n int) []string {
		var out []string
		for _, i := range rng.Perm(len(sectors))[:n] {
			out = append(out, sectors[i])
		}
		return out
	}
	p := Problem{K: k}
	for a := 0; a < apps; a++ {
		lang := []string{"ko"}
		if rng.IntN(2) == 1 {
			lang = []string{"zh"}
		}
		if rng.IntN(2) == 1 {
			lang = append(lang, "en")
		}
		p.Applications = append(p.Applications, Application{ID: int64(1000 + a), Sectors: pick(1 + rng.IntN(2)), Languages: lang})
	}
	for j := 0; j < judges; j++ {
		side, lang := "gyeonggi", []string{"ko"}
		if j%2 == 1 {
			side, lang = "hangzhou", []string{"zh"}
		}
		if rng.IntN(10) < 7 {
			lang = append(lang, "en")
		}
		p.Judges = append(p.Judges, Judge{ID: int64(1 + j), Side: side, Sectors: pick(1 + rng.IntN(3)), Languages: lang})
		for _, a := range rng.Perm(apps)[:min(apps, 40)] {
			v := rng.IntN(151) - 50
			if rng.IntN(20) == 0 {
				v = -100
			}
			p.Bids = append(p.Bids, Bid{Judge: int64(1 + j), Application: int64(1000 + a), Value: v})
		}
	}
	for j := 0; j < judges; j++ {
		for a := 0; a < apps; a++ {
			if rng.Float64() < conflictRate {
				p.Conflicts = append(p.Conflicts, Pair{Judge: int64(1 + j), Application: int64(1000 + a)})
			}
		}
	}
	return p
}

func benchmarkSolve(b *testing.B, p Problem) {
	b.ReportAllocs()
	b.ResetTimer()
	var res Result
	var st solveStats
	cpu := cpuTime()
	for b.Loop() {
		var err error
		if res, st, err = solve(context.Background(), p, perSide); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(res.TotalScore), "score")
	b.ReportMetric(float64(len(res.UnderAssigned)), "under")
	b.ReportMetric(float64(len(res.SidesMissing)), "one-sided")
	b.ReportMetric(float64(st.refines), "refines")
	b.ReportMetric(float64(st.rounds), "rounds")
}

func BenchmarkAssign1kx50(b *testing.B)   { benchmarkSolve(b, contestProblem(1000, 50, 3, 0.02, 7)) }
func BenchmarkAssign3kx100(b *testing.B)  { benchmarkSolve(b, contestProblem(3000, 100, 3, 0.02, 7)) }
func BenchmarkAssign10kx300(b *testing.B) { benchmarkSolve(b, contestProblem(10000, 300, 3, 0.02, 7)) }

// BenchmarkAssign10kx300ScarceSide has one hangzhou judge in ten: 3,000
// review slots on that side for 10,000 applications, so the side bonus,
// not the score, decides most of the assignment.
func BenchmarkAssign10kx300ScarceSide(b *testing.B) {
	p := contestProblem(10000, 300, 3, 0.02, 7)
	for i := range p.Judges {
		if i%10 != 1 {
			p.Judges[i].Side = "gyeonggi"
		}
	}
	benchmarkSolve(b, p)
}
