package directory

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"startbridge/internal/search"
)

// The resident index keeps the search lists of common tokens in memory,
// as compressed bitmaps of start-up ids, so that a search for common
// words — 杭州 in half a million profiles, two words that are each common
// but seldom meet, a word with a filter that excludes most of its matches
// — intersects a few bitmaps in microseconds and counts its facets
// exactly, instead of walking the database's full-text index (milliseconds
// on SQLite, tens to hundreds on PostgreSQL at a million start-ups; see
// bench/directory.md). The database stays the truth: its index answers
// every search with a token the resident index does not hold (rare words,
// a company's number), which it does in well under a millisecond because
// a rare token's list is short, and every search while the resident index
// is being built.
//
// The index is built from the start-up rows with the same entries the
// database index holds (startupEntry), in two passes: the first counts how
// many profiles hold each token, in a sketch of fixed size (rare tokens
// are millions at scale — company names, numbers — and a map of them all
// would take hundreds of megabytes); the second keeps the lists of the
// tokens held by at least residentMinProfiles profiles. A name-marked
// token (search.NameMark) is kept when its plain token is, and the filter
// tokens (search.FilterToken) always, so a query's tiers and filters are
// answered by the same index as its words.
//
// It follows the database by the directory generation: every write of a
// start-up's search entry records the start-up in startup_search_changes
// at a generation raised in the same transaction (stampChanges). A read
// that finds the database's generation newer than the index's reads the
// start-ups changed since and updates their ids in every list first, so
// it sees every change committed before it, through any server.

// residentMinProfiles is how many profiles must hold a token for the
// resident index to keep its list. Below it the database's own index
// answers, fast because the list is short.
const residentMinProfiles = 48

// residentBatch is how many start-ups one read of a build takes.
const residentBatch = 5000

// residentRebuildShare: a catch-up that must re-read more than this share
// of the start-ups, and more than 50 (a rebuild of the database's index,
// an import of much of the directory), rebuilds the resident index
// instead, in the background.
const residentRebuildShare = 0.1

// residentIndex is the in-memory index; the zero value is not built.
type residentIndex struct {
	// min is residentMinProfiles; tests lower it.
	min int
	// report is told how each build went.
	report func(ResidentStats, time.Duration, error)

	// catchUp lets one read at a time bring the index up to date.
	catchUp sync.Mutex

	mu sync.RWMutex
	// ready is false until the first build ends, and during a rebuild.
	ready bool
	// building is true while a build runs.
	building bool
	// gen is the directory generation the index reflects.
	gen int64
	// lists holds the ids of the start-ups with each kept token.
	lists map[string]*roaring.Bitmap
	// values lists the filter tokens per dimension, with the code each
	// stands for, for the facets.
	values map[byte]map[string]string
	// profiles is how many start-ups the index holds.
	profiles uint64
	// applied counts the start-ups changed since the index was built; when
	// they are many, words that became common since may be missing, and
	// the index is built again.
	applied int

	// answers and passes count the searches the index answered and those
	// it left to the database's index (a token it does not hold, not
	// ready).
	answers, passes atomic.Int64
}

// ResidentStats describes the resident index.
type ResidentStats struct {
	Ready    bool
	Profiles uint64
	Tokens   int
	Bytes    uint64
	Gen      int64
	// Answers and Passes count the searches and facet counts the index
	// answered and those it left to the database's index.
	Answers, Passes int64
}

// EnableResidentIndex switches the resident index on and builds it in the
// background; searches use the database's index until it is ready. It
// must be called before the store serves. report, when not nil, is told
// the outcome of every build, this one and the rebuilds after large
// changes.
//
// A build that fails (the database away for a moment) is tried again after
// residentRetry, doubling up to ten times that, until it succeeds or ctx
// ends; start-up ids beyond 32 bits are not tried again.
func (s *Store) EnableResidentIndex(ctx context.Context, report func(ResidentStats, time.Duration, error)) {
	s.resident = &residentIndex{min: residentMinProfiles, report: report}
	go func() {
		wait := residentRetry
		for {
			err := s.resident.build(ctx, s)
			if err == nil || errors.Is(err, errResidentIDs) {
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, 10*residentRetry)
		}
	}()
}

// residentRetry is how long a failed build waits before it is tried again.
var residentRetry = 30 * time.Second

// BuildResidentIndex switches the resident index on and builds it before
// returning; tests and tools use it. minProfiles, when above 0, replaces
// residentMinProfiles.
func (s *Store) BuildResidentIndex(ctx context.Context, minProfiles int) error {
	s.resident = &residentIndex{min: residentMinProfiles}
	if minProfiles > 0 {
		s.resident.min = minProfiles
	}
	return s.resident.build(ctx, s)
}

