package directory

// SetSearchWindow makes the ranked window small, so tests reach the
// unranked tail and partial facets with a handful of profiles.
func (s *Store) SetSearchWindow(n int) { s.window = n }
