package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/directory"
	"startbridge/internal/text"
)

// verifyResident checks the resident index against the database's at
// scale: it builds the index, edits edits random start-ups through another
// store (so the index must follow them by the generation), then compares
// the first three pages and the facets of every case, for a visitor and a
// partner. The database's facets count a window of the newest matches; they
// are compared only where the window held every match. It returns the
// process's exit code: 0 when everything agreed.
func verifyResident(ctx context.Context, db *database.DB, edits, limit int) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	resident, plain := directory.NewStore(db), directory.NewStore(db)
	resident.LimitCache(0)
	plain.LimitCache(0)
	began := time.Now()
	if err := resident.BuildResidentIndex(ctx, 0); err != nil {
		return fail(err)
	}
	fmt.Printf("resident index built in %s: %+v\n", time.Since(began).Round(time.Millisecond), resident.ResidentStats())
	admin := &auth.User{ID: 1, Roles: []auth.Membership{{Role: auth.RoleAdmin}}}
	var top int64
	if err := db.QueryRow(ctx, `SELECT MAX(id) FROM startups`).Scan(&top); err != nil {
		return fail(err)
	}
	r := rand.New(rand.NewPCG(5, 8))
	words := []string{"杭州 人工智能", "西湖 物流", "바이오 판교", "핀테크 수원", "robotics analytics", "Pangyo Labs"}
	sectors := []string{"ai", "bio", "fintech", "robotics", "edtech"}
	began = time.Now()
	for done := 0; done < edits; {
		st, err := plain.Startup(ctx, admin, 1+r.Int64N(top))
		if err != nil {
			continue
		}
		in := st.Input()
		in.Description = text.Text{En: words[r.IntN(len(words))] + fmt.Sprintf(" edit%d", done)}
		in.Region = []string{"gyeonggi", "hangzhou"}[r.IntN(2)]
		in.Sectors = []string{sectors[r.IntN(len(sectors))]}
		in.Visibility = []directory.Visibility{directory.Public, directory.PartnersOnly}[r.IntN(2)]
		if _, err := plain.UpdateStartup(ctx, admin, st.ID, st.Version, in); err != nil {
			return fail(fmt.Errorf("edit %d: %w", st.ID, err))
		}
		done++
	}
	fmt.Printf("%d start-ups edited through another store in %s\n", edits, time.Since(began).Round(time.Millisecond))
	partner := &auth.User{ID: 1, Roles: []auth.Membership{{Role: auth.RoleStaff}}}
	bad, compared := 0, 0
	for _, c := range cases {
		if c.f.Query == "" {
			continue
		}
		for _, viewer := range []*auth.User{nil, partner} {
			after := ""
			for page := 0; page < 3; page++ {
				want, err := plain.ListStartups(ctx, viewer, c.f, after, limit)
				if err != nil {
					return fail(err)
				}
				got, err := resident.ListStartups(ctx, viewer, c.f, after, limit)
				if err != nil {
					return fail(err)
				}
				compared++
				same := want.Next == got.Next && len(want.Items) == len(got.Items)
				for i := 0; same && i < len(want.Items); i++ {
					same = want.Items[i].ID == got.Items[i].ID
				}
				if page == 0 && !want.FacetsPartial && fmt.Sprint(want.Facets) != fmt.Sprint(got.Facets) {
					same = false
				}
				if !same {
					bad++
					fmt.Printf("DIFFERENT %s, partner=%v, page %d\n", c.name, viewer != nil, page+1)
				}
				if after = want.Next; after == "" {
					break
				}
			}
		}
	}
	st := resident.ResidentStats()
	fmt.Printf("%d pages compared, %d different; the resident index answered %d and passed %d, at generation %d\n", compared, bad, st.Answers, st.Passes, st.Gen)
	if bad > 0 {
		return 1
	}
	return 0
}
