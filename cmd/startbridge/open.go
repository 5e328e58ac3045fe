package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"startbridge/internal/database"
	"startbridge/internal/partner"
)

// openStore connects, applies pending migrations and creates the founding
// data, which every command that touches the store wants.
func openStore(ctx context.Context, source string, log *slog.Logger) (*database.DB, error) {
	db, err := database.Open(ctx, source)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	seeded, err := partner.SeedFounding(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	log.Debug("store open", "dialect", db.Dialect(), "migrations_applied", applied, "founding_rows_created", seeded)
	return db, nil
}

func printf(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }
