package contest

import (
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// benchRound is a round of 10,000 applications each reviewed by 3 of 300
// judges: 30,000 submitted reviews, judges of varied leniency.
func benchRound() ([]Entrant, []Scored) {
	rng := rand.New(rand.NewPCG(1, 2))
	const apps, judges, k = 10_000, 300, 3
	lenient := make([]float64, judges)
	for j := range lenient {
		lenient[j] = rng.NormFloat64() * 8
	}
	at := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	entrants := make([]Entrant, apps)
	reviews := make([]Scored, 0, apps*k)
	for a := range apps {
		entrants[a] = Entrant{Application: int64(a + 1), Startup: int64(a + 1), SubmittedAt: at.Add(time.Duration(a) * time.Second)}
		quality := 50 + rng.NormFloat64()*15
		for i := range k {
			j := (a*k + i) % judges
			raw := max(0, min(100, quality+lenient[j]+rng.NormFloat64()*5))
			reviews = append(reviews, Scored{Application: int64(a + 1), Judge: int64(j + 1), Raw: raw})
		}
	}
	return entrants, reviews
}

func benchmarkCompute(b *testing.B, m Method) {
	entrants, reviews := benchRound()
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		out := Compute(m, entrants, reviews)
		if len(out.Items) != len(entrants) {
			b.Fatal("lost applications")
		}
	}
	reportCPU(b, start)
}

func BenchmarkResults30000ReviewsZScore(b *testing.B)     { benchmarkCompute(b, ZScore) }
func BenchmarkResults30000ReviewsRaw(b *testing.B)        { benchmarkCompute(b, Raw) }
func BenchmarkResults30000ReviewsCalibrated(b *testing.B) { benchmarkCompute(b, Calibrated) }

// cpuTime is the process's user and system CPU time so far. The machine
// the benchmarks run on is shared, so wall time per operation says more
// about the neighbours than about this code; CPU time per operation is
// reported beside it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports CPU milliseconds per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
