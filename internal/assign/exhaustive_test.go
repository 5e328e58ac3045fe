package assign

import (
	"context"
	"math/rand/v2"
	"testing"
)

// TestSolveEqualsExhaustiveSearch compares the solver with trying every
// assignment, on many small random instances. Each instance runs twice:
// with the usual candidates, and with one candidate per side, so that
// pricing has to bring in nearly every pair.
func TestSolveEqualsExhaustiveSearch(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewPCG(2027, 3))
	for i := range n {
		p := tinyProblem(rng)
		want := bestByExhaustion(p)
		for _, width := range []int{perSide, 1} {
			res, _, err := solve(context.Background(), p, width)
			if err != nil {
				t.Fatalf("instance %d, width %d: %v\n%+v", i, width, err, p)
			}
			if got := check(t, p, res); got != want {
				t.Fatalf("instance %d, width %d: got %+v, want %+v\nproblem %+v\nresult %+v", i, width, got, want, p, res)
			}
		}
		if t.Failed() {
			t.Fatalf("instance %d: %+v", i, p)
		}
	}
}

// FuzzSolveEqualsExhaustiveSearch does the same from fuzzer-chosen seeds.
func FuzzSolveEqualsExhaustiveSearch(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42, 2027} {
		f.Add(seed, seed*7)
	}
	f.Fuzz(func(t *testing.T, s1, s2 uint64) {
		p := tinyProblem(rand.New(rand.NewPCG(s1, s2)))
		want := bestByExhaustion(p)
		for _, width := range []int{perSide, 1} {
			res, _, err := solve(context.Background(), p, width)
			if err != nil {
				t.Fatalf("width %d: %v\n%+v", width, err, p)
			}
			if got := check(t, p, res); got != want {
				t.Fatalf("width %d: got %+v, want %+v\nproblem %+v\nresult %+v", width, got, want, p, res)
			}
		}
	})
}
