package booking

import (
	"slices"
	"time"

	"startbridge/internal/errs"
)

// Request asks for quantity units of a resource over [Start, End) for a
// start-up, once or on Weeks consecutive weeks.
type Request struct {
	ResourceID int64
	StartupID  int64
	Start, End time.Time
	Quantity   int
	// Weeks repeats the booking weekly; 0 and 1 book once. A series is
	// booked whole or not at all.
	Weeks int
	Note  string
}

// MaxWeeks bounds a weekly series.
const MaxWeeks = 52

// checkShape refuses what is wrong with the request whatever the bookings
// already made: alignment, opening hours, lead time, horizon, quantity.
func checkShape(r *Request, res *Resource, bp *BasePoint, now time.Time) error {
	var v errs.Invalid
	if r.Quantity < 1 || r.Quantity > res.Capacity {
		v.Add("quantity", "booking.error.quantity", map[string]any{"capacity": res.Capacity})
	}
	if r.Weeks < 0 || r.Weeks > MaxWeeks {
		v.Add("repeat_weeks", "booking.error.weeks", map[string]any{"max": MaxWeeks})
	}
	if len([]rune(r.Note)) > 1000 {
		v.Add("note", "booking.error.note", nil)
	}
	if !r.End.After(r.Start) {
		v.Add("end", "booking.error.end_before_start", nil)
		return v.OrNil()
	}
	loc := bp.Location()
	if res.WholeDays {
		checkDays(&v, r, bp, loc)
	} else {
		checkMinutes(&v, r, res, bp, loc)
	}
	if v.Has("start") || v.Has("end") {
		return v.OrNil()
	}
	if lead := time.Duration(res.LeadTimeMinutes) * time.Minute; r.Start.Before(now.Add(lead)) {
		if r.Start.Before(now) {
			v.Add("start", "booking.error.past", nil)
		} else {
			v.Add("start", "booking.error.lead_time", map[string]any{"minutes": res.LeadTimeMinutes})
		}
	}
	last := r.Start.AddDate(0, 0, 7*max(r.Weeks-1, 0))
	if last.After(now.AddDate(0, 0, res.MaxAdvanceDays)) {
		v.Add("start", "booking.error.horizon", map[string]any{"days": res.MaxAdvanceDays})
	}
	return v.OrNil()
}

// checkMinutes: aligned to the granularity in the base point's zone, and
// inside one day's opening hours.
func checkMinutes(v *errs.Invalid, r *Request, res *Resource, bp *BasePoint, loc *time.Location) {
	g := res.GranularityMinutes
	aligned := func(t time.Time) bool {
		return t.Second() == 0 && t.Nanosecond() == 0 && minutesOfDay(t, loc)%g == 0
	}
	if !aligned(r.Start) {
		v.Add("start", "booking.error.aligned", map[string]any{"minutes": g})
	}
	if !aligned(r.End) {
		v.Add("end", "booking.error.aligned", map[string]any{"minutes": g})
	}
	if v.Has("start") || v.Has("end") {
		return
	}
	day := midnight(r.Start, loc)
	span, open := bp.OpeningHours.On(day.Weekday())
	from, to := minutesOfDay(r.Start, loc), minutesOfDay(r.End, loc)
	switch next := midnight(r.End, loc); {
	case next.Equal(r.End) && next.After(day) && to == 0 && midnight(r.End.Add(-time.Minute), loc).Equal(day):
		to = 1440 // ends at the midnight that closes the day
	case !next.Equal(day):
		open = false // spans more than one day
	}
	if !open || from < span.Open || to > span.Close {
		v.Add("start", "booking.error.closed", nil)
	}
}

// checkDays: whole local days, each of them a day the base point opens.
func checkDays(v *errs.Invalid, r *Request, bp *BasePoint, loc *time.Location) {
	if !midnight(r.Start, loc).Equal(r.Start) {
		v.Add("start", "booking.error.whole_days", nil)
	}
	if !midnight(r.End, loc).Equal(r.End) {
		v.Add("end", "booking.error.whole_days", nil)
	}
	if v.Has("start") || v.Has("end") {
		return
	}
	for d := r.Start.In(loc); d.Before(r.End); d = d.AddDate(0, 0, 1) {
		if _, open := bp.OpeningHours.On(d.Weekday()); !open {
			v.Add("start", "booking.error.closed_day", map[string]any{"date": d.Format(time.DateOnly)})
			return
		}
	}
}

// Period is an interval of time [Start, End).
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// held is a booking that holds capacity, as the capacity check reads it.
type held struct {
	start, end time.Time
	quantity   int
}

// peak finds the first period inside window where the bookings held plus
// extra exceed capacity, merging adjacent pieces that exceed too. The load
// is piecewise constant and changes only where a booking starts or ends,
// so checking each such piece is exact.
func peak(bookings []held, window Period, extra, capacity int) (Period, bool) {
	points := []time.Time{window.Start}
	for _, b := range bookings {
		for _, t := range []time.Time{b.start, b.end} {
			if t.After(window.Start) && t.Before(window.End) {
				points = append(points, t)
			}
		}
	}
	points = append(points, window.End)
	sortTimes(points)
	var over Period
	found := false
	for i := 0; i+1 < len(points); i++ {
		if !points[i].Before(points[i+1]) {
			continue
		}
		load := extra + loadAt(bookings, points[i])
		switch {
		case load > capacity && !found:
			over, found = Period{points[i], points[i+1]}, true
		case load > capacity:
			over.End = points[i+1]
		case found:
			return over, true
		}
	}
	return over, found
}

// loadAt is the quantity held at instant t.
func loadAt(bookings []held, t time.Time) int {
	n := 0
	for _, b := range bookings {
		if !t.Before(b.start) && t.Before(b.end) {
			n += b.quantity
		}
	}
	return n
}

func sortTimes(ts []time.Time) {
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
}
