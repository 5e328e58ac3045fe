package office

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/text"
)

// MaxWindow bounds the months a demand or occupancy view spans.
const MaxWindow = 36

// MonthOccupancy is an office's desks and the desks allocated in a month.
type MonthOccupancy struct {
	Month     string `json:"month"`
	Desks     int    `json:"desks"`
	Allocated int    `json:"allocated"`
}

// Window reads a from–to month range, defaulting to the next six months
// from this one.
func (s *Store) Window(from, to string) (string, string, error) {
	var v errs.Invalid
	if from == "" {
		from = s.thisMonth()
	}
	if to == "" {
		to = AddMonths(from, 5)
	}
	if !ValidMonth(from) {
		v.Add("from", "office.field.month", nil)
	}
	if !ValidMonth(to) {
		v.Add("to", "office.field.month", nil)
	} else if ValidMonth(from) && (to < from || len(MonthsBetween(from, to, MaxWindow+1)) > MaxWindow) {
		v.Add("to", "office.field.window", map[string]any{"max": MaxWindow})
	}
	return from, to, v.OrNil()
}

// Occupancy lists an office's allocated desks per month from from to to.
func (s *Store) Occupancy(ctx context.Context, officeID int64, from, to string) ([]MonthOccupancy, error) {
	o, err := s.Office(ctx, officeID)
	if err != nil {
		return nil, err
	}
	byOffice, err := s.allocated(ctx, from, to)
	if err != nil {
		return nil, err
	}
	return occupancyOf(o, byOffice[o.ID], from, to), nil
}

func occupancyOf(o *Office, allocated map[string]int, from, to string) []MonthOccupancy {
	var out []MonthOccupancy
	for _, m := range MonthsBetween(from, to, MaxWindow) {
		out = append(out, MonthOccupancy{Month: m, Desks: o.Desks, Allocated: allocated[m]})
	}
	return out
}

