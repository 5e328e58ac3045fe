// Command startbridge runs the cross-border growth platform: the server and
// its maintenance commands, all in one binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `startbridge — cross-border growth platform for start-ups

Usage:
  startbridge serve   [--addr 127.0.0.1:8080] [--db startbridge.db | --db postgres://…]
  startbridge migrate [--db …]
  startbridge seed    [--demo] [--scale N] [--db …]
  startbridge user create --email E --password P --role R [--institution ID|slug] [--name N]
  startbridge backup  FILE [--db …]
  startbridge restore FILE [--db …]
  startbridge import startups FILE.csv|FILE.xlsx [--dry-run] [--lang ko|zh|en] [--db …]
  startbridge version

Every flag has an environment variable: STARTBRIDGE_ADDR, STARTBRIDGE_DB (or
DATABASE_URL), STARTBRIDGE_BASE_URL, STARTBRIDGE_LOG_FORMAT, STARTBRIDGE_LOG_LEVEL,
STARTBRIDGE_TLS_CERT, STARTBRIDGE_TLS_KEY, STARTBRIDGE_TRUST_PROXY,
STARTBRIDGE_SHUTDOWN_TIMEOUT. Run "startbridge COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "startbridge:", err)
		}
		os.Exit(2)
	}
}

// run dispatches a command line; main only adds signals and the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, stdout, stderr)
	case "migrate":
		return migrate(ctx, rest, stdout, stderr)
	case "seed":
		return seed(ctx, rest, stdout, stderr)
	case "user":
		return user(ctx, rest, stdout, stderr)
	case "backup":
		return backupCmd(ctx, rest, stdout, stderr)
	case "restore":
		return restoreCmd(ctx, rest, stdout, stderr)
	case "import":
		return importCmd(ctx, rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "startbridge", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

func newLogger(w io.Writer, format, level string) *slog.Logger {
	var lv slog.Level
	lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
