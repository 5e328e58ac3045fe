package directory

import "time"

// SetSearchWindow makes the ranked window small, so tests reach the
// unranked tail and partial facets with a handful of profiles. Answers
// kept with the old window are dropped.
func (s *Store) SetSearchWindow(n int) {
	s.window = n
	s.cache.setLimit(0)
	s.cache.setLimit(DefaultCacheBytes)
}

// IndexFormat is the format of the entries this code writes.
const IndexFormat = indexFormat

// SetBroadRows lowers the expected match count from which PostgreSQL
// searches walk the ids backwards, so small tests take that path too.
func (s *Store) SetBroadRows(n float64) { s.broadRows = n }

// SetWalkSpan lowers how many ids a broad PostgreSQL search walks before
// it reads its matches from the index, so small tests take both ways.
func (s *Store) SetWalkSpan(n int64) { s.span = n }

// SetResidentRetry sets how long a failed resident index build waits, and
// returns a function that restores it.
func SetResidentRetry(d time.Duration) func() {
	old := residentRetry
	residentRetry = d
	return func() { residentRetry = old }
}
