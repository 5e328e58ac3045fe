package contest

import (
	"math/rand/v2"
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
	for b.Loop() {
		out := Compute(m, entrants, reviews)
		if len(out.Items) != len(entrants) {
			b.Fatal("lost applications")
		}
	}
}

func BenchmarkResults30000ReviewsZScore(b *testing.B)     { benchmarkCompute(b, ZScore) }
func BenchmarkResults30000ReviewsRaw(b *testing.B)        { benchmarkCompute(b, Raw) }
func BenchmarkResults30000ReviewsCalibrated(b *testing.B) { benchmarkCompute(b, Calibrated) }
