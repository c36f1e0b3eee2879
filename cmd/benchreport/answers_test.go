package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeGoBench puts a go command first on PATH that prints the recorded
// benchmark output, with the name suffix go test would add for the -cpu
// it is given (the recording is from 2 CPUs): measureAnswers runs
// go test -bench itself.
func fakeGoBench(t *testing.T, recorded string) {
	t.Helper()
	out, err := filepath.Abs(filepath.Join("testdata", recorded))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := `#!/bin/sh
cpu=1
while [ $# -gt 0 ]; do
	if [ "$1" = -cpu ]; then cpu=$2; fi
	shift
done
suffix=-$cpu
[ "$cpu" = 1 ] && suffix=
sed -E "s/^(Benchmark[^[:space:]]*)-2([[:space:]])/\1$suffix\2/" '` + out + `'
`
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	// measureAnswers sets these for go test; t.Setenv restores them.
	t.Setenv("FIVECALLS_BENCH_SIZES", "")
	t.Setenv("FIVECALLS_BENCH_FIXTURES", "")
	t.Setenv("FIVECALLS_TEST_POSTGRES", "postgres://bench@127.0.0.1/none")
}

// The verdicts of the answers section on a recorded run from a busy
// machine: SQLite and PostgreSQL with nothing stored, SQLite with 1M.
func TestMeasureAnswersVerdicts(t *testing.T) {
	fakeGoBench(t, "gobench-answers.txt")
	r := &report{}
	measureAnswers(context.Background(), r)
	wantStatus(t, r, map[string]status{
		"answers.rps":             notMet, // 7,246/s < 10,000/s
		"answers.p99":             notMet, // 39.06 ms > 25 ms
		"stats.first.sqlite.0":    info,
		"answers.sqlite.1m.rps":   notMet, // 6,364/s is 0.88× of 7,246/s: < 0.9×
		"answers.sqlite.1m.p99":   notMet, // 38.61 ms
		"answers.postgres.0.rps":  info,   // no target with nothing stored on PostgreSQL
		"answers.sqlite.10m.rps":  missing,
		"stats.first.sqlite.10m":  missing,
		"answers.postgres.1m.rps": missing,
	})
	if f := figureByKey(t, r, "answers.sqlite.1m.rps"); !strings.Contains(f.Text, "6,364/s") || !strings.Contains(f.Text, "0.88× with 0 stored") {
		t.Errorf("1M row = %q", f.Text)
	}
	if f := figureByKey(t, r, "stats.first.sqlite.0"); f.Text != "0.9 ms (store opened in 3.8 ms)" {
		t.Errorf("first stats = %q", f.Text)
	}
}

// The same rows from the figures of the full run of 2026-12-01 (README,
// before docs/bench.md): every target met, the 10M SQLite first-stats
// target included.
func TestMeasureAnswersAllMet(t *testing.T) {
	fakeGoBench(t, "gobench-answers-2026-12-01.txt")
	r := &report{}
	measureAnswers(context.Background(), r)
	for _, f := range r.figures {
		if f.Status == notMet || f.Status == missing {
			t.Errorf("%s: %s %q", f.Key, statusName(f.Status), f.Text)
		}
	}
	wantStatus(t, r, map[string]status{"answers.rps": met, "answers.sqlite.1m.rps": met, "answers.postgres.1m.rps": met, "stats.first.sqlite.10m": met})
	if len(r.figures) != 15 {
		t.Errorf("%d rows, want 3 for each of 5 runs", len(r.figures))
	}
}
