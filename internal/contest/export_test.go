package contest

// SetReviewSlack sets how many reviews beyond a page ReviewPage reads, and
// returns a function that restores it.
func SetReviewSlack(n int) func() {
	old := reviewSlack
	reviewSlack = n
	return func() { reviewSlack = old }
}
