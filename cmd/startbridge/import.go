package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"startbridge/internal/config"
	"startbridge/internal/directory"
	"startbridge/internal/directory/sheet"
	"startbridge/internal/i18n"
)

const importUsage = `usage: startbridge import startups FILE.csv|FILE.xlsx [--dry-run] [--lang ko|zh|en] [--db …]`

// importCmd runs "import startups FILE": a dry run that lists every
// problem with its row and column, then, unless --dry-run, an
// all-or-nothing commit. Flags may come before or after the file.
func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "startups" {
		return errors.New(importUsage)
	}
	var dryRun bool
	var lang string
	var file string
	// The file is the argument named like a spreadsheet, wherever it is,
	// so that flags after it are still read as flags.
	rest := args[1:]
	for i, a := range rest {
		ext := strings.ToLower(filepath.Ext(a))
		if !strings.HasPrefix(a, "-") && (ext == ".csv" || ext == ".xlsx" || ext == ".xls" || ext == ".tsv" || ext == ".txt") {
			file, rest = a, slices.Delete(slices.Clone(rest), i, i+1)
			break
		}
	}
	cfg, extra, err := config.Parse("import startups", rest, nil, func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "check every row and store nothing")
		fs.StringVar(&lang, "lang", "en", "language of the messages: ko, zh or en")
	})
	if err != nil {
		return err
	}
	if file == "" && len(extra) == 1 {
		file = extra[0]
	}
	if file == "" {
		return errors.New(importUsage)
	}
	if !i18n.Supported(lang) {
		return fmt.Errorf("--lang %q: want ko, zh or en", lang)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	tab, err := sheet.Read(file, data, directory.IsKnownHeader)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if len(tab.Rows) == 0 {
		return fmt.Errorf("%s: no rows below the header", file)
	}
	log := newLogger(stderr, cfg.LogFormat, cfg.LogLevel)
	db, err := openStore(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	store := directory.NewStore(db)
	mapping := directory.GuessMapping(tab.Header)
	cat := i18n.MustLoad()
	printf(stdout, "%s: %d rows (%s, header of %d row(s))\n", file, len(tab.Rows), tab.Encoding, tab.HeaderRows)
	for i, h := range tab.Header {
		field := mapping[i]
		if field == "" {
			field = "(ignored)"
		}
		printf(stdout, "  column %-3d %-28q → %s\n", i+1, h, field)
	}
	var rep *directory.ImportReport
	var ids []int64
	if dryRun {
		rep, err = store.PrepareImport(ctx, tab, mapping)
	} else {
		ids, rep, err = store.CommitImport(ctx, nil, tab, mapping)
	}
	if rep != nil {
		for _, p := range rep.Problems {
			var args []any
			for k, v := range p.Args {
				args = append(args, k, v)
			}
			printf(stdout, "  row %d, %s: %s\n", p.Line, p.Column, cat.Text(lang, p.Key, args...))
		}
	}
	switch {
	case errors.Is(err, directory.ErrImportRefused) || (err == nil && dryRun && !rep.OK()):
		return fmt.Errorf("%d problems in %s; nothing was stored", len(rep.Problems), file)
	case err != nil:
		return err
	case dryRun:
		printf(stdout, "dry run: all %d rows can be imported; nothing was stored\n", len(rep.Inputs))
	default:
		printf(stdout, "imported %d start-ups (ids %d–%d)\n", len(ids), ids[0], ids[len(ids)-1])
	}
	return nil
}
