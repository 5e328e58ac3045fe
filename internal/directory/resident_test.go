package directory_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

// Words of the generated directory: few enough that most are common.
var (
	koWords = []string{"판교", "바이오", "핀테크", "로봇", "스마트", "공장", "의료", "수원"}
	zhWords = []string{"杭州", "西湖", "人工智能", "物流", "滨江", "智能", "医疗"}
	enWords = []string{"robot", "bio", "fintech", "logistics", "smart", "factory", "cloud", "labs"}
)

func pick(r *rand.Rand, words []string, n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = words[r.IntN(len(words))]
	}
	return strings.Join(out, " ")
}

// generated returns the i-th start-up of a directory of mixed languages,
// regions, stages, sectors and visibility.
func generated(r *rand.Rand, i int) directory.StartupInput {
	in := valid()
	in.Name = text.Text{En: fmt.Sprintf("%s %d", pick(r, enWords, 1), i)}
	in.Description = text.Text{En: pick(r, enWords, 3)}
	if i%2 == 0 {
		in.Name.Ko = pick(r, koWords, 1+r.IntN(2))
		in.Description.Ko = pick(r, koWords, 3)
	} else {
		in.Name.Zh = pick(r, zhWords, 1+r.IntN(2))
		in.Description.Zh = pick(r, zhWords, 3)
	}
	in.Region = []string{"gyeonggi", "hangzhou"}[r.IntN(2)]
	in.Stage = []directory.Stage{directory.StageIdea, directory.StageSeed, directory.StageSeriesA, directory.StageGrowth}[r.IntN(4)]
	sectors := []string{"ai", "bio", "fintech", "logistics", "robotics"}
	in.Sectors = []string{sectors[r.IntN(5)]}
	if r.IntN(3) == 0 {
		in.Sectors = append(in.Sectors, sectors[r.IntN(5)])
		slices.Sort(in.Sectors)
		in.Sectors = slices.Compact(in.Sectors)
	}
	if r.IntN(6) == 0 {
		in.Visibility = directory.PartnersOnly
	}
	return in
}

// everything pages through a search three at a time and returns the names
// in order with the facets of the first page.
func everything(t *testing.T, s *directory.Store, viewer *auth.User, f directory.Filter) string {
	t.Helper()
	var b strings.Builder
	after := ""
	for pages := 0; ; pages++ {
		page, err := s.ListStartups(t.Context(), viewer, f, after, 3)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if pages == 0 {
			fmt.Fprintf(&b, "%v partial=%v:", page.Facets, page.FacetsPartial)
		}
		for _, st := range page.Items {
			b.WriteString(" " + st.Name.En)
		}
		if after = page.Next; after == "" || pages > 100 {
			return b.String()
		}
	}
}

// residentReads are the searches compared: one and two CJK characters,
// words, pairs that seldom meet, words in no profile, with filters.
func residentReads() []directory.Filter {
	var out []directory.Filter
	for _, q := range []string{"杭州", "西湖", "湖", "바이오", "핀테크", "판교 바이오", "人工智能", "医疗 物流", "robot", "BIO labs", "smart factory", "fintech 7", "의료 滨江"} {
		out = append(out, directory.Filter{Query: q}, directory.Filter{Query: q, Region: "hangzhou"},
			directory.Filter{Query: q, Stage: directory.StageSeed, Sector: "bio"}, directory.Filter{Query: q, Region: "gyeonggi", Sector: "robotics"})
	}
	// Lists without a query: their facets come from the index too.
	return append(out, directory.Filter{}, directory.Filter{Region: "hangzhou"}, directory.Filter{Stage: directory.StageSeed, Sector: "bio"},
		directory.Filter{Region: "gyeonggi", Sector: "robotics", Stage: directory.StageGrowth})
}

