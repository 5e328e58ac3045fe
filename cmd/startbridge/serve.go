package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"time"

	"startbridge/internal/app"
	"startbridge/internal/config"
	"startbridge/internal/directory"
	"startbridge/internal/i18n"
	"startbridge/internal/notify"
	"startbridge/internal/server"
)

// emailInterval is how often serve looks for emails due in the outbox.
const emailInterval = 15 * time.Second

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	cacheMB := directory.DefaultCacheBytes >> 20
	if v := os.Getenv("STARTBRIDGE_DIRECTORY_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("STARTBRIDGE_DIRECTORY_CACHE_MB %q: want a number of megabytes, 0 for none", v)
		}
		cacheMB = n
	}
	residentIndex := os.Getenv("STARTBRIDGE_DIRECTORY_INDEX") != "off"
	smtpURL := os.Getenv("STARTBRIDGE_SMTP_URL")
	cfg, _, err := config.Parse("serve", args, nil, func(fs *flag.FlagSet) {
		fs.IntVar(&cacheMB, "directory-cache-mb", cacheMB,
			"memory for recent directory lists and searches, 0 for none (STARTBRIDGE_DIRECTORY_CACHE_MB)")
		fs.BoolVar(&residentIndex, "directory-index", residentIndex,
			"keep the search lists of common words in memory (STARTBRIDGE_DIRECTORY_INDEX=off to switch off)")
		fs.StringVar(&smtpURL, "smtp-url", smtpURL,
			"send emails through smtp://[user:password@]host[:port]?from=address; without it they are written to the log (STARTBRIDGE_SMTP_URL)")
	})
	if err != nil {
		return err
	}
	if cacheMB < 0 {
		return fmt.Errorf("directory-cache-mb %d: want 0 or more", cacheMB)
	}
	var mailer notify.Mailer
	if smtpURL != "" {
		m, err := notify.NewSMTPMailer(smtpURL)
		if err != nil {
			return fmt.Errorf("smtp-url: %w", err)
		}
		mailer = m
	}
	if cfg.MemoryLimitMB > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMB) << 20)
	}
	log := newLogger(stderr, cfg.LogFormat, cfg.LogLevel)
	catalog, err := i18n.Load()
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := app.New(db, catalog, log)
	svc.Directory.LimitCache(cacheMB << 20)
	if residentIndex {
		// The index is built in the background; searches use the
		// database's index until it is ready. The soft heap limit is for
		// the rest of the heap, so it grows by twice what the index holds
		// (the index and as much again for the collector's usual room,
		// without which it collects several times a second under load:
		// measured at a million start-ups, half the server's CPU); while
		// the index is built its size is unknown, and the limit is lifted
		// (collecting against a limit the index outgrows would take most
		// of the build's time).
		limit := cfg.MemoryLimitMB > 0 && os.Getenv("GOMEMLIMIT") == ""
		if limit {
			debug.SetMemoryLimit(math.MaxInt64)
		}
		svc.Directory.EnableResidentIndex(ctx, func(st directory.ResidentStats, took time.Duration, err error) {
			if limit {
				debug.SetMemoryLimit(int64(cfg.MemoryLimitMB)<<20 + 2*int64(st.Bytes))
			}
			if err != nil {
				log.Error("resident search index", "err", err)
				return
			}
			log.Info("resident search index ready", "startups", st.Profiles, "tokens", st.Tokens, "mb", st.Bytes>>20, "took", took.Round(time.Millisecond))
		})
	}
	email, password, created, err := svc.Auth.EnsureAdmin(ctx)
	if err != nil {
		return err
	}
	srv, err := server.New(cfg, svc)
	if err != nil {
		return err
	}
	// The email outbox is drained in the background, by every instance
	// (each email is claimed before it is sent).
	if mailer == nil {
		mailer = notify.LogMailer{Log: log}
	}
	go notify.NewStore(db).Drain(ctx, mailer, notify.Writer(catalog, cfg.PublicURL()), emailInterval, log)
	return srv.Run(ctx, func(addr string) {
		url := cfg.PublicURL()
		if cfg.BaseURL == "" {
			url = "http://" + addr
			if cfg.TLS() {
				url = "https://" + addr
			}
		}
		printf(stdout, "startbridge is ready at %s (%s, %s)\n", url, db.Dialect(), time.Since(start).Round(time.Millisecond))
		if created {
			printf(stdout, "\nNo admin existed, so one was created. Sign in once with\n  email:    %s\n  password: %s\nand change the password on your profile page. It is not shown again.\n\n", email, password)
		}
		log.Info("listening", "addr", addr, "db", db.Dialect())
	})
}
