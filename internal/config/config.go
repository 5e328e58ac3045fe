// Package config turns flags and environment variables into one validated
// Config, loaded in main and passed down.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything a startbridge command can be told.
type Config struct {
	// Addr is where serve listens.
	Addr string
	// DB is a SQLite file path or a postgres:// URL.
	DB string
	// BaseURL is the public address, used in links sent out (calendar feeds,
	// email). Empty means http://Addr.
	BaseURL string
	// LogFormat is "text" or "json".
	LogFormat string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// TLSCert and TLSKey make serve speak HTTPS (and mark cookies Secure).
	TLSCert, TLSKey string
	// TrustProxy takes the client address from X-Forwarded-For, for
	// instances behind a load balancer.
	TrustProxy bool
	// ShutdownTimeout bounds how long serve waits for requests in flight.
	ShutdownTimeout time.Duration
	// MemoryLimitMB is the soft limit of the Go heap serve keeps to (the
	// garbage collector works harder near it); 0 leaves it to GOMEMLIMIT.
	MemoryLimitMB int
}

// Env reads environment variables; tests pass a map-backed one.
type Env func(string) string

// Parse reads the common flags of every subcommand from args, with
// defaults from the environment (STARTBRIDGE_ADDR, STARTBRIDGE_DB or
// DATABASE_URL, …), and returns the remaining arguments.
func Parse(name string, args []string, env Env, extra func(*flag.FlagSet)) (Config, []string, error) {
	if env == nil {
		env = os.Getenv
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var c Config
	dbDefault := first(env("STARTBRIDGE_DB"), env("DATABASE_URL"), "startbridge.db")
	fs.StringVar(&c.Addr, "addr", first(env("STARTBRIDGE_ADDR"), "127.0.0.1:8080"), "address to listen on (STARTBRIDGE_ADDR)")
	fs.StringVar(&c.DB, "db", dbDefault, "SQLite file or postgres:// URL (STARTBRIDGE_DB, DATABASE_URL)")
	fs.StringVar(&c.BaseURL, "base-url", env("STARTBRIDGE_BASE_URL"), "public URL of the site (STARTBRIDGE_BASE_URL)")
	fs.StringVar(&c.LogFormat, "log-format", first(env("STARTBRIDGE_LOG_FORMAT"), "text"), "text or json (STARTBRIDGE_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", first(env("STARTBRIDGE_LOG_LEVEL"), "info"), "debug, info, warn or error (STARTBRIDGE_LOG_LEVEL)")
	fs.StringVar(&c.TLSCert, "tls-cert", env("STARTBRIDGE_TLS_CERT"), "TLS certificate file (STARTBRIDGE_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", env("STARTBRIDGE_TLS_KEY"), "TLS key file (STARTBRIDGE_TLS_KEY)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", env("STARTBRIDGE_TRUST_PROXY") == "true", "trust X-Forwarded-For from a load balancer (STARTBRIDGE_TRUST_PROXY)")
	shutdown := first(env("STARTBRIDGE_SHUTDOWN_TIMEOUT"), "15s")
	d, err := time.ParseDuration(shutdown)
	if err != nil {
		return c, nil, fmt.Errorf("STARTBRIDGE_SHUTDOWN_TIMEOUT: %w", err)
	}
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", d, "wait this long for requests in flight on SIGTERM (STARTBRIDGE_SHUTDOWN_TIMEOUT)")
	memory, err := strconv.Atoi(first(env("STARTBRIDGE_MEMORY_LIMIT_MB"), "72"))
	if err != nil {
		return c, nil, fmt.Errorf("STARTBRIDGE_MEMORY_LIMIT_MB: want a number of megabytes: %w", err)
	}
	fs.IntVar(&c.MemoryLimitMB, "memory-limit-mb", memory, "soft limit of the heap in MB, 0 for none (STARTBRIDGE_MEMORY_LIMIT_MB)")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return c, nil, err
	}
	return c, fs.Args(), c.Validate()
}

// Validate checks the configuration before anything starts.
func (c Config) Validate() error {
	var problems []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		problems = append(problems, fmt.Errorf("addr %q: want host:port", c.Addr))
	}
	if strings.TrimSpace(c.DB) == "" {
		problems = append(problems, errors.New("db: give a SQLite file or a postgres:// URL"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		problems = append(problems, fmt.Errorf("log-format %q: want text or json", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, fmt.Errorf("log-level %q: want debug, info, warn or error", c.LogLevel))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		problems = append(problems, errors.New("tls-cert and tls-key go together"))
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		problems = append(problems, fmt.Errorf("base-url %q: want http:// or https://", c.BaseURL))
	}
	if c.MemoryLimitMB < 0 {
		problems = append(problems, fmt.Errorf("memory-limit-mb %d: want 0 or more", c.MemoryLimitMB))
	}
	return errors.Join(problems...)
}

// TLS reports whether serve speaks HTTPS.
func (c Config) TLS() bool { return c.TLSCert != "" }

// PublicURL is BaseURL, or the listen address as a URL.
func (c Config) PublicURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	scheme := "http"
	if c.TLS() {
		scheme = "https"
	}
	return scheme + "://" + c.Addr
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