// ResidentStats reports the resident index (the zero value when it is off).
func (s *Store) ResidentStats() ResidentStats {
	if s.resident == nil {
		return ResidentStats{}
	}
	return s.resident.stats()
}

func (x *residentIndex) stats() ResidentStats {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := ResidentStats{Ready: x.ready, Profiles: x.profiles, Tokens: len(x.lists), Gen: x.gen,
		Answers: x.answers.Load(), Passes: x.passes.Load()}
	for t, b := range x.lists {
		// The bitmap, its map slot and its key.
		out.Bytes += b.GetSizeInBytes() + 64 + uint64(len(t))
	}
	return out
}

// sketch counts tokens approximately in fixed memory: two rows of
// saturating counters, a token's count being the smaller of its two. A
// count is never below the truth, so no common token is ever taken for a
// rare one; a rare token sharing both counters with common ones is kept
// needlessly, which costs a little memory and nothing else.
type sketch struct {
	seed maphash.Seed
	rows [2][]uint16
}

const sketchBits = 22

func newSketch() *sketch {
	return &sketch{seed: maphash.MakeSeed(), rows: [2][]uint16{make([]uint16, 1<<sketchBits), make([]uint16, 1<<sketchBits)}}
}

func (k *sketch) slots(token string) (uint64, uint64) {
	h := maphash.String(k.seed, token)
	return h & (1<<sketchBits - 1), (h >> 32) & (1<<sketchBits - 1)
}

func (k *sketch) add(token string) {
	a, b := k.slots(token)
	if k.rows[0][a] < math.MaxUint16 {
		k.rows[0][a]++
	}
	if k.rows[1][b] < math.MaxUint16 {
		k.rows[1][b]++
	}
}

func (k *sketch) count(token string) int {
	a, b := k.slots(token)
	return int(min(k.rows[0][a], k.rows[1][b]))
}

// eachToken calls fn with each token of start-up st's search entry (see
// entry.eachToken).
func eachToken(st *Startup, t *taxonomy, marked bool, fn func(string)) {
	in := st.Input()
	startupEntry(&in, t).eachToken(marked, fn)
}

// plainOf returns the token a name-marked token marks, or "" for others.
func plainOf(token string) string {
	if rest, ok := strings.CutPrefix(token, search.NameMark); ok {
		return rest
	}
	return ""
}

// filterValue returns the dimension and code of a filter token.
func filterValue(token string) (byte, string, bool) {
	rest, ok := strings.CutPrefix(token, search.FilterMark)
	if !ok || rest == "" {
		return 0, "", false
	}
	return rest[0], strings.ReplaceAll(rest[1:], search.FilterMark, "_"), true
}

