package assign

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// judgesOf lists the judges assigned to application a.
func judgesOf(res Result, a int64) []int64 {
	var out []int64
	for _, x := range res.Assignments {
		if x.Application == a {
			out = append(out, x.Judge)
		}
	}
	return out
}

// loadOf counts the applications of judge j.
func loadOf(res Result, j int64) int {
	n := 0
	for _, x := range res.Assignments {
		if x.Judge == j {
			n++
		}
	}
	return n
}

func mustSolve(t *testing.T, p Problem) Result {
	t.Helper()
	res, err := Solve(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	check(t, p, res)
	return res
}

func TestSideConstraintBeatsHigherScore(t *testing.T) {
	p := Problem{
		K:            2,
		Applications: []Application{{ID: 1}},
		Judges: []Judge{
			{ID: 10, Side: "gyeonggi"}, {ID: 11, Side: "gyeonggi"}, {ID: 20, Side: "hangzhou"},
		},
		Bids: []Bid{{10, 1, 100}, {11, 1, 90}, {20, 1, -50}},
	}
	res := mustSolve(t, p)
	if got, want := judgesOf(res, 1), []int64{10, 20}; !slices.Equal(got, want) {
		t.Errorf("got judges %v, want %v: one per side even though 10 and 11 score higher", got, want)
	}
	if res.TotalScore != 50 || len(res.SidesMissing) != 0 {
		t.Errorf("got score %d, gaps %v; want 50, none", res.TotalScore, res.SidesMissing)
	}
}

func TestSideRequirementWaivedWhenOneSideHasNoEligibleJudge(t *testing.T) {
	base := Problem{
		K:            2,
		Applications: []Application{{ID: 1}, {ID: 2}},
		Judges: []Judge{
			{ID: 10, Side: "gyeonggi", MaxLoad: 2}, {ID: 11, Side: "gyeonggi", MaxLoad: 2},
			{ID: 20, Side: "hangzhou", MaxLoad: 1},
		},
	}
	cases := []struct {
		name string
		edit func(*Problem)
	}{
		{"conflict", func(p *Problem) { p.Conflicts = []Pair{{20, 1}} }},
		{"bid of -100", func(p *Problem) { p.Bids = []Bid{{20, 1, -100}} }},
		{"forbidden", func(p *Problem) { p.Forbidden = []Pair{{20, 1}} }},
		{"load used by a started review", func(p *Problem) { p.Existing = []Pair{{20, 2}} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base
			c.edit(&p)
			res := mustSolve(t, p)
			if got, want := judgesOf(res, 1), []int64{10, 11}; !slices.Equal(got, want) {
				t.Errorf("got judges %v, want %v", got, want)
			}
			for _, g := range res.SidesMissing {
				if g.Application == 1 {
					t.Errorf("application 1 reported %v, but no hangzhou judge was eligible", g)
				}
			}
		})
	}
}

func TestOneJudgePerApplicationHasNoSideConstraint(t *testing.T) {
	p := Problem{
		K:            1,
		Applications: []Application{{ID: 1}, {ID: 2}},
		Judges:       []Judge{{ID: 10, Side: "gyeonggi", MaxLoad: 2}, {ID: 20, Side: "hangzhou", MaxLoad: 2}},
		Bids:         []Bid{{10, 1, 5}, {10, 2, 5}},
	}
	res := mustSolve(t, p)
	if got := loadOf(res, 10); got != 2 || res.TotalScore != 10 || len(res.SidesMissing) != 0 {
		t.Errorf("got load %d, score %d, gaps %v; want 2, 10, none", got, res.TotalScore, res.SidesMissing)
	}
}

func TestMissingSideReportedWhenTheOnlyJudgeIsTaken(t *testing.T) {
	// Both applications could use judge 20, the only hangzhou judge, who
	// takes one: the other misses its side and says so.
	p := Problem{
		K:            2,
		Applications: []Application{{ID: 1}, {ID: 2}},
		Judges: []Judge{
			{ID: 10, Side: "gyeonggi", MaxLoad: 2}, {ID: 11, Side: "gyeonggi", MaxLoad: 2},
			{ID: 20, Side: "hangzhou", MaxLoad: 1},
		},
		Bids: []Bid{{20, 2, 40}},
	}
	res := mustSolve(t, p)
	if got, want := fmt.Sprint(res.SidesMissing), "[{1 [hangzhou]}]"; got != want {
		t.Errorf("got gaps %s, want %s", got, want)
	}
	if got := judgesOf(res, 2); !slices.Contains(got, 20) {
		t.Errorf("got judges %v for application 2, want judge 20 who bid on it", got)
	}
}

func TestCoverageComesBeforeSides(t *testing.T) {
	// Judge 20 is the only judge application 2 may have; giving him to
	// application 1 for its second side would leave 2 with nobody.
	p := Problem{
		K:            2,
		Applications: []Application{{ID: 1}, {ID: 2}},
		Judges: []Judge{
			{ID: 10, Side: "gyeonggi", MaxLoad: 2}, {ID: 11, Side: "gyeonggi", MaxLoad: 2},
			{ID: 20, Side: "hangzhou", MaxLoad: 1},
		},
		Conflicts: []Pair{{10, 2}, {11, 2}},
		Bids:      []Bid{{20, 1, 100}},
	}
	res := mustSolve(t, p)
	if got, want := judgesOf(res, 2), []int64{20}; !slices.Equal(got, want) {
		t.Errorf("got judges %v for application 2, want %v", got, want)
	}
	if got, want := fmt.Sprint(res.SidesMissing), "[{1 [hangzhou]}]"; got != want {
		t.Errorf("got gaps %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(res.UnderAssigned), "[{2 1 2}]"; got != want {
		t.Errorf("got under-assigned %s, want %s", got, want)
	}
}

func TestScoreWithMoreThan64Tags(t *testing.T) {
	// Tag sets span two machine words; the shared sector is in the second.
	var many []string
	for i := range 70 {
		many = append(many, fmt.Sprintf("sector-%d", i))
	}
	p := Problem{
		K:            1,
		Applications: []Application{{ID: 1, Sectors: []string{"sector-69"}, Languages: []string{"zh"}}},
		Judges: []Judge{
			{ID: 10, Side: "g", Sectors: many[:69], Languages: []string{"zh"}},
			{ID: 11, Side: "g", Sectors: many, Languages: []string{"ko"}},
		},
	}
	res := mustSolve(t, p)
	if got, want := fmt.Sprint(res.Assignments), "[{11 1 10 false}]"; got != want {
		t.Errorf("got %s, want %s: sector (10) beats language (5)", got, want)
	}
}

func TestLoadLimits(t *testing.T) {
	cases := []struct {
		name     string
		maxLoad  int
		wantLoad int
	}{
		{"explicit", 1, 1},
		{"default is ceil(apps*k/judges) = ceil(5*2/3) = 4", 0, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Problem{K: 2, Judges: []Judge{{ID: 10, Side: "g", MaxLoad: c.maxLoad}, {ID: 11, Side: "g"}, {ID: 12, Side: "g"}}}
			for a := range int64(5) {
				p.Applications = append(p.Applications, Application{ID: a})
				p.Bids = append(p.Bids, Bid{10, a, 100}) // everyone wants judge 10
			}
			res := mustSolve(t, p)
			if got := loadOf(res, 10); got != c.wantLoad {
				t.Errorf("got load %d for judge 10, want %d", got, c.wantLoad)
			}
		})
	}
}

func TestConflictsAreNeverAssigned(t *testing.T) {
	p := Problem{
		K:            2,
		Applications: []Application{{ID: 1, Sectors: []string{"ai"}}},
		Judges: []Judge{
			{ID: 10, Side: "g", Sectors: []string{"ai"}}, {ID: 11, Side: "g", Sectors: []string{"ai"}},
			{ID: 12, Side: "g", Sectors: []string{"ai"}}, {ID: 13, Side: "h"},
		},
		Bids:      []Bid{{10, 1, 100}, {11, 1, -100}, {12, 1, 100}},
		Conflicts: []Pair{{10, 1}},
		Forbidden: []Pair{{12, 1}},
	}
	res := mustSolve(t, p)
	if got, want := judgesOf(res, 1), []int64{13}; !slices.Equal(got, want) {
		t.Errorf("got judges %v, want %v: the others are in conflict or forbidden", got, want)
	}
	if got, want := fmt.Sprint(res.UnderAssigned), "[{1 1 2}]"; got != want {
		t.Errorf("got under-assigned %s, want %s", got, want)
	}
}

func TestUnderAssignedReportedNeverDropped(t *testing.T) {
	p := Problem{
		K:            3,
		Applications: []Application{{ID: 1}, {ID: 2}, {ID: 3}},
		Judges:       []Judge{{ID: 10, Side: "g", MaxLoad: 3}, {ID: 20, Side: "h", MaxLoad: 2}},
	}
	res := mustSolve(t, p)
	if got, want := len(res.Assignments), 5; got != want {
		t.Errorf("got %d pairs, want %d (all the capacity there is)", got, want)
	}
	if got, want := len(res.UnderAssigned), 3; got != want {
		t.Errorf("got %d under-assigned, want %d: %v", got, want, res.UnderAssigned)
	}
	for _, s := range res.UnderAssigned {
		if s.Wanted != 3 || s.Assigned != len(judgesOf(res, s.Application)) {
			t.Errorf("got shortfall %+v, want wanted 3 and the real count", s)
		}
	}
}

func TestPinnedPairsAreKept(t *testing.T) {
	p := Problem{
		K:            2,
		Applications: []Application{{ID: 1}, {ID: 2}},
		Judges:       []Judge{{ID: 10, Side: "g", MaxLoad: 1}, {ID: 11, Side: "g"}, {ID: 20, Side: "h"}},
		Bids:         []Bid{{10, 1, -90}, {11, 1, 80}, {20, 1, 80}},
		// Judge 10 scores worst on application 1 and is pinned anyway; the
		// pin also uses his only slot.
		Pinned: []Pair{{10, 1}},
	}
	res := mustSolve(t, p)
	got := judgesOf(res, 1)
	if len(got) != 2 || got[0] != 10 {
		t.Errorf("got judges %v, want judge 10 and one more", got)
	}
	if loadOf(res, 10) != 1 {
		t.Errorf("got load %d for judge 10, want 1", loadOf(res, 10))
	}
	if !res.Assignments[0].Fixed {
		t.Errorf("got %+v, want it marked fixed", res.Assignments[0])
	}
}

func TestPinnedBeyondLoadOrK(t *testing.T) {
	// Staff decisions win over limits: all three pins stay, and nothing
	// more goes to judge 10 or to application 1.
	p := Problem{
		K:            2,
		Applications: []Application{{ID: 1}, {ID: 2}},
		Judges:       []Judge{{ID: 10, Side: "g", MaxLoad: 1}, {ID: 11, Side: "g"}, {ID: 20, Side: "h"}},
		Pinned:       []Pair{{10, 1}, {11, 1}, {20, 1}, {10, 2}},
	}
	res := mustSolve(t, p)
	if got := judgesOf(res, 1); len(got) != 3 {
		t.Errorf("got judges %v for application 1, want the three pinned", got)
	}
	if got := judgesOf(res, 2); len(got) != 2 || got[0] != 10 {
		t.Errorf("got judges %v for application 2, want 10 and one more", got)
	}
}

func TestExistingReviewsStayWhenRerunWithNewApplications(t *testing.T) {
	p := contestProblem(40, 8, 3, 0.05, 11)
	first := mustSolve(t, p)
	// New applications arrive; the new ones are what every judge wants,
	// which would pull judges off the first batch if they could move.
	var existing []Pair
	for _, x := range first.Assignments {
		existing = append(existing, Pair{x.Judge, x.Application})
	}
	q := p
	q.Existing = existing
	q.Applications = slices.Clone(p.Applications)
	q.Bids = slices.Clone(p.Bids)
	for a := int64(5000); a < 5010; a++ {
		q.Applications = append(q.Applications, Application{ID: a})
		for _, j := range p.Judges {
			q.Bids = append(q.Bids, Bid{j.ID, a, 100})
		}
	}
	second := mustSolve(t, q)
	for _, x := range first.Assignments {
		i := slices.IndexFunc(second.Assignments, func(y Assignment) bool { return y.Judge == x.Judge && y.Application == x.Application })
		if i < 0 || !second.Assignments[i].Fixed {
			t.Errorf("review %+v moved or lost its fixed mark", x)
		}
	}
	for a := int64(5000); a < 5010; a++ {
		if len(judgesOf(second, a)) != 3 {
			t.Errorf("got judges %v for new application %d, want 3", judgesOf(second, a), a)
		}
	}
}

func TestSameInputSameOutput(t *testing.T) {
	p := contestProblem(200, 20, 3, 0.02, 5)
	want := mustSolve(t, p)
	// The same problem with every list in another order.
	rng := rand.New(rand.NewPCG(9, 9))
	q := p
	q.Applications = slices.Clone(p.Applications)
	q.Judges = slices.Clone(p.Judges)
	q.Bids = slices.Clone(p.Bids)
	q.Conflicts = slices.Clone(p.Conflicts)
	rng.Shuffle(len(q.Applications), func(i, j int) { q.Applications[i], q.Applications[j] = q.Applications[j], q.Applications[i] })
	rng.Shuffle(len(q.Judges), func(i, j int) { q.Judges[i], q.Judges[j] = q.Judges[j], q.Judges[i] })
	rng.Shuffle(len(q.Bids), func(i, j int) { q.Bids[i], q.Bids[j] = q.Bids[j], q.Bids[i] })
	rng.Shuffle(len(q.Conflicts), func(i, j int) { q.Conflicts[i], q.Conflicts[j] = q.Conflicts[j], q.Conflicts[i] })
	for _, in := range []Problem{p, q} {
		got := mustSolve(t, in)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("got a different result for the same input:\n%v\nwant\n%v", got, want)
		}
	}
}

