package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// answerRuns are the sub-benchmarks of BenchmarkAnswersLoad (app/server) that
// make bench runs: each store with 0 and 1M answers already stored, and
// SQLite with 10M.
var answerRuns = []struct {
	name  string // sub-benchmark, e.g. sqlite-1M
	store string // as the table names it
	size  string // stored answers, as the table names them
	key   string // of the row in .bench/last.json
}{
	{"sqlite-0", "SQLite", "0", "sqlite.0"},
	{"sqlite-1M", "SQLite", "1M", "sqlite.1m"},
	{"sqlite-10M", "SQLite", "10M", "sqlite.10m"},
	{"postgres-0", "PostgreSQL", "0", "postgres.0"},
	{"postgres-1M", "PostgreSQL", "1M", "postgres.1m"},
}

// answersBudget bounds the answers section. Its first run also builds the
// 10M-answer SQLite fixture (through the store's Import, about a minute and a
// half) and keeps it in .bench/fixtures; later runs copy it.
const answersBudget = 20 * time.Minute

// answerRounds: the benchmark runs this many times, each time through every
// store and size, and the table shows medians: on this shared 2-CPU machine
// one run's figures swing by half, and the 1M/0 ratio compares two of them.
const answerRounds = 3

// measureAnswers: POST /api/answers with 64 clients and 50,000 answers, while
// GET /api/stats is read ten times a second, on each store with answers
// already stored; and the first stats request after the store opens on them.
// Each figure is the median of answerRounds runs.
func measureAnswers(ctx context.Context, r *report) {
	const g = "7 Answers"
	// The section has its own budget: building the 10M fixture alone can take
	// longer than what is left of the run's.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), answersBudget)
	defer cancel()

	sizes := "sqlite=0,1M,10M"
	dsn := postgresDSN()
	if dsn != "" {
		sizes += " postgres=0,1M"
		os.Setenv("FIVECALLS_TEST_POSTGRES", dsn)
	}
	os.Setenv("FIVECALLS_BENCH_SIZES", sizes)
	fixtures, _ := filepath.Abs(filepath.Join(".bench", "fixtures"))
	os.Setenv("FIVECALLS_BENCH_FIXTURES", fixtures)
	runs := map[string]map[string][]float64{} // sub-benchmark → metric → one value per round
	var err error
	for round := range answerRounds {
		deadline, _ := ctx.Deadline()
		res, _, rerr := goBench(ctx, time.Until(deadline), "./app/server", "^BenchmarkAnswersLoad$", "50000x")
		if rerr != nil {
			err = rerr
			logf("answers: round %d: %v", round+1, rerr)
		}
		for name, metrics := range res {
			if runs[name] == nil {
				runs[name] = map[string][]float64{}
			}
			for unit, v := range metrics {
				runs[name][unit] = append(runs[name][unit], v)
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	res := map[string]map[string]float64{}
	for name, metrics := range runs {
		res[name] = map[string]float64{}
		for unit, vs := range metrics {
			res[name][unit] = median(vs)
		}
	}

	empty := map[string]float64{} // answers/s with nothing stored, per store
	for _, run := range answerRuns {
		what := fmt.Sprintf("POST /api/answers stored/s, %s, %s stored (64 clients, 50,000 answers, stats read 10/s; median of %d runs)", run.store, run.size, answerRounds)
		p99 := fmt.Sprintf("POST /api/answers p99, %s, %s stored", run.store, run.size)
		first := fmt.Sprintf("first GET /api/stats after a restart, %s, %s stored", run.store, run.size)
		rpsKey, p99Key := "answers."+run.key+".rps", "answers."+run.key+".p99"
		if run.key == "sqlite.0" {
			rpsKey, p99Key = "answers.rps", "answers.p99" // the rows of earlier runs
		}
		rpsTarget, p99Target, firstTarget := "", "", ""
		switch run.size {
		case "0":
			if run.store == "SQLite" {
				rpsTarget, p99Target = "≥ 10,000/s", "≤ 25 ms"
			}
		case "1M":
			rpsTarget, p99Target = "≥ 0.9× with 0 stored", "≤ 25 ms"
		case "10M":
			firstTarget = "≤ 20 ms"
		}
		m := res["BenchmarkAnswersLoad/"+run.name]
		if m == nil {
			why := "no result"
			switch {
			case run.store == "PostgreSQL" && dsn == "":
				why = "no PostgreSQL: set FIVECALLS_TEST_POSTGRES or run make setup"
			case err != nil:
				why = err.Error()
			}
			r.fail(g, rpsKey, what, rpsTarget, why)
			r.fail(g, p99Key, p99, p99Target, why)
			r.fail(g, "stats.first."+run.key, first, firstTarget, why)
			continue
		}
		rps := m["answers/s"]
		text := perSec(rps) + fmt.Sprintf(" (stats p99 %s over %.0f reads)", ms(m["stats-p99-ms"]), m["stats-reads"])
		ok := false
		switch run.size {
		case "0":
			empty[run.store] = rps
			ok = rps >= 10000
		default:
			if e := empty[run.store]; e > 0 {
				text += fmt.Sprintf(", %.2f× with 0 stored", rps/e)
				ok = rps >= 0.9*e
			}
		}
		r.add(g, rpsKey, what, rps, text, rpsTarget, ok)
		r.add(g, p99Key, p99, m["p99-ms"], ms(m["p99-ms"]), p99Target, m["p99-ms"] <= 25)
		r.add(g, "stats.first."+run.key, first, m["first-stats-ms"], ms(m["first-stats-ms"])+fmt.Sprintf(" (store opened in %s)", ms(m["open-ms"])), firstTarget, m["first-stats-ms"] <= 20)
	}
}

func median(vs []float64) float64 {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	return vs[len(vs)/2]
}

// postgresDSN is the database the store tests use: FIVECALLS_TEST_POSTGRES,
// or the one .ci/setup wrote to .ci/env. Benchmarks work in a fresh schema
// of it, dropped afterwards.
func postgresDSN() string {
	if dsn := os.Getenv("FIVECALLS_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	f, err := os.Open(filepath.Join(".ci", "env"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "export FIVECALLS_TEST_POSTGRES="); ok {
			return strings.Trim(v, `'"`)
		}
	}
	return ""
}
