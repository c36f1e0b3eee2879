package main

import (
	"errors"
	"strings"
	"testing"
)

// loadRunOf finds a run of the default list by its key.
func loadRunOf(t *testing.T, key string) loadRun {
	t.Helper()
	for _, run := range defaultLoadRuns {
		if run.key == key {
			return run
		}
	}
	t.Fatalf("no run %q", key)
	return loadRun{}
}

// The verdicts of the answers section on figures like those of a busy
// machine: SQLite with nothing stored under 10,000/s, 1M at 0.88× of it, a
// slow first stats read at 10M; PostgreSQL is context, without targets.
// Each verdict turns if its comparison in reportLoad is reversed or dropped.
func TestLoadVerdicts(t *testing.T) {
	r := &report{}
	res := func(rps, p99, first float64) []loadResult {
		return []loadResult{{rps: rps, p50: 1, p99: p99, firstStatsMS: first, statsReads: 200}}
	}
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.0"), res(7246, 39.06, 0.9), nil, nil, "")
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.1m"), res(6364, 61.2, 1.1), []float64{0.91, 0.88, 0.85}, nil, "")
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.10m"), res(6000, 45, 25), nil, nil, "")
	reportLoad(r, "7 Answers", loadRunOf(t, "postgres.0"), res(3000, 80, 2), nil, nil, "")
	reportLoad(r, "7 Answers", loadRunOf(t, "postgres.1m"), nil, nil, []error{errors.New("fixture: no PostgreSQL")}, "")
	wantStatus(t, r, map[string]status{
		"load.sqlite.0.rps":          notMet, // 7,246/s < 10,000/s
		"load.sqlite.0.p99":          met,    // 39.06 ms ≤ 50 ms
		"load.sqlite.0.firststats":   info,
		"load.sqlite.1m.rps":         notMet, // median of the rounds 0.88× < 0.9×
		"load.sqlite.1m.p99":         notMet, // 61.2 ms > 50 ms
		"load.sqlite.10m.firststats": notMet, // 25 ms > 20 ms
		"load.postgres.0.rps":        info,
		"load.postgres.0.p99":        info,
		"load.postgres.1m.rps":       missing,
		"load.postgres.1m.p99":       missing,
	})
	if f := figureByKey(t, r, "load.sqlite.1m.rps"); !strings.Contains(f.Text, "6,364/s") || !strings.Contains(f.Text, "0.88× with 0 stored (rounds: 0.91×, 0.88×, 0.85×)") {
		t.Errorf("1M row = %q", f.Text)
	}
	if f := figureByKey(t, r, "load.postgres.1m.rps"); !strings.Contains(f.Text, "no PostgreSQL") {
		t.Errorf("a run that failed says why: %q", f.Text)
	}
}

// Every target met, and then the same figures with one answer refused: the
// rate is not met however high it is, since an answer was lost to the load.
func TestLoadVerdictsMetAndRefused(t *testing.T) {
	r := &report{}
	good := []loadResult{{rps: 12000, p50: 2, p99: 25, firstStatsMS: 1}}
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.0"), good, nil, nil, "")
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.1m"), good, []float64{0.95, 0.97, 0.93}, nil, "")
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.10m"), good, nil, nil, "")
	for _, f := range r.figures {
		if f.Status == notMet || f.Status == missing {
			t.Errorf("%s: %s %q", f.Key, statusName(f.Status), f.Text)
		}
	}
	if len(r.figures) != 9 {
		t.Errorf("%d rows, want 3 for each of 3 runs", len(r.figures))
	}

	r = &report{}
	refused := []loadResult{{rps: 12000, p50: 2, p99: 25, firstStatsMS: 1, non2xx: 1}}
	reportLoad(r, "7 Answers", loadRunOf(t, "sqlite.0"), refused, nil, nil, "")
	wantStatus(t, r, map[string]status{"load.sqlite.0.rps": notMet})
	if f := figureByKey(t, r, "load.sqlite.0.rps"); !strings.Contains(f.Text, "1 non-2xx") {
		t.Errorf("refused row = %q", f.Text)
	}
}

// Each size is divided by its own store's rate with nothing stored: the
// 10M row once showed the 1M ratio.
func TestRatiosToEmpty(t *testing.T) {
	got := ratiosToEmpty(map[loadRun]float64{
		loadRunOf(t, "sqlite.0"): 10000, loadRunOf(t, "sqlite.1m"): 9000, loadRunOf(t, "sqlite.10m"): 5000,
		loadRunOf(t, "postgres.0"): 8000, loadRunOf(t, "postgres.1m"): 8000,
	})
	want := map[string]float64{"sqlite.1m": 0.9, "sqlite.10m": 0.5, "postgres.1m": 1}
	if len(got) != len(want) {
		t.Errorf("ratios %v, want %v", got, want)
	}
	for run, ratio := range got {
		if ratio != want[run.key] {
			t.Errorf("%s: %v, want %v", run.key, ratio, want[run.key])
		}
	}
	// Without its store's empty run, a size has no ratio.
	if got := ratiosToEmpty(map[loadRun]float64{loadRunOf(t, "sqlite.1m"): 9000, loadRunOf(t, "postgres.0"): 8000}); len(got) != 0 {
		t.Errorf("ratios without SQLite's empty run: %v", got)
	}
}