// TestPricingReachesTheFullGraphOptimum checks, on instances too big for
// exhaustive search, that starting from one candidate per side gives the
// same optimum as starting from every pair.
func TestPricingReachesTheFullGraphOptimum(t *testing.T) {
	for seed := range uint64(6) {
		p := contestProblem(150, 16, 2+int(seed%2), 0.05, seed)
		if seed%3 == 0 {
			for i := range p.Judges {
				p.Judges[i].MaxLoad = 1 + int(seed) // scarce capacity
			}
		}
		var want measure
		for i, width := range []int{len(p.Judges), 1, perSide} {
			res, _, err := solve(context.Background(), p, width)
			if err != nil {
				t.Fatal(err)
			}
			got := check(t, p, res)
			if i == 0 {
				want = got
			} else if got != want {
				t.Errorf("seed %d, width %d: got %+v, want %+v", seed, width, got, want)
			}
		}
	}
}

func TestRefusesBadInput(t *testing.T) {
	ok := func() Problem {
		return Problem{K: 2, Applications: []Application{{ID: 1}}, Judges: []Judge{{ID: 10, Side: "g"}, {ID: 20, Side: "h"}}}
	}
	cases := []struct {
		name string
		edit func(*Problem)
		want error
	}{
		{"k of zero", func(p *Problem) { p.K = 0 }, ErrInvalid},
		{"duplicate application", func(p *Problem) { p.Applications = append(p.Applications, Application{ID: 1}) }, ErrInvalid},
		{"duplicate judge", func(p *Problem) { p.Judges = append(p.Judges, Judge{ID: 10, Side: "g"}) }, ErrInvalid},
		{"empty side", func(p *Problem) { p.Judges[0].Side = "" }, ErrInvalid},
		{"negative load", func(p *Problem) { p.Judges[0].MaxLoad = -1 }, ErrInvalid},
		{"bid above 100", func(p *Problem) { p.Bids = []Bid{{10, 1, 101}} }, ErrInvalid},
		{"bid below -100", func(p *Problem) { p.Bids = []Bid{{10, 1, -101}} }, ErrInvalid},
		{"two bids on one pair", func(p *Problem) { p.Bids = []Bid{{10, 1, 5}, {10, 1, 6}} }, ErrInvalid},
		{"a zero and a -100 bid on one pair", func(p *Problem) { p.Bids = []Bid{{10, 1, 0}, {10, 1, -100}} }, ErrInvalid},
		{"unknown judge", func(p *Problem) { p.Conflicts = []Pair{{99, 1}} }, ErrInvalid},
		{"unknown application", func(p *Problem) { p.Pinned = []Pair{{10, 99}} }, ErrInvalid},
		{"pinned in conflict", func(p *Problem) { p.Pinned, p.Conflicts = []Pair{{10, 1}}, []Pair{{10, 1}} }, ErrPinnedConflict},
		{"existing forbidden", func(p *Problem) { p.Existing, p.Forbidden = []Pair{{10, 1}}, []Pair{{10, 1}} }, ErrPinnedConflict},
		{"pinned with bid -100", func(p *Problem) { p.Pinned, p.Bids = []Pair{{10, 1}}, []Bid{{10, 1, -100}} }, ErrPinnedConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ok()
			c.edit(&p)
			if _, err := Solve(context.Background(), p); !errors.Is(err, c.want) {
				t.Errorf("got error %v, want %v", err, c.want)
			}
		})
	}
	if _, err := Solve(context.Background(), ok()); err != nil {
		t.Errorf("got %v for the valid problem", err)
	}
}

func TestEmptyProblems(t *testing.T) {
	cases := []Problem{
		{K: 3},
		{K: 3, Applications: []Application{{ID: 1}}},
		{K: 3, Judges: []Judge{{ID: 1, Side: "g"}}},
	}
	for _, p := range cases {
		res := mustSolve(t, p)
		if len(res.Assignments) != 0 || len(res.UnderAssigned) != len(p.Applications) {
			t.Errorf("got %+v for %+v", res, p)
		}
	}
}

func TestStopsWhenContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, contestProblem(50, 6, 3, 0, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("got error %v, want context.Canceled", err)
	}
}
