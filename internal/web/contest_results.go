package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	"startbridge/internal/contest"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/text"
)

// The staff's results of a round: raw beside normalized, the reviews of
// each application, each judge's leniency and spread as a chart drawn on
// the server, and the disagreement per application.

type resultRow struct {
	Rank                          int
	ApplicationID                 int64
	Startup                       text.Text
	Reviews                       int
	Raw, Normalized, Disagreement string
	Scores                        []string
	HighDisagreement              bool
}

type judgeRow struct {
	Name               string
	Reviews            int
	Mean, StdDev, Bias string
	Fallback           bool
}

type resultsView struct {
	Page
	Contest  *contest.Contest
	Round    *contest.Round
	Rows     []resultRow
	Judges   []judgeRow
	Warnings []string
	Chart    template.HTML
	// NextRound is true when there is a round to advance to.
	NextRound bool
}

// roundResults reads the results of the round in the path, for its staff,
// with the judges' names.
func (s *site) roundResults(r *http.Request) (*contest.RoundResults, map[int64]string, error) {
	rq := httpx.From(r)
	if rq.User == nil {
		return nil, nil, errs.ErrUnauthenticated
	}
	id, err := contestPathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return nil, nil, errs.ErrNotFound
	}
	store := s.contests()
	res, err := store.ResultsDetailed(r.Context(), rq.User, id, n)
	if err != nil {
		return nil, nil, err
	}
	judges, err := store.Judges(r.Context(), rq.User, id)
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	for _, j := range judges {
		names[j.UserID] = j.Name
	}
	return res, names, nil
}

func (s *site) contestResults(w http.ResponseWriter, r *http.Request) error {
	rq := httpx.From(r)
	res, names, err := s.roundResults(r)
	if err != nil {
		return err
	}
	n := res.Round.Number
	v := &resultsView{Page: Page{Nav: "contests"}, Contest: res.Contest, Round: res.Round, NextRound: n < len(res.Contest.Rounds)}
	for _, it := range res.Items {
		row := resultRow{Rank: it.Rank, ApplicationID: it.Application, Reviews: it.Reviews}
		if a := res.Applications[it.Application]; a != nil {
			row.Startup = a.StartupName
		}
		if it.Reviews > 0 {
			row.Raw, row.Normalized, row.Disagreement = contestF2(it.RawMean), contestF2(it.Normalized), contestF2(it.Disagreement)
			row.HighDisagreement = it.Disagreement >= 15
		}
		for _, sc := range res.Reviews[it.Application] {
			row.Scores = append(row.Scores, fmt.Sprintf("%s: %s", names[sc.Judge], contestF2(sc.Raw)))
		}
		v.Rows = append(v.Rows, row)
	}
	for _, j := range res.Judges {
		v.Judges = append(v.Judges, judgeRow{Name: names[j.Judge], Reviews: j.Reviews, Mean: contestF2(j.Mean), StdDev: contestF2(j.StdDev), Bias: contestF2(j.Bias), Fallback: res.Fallback[j.Judge]})
	}
	for _, key := range res.Warnings {
		v.Warnings = append(v.Warnings, rq.P.T(key, "groups", res.Groups))
	}
	v.Chart = leniencyChart(res.Judges, names, rq.P.T("contest.results.chart_label"))
	return s.render(w, r, http.StatusOK, "contest_results", v)
}

func contestF2(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }

// contestResultsExport returns the handler that sends a round's ranking as
// a CSV file or an XLSX workbook, for the contest's staff: one row per
// application, with its start-up's names, the raw mean beside the
// normalized score, the disagreement and every judge's raw total.
func (s *site) contestResultsExport(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		res, names, err := s.roundResults(r)
		if err != nil {
			return err
		}
		header := []string{"rank", "application_id", "startup_id", "startup_ko", "startup_zh", "startup_en", "reviews",
			"raw_mean", "normalized", "disagreement", "scores"}
		var rows [][]string
		for _, it := range res.Items {
			row := []string{"", strconv.FormatInt(it.Application, 10), "", "", "", "", strconv.Itoa(it.Reviews), "", "", "", ""}
			if it.Rank > 0 {
				row[0] = strconv.Itoa(it.Rank)
			}
			if a := res.Applications[it.Application]; a != nil {
				row[2], row[3], row[4], row[5] = strconv.FormatInt(a.StartupID, 10), a.StartupName.Ko, a.StartupName.Zh, a.StartupName.En
			}
			if it.Reviews > 0 {
				row[7], row[8], row[9] = contestF2(it.RawMean), contestF2(it.Normalized), contestF2(it.Disagreement)
			}
			var scores []string
			for _, sc := range res.Reviews[it.Application] {
				scores = append(scores, names[sc.Judge]+": "+contestF2(sc.Raw))
			}
			row[10] = strings.Join(scores, "; ")
			rows = append(rows, row)
		}
		return sendTable(w, fmt.Sprintf("contest-%d-round-%d-results", res.Contest.ID, res.Round.Number), format, header, rows, false)
	}
}

// leniencyChart draws each judge's mean raw total (a dot) with one
// standard deviation either side (a bar) on a 0–100 axis, as SVG. The
// round's mean is a dashed line, so a hard or lenient judge stands out.
func leniencyChart(judges []contest.Leniency, names map[int64]string, label string) template.HTML {
	const left, width, rowH, top = 240.0, 420.0, 26.0, 24.0
	height := top + rowH*float64(len(judges)) + 24
	x := func(v float64) float64 { return left + width*math.Max(0, math.Min(100, v))/100 }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-label="%s" viewBox="0 0 %.0f %.0f" width="100%%" xmlns="http://www.w3.org/2000/svg">`,
		template.HTMLEscapeString(label), left+width+40, height)
	for _, tick := range []float64{0, 25, 50, 75, 100} {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#d5dde6"/>`, x(tick), top-8, x(tick), height-20)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="middle" fill="#5b6b7d">%.0f</text>`, x(tick), height-6, tick)
	}
	var sum float64
	var n int
	for _, j := range judges {
		sum += j.Mean * float64(j.Reviews)
		n += j.Reviews
	}
	if n > 0 {
		m := sum / float64(n)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#1b3a5c" stroke-dasharray="4 3"/>`, x(m), top-8, x(m), height-20)
	}
	for i, j := range judges {
		y := top + rowH*float64(i) + rowH/2
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="end" fill="#1d2733">%s</text>`, left-8, y+4, template.HTMLEscapeString(names[j.Judge]))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c0392b" stroke-width="6" stroke-opacity="0.35" stroke-linecap="round"/>`, x(j.Mean-j.StdDev), y, x(j.Mean+j.StdDev), y)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="5" fill="#c0392b"><title>%s: μ %s, σ %s</title></circle>`, x(j.Mean), y, template.HTMLEscapeString(names[j.Judge]), contestF2(j.Mean), contestF2(j.StdDev))
	}
	b.WriteString(`</svg>`)
	// Every value written above is a number or escaped text.
	return template.HTML(b.String())
}
