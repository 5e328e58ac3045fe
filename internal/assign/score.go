package assign

// row holds one application's bids and blocked judges spread over all
// judges, so that scoring a pair needs no search.
type row struct {
	bid     []int32
	blocked []bool // conflict, forbidden or fixed: no new arc
}

func newRow(judges int) *row {
	return &row{bid: make([]int32, judges), blocked: make([]bool, judges)}
}

// load fills the row for application a; clear undoes it.
func (r *row) load(in *instance, a int) {
	for _, b := range in.bids[a] {
		r.bid[b.judge] = b.value
	}
	for _, j := range in.blocked[a] {
		r.blocked[j] = true
	}
	for _, j := range in.fixed[a] {
		r.blocked[j] = true
	}
}

func (r *row) clear(in *instance, a int) {
	for _, b := range in.bids[a] {
		r.bid[b.judge] = 0
	}
	for _, j := range in.blocked[a] {
		r.blocked[j] = false
	}
	for _, j := range in.fixed[a] {
		r.blocked[j] = false
	}
}

// score is score(j, a) with a's bids loaded in r.
func (in *instance) score(r *row, j, a int) int {
	s := int(r.bid[j])
	w := in.words
	if w == 1 { // the usual case: fewer than 64 sectors and languages
		if in.judgeSect[j]&in.appSect[a] != 0 {
			s += 10
		}
		if in.judgeLang[j]&in.appLang[a] != 0 {
			s += 5
		}
		return s
	}
	if overlaps(in.judgeSect[j*w:(j+1)*w], in.appSect[a*w:(a+1)*w]) {
		s += 10
	}
	if overlaps(in.judgeLang[j*w:(j+1)*w], in.appLang[a*w:(a+1)*w]) {
		s += 5
	}
	return s
}

func overlaps(x, y []uint64) bool {
	for i := range x {
		if x[i]&y[i] != 0 {
			return true
		}
	}
	return false
}
