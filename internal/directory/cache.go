package directory

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// resultCache keeps recent answers of directory reads (pages of lists and
// searches, their facet counts), each tagged with the directory generation
// it was computed at. Every write to a profile raises the generation in
// its own transaction (triggers of migration 0009), and every read looks
// the generation up before it asks the cache: an answer is served only to
// a read that found the same generation, so an edit committed through any
// server sharing the database is seen by the next read everywhere. When a
// newer generation shows up the whole cache is dropped.
//
// The cache holds at most limit bytes (estimated), least recently used
// answers going first, and computes a missing answer once however many
// requests ask for it together.
type resultCache struct {
	mu      sync.Mutex
	limit   int
	gen     int64
	used    int
	order   *list.List // of *cacheEntry, most recently used first
	entries map[string]*list.Element
	flight  map[string]*cacheCall

	hits, misses atomic.Int64
}

// DefaultCacheBytes is how much memory a Store's answer cache may take
// unless told otherwise (Store.LimitCache). With 16 MB a server at demo
// scale stays near 150 MB resident under load; 32 MB added ~50 MB
// (bench/directory.md).
const DefaultCacheBytes = 16 << 20

// maxEntryShare bounds one answer to a share of the cache, so that one
// export-sized page cannot push out hundreds of small ones.
const maxEntryShare = 16

type cacheEntry struct {
	key  string
	val  any
	size int
}

// cacheCall is an answer being computed, which later askers wait for.
type cacheCall struct {
	done    chan struct{}
	val     any
	err     error
	waiters int
}

func newResultCache(limit int) *resultCache {
	return &resultCache{limit: limit, order: list.New(), entries: map[string]*list.Element{}, flight: map[string]*cacheCall{}}
}

// CacheStats says how a Store's answer cache has done since the start.
type CacheStats struct {
	Hits, Misses int64
	// Bytes is the estimated size of the answers held, Entries their
	// number.
	Bytes, Entries int
}

func (c *resultCache) stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Bytes: c.used, Entries: len(c.entries)}
}

// setLimit changes the budget; 0 switches the cache off.
func (c *resultCache) setLimit(limit int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.limit = max(limit, 0)
	c.evict(0)
}

// advance drops every answer when gen is newer than theirs.
func (c *resultCache) advance(gen int64) {
	if gen <= c.gen {
		return
	}
	c.gen = gen
	c.used = 0
	c.order.Init()
	clear(c.entries)
}

// evict makes room for room more bytes.
func (c *resultCache) evict(room int) {
	for c.used+room > c.limit && c.order.Len() > 0 {
		e := c.order.Remove(c.order.Back()).(*cacheEntry)
		delete(c.entries, e.key)
		c.used -= e.size
	}
}

// get returns the answer for key as of generation gen, computing it with
// compute (which also returns its estimated size) when it is not held. An
// answer computed for an older generation than the cache has seen is
// returned but not kept.
func (c *resultCache) get(gen int64, key string, compute func() (any, int, error)) (any, error) {
	c.mu.Lock()
	if c.limit == 0 {
		c.mu.Unlock()
		c.misses.Add(1)
		v, _, err := compute()
		return v, err
	}
	c.advance(gen)
	if gen == c.gen {
		if el, ok := c.entries[key]; ok {
			c.order.MoveToFront(el)
			c.mu.Unlock()
			c.hits.Add(1)
			return el.Value.(*cacheEntry).val, nil
		}
	}
	flightKey := fmt.Sprint(gen, "|", key)
	if call, ok := c.flight[flightKey]; ok {
		call.waiters++
		c.mu.Unlock()
		<-call.done
		if call.err == nil {
			c.hits.Add(1)
			return call.val, nil
		}
		// The first asker failed, perhaps only because it went away: try
		// again for this one.
		c.misses.Add(1)
		v, _, err := compute()
		return v, err
	}
	call := &cacheCall{done: make(chan struct{})}
	c.flight[flightKey] = call
	c.mu.Unlock()
	c.misses.Add(1)

	v, size, err := compute()
	call.val, call.err = v, err

	c.mu.Lock()
	delete(c.flight, flightKey)
	c.advance(gen)
	if err == nil && gen == c.gen && size <= c.limit/maxEntryShare {
		if el, ok := c.entries[key]; ok {
			old := c.order.Remove(el).(*cacheEntry)
			c.used -= old.size
		}
		size += len(key) + entryOverhead
		c.evict(size)
		c.entries[key] = c.order.PushFront(&cacheEntry{key: key, val: v, size: size})
		c.used += size
	}
	c.mu.Unlock()
	close(call.done)
	return v, err
}

// entryOverhead is the estimated bookkeeping of one entry: the list
// element, the map slot and the entry itself.
const entryOverhead = 160

// generation reads the directory generation (see resultCache).
func (s *Store) generation(ctx context.Context) (int64, error) {
	var gen int64
	if err := s.db.QueryRow(ctx, `SELECT n FROM directory_generation WHERE id = 1`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("directory generation: %w", err)
	}
	return gen, nil
}

// cacheGeneration is the generation a read asks the cache for: read from
// the database, or 0 without a query when the cache is off.
func (s *Store) cacheGeneration(ctx context.Context) (int64, error) {
	if s.cache.off() {
		return 0, nil
	}
	return s.generation(ctx)
}

func (c *resultCache) off() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.limit == 0
}

// LimitCache sets how many bytes (estimated) the answers of lists and
// searches kept for reuse may take; 0 switches the cache off.
func (s *Store) LimitCache(bytes int) { s.cache.setLimit(bytes) }

// CacheStats reports how the cache of list and search answers has done.
func (s *Store) CacheStats() CacheStats { return s.cache.stats() }

// size estimates the memory a start-up takes: its strings, a quarter more
// for the allocator's size classes, and a fixed share for the struct (512
// bytes), slices and pointers. Checked against the heap of a server
// holding a full cache.
func (st *Startup) size() int {
	n := len(st.Name.Ko) + len(st.Name.Zh) + len(st.Name.En) + len(st.LegalName) + len(st.Region) + len(st.City) +
		len(st.FoundedOn) + len(st.Stage) + len(st.Website) + len(st.Description.Ko) + len(st.Description.Zh) +
		len(st.Description.En) + len(st.Seeks.Currency) + len(st.Seeks.Note) + len(st.KRBizNumber) + len(st.CNCreditNo) +
		len(st.Visibility)
	for _, v := range st.Sectors {
		n += 32 + len(v)
	}
	for _, v := range st.Markets {
		n += 32 + len(v)
	}
	return 700 + n*5/4
}

// size estimates the memory of the counts: three maps and their entries.
func (f Facets) size() int {
	n := 3 * 64
	for _, m := range []map[string]int{f.Region, f.Sector, f.Stage} {
		for k := range m {
			n += 48 + len(k)
		}
	}
	return n
}
