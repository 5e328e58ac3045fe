// Command directoryload sends requests to a running startbridge at a fixed
// rate (open loop: a slow answer does not slow the next request down, so
// the latencies are not flattered) and reports percentiles per path group.
// With --mix it draws a realistic mix of lists, searches, directory pages
// and profiles over many distinct words, filters and pages (mix.go) and
// reports how many answers the server's directory cache gave, read from
// its /metrics before and after; without, it cycles through a few fixed
// paths per group, which a cache answers every time after the first.
//
//	go run ./bench/directoryload --url http://127.0.0.1:8080 --rate 500 --duration 20s --mix
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// groups are the requests measured, each a list the load cycles through.
var groups = []struct {
	name  string
	paths []string
}{
	{"api list", []string{"/api/v1/startups", "/api/v1/startups?region=gyeonggi", "/api/v1/startups?sector=bio&stage=seed", "/api/v1/startups?region=hangzhou&sector=ai"}},
	{"api search cjk-1", []string{"/api/v1/startups?q=" + url.QueryEscape("杭"), "/api/v1/startups?q=" + url.QueryEscape("판")}},
	{"api search cjk-2", []string{"/api/v1/startups?q=" + url.QueryEscape("杭州"), "/api/v1/startups?q=" + url.QueryEscape("西湖"), "/api/v1/startups?q=" + url.QueryEscape("바이오"), "/api/v1/startups?q=" + url.QueryEscape("핀테크")}},
	{"api search latin", []string{"/api/v1/startups?q=robotics", "/api/v1/startups?q=Pangyo+Labs", "/api/v1/startups?q=analytics"}},
	{"api search filtered", []string{"/api/v1/startups?q=" + url.QueryEscape("杭州") + "&sector=ai&region=hangzhou", "/api/v1/startups?q=" + url.QueryEscape("바이오") + "&stage=seed"}},
	{"page directory", []string{"/startups", "/startups?q=" + url.QueryEscape("杭州"), "/startups?region=gyeonggi&sector=bio"}},
	{"api profile", []string{"/api/v1/startups/1", "/api/v1/startups/500000", "/api/v1/startups/999999"}},
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server to load")
	rate := flag.Int("rate", 500, "requests per second, all groups together")
	duration := flag.Duration("duration", 20*time.Second, "how long to send")
	only := flag.String("group", "", "measure only this group")
	useMix := flag.Bool("mix", false, "send the realistic mix instead of the fixed groups")
	ids := flag.Int64("ids", 1000000, "with --mix: profiles are asked for by ids 1..ids")
	seed := flag.Uint64("seed", 1, "with --mix: seed of the random draws")
	edits := flag.Int("edits", 0, "also edit this many random profiles per second through the API (each a read for the ETag and a PATCH with If-Match), as --email")
	email := flag.String("email", "staff.gbsa@demo.startbridge.kr", "with --edits: an account that may edit any start-up")
	password := flag.String("password", "demo-bridge-2027", "with --edits: its password")
	flag.Parse()
	names := make([]string, len(groups))
	for i, g := range groups {
		names[i] = g.name
	}
	var m *mix
	if *useMix {
		m = newMix(*seed, *ids)
		names = mixGroups
		fmt.Println(m)
	}
	before, haveMetrics := cacheCounters(*base)
	distinct := map[string]bool{}

	type sample struct {
		group   int
		latency time.Duration
		status  int
	}
	var mu sync.Mutex
	var samples []sample
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 512}, Timeout: 10 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	interval := time.Second / time.Duration(*rate)
	start := time.Now()
	var wg sync.WaitGroup
	var active []int
	for i, name := range names {
		if *only == "" || *only == name {
			active = append(active, i)
		}
	}
	editGroup := -1
	if *edits > 0 {
		editGroup = len(names)
		names = append(names, "edit (read + PATCH)")
		active = append(active, editGroup)
		token, err := signIn(client, *base, *email, *password)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		r := rand.New(rand.NewPCG(*seed, 99))
		wg.Add(1)
		go func() {
			defer wg.Done()
			every := time.Second / time.Duration(*edits)
			for n := 0; ctx.Err() == nil; n++ {
				due := start.Add(time.Duration(n) * every)
				select {
				case <-ctx.Done():
					return
				case <-time.After(time.Until(due)):
				}
				id := 1 + r.Int64N(*ids)
				words := fmt.Sprintf("edited %d robotics 杭州 바이오", n)
				wg.Add(1)
				go func() {
					defer wg.Done()
					status := edit(client, *base, token, id, words)
					lat := time.Since(due)
					mu.Lock()
					samples = append(samples, sample{editGroup, lat, status})
					mu.Unlock()
				}()
			}
		}()
	}
	for n := 0; ; n++ {
		due := start.Add(time.Duration(n) * interval)
		if d := time.Until(due); d > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(d):
			}
		}
		if ctx.Err() != nil {
			break
		}
		var g int
		var path string
		if m != nil {
			g, path = m.next()
		} else {
			g = active[n%len(active)]
			path = groups[g].paths[(n/len(active))%len(groups[g].paths)]
		}
		distinct[path] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := 0
			res, err := client.Get(*base + path)
			if err == nil {
				if m != nil && !strings.Contains(path, "cursor=") {
					body, _ := io.ReadAll(res.Body)
					m.learn(path, nextCursor(body))
				} else {
					io.Copy(io.Discard, res.Body)
				}
				res.Body.Close()
				status = res.StatusCode
			}
			// Measured from when the request was due, not when it was sent.
			lat := time.Since(due)
			mu.Lock()
			samples = append(samples, sample{g, lat, status})
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	fmt.Printf("%d requests in %.1fs (%.0f/s target %d/s), %d distinct paths\n", len(samples), elapsed.Seconds(), float64(len(samples))/elapsed.Seconds(), *rate, len(distinct))
	if after, ok := cacheCounters(*base); ok && haveMetrics {
		hits, misses := after[0]-before[0], after[1]-before[1]
		if hits+misses > 0 {
			fmt.Printf("directory cache: %.0f of %.0f answers (pages, facet counts) from the cache, hit rate %.1f%%\n", hits, hits+misses, 100*hits/(hits+misses))
		}
		// CPU per request holds on a shared machine, where latency does not.
		fmt.Printf("server CPU: %.2f ms per request\n", 1000*(after[2]-before[2])/float64(len(samples)))
	}
	fmt.Printf("%-28s %7s %8s %8s %8s %8s %6s\n", "group", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors")
	for _, g := range active {
		var lats []time.Duration
		errors := 0
		for _, s := range samples {
			if s.group != g {
				continue
			}
			lats = append(lats, s.latency)
			// A partners-only profile is a 404 for a visitor.
			if s.status != http.StatusOK && s.status != http.StatusNotFound {
				errors++
			}
		}
		if len(lats) == 0 {
			continue
		}
		slices.Sort(lats)
		q := func(p float64) float64 { return float64(lats[int(p*float64(len(lats)-1))].Microseconds()) / 1000 }
		fmt.Printf("%-28s %7d %8.2f %8.2f %8.2f %8.2f %6d\n", names[g], len(lats), q(.5), q(.9), q(.99), q(1), errors)
	}
	if len(samples) == 0 {
		os.Exit(1)
	}
}

