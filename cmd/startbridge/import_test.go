package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"startbridge/internal/database/dbtest"
)

func TestImportStartupsDryRunThenCommit(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			source := filepath.Join(t.TempDir(), "import.db")
			if engine == "postgres" {
				source = dbtest.Postgres(t).Source()
			}
			file := filepath.Join(t.TempDir(), "startups.csv")
			csv := "\ufeff회사명,영문명,지역,투자단계,분야,설립일\n" +
				"판교바이오랩,Pangyo BioLab,경기도,시리즈 A,바이오,2020-05-11\n" +
				"수원핀테크,Suwon Fintech,Gyeonggi,unicorn,핀테크,2021/02/15\n"
			os.WriteFile(file, []byte(csv), 0o600)
			var out bytes.Buffer
			err := run(t.Context(), []string{"import", "startups", file, "--dry-run", "--db", source}, &out, io.Discard)
			if err == nil || !strings.Contains(out.String(), "row 3, 투자단계: Choose one of idea") {
				t.Fatalf("dry run of a bad file: %v\n%s", err, out.String())
			}
			os.WriteFile(file, []byte(strings.Replace(csv, "unicorn", "seed", 1)), 0o600)
			out.Reset()
			if err := run(t.Context(), []string{"import", "startups", "--db", source, file}, &out, io.Discard); err != nil {
				t.Fatalf("import: %v\n%s", err, out.String())
			}
			if !strings.Contains(out.String(), "imported 2 start-ups") {
				t.Errorf("output:\n%s", out.String())
			}
			if err := run(t.Context(), []string{"import", "startups", file, "--db", source}, io.Discard, io.Discard); err == nil {
				t.Error("importing the same names twice was accepted")
			}
		})
	}
}