// eachStartup calls fn for every start-up with id in ids, or for every
// start-up when ids is nil, in batches of reads that each see committed
// data.
func (s *Store) eachStartup(ctx context.Context, ids []int64, fn func(*Startup) error) error {
	if ids != nil {
		for start := 0; start < len(ids); start += rowsPerStatement {
			items, err := s.startupsByID(ctx, ids[start:min(start+rowsPerStatement, len(ids))])
			if err != nil {
				return err
			}
			for _, st := range items {
				if err := fn(st); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for after := int64(0); ; {
		rows, err := s.db.Query(ctx, `SELECT `+startupReadColumns+` FROM startups s WHERE s.id > ? ORDER BY s.id LIMIT ?`, after, residentBatch)
		if err != nil {
			return fmt.Errorf("read startups: %w", err)
		}
		items, err := s.collect(ctx, rows)
		if err != nil {
			return err
		}
		for _, st := range items {
			if err := fn(st); err != nil {
				return err
			}
		}
		if len(items) < residentBatch {
			return nil
		}
		after = items[len(items)-1].ID
	}
}

// eachEntry calls fn with the id and the tokens (eachToken) of every
// start-up, or of those of ids when ids is not nil. The tokens are worked
// out on every core while the rows are read; fn is called from one
// goroutine at a time, and the first error it or a read returns ends it.
func (s *Store) eachEntry(ctx context.Context, ids []int64, t *taxonomy, marked bool, fn func(id int64, tokens []string) error) error {
	type result struct {
		ids    []int64
		tokens [][]string
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches, results := make(chan []*Startup, 4), make(chan result, 4)
	var readErr error
	go func() {
		defer close(batches)
		var batch []*Startup
		readErr = s.eachStartup(ctx, ids, func(st *Startup) error {
			if batch = append(batch, st); len(batch) == 500 {
				select {
				case batches <- batch:
				case <-ctx.Done():
					return ctx.Err()
				}
				batch = nil
			}
			return nil
		})
		if readErr == nil && len(batch) > 0 {
			batches <- batch
		}
	}()
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() {
			for batch := range batches {
				r := result{ids: make([]int64, len(batch)), tokens: make([][]string, len(batch))}
				for i, st := range batch {
					r.ids[i], r.tokens[i] = st.ID, make([]string, 0, 160)
					eachToken(st, t, marked, func(tok string) { r.tokens[i] = append(r.tokens[i], tok) })
				}
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		workers.Wait()
		close(results)
	}()
	var err error
	for r := range results {
		for i := range r.ids {
			if err == nil {
				err = fn(r.ids[i], r.tokens[i])
			}
		}
		if err != nil {
			cancel()
		}
	}
	if err != nil {
		return err
	}
	return readErr
}

var errResidentIDs = errors.New("start-up ids beyond the resident index's 32 bits")

// build reads every start-up and replaces the index; searches use the
// database's index meanwhile.
func (x *residentIndex) build(ctx context.Context, s *Store) error {
	began := time.Now()
	err := x.read(ctx, s)
	if x.report != nil {
		x.report(x.stats(), time.Since(began), err)
	}
	return err
}

func (x *residentIndex) read(ctx context.Context, s *Store) error {
	x.mu.Lock()
	if x.building {
		x.mu.Unlock()
		return nil
	}
	x.building = true
	x.mu.Unlock()
	defer func() {
		x.mu.Lock()
		x.building = false
		x.mu.Unlock()
	}()
	// An index of an older format is rewritten first, which would
	// otherwise make this one rebuild at once.
	if err := s.ensureIndex(ctx); err != nil {
		return err
	}
	// The generation is read first: a change committed during the reads
	// below has a later one, and the first read after the build applies
	// it again.
	gen, err := s.generation(ctx)
	if err != nil {
		return err
	}
	t, err := loadTaxonomy(ctx, s.db)
	if err != nil {
		return err
	}
	counts := newSketch()
	err = s.eachEntry(ctx, nil, t, false, func(id int64, tokens []string) error {
		if id > math.MaxUint32 {
			return errResidentIDs
		}
		for _, tok := range tokens {
			counts.add(tok)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("resident index: %w", err)
	}
	kept := func(tok string) bool {
		if strings.HasPrefix(tok, search.FilterMark) {
			return true
		}
		if plain := plainOf(tok); plain != "" {
			tok = plain
		}
		return counts.count(tok) >= x.min
	}
	next := &residentIndex{lists: map[string]*roaring.Bitmap{}, values: map[byte]map[string]string{}}
	err = s.eachEntry(ctx, nil, t, true, func(id int64, tokens []string) error {
		next.profiles++
		for _, tok := range tokens {
			if kept(tok) {
				next.list(tok).Add(uint32(id))
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("resident index: %w", err)
	}
	for tok, b := range next.lists {
		// Lists grown one id at a time keep spare room; a copy holds just
		// what it needs (measured at a million start-ups: the heap grew
		// by 107 MB without the copies, 100 MB with them, for 96 MB of
		// lists).
		b.RunOptimize()
		next.lists[tok] = b.Clone()
	}
	// The index this one replaces may have followed changes made during
	// the build, to a later generation; this one is at gen, and the next
	// read applies them to it. Not while a read is applying changes to
	// the old one, though, which would mark this one as having them.
	x.catchUp.Lock()
	x.mu.Lock()
	x.lists, x.values, x.profiles, x.gen, x.ready, x.applied = next.lists, next.values, next.profiles, gen, true, 0
	x.mu.Unlock()
	x.catchUp.Unlock()
	return nil
}

// list returns the list of token, made empty when there is none; the
// caller holds x.mu for writing (or owns x).
func (x *residentIndex) list(tok string) *roaring.Bitmap {
	b := x.lists[tok]
	if b == nil {
		b = roaring.New()
		x.lists[tok] = b
		if dim, code, ok := filterValue(tok); ok {
			if x.values[dim] == nil {
				x.values[dim] = map[string]string{}
			}
			x.values[dim][tok] = code
		}
	}
	return b
}

// holds reports whether the index keeps the list of tok, which it then
// has complete; the caller holds x.mu. An index keeping every token
// (min 1) holds the empty lists of those in no profile too.
func (x *residentIndex) holds(tok string) bool {
	if x.min <= 1 {
		return true
	}
	if _, ok := x.lists[tok]; ok || strings.HasPrefix(tok, search.FilterMark) {
		return true
	}
	if plain := plainOf(tok); plain != "" {
		_, ok := x.lists[plain]
		return ok
	}
	return false
}

// follow brings the index up to generation gen, when it is ready; it
// reports whether the index reflects gen (or later) on return.
func (x *residentIndex) follow(ctx context.Context, s *Store, gen int64) (bool, error) {
	x.mu.RLock()
	ready, at := x.ready, x.gen
	x.mu.RUnlock()
	if !ready {
		return false, nil
	}
	if at >= gen {
		return true, nil
	}
	x.catchUp.Lock()
	defer x.catchUp.Unlock()
	x.mu.RLock()
	ready, at, profiles := x.ready, x.gen, x.profiles
	x.mu.RUnlock()
	if !ready {
		return false, nil
	}
	if at >= gen {
		return true, nil
	}
	var changed []int64
	rows, err := s.db.Query(ctx, `SELECT startup_id FROM startup_search_changes WHERE gen > ?`, at)
	if err = scanInts(rows, err, &changed); err != nil {
		return false, fmt.Errorf("resident index changes: %w", err)
	}
	if float64(len(changed)) > max(residentRebuildShare*float64(profiles), 50) {
		// Too many to follow one by one: searches use the database's index
		// until the index is built again.
		x.mu.Lock()
		x.ready = false
		x.mu.Unlock()
		go x.build(context.WithoutCancel(ctx), s)
		return false, nil
	}
	t, err := loadTaxonomy(ctx, s.db)
	if err != nil {
		return false, err
	}
	type entryTokens struct {
		id     uint32
		tokens []string
	}
	var fresh []entryTokens
	gone := roaring.New()
	for _, id := range changed {
		if id > math.MaxUint32 {
			return false, errResidentIDs
		}
		gone.Add(uint32(id))
	}
	err = s.eachEntry(ctx, changed, t, true, func(id int64, tokens []string) error {
		fresh = append(fresh, entryTokens{id: uint32(id), tokens: tokens})
		return nil
	})
	if err != nil {
		return false, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, b := range x.lists {
		if b.Intersects(gone) {
			b.AndNot(gone)
		}
	}
	for _, e := range fresh {
		for _, tok := range e.tokens {
			if x.holds(tok) {
				x.list(tok).Add(e.id)
			}
		}
	}
	// Every start-up has one visibility token.
	x.profiles = 0
	for tok := range x.values['v'] {
		x.profiles += x.lists[tok].GetCardinality()
	}
	x.gen = gen
	x.applied += len(changed)
	if float64(x.applied) > max(residentRebuildShare*float64(x.profiles), 50) && !x.building {
		// Built again in the background, this one answering meanwhile.
		go x.build(context.WithoutCancel(ctx), s)
	}
	return true, nil
}

// scanInts reads a column of integers.
func scanInts(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}, err error, out *[]int64) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return rows.Err()
}

// residentQuery is a search as the resident index answers it: the tokens
// of its words, of its words in names, of the filters it requires and of
// what the viewer may not see.
type residentQuery struct {
	terms, names, required, excluded []string
}

func newResidentQuery(q search.Query, required, excluded []string) residentQuery {
	rq := residentQuery{required: required, excluded: excluded}
	for _, t := range q.Terms {
		rq.terms = append(rq.terms, t.Text)
	}
	for _, t := range q.Names().Terms {
		rq.names = append(rq.names, t.Text)
	}
	return rq
}

// residentView runs fn on the resident index brought up to generation gen
// (read here when 0), holding it for reading, when the index is on and
// ready and holds every token of rq; it reports whether fn ran.
func (s *Store) residentView(ctx context.Context, gen int64, rq residentQuery, fn func(x *residentIndex)) (bool, error) {
	x := s.resident
	if x == nil {
		return false, nil
	}
	if gen == 0 {
		var err error
		if gen, err = s.generation(ctx); err != nil {
			return false, err
		}
	}
	ok, err := x.follow(ctx, s, gen)
	if err != nil {
		return false, err
	}
	if ok {
		x.mu.RLock()
		defer x.mu.RUnlock()
		ok = x.ready
		for _, group := range [][]string{rq.terms, rq.names, rq.required, rq.excluded} {
			for _, tok := range group {
				ok = ok && x.holds(tok)
			}
		}
	}
	if !ok {
		x.passes.Add(1)
		return false, nil
	}
	x.answers.Add(1)
	fn(x)
	return true, nil
}

// matching returns the ids with every token of all (every profile when all
// is empty) and none of excluded, as a new bitmap; the caller holds x.mu.
func (x *residentIndex) matching(all, excluded []string) *roaring.Bitmap {
	if len(all) == 0 {
		// Every profile: each has one visibility token.
		var every []*roaring.Bitmap
		for tok := range x.values['v'] {
			every = append(every, x.lists[tok])
		}
		out := roaring.FastOr(every...)
		for _, tok := range excluded {
			if b := x.lists[tok]; b != nil {
				out.AndNot(b)
			}
		}
		return out
	}
	lists := make([]*roaring.Bitmap, 0, len(all))
	for _, tok := range all {
		b := x.lists[tok]
		if b == nil {
			return roaring.New()
		}
		lists = append(lists, b)
	}
	// The shortest list first keeps every intersection as small as it.
	slices.SortFunc(lists, func(a, b *roaring.Bitmap) int {
		return int(a.GetCardinality()) - int(b.GetCardinality())
	})
	out := lists[0].Clone()
	for _, b := range lists[1:] {
		out.And(b)
	}
	for _, tok := range excluded {
		if b := x.lists[tok]; b != nil {
			out.AndNot(b)
		}
	}
	return out
}

// residentPage is searchPage's page from the resident index: the same
// tiers (names first), newest first within each.
func (s *Store) residentPage(ctx context.Context, gen int64, rq residentQuery, cur searchCursor, limit int) (ids []int64, next string, ok bool, err error) {
	ok, err = s.residentView(ctx, gen, rq, func(x *residentIndex) {
		tier := [tiers + 1]*roaring.Bitmap{}
		tierList := func(n int) *roaring.Bitmap {
			if tier[1] == nil {
				tier[1] = x.matching(append(append([]string{}, rq.names...), rq.required...), rq.excluded)
			}
			if n == 2 && tier[2] == nil {
				tier[2] = x.matching(append(append([]string{}, rq.terms...), rq.required...), rq.excluded)
				tier[2].AndNot(tier[1])
			}
			return tier[n]
		}
		ids, next, err = pageOfMatches(cur, limit, func(n int, beforeID int64, want int) ([]match, error) {
			b := tierList(n)
			var out []match
			v := int64(-1)
			if beforeID == 0 {
				if !b.IsEmpty() {
					v = int64(b.Maximum())
				}
			} else if beforeID > 1 {
				v = b.PreviousValue(uint32(min(beforeID-1, math.MaxUint32)))
			}
			for v >= 0 && len(out) < want {
				out = append(out, match{id: v})
				if v == 0 {
					break
				}
				v = b.PreviousValue(uint32(v - 1))
			}
			return out, nil
		})
	})
	return ids, next, ok, err
}

// residentFacets counts the facets of f's search (or list, without a
// query) exactly from the resident index: per dimension, the matches with
// every filter of f but that dimension's.
func (s *Store) residentFacets(ctx context.Context, gen int64, f Filter, publicOnly bool) (facets Facets, ok bool, err error) {
	_, excluded := Filter{}.tokens(publicOnly)
	rq := newResidentQuery(search.Parse(f.Query), nil, excluded)
	filters := map[byte]string{}
	if f.Region != "" {
		filters['r'] = search.FilterToken("r", f.Region)
	}
	if f.Sector != "" {
		filters['s'] = search.FilterToken("s", f.Sector)
	}
	if f.Stage != "" {
		filters['t'] = search.FilterToken("t", string(f.Stage))
	}
	for _, tok := range filters {
		rq.required = append(rq.required, tok)
	}
	ok, err = s.residentView(ctx, gen, rq, func(x *residentIndex) {
		facets = Facets{Region: map[string]int{}, Sector: map[string]int{}, Stage: map[string]int{}}
		base := x.matching(rq.terms, rq.excluded)
		for dim, into := range map[byte]map[string]int{'r': facets.Region, 's': facets.Sector, 't': facets.Stage} {
			within := base
			for other, tok := range filters {
				if other == dim {
					continue
				}
				if within == base {
					within = base.Clone()
				}
				if b := x.lists[tok]; b != nil {
					within.And(b)
				} else {
					within.Clear()
				}
			}
			for tok, code := range x.values[dim] {
				if n := within.AndCardinality(x.lists[tok]); n > 0 {
					into[code] = int(n)
				}
			}
		}
	})
	return facets, ok, err
}
