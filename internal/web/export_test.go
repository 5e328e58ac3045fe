package web

// SetReviewsPerPage sets how many reviews a page of them lists, and
// returns a function that restores it.
func SetReviewsPerPage(n int) func() {
	old := reviewsPerPage
	reviewsPerPage = n
	return func() { reviewsPerPage = old }
}
