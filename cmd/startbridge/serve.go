package main

import (
	"context"
	"io"
	"time"

	"startbridge/internal/app"
	"startbridge/internal/config"
	"startbridge/internal/i18n"
	"startbridge/internal/server"
)

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	start := time.Now()
	cfg, _, err := config.Parse("serve", args, nil, nil)
	if err != nil {
		return err
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
	email, password, created, err := svc.Auth.EnsureAdmin(ctx)
	if err != nil {
		return err
	}
	srv, err := server.New(cfg, svc)
	if err != nil {
		return err
	}
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
