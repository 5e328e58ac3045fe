// Package demo fills a store with believable data in Korean, Chinese and
// English, so that a first-time user sees a living platform.
package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/errs"
)

// Password is shared by every demo account; demo data is for trying the
// platform, never for production.
const Password = "demo-bridge-2027"

type account struct {
	email, name, lang, region string
	consent                   bool
	role                      auth.Role
	institution               string
}

var accounts = []account{
	{"staff.gbsa@demo.startbridge.kr", "박서연", "ko", "gyeonggi", true, auth.RoleStaff, "gbsa"},
	{"staff.gccei@demo.startbridge.kr", "이준호", "ko", "gyeonggi", false, auth.RoleStaff, "gccei"},
	{"staff.hgic@demo.startbridge.cn", "王芳", "zh", "hangzhou", true, auth.RoleStaff, "hangzhou-global-innovation-center"},
	{"staff.hati@demo.startbridge.cn", "陈磊", "zh", "hangzhou", false, auth.RoleStaff, "hangzhou-advanced-tech-investment"},
	{"founder.kr@demo.startbridge.kr", "김민지", "ko", "gyeonggi", true, "", ""},
	{"founder.cn@demo.startbridge.cn", "刘洋", "zh", "hangzhou", false, "", ""},
	{"investor@demo.startbridge.kr", "Daniel Cho", "en", "gyeonggi", true, auth.RoleInvestor, ""},
	{"judge@demo.startbridge.cn", "赵敏", "zh", "hangzhou", true, auth.RoleJudge, ""},
}

// Seed adds the demo accounts that do not exist yet and returns a report
// for the terminal.
func Seed(ctx context.Context, db *database.DB) (string, error) {
	svc := auth.NewService(db)
	var b strings.Builder
	fmt.Fprintf(&b, "demo accounts (password %q):\n", Password)
	for _, a := range accounts {
		in := auth.NewUser{SignUp: auth.SignUp{Email: a.email, Name: a.name, Password: Password,
			Language: a.lang, Region: a.region, ConsentCrossBorder: a.consent}}
		if a.role != "" {
			m := auth.Membership{Role: a.role}
			if a.institution != "" {
				var id int64
				if err := db.QueryRow(ctx, `SELECT id FROM institutions WHERE slug = ?`, a.institution).Scan(&id); err != nil {
					return "", fmt.Errorf("demo: institution %s: %w", a.institution, err)
				}
				m.InstitutionID = &id
			}
			in.Roles = []auth.Membership{m}
		}
		_, err := svc.CreateUserUnchecked(ctx, in)
		var inv *errs.Invalid
		if errors.As(err, &inv) && inv.Has("email") {
			fmt.Fprintf(&b, "  %-36s already there\n", a.email)
			continue
		}
		if err != nil {
			return "", fmt.Errorf("demo: %s: %w", a.email, err)
		}
		role := string(a.role)
		if role == "" {
			role = "member"
		}
		fmt.Fprintf(&b, "  %-36s %s, %s\n", a.email, a.name, role)
	}
	dir, err := SeedDirectory(ctx, db)
	if err == nil {
		var offices string
		offices, err = SeedOffices(ctx, db)
		dir += offices
	}
	if err == nil {
		var bases string
		bases, err = SeedBookings(ctx, db)
		dir += bases
	}
	if err == nil {
		var contests string
		contests, err = SeedContest(ctx, db)
		dir += contests
	}
	return b.String() + dir, err
}