// generatedDirectory makes n generated start-ups and returns them with the
// random source that made them (for more) and the reference: a store
// searching the database's index without a cache, counting facets exactly.
func generatedDirectory(t *testing.T, db *database.DB, n int) (*fixture, *rand.Rand, []*directory.Startup, *directory.Store) {
	t.Helper()
	f := newFixture(t, db)
	r := rand.New(rand.NewPCG(7, 11))
	var made []*directory.Startup
	for i := range n {
		made = append(made, f.startup(t, generated(r, i)))
	}
	plain := directory.NewStore(db)
	plain.LimitCache(0)
	plain.SetSearchWindow(100000)
	return f, r, made, plain
}

func TestResidentIndexAnswersAsTheDatabaseDoes(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f, r, made, plain := generatedDirectory(t, db, 90)
		// Every token in memory; and only tokens of 12 profiles or more, so
		// that rarer ones go to the database.
		every, common := directory.NewStore(db), directory.NewStore(db)
		if err := every.BuildResidentIndex(t.Context(), 1); err != nil {
			t.Fatal(err)
		}
		if err := common.BuildResidentIndex(t.Context(), 12); err != nil {
			t.Fatal(err)
		}
		compare := func(when string) {
			t.Helper()
			for _, viewer := range []*auth.User{nil, f.staff} {
				for _, read := range residentReads() {
					want := everything(t, plain, viewer, read)
					for name, s := range map[string]*directory.Store{"every": every, "common": common} {
						if got := everything(t, s, viewer, read); got != want {
							t.Errorf("%s, %s index, viewer %v, %+v:\n got %s\nwant %s", when, name, viewer != nil, read, got, want)
						}
					}
				}
			}
		}
		compare("built")
		if st := every.ResidentStats(); !st.Ready || st.Profiles != 90 || st.Passes != 0 || st.Answers == 0 {
			t.Errorf("every token held: %+v", st)
		}
		// A word in no profile: the index of every token knows it has none;
		// the other leaves it to the database, which finds none at once.
		none := directory.Filter{Query: "none-such"}
		want := everything(t, plain, nil, none)
		for _, s := range []*directory.Store{every, common} {
			if got := everything(t, s, nil, none); got != want {
				t.Errorf("a word in no profile: %s, want %s", got, want)
			}
		}
		if every.ResidentStats().Passes != 0 || common.ResidentStats().Passes == 0 {
			t.Errorf("a word in no profile: %+v, %+v", every.ResidentStats(), common.ResidentStats())
		}
		passes := every.ResidentStats().Passes
		if st := common.ResidentStats(); st.Passes == 0 || st.Answers == 0 || st.Tokens >= every.ResidentStats().Tokens {
			t.Errorf("common tokens held: %+v, every token: %+v", st, every.ResidentStats())
		}

		// Another server edits: new words, another region, partners only,
		// other sectors; and adds start-ups. Both indexes follow at their
		// next read.
		gen := every.ResidentStats().Gen
		for i, st := range made[:12] {
			in := st.Input()
			in.Name = text.Text{Ko: "새이름 바이오", En: fmt.Sprintf("Renamed %d", i)}
			in.Description = text.Text{Zh: "西湖 医疗", En: "cloud robot"}
			in.Region = []string{"gyeonggi", "hangzhou"}[i%2]
			in.Sectors = []string{[]string{"bio", "robotics", "ai"}[i%3]}
			in.Visibility = []directory.Visibility{directory.Public, directory.PartnersOnly}[i%2]
			if _, err := plain.UpdateStartup(t.Context(), f.staff, st.ID, st.Version, in); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 5 {
			if _, err := plain.CreateStartup(t.Context(), f.staff, generated(r, 100+i)); err != nil {
				t.Fatal(err)
			}
		}
		compare("after edits")
		if st := every.ResidentStats(); st.Gen <= gen || st.Profiles != 95 || st.Passes != passes {
			t.Errorf("after edits: %+v (generation %d before)", st, gen)
		}

		// Rewriting the whole database index changes more than the index
		// follows one by one: it is rebuilt, and meanwhile the database's
		// index answers, the same.
		if err := plain.RebuildSearchIndex(t.Context()); err != nil {
			t.Fatal(err)
		}
		compare("after the database's index was rebuilt")
		if st := every.ResidentStats(); st.Passes == passes {
			t.Errorf("the resident index answered while it was rebuilt: %+v", st)
		}
		for deadline := time.Now().Add(30 * time.Second); !every.ResidentStats().Ready; {
			if time.Now().After(deadline) {
				t.Fatal("the resident index was not rebuilt")
			}
			time.Sleep(10 * time.Millisecond)
		}
		compare("rebuilt")
	})
}

