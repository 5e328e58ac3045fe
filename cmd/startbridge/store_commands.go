package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/backup"
	"startbridge/internal/config"
	"startbridge/internal/database"
	"startbridge/internal/demo"
	"startbridge/internal/errs"
	"startbridge/internal/i18n"
)

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := config.Parse("migrate", args, nil, nil)
	if err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	v, _ := db.SchemaVersion(ctx)
	printf(stdout, "applied %d migrations; schema version %d (%s)\n", n, v, db.Dialect())
	return nil
}

func seed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var withDemo bool
	var scale int
	cfg, _, err := config.Parse("seed", args, nil, func(fs *flag.FlagSet) {
		fs.BoolVar(&withDemo, "demo", false, "add demo accounts in all three languages")
		fs.IntVar(&scale, "scale", 0, "with --demo: add N generated start-ups, and resources, bookings and a contest in proportion, for benchmarks")
	})
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogFormat, cfg.LogLevel)
	db, err := openStore(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	printf(stdout, "founding data present: 2 regions, 7 institutions\n")
	if !withDemo {
		return nil
	}
	report, err := demo.Seed(ctx, db)
	if err != nil {
		return err
	}
	printf(stdout, "%s", report)
	if scale > 0 {
		if err := demo.ScaleDirectory(ctx, db, scale, stdout); err != nil {
			return err
		}
		return demo.ScaleSites(ctx, db, scale, stdout)
	}
	return nil
}

func user(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(`usage: startbridge user create --email E --password P --role R [--institution ID|slug] [--name N]`)
	}
	var email, password, role, institution, name, lang string
	cfg, _, err := config.Parse("user create", args[1:], nil, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (required)")
		fs.StringVar(&password, "password", "", "password (required)")
		fs.StringVar(&role, "role", "", "admin, staff, startup, investor or judge (required)")
		fs.StringVar(&institution, "institution", "", "institution id or slug (required for staff)")
		fs.StringVar(&name, "name", "", "display name (default: the part of the email before @)")
		fs.StringVar(&lang, "language", "en", "ko, zh or en")
	})
	if err != nil {
		return err
	}
	r, ok := auth.ParseMembershipRole(role)
	if !ok {
		return fmt.Errorf("--role %q: want one of admin, staff, startup, investor, judge", role)
	}
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	log := newLogger(stderr, cfg.LogFormat, cfg.LogLevel)
	db, err := openStore(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	m := auth.Membership{Role: r}
	if institution != "" {
		id, err := institutionID(ctx, db, institution)
		if err != nil {
			return err
		}
		m.InstitutionID = &id
	}
	svc := auth.NewService(db)
	u, err := svc.CreateUserUnchecked(ctx, auth.NewUser{
		SignUp: auth.SignUp{Email: email, Name: name, Password: password, Language: lang},
		Roles:  []auth.Membership{m},
	})
	if err != nil {
		return explain(err)
	}
	printf(stdout, "created user %d <%s> with role %s\n", u.ID, u.Email, r)
	return nil
}

func institutionID(ctx context.Context, db *database.DB, ref string) (int64, error) {
	var id int64
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		ref = ""
		id = n
	}
	err := db.QueryRow(ctx, `SELECT id FROM institutions WHERE id = ? OR slug = ?`, id, ref).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("--institution: no institution with id or slug %q", ref)
	}
	return id, nil
}

// explain turns a validation error into a line per field, in English, for
// the terminal.
func explain(err error) error {
	var inv *errs.Invalid
	if !errors.As(err, &inv) {
		return err
	}
	cat := i18n.MustLoad()
	var lines []string
	for _, f := range inv.Fields {
		var args []any
		for k, v := range f.Args {
			args = append(args, k, v)
		}
		lines = append(lines, fmt.Sprintf("--%s: %s", strings.ReplaceAll(f.Field, "_", "-"), cat.Text("en", f.Key, args...)))
	}
	return errors.New(strings.Join(lines, "\n"))
}

func backupCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, rest, err := config.Parse("backup", reorder(args), nil, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("usage: startbridge backup FILE [--db …]")
	}
	db, err := database.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := backup.Write(ctx, db, rest[0]); err != nil {
		return err
	}
	printf(stdout, "backup written to %s\n", rest[0])
	return nil
}

func restoreCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, rest, err := config.Parse("restore", reorder(args), nil, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("usage: startbridge restore FILE [--db …]")
	}
	if err := backup.Restore(ctx, cfg.DB, rest[0]); err != nil {
		return err
	}
	printf(stdout, "restored %s from %s\n", cfg.DB, rest[0])
	return nil
}

// reorder moves a leading positional FILE after the flags, so that both
// "backup FILE --db x" and "backup --db x FILE" work with package flag.
func reorder(args []string) []string {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return append(append([]string{}, args[1:]...), args[0])
	}
	return args
}