// signIn asks the API for a token of the account.
func signIn(client *http.Client, base, email, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	res, err := client.Post(base+"/api/v1/auth/token", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("sign in as %s: status %d", email, res.StatusCode)
	}
	return out.Token, nil
}

// edit reads start-up id for its ETag and changes its English description
// to words, returning the PATCH's status (404 for an id that is not a
// start-up counts as done).
func edit(client *http.Client, base, token string, id int64, words string) int {
	url := fmt.Sprintf("%s/api/v1/startups/%d", base, id)
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return res.StatusCode
	}
	body, _ := json.Marshal(map[string]any{"description": map[string]string{"en": words}})
	req, _ = http.NewRequest(http.MethodPatch, url, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", res.Header.Get("ETag"))
	res, err = client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// nextCursor finds the cursor of the next page in an answer: next_cursor
// in the API's JSON, the cursor of the "next" link in a directory page.
func nextCursor(body []byte) string {
	if i := bytes.Index(body, []byte(`"next_cursor":"`)); i >= 0 {
		rest := body[i+len(`"next_cursor":"`):]
		if j := bytes.IndexByte(rest, '"'); j >= 0 {
			return string(rest[:j])
		}
	}
	if i := bytes.Index(body, []byte("cursor=")); i >= 0 {
		rest := body[i+len("cursor="):]
		if j := bytes.IndexAny(rest, "\"&"); j >= 0 {
			if v, err := url.QueryUnescape(string(rest[:j])); err == nil {
				return v
			}
		}
	}
	return ""
}

// cacheCounters reads the directory cache's hits and misses and the
// server's CPU seconds from its metrics.
func cacheCounters(base string) ([3]float64, bool) {
	var out [3]float64
	res, err := http.Get(base + "/metrics")
	if err != nil {
		return out, false
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return out, false
	}
	found := 0
	for _, line := range strings.Split(string(body), "\n") {
		for i, name := range []string{"startbridge_directory_cache_hits_total ", "startbridge_directory_cache_misses_total ", "process_cpu_seconds_total "} {
			if v, ok := strings.CutPrefix(line, name); ok {
				if _, err := fmt.Sscan(v, &out[i]); err == nil {
					found++
				}
			}
		}
	}
	return out, found == 3
}
