// Command siteload measures the reads of base points, bookings and the
// contest on a running startbridge seeded with `seed --demo --scale N`: it
// finds the generated resources, start-ups and contest through the API, then
// sends each group of requests at a fixed rate with vegeta (open loop) and
// prints latency percentiles per group.
//
//	go run ./bench/siteload --url http://127.0.0.1:8080 --rate 500 --duration 20s
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// The demo accounts the seed creates (password demo.Password).
const (
	password   = "demo-bridge-2027"
	staffEmail = "staff.gbsa@demo.startbridge.kr"
	judgeEmail = "judge001@scale.startbridge.test"
	scaleName  = "Open Innovation Challenge (scale data)"
)

type group struct {
	name   string
	rate   int // 0: the --rate flag
	target func(rng *rand.Rand) (path, token string)
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server to load")
	rate := flag.Int("rate", 500, "requests per second for each group")
	duration := flag.Duration("duration", 20*time.Second, "how long each group is sent")
	only := flag.String("group", "", "measure only the groups whose name contains this")
	flag.Parse()
	if err := run(*base, *rate, *duration, *only); err != nil {
		fmt.Fprintln(os.Stderr, "siteload:", err)
		os.Exit(1)
	}
}

func run(base string, rate int, duration time.Duration, only string) error {
	staff, err := token(base, staffEmail)
	if err != nil {
		return err
	}
	judge, err := token(base, judgeEmail)
	if err != nil {
		return err
	}
	var resources []int64
	if err := each(base, staff, "/api/v1/resources", func(item map[string]any) {
		if strings.HasPrefix(text(item["name"], "en"), "Meeting room ") {
			resources = append(resources, int64(item["id"].(float64)))
		}
	}); err != nil {
		return err
	}
	if len(resources) == 0 {
		return fmt.Errorf("no generated resources at %s: seed it with `seed --demo --scale N`", base)
	}
	var startups []int64
	if err := page(base, staff, fmt.Sprintf("/api/v1/bookings?resource_id=%d&limit=500", resources[0]), func(item map[string]any) {
		startups = append(startups, int64(item["startup_id"].(float64)))
	}); err != nil {
		return err
	}
	var contest int64
	if err := each(base, staff, "/api/v1/contests", func(item map[string]any) {
		if text(item["name"], "en") == scaleName {
			contest = int64(item["id"].(float64))
		}
	}); err != nil {
		return err
	}
	if contest == 0 {
		return fmt.Errorf("no scale contest at %s", base)
	}
	week := func(rng *rand.Rand) string {
		day := time.Now().AddDate(0, 0, rng.IntN(120)-60)
		return day.Format("2006-01-02")
	}
	groups := []group{
		{name: "api availability (one week)", target: func(rng *rand.Rand) (string, string) {
			return fmt.Sprintf("/api/v1/resources/%d/availability?from=%s", pick(rng, resources), week(rng)), ""
		}},
		{name: "api bookings of a resource", target: func(rng *rand.Rand) (string, string) {
			return fmt.Sprintf("/api/v1/bookings?resource_id=%d", pick(rng, resources)), staff
		}},
		{name: "api bookings of a start-up", target: func(rng *rand.Rand) (string, string) {
			return fmt.Sprintf("/api/v1/bookings?startup_id=%d", pick(rng, startups)), staff
		}},
		{name: "page resource week", target: func(rng *rand.Rand) (string, string) {
			return fmt.Sprintf("/resources/%d?week=%s", pick(rng, resources), week(rng)), ""
		}},
		{name: "api judge's reviews", target: func(rng *rand.Rand) (string, string) {
			return fmt.Sprintf("/api/v1/reviews?contest_id=%d", contest), judge
		}},
		{name: "api round results (30,000 reviews)", rate: 5, target: func(rng *rand.Rand) (string, string) {
			return fmt.Sprintf("/api/v1/contests/%d/rounds/1/results", contest), staff
		}},
	}
	out := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(out, "%d resources, %d start-ups with bookings, contest %d\n\n", len(resources), len(startups), contest)
	fmt.Fprintln(out, "group\trate/s\tp50 ms\tp99 ms\tmax ms\tok")
	for _, g := range groups {
		if only != "" && !strings.Contains(g.name, only) {
			continue
		}
		r := rate
		if g.rate > 0 {
			r = g.rate
		}
		m := attack(base, g, r, duration)
		fmt.Fprintf(out, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f%% %v\n", g.name, r, ms(m.Latencies.P50), ms(m.Latencies.P99),
			ms(m.Latencies.Max), 100*m.Success, m.StatusCodes)
	}
	return out.Flush()
}

// attack sends the group's requests at rate per second for duration.
func attack(base string, g group, rate int, duration time.Duration) vegeta.Metrics {
	rng := rand.New(rand.NewPCG(uint64(rate), uint64(len(g.name))))
	targeter := func(t *vegeta.Target) error {
		path, tok := g.target(rng) // the attacker calls the targeter from one goroutine
		*t = vegeta.Target{Method: http.MethodGet, URL: base + path, Header: http.Header{}}
		if tok != "" {
			t.Header.Set("Authorization", "Bearer "+tok)
		}
		return nil
	}
	attacker := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.MaxWorkers(2048))
	var m vegeta.Metrics
	for res := range attacker.Attack(targeter, vegeta.Rate{Freq: rate, Per: time.Second}, duration, g.name) {
		m.Add(res)
	}
	m.Close()
	return m
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func pick(rng *rand.Rand, ids []int64) int64 { return ids[rng.IntN(len(ids))] }

func text(v any, lang string) string {
	m, _ := v.(map[string]any)
	s, _ := m[lang].(string)
	return s
}

func token(base, email string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	res, err := http.Post(base+"/api/v1/auth/token", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var v struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil || v.Token == "" {
		return "", fmt.Errorf("token for %s: status %d %v", email, res.StatusCode, err)
	}
	return v.Token, nil
}

// each reads every page of a list.
func each(base, tok, path string, fn func(map[string]any)) error {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for cursor := ""; ; {
		next, err := get(base, tok, path+sep+"limit=500"+cursor, fn)
		if err != nil || next == "" {
			return err
		}
		cursor = "&cursor=" + next
	}
}

// page reads one page of a list.
func page(base, tok, path string, fn func(map[string]any)) error {
	_, err := get(base, tok, path, fn)
	return err
}

func get(base, tok, path string, fn func(map[string]any)) (string, error) {
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: status %d", path, res.StatusCode)
	}
	var v struct {
		Items      []map[string]any `json:"items"`
		NextCursor *string          `json:"next_cursor"`
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		return "", fmt.Errorf("GET %s: %w", path, err)
	}
	for _, it := range v.Items {
		fn(it)
	}
	if v.NextCursor == nil {
		return "", nil
	}
	return *v.NextCursor, nil
}
