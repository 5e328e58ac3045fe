package assign_test

import (
	"context"
	"fmt"

	"startbridge/internal/assign"
)

// A round wants two judges per application, one from each side when it can.
func ExampleSolve() {
	p := assign.Problem{
		K: 2,
		Applications: []assign.Application{
			{ID: 1, Sectors: []string{"ai"}, Languages: []string{"ko"}},
			{ID: 2, Sectors: []string{"bio"}, Languages: []string{"zh", "en"}},
		},
		Judges: []assign.Judge{
			{ID: 101, Side: "gyeonggi", Sectors: []string{"ai"}, Languages: []string{"ko", "en"}},
			{ID: 102, Side: "gyeonggi", Sectors: []string{"bio"}, Languages: []string{"ko"}},
			{ID: 201, Side: "hangzhou", Sectors: []string{"ai", "bio"}, Languages: []string{"zh"}},
		},
		Bids:      []assign.Bid{{Judge: 102, Application: 2, Value: 20}},
		Conflicts: []assign.Pair{{Judge: 201, Application: 1}},
	}
	res, err := assign.Solve(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range res.Assignments {
		fmt.Printf("application %d ← judge %d (score %d)\n", a.Application, a.Judge, a.Score)
	}
	fmt.Println("under-assigned:", res.UnderAssigned)
	fmt.Println("total score:", res.TotalScore)
	// Output:
	// application 1 ← judge 101 (score 15)
	// application 1 ← judge 102 (score 5)
	// application 2 ← judge 102 (score 30)
	// application 2 ← judge 201 (score 15)
	// under-assigned: []
	// total score: 65
}
