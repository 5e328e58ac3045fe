package assign

import (
	"cmp"
	"fmt"
	"slices"
)

// instance is a validated Problem with dense indices: judges and
// applications sorted by id, so that the result does not depend on the
// order of the input.
type instance struct {
	k      int
	apps   []Application
	judges []Judge
	side   []int32  // judge → index into sides
	sides  []string // sorted

	words      int      // 64-bit words per sector or language set
	judgeSect  []uint64 // judge j's sectors are judgeSect[j*words:(j+1)*words]
	judgeLang  []uint64
	appSect    []uint64
	appLang    []uint64
	load       []int // judge → max load
	fixedLoad  []int // judge → fixed pairs
	fixed      [][]int32
	fixedSides [][]int32 // application → sides of its fixed judges, sorted, distinct
	blocked    [][]int32 // application → judges in conflict or forbidden
	bids       [][]bidEntry
	demand     []int // application → judges still wanted
}

// bidEntry is a non-zero bid of one judge on the application holding it.
type bidEntry struct {
	judge int32
	value int32
}

func newInstance(p Problem) (*instance, error) {
	if p.K < 1 {
		return nil, fmt.Errorf("assign: k = %d: %w", p.K, ErrInvalid)
	}
	if len(p.Applications)*p.K >= 1<<30 {
		return nil, ErrTooLarge // flows are int32; no contest comes near
	}
	in := &instance{
		k:      p.K,
		apps:   slices.Clone(p.Applications),
		judges: slices.Clone(p.Judges),
	}
	slices.SortFunc(in.apps, func(x, y Application) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(in.judges, func(x, y Judge) int { return cmp.Compare(x.ID, y.ID) })
	appIdx, err := indexIDs(in.apps, func(a Application) int64 { return a.ID }, "application")
	if err != nil {
		return nil, err
	}
	judgeIdx, err := indexIDs(in.judges, func(j Judge) int64 { return j.ID }, "judge")
	if err != nil {
		return nil, err
	}
	if err := in.indexJudges(); err != nil {
		return nil, err
	}
	in.indexTags()

	lookup := func(q Pair, what string) (int32, int32, error) {
		j, okj := judgeIdx[q.Judge]
		a, oka := appIdx[q.Application]
		if !okj || !oka {
			return 0, 0, fmt.Errorf("assign: %s pair (judge %d, application %d) names an unknown id: %w",
				what, q.Judge, q.Application, ErrInvalid)
		}
		return j, a, nil
	}
	n := len(in.apps)
	in.blocked = make([][]int32, n)
	in.bids = make([][]bidEntry, n)
	in.fixed = make([][]int32, n)
	lists := []struct {
		what  string
		pairs []Pair
		into  [][]int32
	}{
		{"conflict", p.Conflicts, in.blocked},
		{"forbidden", p.Forbidden, in.blocked},
		{"pinned", p.Pinned, in.fixed},
		{"existing", p.Existing, in.fixed},
	}
	for _, l := range lists {
		for _, q := range l.pairs {
			j, a, err := lookup(q, l.what)
			if err != nil {
				return nil, err
			}
			l.into[a] = append(l.into[a], j)
		}
	}
	seen := make(map[Pair]bool, len(p.Bids))
	for _, b := range p.Bids {
		q := Pair{b.Judge, b.Application}
		j, a, err := lookup(q, "bid")
		if err != nil {
			return nil, err
		}
		if b.Value < -100 || b.Value > 100 || seen[q] {
			return nil, fmt.Errorf("assign: bid %d of judge %d on application %d out of range or repeated: %w",
				b.Value, b.Judge, b.Application, ErrInvalid)
		}
		seen[q] = true
		switch b.Value {
		case -100:
			in.blocked[a] = append(in.blocked[a], j)
		case 0:
		default:
			in.bids[a] = append(in.bids[a], bidEntry{j, int32(b.Value)})
		}
	}
	return in, in.settle()
}

// indexIDs maps ids to positions and refuses duplicates.
func indexIDs[T any](list []T, id func(T) int64, what string) (map[int64]int32, error) {
	m := make(map[int64]int32, len(list))
	for i, x := range list {
		if _, dup := m[id(x)]; dup {
			return nil, fmt.Errorf("assign: %s %d listed twice: %w", what, id(x), ErrInvalid)
		}
		m[id(x)] = int32(i)
	}
	return m, nil
}

// indexJudges numbers the sides and fills in default loads.
func (in *instance) indexJudges() error {
	nj, na := len(in.judges), len(in.apps)
	defaultLoad := 0
	if nj > 0 {
		defaultLoad = (na*in.k + nj - 1) / nj
	}
	in.side = make([]int32, nj)
	in.load = make([]int, nj)
	for _, j := range in.judges {
		if j.Side == "" || j.MaxLoad < 0 {
			return fmt.Errorf("assign: judge %d: empty side or negative load: %w", j.ID, ErrInvalid)
		}
		in.sides = append(in.sides, j.Side)
	}
	slices.Sort(in.sides)
	in.sides = slices.Compact(in.sides)
	for i, j := range in.judges {
		s, _ := slices.BinarySearch(in.sides, j.Side)
		in.side[i] = int32(s)
		in.load[i] = j.MaxLoad
		if j.MaxLoad == 0 {
			in.load[i] = defaultLoad
		}
	}
	return nil
}

// indexTags turns sector and language names into bit sets, so that a
// score costs a few word operations on the 3 million pairs of a big round.
func (in *instance) indexTags() {
	ids := map[string]int{}
	number := func(tags []string) {
		for _, t := range tags {
			if _, ok := ids[t]; !ok {
				ids[t] = len(ids)
			}
		}
	}
	// Sectors and languages share one numbering; they are never compared
	// with each other, so a shared bit costs nothing.
	for _, a := range in.apps {
		number(a.Sectors)
		number(a.Languages)
	}
	for _, j := range in.judges {
		number(j.Sectors)
		number(j.Languages)
	}
	in.words = max(1, (len(ids)+63)/64)
	set := func(dst []uint64, tags []string) {
		for _, t := range tags {
			dst[ids[t]/64] |= 1 << (ids[t] % 64)
		}
	}
	in.appSect = make([]uint64, len(in.apps)*in.words)
	in.appLang = make([]uint64, len(in.apps)*in.words)
	for i, a := range in.apps {
		set(in.appSect[i*in.words:(i+1)*in.words], a.Sectors)
		set(in.appLang[i*in.words:(i+1)*in.words], a.Languages)
	}
	in.judgeSect = make([]uint64, len(in.judges)*in.words)
	in.judgeLang = make([]uint64, len(in.judges)*in.words)
	for i, j := range in.judges {
		set(in.judgeSect[i*in.words:(i+1)*in.words], j.Sectors)
		set(in.judgeLang[i*in.words:(i+1)*in.words], j.Languages)
	}
}

// settle deduplicates the per-application lists, refuses fixed pairs that
// are blocked, and counts what the fixed pairs already use.
func (in *instance) settle() error {
	in.fixedLoad = make([]int, len(in.judges))
	in.fixedSides = make([][]int32, len(in.apps))
	in.demand = make([]int, len(in.apps))
	for a := range in.apps {
		slices.Sort(in.blocked[a])
		in.blocked[a] = slices.Compact(in.blocked[a])
		slices.Sort(in.fixed[a])
		in.fixed[a] = slices.Compact(in.fixed[a])
		for _, j := range in.fixed[a] {
			if _, hit := slices.BinarySearch(in.blocked[a], j); hit {
				return fmt.Errorf("assign: judge %d, application %d: %w", in.judges[j].ID, in.apps[a].ID, ErrPinnedConflict)
			}
			in.fixedLoad[j]++
			in.fixedSides[a] = append(in.fixedSides[a], in.side[j])
		}
		slices.Sort(in.fixedSides[a])
		in.fixedSides[a] = slices.Compact(in.fixedSides[a])
		in.demand[a] = max(0, in.k-len(in.fixed[a]))
	}
	return nil
}

// capacity is what judge j can still take beyond its fixed pairs; never
// more than there are applications, whatever MaxLoad says.
func (in *instance) capacity(j int) int {
	return min(len(in.apps), max(0, in.load[j]-in.fixedLoad[j]))
}
