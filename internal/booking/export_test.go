package booking

// SetAfterCheck makes s run fn between a booking's first checks and its
// transaction.
func SetAfterCheck(s *Store, fn func()) { s.afterCheck = fn }