// allocated sums the allocations per office and month in the window.
func (s *Store) allocated(ctx context.Context, from, to string) (map[int64]map[string]int, error) {
	rows, err := s.db.Query(ctx, `SELECT office_id, month, SUM(desks) FROM office_allocations WHERE month >= ? AND month <= ?
		GROUP BY office_id, month`, from, to)
	if err != nil {
		return nil, fmt.Errorf("occupancy: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[string]int{}
	for rows.Next() {
		var id int64
		var month string
		var n int
		if err := rows.Scan(&id, &month, &n); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[string]int{}
		}
		out[id][month] = n
	}
	return out, rows.Err()
}

// Demand is what start-ups ask for, where, and what the offices could not
// give them, in a window of months.
type Demand struct {
	From   string       `json:"from"`
	To     string       `json:"to"`
	Months []string     `json:"months"`
	Cities []CityDemand `json:"cities"`
	// Cells count requests per city, month of stay and sector of the
	// start-up.
	Cells   []DemandCell      `json:"cells"`
	Offices []OfficeOccupancy `json:"offices"`
	// Recommendations are catalogue keys with their arguments, to be read
	// in the viewer's language.
	Recommendations []Recommendation `json:"-"`
}

// CityDemand sums the requests for one city (matched across scripts).
type CityDemand struct {
	Key      string    `json:"key"`
	Name     text.Text `json:"name"`
	CityCode string    `json:"city_code,omitempty"`
	// OfficeID is the city's open office, else a proposed one.
	OfficeID *int64 `json:"office_id"`
	// OfficeStatus is that office's status, "" without one.
	OfficeStatus OfficeStatus `json:"office_status,omitempty"`
	Requests     int          `json:"requests"`
	DeskMonths   int          `json:"desk_months"`
	Approved     int          `json:"approved"`
	Waitlisted   int          `json:"waitlisted"`
	// RejectedForCapacity were refused because no desk was left.
	RejectedForCapacity int `json:"rejected_for_capacity"`
	// Unmet are waitlisted, rejected for capacity, or for a city without an
	// open office and not placed elsewhere.
	Unmet int `json:"unmet"`
}

// DemandCell is the number of requests for a city whose stay covers a
// month, from start-ups of a sector.
type DemandCell struct {
	Key      string `json:"city_key"`
	Month    string `json:"month"`
	Sector   string `json:"sector"`
	Requests int    `json:"requests"`
}

// OfficeOccupancy is one office's months in the window.
type OfficeOccupancy struct {
	Office *Office          `json:"office"`
	Months []MonthOccupancy `json:"months"`
}

// Recommendation is a plain sentence for the partners: a catalogue key and
// its arguments, the city named in every language.
type Recommendation struct {
	Key  string
	City text.Text
	Args map[string]string
}

// Demand computes the demand view for requests starting from from to to.
func (s *Store) Demand(ctx context.Context, viewer *auth.User, from, to string) (*Demand, error) {
	if err := auth.Can(viewer, auth.ViewOfficeDemand, auth.Target{}); err != nil {
		return nil, err
	}
	d := &Demand{From: from, To: to, Months: MonthsBetween(from, to, MaxWindow), Cities: []CityDemand{}, Cells: []DemandCell{}}
	offices, err := s.Offices(ctx, OfficeFilter{}, 0, 10000)
	if err != nil {
		return nil, err
	}
	cityOffice := map[string]*Office{}
	for _, o := range offices {
		key := o.cityKey
		if o.CityCode != "" {
			key = o.CityCode
		}
		if cur := cityOffice[key]; o.Status != OfficeClosed && (cur == nil || (cur.Status != OfficeOpen && o.Status == OfficeOpen)) {
			cityOffice[key] = o
		}
	}
	cities := map[string]*CityDemand{}
	cells := map[DemandCell]int{}
	rows, err := s.db.Query(ctx, `SELECT r.id, COALESCE(r.city_code, r.city_key), r.target_city, COALESCE(c.name_ko, ''), COALESCE(c.name_zh, ''),
		COALESCE(c.name_en, ''), COALESCE(r.city_code, ''), r.start_month, r.months, r.desks, r.status, r.reject_reason, r.office_id IS NOT NULL,
		r.startup_id FROM office_requests r LEFT JOIN cities c ON c.code = r.city_code
		WHERE r.status <> 'cancelled' AND r.start_month >= ? AND r.start_month <= ? ORDER BY r.id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("demand: %w", err)
	}
	type row struct {
		key     string
		months  []string
		startup int64
	}
	var all []row
	for rows.Next() {
		var id, startup int64
		var key, typed, code, start, status, reason string
		var name text.Text
		var months, desks int
		var placed bool
		if err := rows.Scan(&id, &key, &typed, &name.Ko, &name.Zh, &name.En, &code, &start, &months, &desks, &status, &reason,
			&placed, &startup); err != nil {
			rows.Close()
			return nil, err
		}
		c := cities[key]
		if c == nil {
			if name.Empty() {
				name = cityName(nil, typed)
			}
			c = &CityDemand{Key: key, Name: name, CityCode: code}
			if o := cityOffice[key]; o != nil {
				id := o.ID
				c.OfficeID, c.OfficeStatus = &id, o.Status
			}
			cities[key] = c
		}
		c.Requests++
		c.DeskMonths += desks * months
		hasOpen := c.OfficeStatus == OfficeOpen
		switch {
		case Status(status) == StatusApproved:
			c.Approved++
		case Status(status) == StatusWaitlisted:
			c.Waitlisted++
			c.Unmet++
		case Status(status) == StatusRejected && reason == ReasonCapacity:
			c.RejectedForCapacity++
			c.Unmet++
		case !hasOpen && !placed:
			c.Unmet++
		}
		all = append(all, row{key: key, months: MonthsFrom(start, months), startup: startup})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for _, r := range all {
		ids[r.startup] = true
	}
	sectors, err := s.sectorsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range all {
		secs := sectors[r.startup]
		if len(secs) == 0 {
			secs = []string{"other"}
		}
		for _, m := range r.months {
			if m < from || m > to {
				continue
			}
			for _, sec := range secs {
				cells[DemandCell{Key: r.key, Month: m, Sector: sec}]++
			}
		}
	}
	for cell, n := range cells {
		cell.Requests = n
		d.Cells = append(d.Cells, cell)
	}
	sort.Slice(d.Cells, func(i, j int) bool {
		a, b := d.Cells[i], d.Cells[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Sector != b.Sector {
			return a.Sector < b.Sector
		}
		return a.Month < b.Month
	})
	for _, c := range cities {
		d.Cities = append(d.Cities, *c)
	}
	sort.Slice(d.Cities, func(i, j int) bool {
		a, b := d.Cities[i], d.Cities[j]
		if a.Unmet != b.Unmet {
			return a.Unmet > b.Unmet
		}
		if a.Requests != b.Requests {
			return a.Requests > b.Requests
		}
		return a.Key < b.Key
	})
	byOffice, err := s.allocated(ctx, from, to)
	if err != nil {
		return nil, err
	}
	for _, o := range offices {
		if o.Status == OfficeOpen {
			d.Offices = append(d.Offices, OfficeOccupancy{Office: o, Months: occupancyOf(o, byOffice[o.ID], from, to)})
		}
	}
	d.Recommendations = recommend(d, cityOffice)
	return d, nil
}

// recommend writes one sentence per city with unmet demand: open an office
// where there is none, open the proposed one, or add desks where the office
// is full.
func recommend(d *Demand, offices map[string]*Office) []Recommendation {
	var out []Recommendation
	window := strconv.Itoa(len(d.Months))
	for _, c := range d.Cities {
		if c.Unmet == 0 {
			continue
		}
		args := map[string]string{"requests": strconv.Itoa(c.Requests), "unmet": strconv.Itoa(c.Unmet), "months": window}
		r := Recommendation{City: c.Name, Args: args}
		o := offices[c.Key]
		switch {
		case o == nil:
			r.Key = "office.rec.no_office"
		case o.Status == OfficeProposed:
			r.Key = "office.rec.proposed"
		default:
			r.Key = "office.rec.more_desks"
			args["desks"] = strconv.Itoa(o.Desks)
		}
		out = append(out, r)
	}
	return out
}

// sectorsOf reads the sectors of the start-ups behind the requests.
func (s *Store) sectorsOf(ctx context.Context, ids map[int64]bool) (map[int64][]string, error) {
	out := map[int64][]string{}
	list := make([]any, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	for len(list) > 0 {
		chunk := list[:min(len(list), 500)]
		list = list[len(chunk):]
		res, err := s.db.Query(ctx, `SELECT startup_id, sector_code FROM startup_sectors WHERE startup_id IN (?`+
			repeat(", ?", len(chunk)-1)+`) ORDER BY startup_id, sector_code`, chunk...)
		if err != nil {
			return nil, fmt.Errorf("sectors: %w", err)
		}
		for res.Next() {
			var id int64
			var code string
			if err := res.Scan(&id, &code); err != nil {
				res.Close()
				return nil, err
			}
			out[id] = append(out[id], code)
		}
		res.Close()
		if err := res.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
