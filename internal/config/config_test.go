package config_test

import (
	"testing"

	"startbridge/internal/config"
)

func envOf(m map[string]string) config.Env { return func(k string) string { return m[k] } }

func TestFlagsOverrideEnvironment(t *testing.T) {
	c, rest, err := config.Parse("serve", []string{"--addr", "0.0.0.0:9000", "extra"},
		envOf(map[string]string{"STARTBRIDGE_ADDR": "127.0.0.1:1", "DATABASE_URL": "postgres://db/x"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || c.DB != "postgres://db/x" || len(rest) != 1 {
		t.Errorf("config = %+v, rest = %v", c, rest)
	}
}

func TestStartbridgeDBBeatsDatabaseURL(t *testing.T) {
	c, _, err := config.Parse("serve", nil, envOf(map[string]string{"STARTBRIDGE_DB": "a.db", "DATABASE_URL": "postgres://db/x"}), nil)
	if err != nil || c.DB != "a.db" {
		t.Errorf("db = %q, %v", c.DB, err)
	}
}

func TestValidateRefusesNonsense(t *testing.T) {
	for _, args := range [][]string{
		{"--addr", "nohostport"},
		{"--log-format", "xml"},
		{"--tls-cert", "c.pem"},
		{"--base-url", "ftp://x"},
	} {
		if _, _, err := config.Parse("serve", args, envOf(nil), nil); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
