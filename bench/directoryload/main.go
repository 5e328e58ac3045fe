// Command directoryload sends requests to a running startbridge at a fixed
// rate (open loop: a slow answer does not slow the next request down, so
// the latencies are not flattered) and reports percentiles per path group.
//
//	go run ./bench/directoryload --url http://127.0.0.1:8080 --rate 500 --duration 20s
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
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
	flag.Parse()

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
	for i, g := range groups {
		if *only == "" || *only == g.name {
			active = append(active, i)
		}
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
		g := active[n%len(active)]
		path := groups[g].paths[(n/len(active))%len(groups[g].paths)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := 0
			res, err := client.Get(*base + path)
			if err == nil {
				io.Copy(io.Discard, res.Body)
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
	fmt.Printf("%d requests in %.1fs (%.0f/s target %d/s)\n", len(samples), elapsed.Seconds(), float64(len(samples))/elapsed.Seconds(), *rate)
	fmt.Printf("%-22s %7s %8s %8s %8s %8s %6s\n", "group", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors")
	for _, g := range active {
		var lats []time.Duration
		errors := 0
		for _, s := range samples {
			if s.group != g {
				continue
			}
			lats = append(lats, s.latency)
			if s.status != http.StatusOK {
				errors++
			}
		}
		if len(lats) == 0 {
			continue
		}
		slices.Sort(lats)
		q := func(p float64) float64 { return float64(lats[int(p*float64(len(lats)-1))].Microseconds()) / 1000 }
		fmt.Printf("%-22s %7d %8.2f %8.2f %8.2f %8.2f %6d\n", groups[g].name, len(lats), q(.5), q(.9), q(.99), q(1), errors)
	}
	if len(samples) == 0 {
		os.Exit(1)
	}
}
