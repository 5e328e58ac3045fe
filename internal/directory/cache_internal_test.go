package directory

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func keep(size int, v any) func() (any, int, error) {
	return func() (any, int, error) { return v, size, nil }
}

func TestCacheStaysWithinItsBudget(t *testing.T) {
	c := newResultCache(100_000)
	for i := range 1000 {
		c.get(1, fmt.Sprint("k", i), keep(1000, i))
		if c.used > c.limit {
			t.Fatalf("after %d answers: %d bytes held, budget %d", i+1, c.used, c.limit)
		}
	}
	st := c.stats()
	if st.Entries == 0 || st.Entries > 100 {
		t.Errorf("%d answers held, want some and at most 100", st.Entries)
	}
	// The most recent answers stay, the oldest went.
	if _, ok := c.entries["k999"]; !ok {
		t.Error("the newest answer was dropped")
	}
	if _, ok := c.entries["k0"]; ok {
		t.Error("the oldest answer is still held")
	}
	// An answer too large for its share is returned but not kept.
	v, _ := c.get(1, "huge", keep(c.limit, "huge"))
	if _, ok := c.entries["huge"]; ok || v != "huge" {
		t.Errorf("huge answer: %v, kept %v", v, ok)
	}
}

func TestCacheForgetsEverythingAtANewGeneration(t *testing.T) {
	c := newResultCache(1 << 20)
	c.get(1, "a", keep(10, "old"))
	if v, _ := c.get(2, "a", keep(10, "new")); v != "new" {
		t.Errorf("generation 2 answered %v, want a fresh answer", v)
	}
	// A read that found generation 1 before the change computes its own
	// answer, which is not kept for the readers of generation 2.
	if v, _ := c.get(1, "b", keep(10, "late")); v != "late" {
		t.Errorf("late reader got %v", v)
	}
	if v, _ := c.get(2, "b", keep(10, "fresh")); v != "fresh" {
		t.Errorf("generation 2 was answered %v, computed for generation 1", v)
	}
	if v, _ := c.get(2, "a", keep(10, "again")); v != "new" {
		t.Errorf("generation 2 did not keep its answer: %v", v)
	}
}

func TestCacheComputesAnAnswerOnceForConcurrentReaders(t *testing.T) {
	c := newResultCache(1 << 20)
	var computed atomic.Int32
	release := make(chan struct{})
	read := func() {
		v, err := c.get(1, "k", func() (any, int, error) {
			computed.Add(1)
			<-release
			return "v", 10, nil
		})
		if v != "v" || err != nil {
			t.Errorf("got %v, %v", v, err)
		}
	}
	var wg sync.WaitGroup
	wg.Go(read)
	for !c.computing("1|k") {
		runtime.Gosched()
	}
	for range 7 {
		wg.Go(read)
	}
	for c.waiting("1|k") < 7 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if n := computed.Load(); n != 1 {
		t.Errorf("8 readers together computed the answer %d times, want once", n)
	}
	// Failures are not kept.
	boom := errors.New("boom")
	if _, err := c.get(1, "bad", func() (any, int, error) { return nil, 0, boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if v, _ := c.get(1, "bad", keep(1, "ok")); v != "ok" {
		t.Errorf("a failure was kept: %v", v)
	}
}

func (c *resultCache) computing(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.flight[key] != nil
}

func (c *resultCache) waiting(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if call := c.flight[key]; call != nil {
		return call.waiters
	}
	return 0
}
