// Command directory measures directory search and list latency in the
// store, without HTTP: p50, p99 and max of ListStartups (page of 20, with
// facets) for one- and two-character CJK words, Latin words, filtered
// queries and plain filtered lists, on the database given with --db, and
// the CPU time each request cost this process. The store's cache is off
// unless --cache-mb says otherwise, so every request is computed. With
// --resident the store searches with the resident index, as serve does.
//
//	go run ./bench/directory --db bench.db --runs 300 [--resident]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/directory"
)

// cases are the measured requests; the names say what each stands for.
var cases = []struct {
	name string
	f    directory.Filter
}{
	{"cjk-1 杭", directory.Filter{Query: "杭"}},
	{"cjk-1 판", directory.Filter{Query: "판"}},
	{"cjk-2 杭州", directory.Filter{Query: "杭州"}},
	{"cjk-2 西湖", directory.Filter{Query: "西湖"}},
	{"cjk-3 바이오", directory.Filter{Query: "바이오"}},
	{"cjk-3 핀테크", directory.Filter{Query: "핀테크"}},
	{"cjk-4 人工智能", directory.Filter{Query: "人工智能"}},
	{"latin robotics", directory.Filter{Query: "robotics"}},
	{"latin Pangyo Labs", directory.Filter{Query: "Pangyo Labs"}},
	{"latin rare 12345", directory.Filter{Query: "12345"}},
	{"filtered 杭州+ai+hangzhou", directory.Filter{Query: "杭州", Region: "hangzhou", Sector: "ai"}},
	{"filtered 바이오+seed", directory.Filter{Query: "바이오", Stage: "seed"}},
	{"filtered 杭州+gyeonggi (none)", directory.Filter{Query: "杭州", Region: "gyeonggi"}},
	{"filtered 바이오+edtech", directory.Filter{Query: "바이오", Sector: "edtech"}},
	{"filtered robotics+fintech+growth", directory.Filter{Query: "robotics", Sector: "fintech", Stage: "growth"}},
	{"list all", directory.Filter{}},
	{"list gyeonggi", directory.Filter{Region: "gyeonggi"}},
	{"list bio+seed", directory.Filter{Sector: "bio", Stage: "seed"}},
}

func main() {
	source := flag.String("db", "startbridge.db", "SQLite file or postgres:// URL, seeded with --scale")
	runs := flag.Int("runs", 200, "requests per case")
	limit := flag.Int("limit", 20, "page size")
	partner := flag.Bool("partner", false, "ask as a partner (sees partners-only profiles)")
	cached := flag.Int("cache-mb", 0, "let the store answer repeated requests from a cache of this many MB (0: none, every request computed)")
	only := flag.String("case", "", "measure only the cases whose name contains this")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the measured requests to this file")
	resident := flag.Bool("resident", false, "build the resident search index first, as serve does, and search with it")
	verify := flag.Int("verify", -1, "instead of timing: build the resident index, edit this many random start-ups through the store (new words, region, sectors, visibility), then check that every case's first pages and facets from the resident index equal the database index's")
	flag.Parse()
	ctx := context.Background()
	db, err := database.Open(ctx, *source)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	store := directory.NewStore(db)
	if *cached == 0 {
		// Every request is computed: the cost of a cache miss.
		store.LimitCache(0)
	}
	if *verify >= 0 {
		os.Exit(verifyResident(ctx, db, *verify, *limit))
	}
	if *resident {
		began := time.Now()
		if err := store.BuildResidentIndex(ctx, 0); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		st := store.ResidentStats()
		fmt.Printf("resident index: %d start-ups, %d tokens, %d MB, built in %s\n", st.Profiles, st.Tokens, st.Bytes>>20, time.Since(began).Round(time.Millisecond))
	}
	var viewer *auth.User
	if *partner {
		viewer = &auth.User{ID: 1, Roles: []auth.Membership{{Role: auth.RoleStaff}}}
	}
	var n int
	db.QueryRow(ctx, `SELECT COUNT(*) FROM startups`).Scan(&n)
	fmt.Printf("%s, %d start-ups, %d runs per case, page %d, viewer partner=%v\n", db.Dialect(), n, *runs, *limit, *partner)
	fmt.Printf("%-28s %9s %9s %9s %9s %9s  %s\n", "case", "p50 ms", "p99 ms", "max ms", "cpu ms", "items", "facets")
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	for _, c := range cases {
		if !strings.Contains(c.name, *only) {
			continue
		}
		var took []time.Duration
		var page *directory.StartupPage
		cpu := cpuTime()
		for i := 0; i < *runs; i++ {
			start := time.Now()
			page, err = store.ListStartups(ctx, viewer, c.f, "", *limit)
			took = append(took, time.Since(start))
			if err != nil {
				fmt.Fprintln(os.Stderr, c.name, err)
				os.Exit(1)
			}
		}
		cpu = (cpuTime() - cpu) / time.Duration(*runs)
		slices.Sort(took)
		total := 0
		for _, v := range page.Facets.Region {
			total += v
		}
		partial := ""
		if page.FacetsPartial {
			partial = " (partial)"
		}
		fmt.Printf("%-28s %9.2f %9.2f %9.2f %9.2f %9d  %d%s\n", c.name, ms(took[len(took)/2]), ms(took[len(took)*99/100]), ms(took[len(took)-1]),
			ms(cpu), len(page.Items), total, partial)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuTime is the CPU time this process used so far (user and system): on a
// machine shared with other work, the time a query costs rather than the
// time it waited for a core. For PostgreSQL it leaves out the server's
// share.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