func TestResidentIndexBuildIsTriedAgainAfterAFailure(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		seedCorpus(t, f)
		defer directory.SetResidentRetry(20 * time.Millisecond)()
		// The database fails the first build: a table it reads is away.
		if _, err := db.Exec(t.Context(), `ALTER TABLE directory_generation RENAME TO directory_generation_away`); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var outcomes []error
		s := directory.NewStore(db)
		s.EnableResidentIndex(t.Context(), func(_ directory.ResidentStats, _ time.Duration, err error) {
			mu.Lock()
			outcomes = append(outcomes, err)
			mu.Unlock()
		})
		until := func(what string, done func() bool) {
			t.Helper()
			for deadline := time.Now().Add(20 * time.Second); !done(); time.Sleep(5 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("never: %s", what)
				}
			}
		}
		until("a failed build", func() bool { mu.Lock(); defer mu.Unlock(); return len(outcomes) > 0 })
		if s.ResidentStats().Ready {
			t.Fatal("ready after a failed build")
		}
		if _, err := db.Exec(t.Context(), `ALTER TABLE directory_generation_away RENAME TO directory_generation`); err != nil {
			t.Fatal(err)
		}
		until("a build after the database came back", func() bool { return s.ResidentStats().Ready })
		mu.Lock()
		defer mu.Unlock()
		if outcomes[0] == nil || outcomes[len(outcomes)-1] != nil {
			t.Errorf("builds reported %v, want failures then success", outcomes)
		}
		if st := s.ResidentStats(); st.Profiles != uint64(len(corpus)) || !containsName(t, s, "西湖", "West Lake AI") {
			t.Errorf("the index built after the failure: %+v", st)
		}
	})
}

func TestResidentIndexFollowsEditsWhileItIsSearched(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f, _, made, plain := generatedDirectory(t, db, 40)
		every := directory.NewStore(db)
		if err := every.BuildResidentIndex(t.Context(), 1); err != nil {
			t.Fatal(err)
		}
		reads := residentReads()
		stop := make(chan struct{})
		var readers sync.WaitGroup
		for i := range 4 {
			readers.Go(func() {
				for n := i; ; n++ {
					select {
					case <-stop:
						return
					default:
					}
					if _, err := every.ListStartups(t.Context(), f.staff, reads[n%len(reads)], "", 5); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		// Edits through another store while the index is searched, each
		// followed by readers at their next generation.
		for i, st := range made[:20] {
			in := st.Input()
			in.Description = text.Text{En: fmt.Sprintf("robot cloud %d", i), Zh: "西湖 物流"}
			in.Visibility = []directory.Visibility{directory.Public, directory.PartnersOnly}[i%2]
			if _, err := plain.UpdateStartup(t.Context(), f.staff, st.ID, st.Version, in); err != nil {
				t.Fatal(err)
			}
		}
		close(stop)
		readers.Wait()
		for _, viewer := range []*auth.User{nil, f.staff} {
			for _, read := range reads {
				if got, want := everything(t, every, viewer, read), everything(t, plain, viewer, read); got != want {
					t.Errorf("viewer %v, %+v after concurrent edits:\n got %s\nwant %s", viewer != nil, read, got, want)
				}
			}
		}
	})
}
