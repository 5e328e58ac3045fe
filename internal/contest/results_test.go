package contest

import (
	"math"
	"slices"
	"testing"
	"time"
)

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.12f, want %.12f", what, got, want)
	}
}

func TestRawTotalFollowsTheSpecFormula(t *testing.T) {
	// Weight 2 on 1–5 and weight 1 on 0–10: scores 4 and 7 give
	// 100·(2·3/4 + 1·7/10)/3 = 100·2.2/3.
	criteria := []Scale{{ID: 1, Weight: 2, Min: 1, Max: 5}, {ID: 2, Weight: 1, Min: 0, Max: 10}}
	near(t, "r", RawTotal(criteria, map[int64]int{1: 4, 2: 7}), 220.0/3)
	near(t, "r(min)", RawTotal(criteria, map[int64]int{1: 1, 2: 0}), 0)
	near(t, "r(max)", RawTotal(criteria, map[int64]int{1: 5, 2: 10}), 100)
}

// The example used by the API tests too: judge 1 has three reviews (40,
// 60, 80: μ = 60, σ = √(800/3)), judge 2 only two (50, 70), so judge 2
// falls back to the round: μ_R = 60, σ_R = √200.
var (
	exampleEntrants = []Entrant{
		{Application: 11, Startup: 101, SubmittedAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Application: 12, Startup: 102, SubmittedAt: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)},
		{Application: 13, Startup: 103, SubmittedAt: time.Date(2027, 1, 3, 0, 0, 0, 0, time.UTC)},
		{Application: 14, Startup: 104, SubmittedAt: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
	}
	exampleReviews = []Scored{
		{Application: 11, Judge: 1, Raw: 40}, {Application: 11, Judge: 2, Raw: 50},
		{Application: 12, Judge: 1, Raw: 60}, {Application: 12, Judge: 2, Raw: 70},
		{Application: 13, Judge: 1, Raw: 80},
	}
)

func TestZScoreUsesEachJudgeOrTheRoundFallback(t *testing.T) {
	out := Compute(ZScore, exampleEntrants, exampleReviews)
	// a13: z = 20/√(800/3) = 1.224744871392 → N = 62.247448713916
	// a12: z = (0 + 10/√200)/2 = 0.353553390593 → N = 53.535533905933
	// a11: z = (−20/√(800/3) − 10/√200)/2 = −0.965925826289 → N = 40.340741737109
	want := []struct {
		app     int64
		n, mean float64
	}{
		{13, 62.247448713916, 80},
		{12, 53.535533905933, 65},
		{11, 40.340741737109, 45},
	}
	for i, w := range want {
		got := out.Items[i]
		if got.Application != w.app || got.Rank != i+1 {
			t.Fatalf("item %d = application %d rank %d, want %d rank %d", i, got.Application, got.Rank, w.app, i+1)
		}
		near(t, "N", got.Normalized, w.n)
		near(t, "raw mean", got.RawMean, w.mean)
	}
	near(t, "exact N(a13)", out.Items[0].Normalized, 50+10*20/math.Sqrt(800.0/3))
	if last := out.Items[3]; last.Application != 14 || last.Rank != 0 || last.Reviews != 0 {
		t.Errorf("application without reviews = %+v, want last and unranked", last)
	}
	if !slices.Contains(out.Warnings, WarnNoReviews) {
		t.Errorf("warnings = %v, want %s", out.Warnings, WarnNoReviews)
	}
	if out.Fallback[1] || !out.Fallback[2] {
		t.Errorf("fallback = %v, want judge 2 only", out.Fallback)
	}
	near(t, "μ_1", out.Judges[0].Mean, 60)
	near(t, "σ_1", out.Judges[0].StdDev, math.Sqrt(800.0/3))
	near(t, "σ_2", out.Judges[1].StdDev, 10)
	near(t, "disagreement a11", out.Items[2].Disagreement, 5)
}

func TestZScoreIsZeroWhenTheRoundHasNoSpread(t *testing.T) {
	out := Compute(ZScore, exampleEntrants[:2], []Scored{{11, 1, 70}, {12, 1, 70}})
	near(t, "N", out.Items[0].Normalized, 50)
	near(t, "N", out.Items[1].Normalized, 50)
	// Equal N and equal raw: the earlier submission ranks first.
	if out.Items[0].Application != 11 {
		t.Errorf("first = %d, want 11 (submitted earlier)", out.Items[0].Application)
	}
}

func TestRawMethodRanksByMeanRaw(t *testing.T) {
	out := Compute(Raw, exampleEntrants, exampleReviews)
	near(t, "N(a13)", out.Items[0].Normalized, 80)
	near(t, "N(a12)", out.Items[1].Normalized, 65)
	near(t, "N(a11)", out.Items[2].Normalized, 45)
}

func TestTiesBreakByRawThenSubmissionThenID(t *testing.T) {
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	items := []Standing{
		{Application: 5, Reviews: 1, Normalized: 50, RawMean: 60, SubmittedAt: at},
		{Application: 4, Reviews: 1, Normalized: 50, RawMean: 60, SubmittedAt: at},
		{Application: 3, Reviews: 1, Normalized: 50, RawMean: 60, SubmittedAt: at.Add(-time.Hour)},
		{Application: 2, Reviews: 1, Normalized: 50, RawMean: 70, SubmittedAt: at.Add(time.Hour)},
		{Application: 1, Reviews: 1, Normalized: 55, RawMean: 10, SubmittedAt: at.Add(time.Hour)},
	}
	slices.SortFunc(items, compareStandings)
	var got []int64
	for _, s := range items {
		got = append(got, s.Application)
	}
	if want := []int64{1, 2, 3, 4, 5}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestCalibratedFitsTheJudgeBiasWithPenalty(t *testing.T) {
	// Two judges rate two applications; judge 1 is 10 points more lenient.
	// Minimizing Σ(r − f_a − b_j)² + b_1² + b_2²: by symmetry b_2 = −b_1 = −5t
	// and f = (75, 55); the residual is 100(1 − t)², the penalty 50t²,
	// so t = 2/3: b_1 = 10/3, f = 75 and 55.
	entrants := exampleEntrants[:2]
	reviews := []Scored{{11, 1, 80}, {11, 2, 70}, {12, 1, 60}, {12, 2, 50}}
	out := Compute(Calibrated, entrants, reviews)
	near(t, "f(a11)", out.Items[0].Normalized, 75)
	near(t, "f(a12)", out.Items[1].Normalized, 55)
	near(t, "b_1", out.Judges[0].Bias, 10.0/3)
	near(t, "b_2", out.Judges[1].Bias, -10.0/3)
	if len(out.Warnings) != 0 {
		t.Errorf("warnings = %v, want none", out.Warnings)
	}
}

func TestCalibratedWarnsWhenTheGraphIsDisconnected(t *testing.T) {
	reviews := []Scored{{11, 1, 80}, {12, 2, 50}}
	out := Compute(Calibrated, exampleEntrants[:2], reviews)
	if !slices.Contains(out.Warnings, WarnDisconnected) || out.Groups != 2 {
		t.Errorf("warnings = %v groups %d, want %s and 2 groups", out.Warnings, out.Groups, WarnDisconnected)
	}
	// One judge, one application: b = (r − f)/2 and f = r − b meet at b = 0.
	near(t, "f(a11)", out.Items[0].Normalized, 80)
}
