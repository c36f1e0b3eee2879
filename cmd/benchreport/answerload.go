package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The answers section measures what a viral article sends: a sustained load
// of new answers, every one from a reader the store has not seen, while
// readers' pages read the stats. For each store and number of answers
// already stored, bin/fivecalls serve (--rate-limit 0, a fresh copy of the
// fixture) takes
//
//	wrk -t2 -c64 -d20s --latency -s answers.lua URL -- STORY QUESTIONS
//
// (POST /api/answers, random reader token and answer id, random question
// and choice of the default story: answers.lua) while another client reads
// GET /api/stats ten times a second. The section runs every store and size
// one after the other, loadRounds times, and reports medians; the ratio of
// 1M to 0 stored is the median of each round's ratio, two runs measured
// back to back.

//go:embed answers.lua
var answersLua []byte

const (
	loadThreads     = 2
	loadConnections = 64
	loadDuration    = 20 * time.Second
	statsInterval   = 100 * time.Millisecond // ten reads a second
	loadRounds      = 3
	// loadBudget bounds the section: the fixtures (about three minutes for
	// 10M on 2 CPUs) and loadRounds × five runs of about 30 s.
	loadBudget = 25 * time.Minute
)

// loadArgs is how the table names the load.
var loadArgs = fmt.Sprintf("wrk -t%d -c%d -d%s", loadThreads, loadConnections, loadDuration)

// loadRun is one store and number of stored answers.
type loadRun struct {
	store  string // "SQLite" or "PostgreSQL"
	stored int
	key    string // of its rows in .bench/last.json
}

var defaultLoadRuns = []loadRun{
	{"SQLite", 0, "sqlite.0"},
	{"SQLite", 1_000_000, "sqlite.1m"},
	{"SQLite", 10_000_000, "sqlite.10m"},
	{"PostgreSQL", 0, "postgres.0"},
	{"PostgreSQL", 1_000_000, "postgres.1m"},
}

// loadRunsFrom reads FIVECALLS_BENCH_LOAD, which chooses fewer runs while
// working on the stores, e.g. "sqlite=0,1M postgres=" (no PostgreSQL);
// empty, every run. FIVECALLS_BENCH_LOAD_ROUNDS sets the rounds.
func loadRunsFrom(env string) ([]loadRun, error) {
	if strings.TrimSpace(env) == "" {
		return defaultLoadRuns, nil
	}
	var runs []loadRun
	for _, field := range strings.Fields(env) {
		db, list, ok := strings.Cut(field, "=")
		store := map[string]string{"sqlite": "SQLite", "postgres": "PostgreSQL"}[db]
		if !ok || store == "" {
			return nil, fmt.Errorf("FIVECALLS_BENCH_LOAD: %q is not sqlite=… or postgres=…", field)
		}
		for _, size := range strings.Split(list, ",") {
			if size == "" {
				continue
			}
			i := slices.IndexFunc(defaultLoadRuns, func(r loadRun) bool { return r.store == store && countLabel(r.stored) == size })
			if i < 0 {
				return nil, fmt.Errorf("FIVECALLS_BENCH_LOAD: %s has no size %q (0, 1M or 10M)", db, size)
			}
			runs = append(runs, defaultLoadRuns[i])
		}
	}
	return runs, nil
}

func (l loadRun) label() string { return fmt.Sprintf("%s, %s stored", l.store, countLabel(l.stored)) }

// loadResult is what one run measured.
type loadResult struct {
	rps, p50, p99 float64 // answers/s; latencies in ms
	requests      int     // completed by wrk
	non2xx        int
	socketErrors  string
	statsP99      float64 // ms
	statsReads    int
	statsErrors   int
	readyMS       float64 // from the server's start to its first 200 on /healthz (the store opened, migrated)
	firstStatsMS  float64 // the first GET /api/stats after the start
	stored        int64   // answers the stats count after the load
}

// measureAnswers runs the load on every store and size; see above. The
// section has its own budget (the fixtures alone can take longer than what
// is left of the run's). Interrupted (Ctrl-C or SIGTERM), it stops the load
// and removes its files and databases, which take gigabytes, before the
// signal ends the run as it would have without this section.
func measureAnswers(ctx context.Context, r *report) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), loadBudget)
	defer cancel()
	ctx, interrupt := context.WithCancelCause(ctx)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-signals:
			logf("answers: %v: stopping the load and removing what it made", s)
			interrupt(interruptedBy{s})
		case <-done:
		}
	}()
	measureAnswerLoad(ctx, r)
	close(done)
	signal.Stop(signals)
	var by interruptedBy
	if errors.As(context.Cause(ctx), &by) {
		logf("answers: everything it made is removed")
		if s, ok := by.signal.(syscall.Signal); ok {
			syscall.Kill(os.Getpid(), s) // the default action, now that no one listens
		}
		// Reached only when the signal is ignored (a background job's SIGINT).
		time.Sleep(time.Second)
		os.Exit(130)
	}
}

// interruptedBy is the cause of the section's end when a signal stopped it.
type interruptedBy struct{ signal os.Signal }

func (i interruptedBy) Error() string { return "interrupted by " + i.signal.String() }

func measureAnswerLoad(ctx context.Context, r *report) {
	const g = "7 Answers"
	loadRuns, err := loadRunsFrom(os.Getenv("FIVECALLS_BENCH_LOAD"))
	if err != nil {
		r.fail(g, "load", "POST /api/answers", "", err.Error())
		return
	}
	rounds := loadRounds
	if v, err := strconv.Atoi(os.Getenv("FIVECALLS_BENCH_LOAD_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	failAll := func(why string) {
		for _, run := range loadRuns {
			r.fail(g, "load."+run.key+".rps", "POST /api/answers, "+run.label(), "", why)
		}
	}
	wrk, err := ensureTool(ctx, "wrk", "wrk")
	if err != nil {
		failAll(err.Error())
		return
	}
	bin, err := filepath.Abs(filepath.Join("bin", "fivecalls"))
	if err == nil && !fileExists(bin) {
		err = errors.New("bin/fivecalls is missing (make build)")
	}
	if err != nil {
		failAll(err.Error())
		return
	}
	q, err := defaultQuiz()
	if err != nil {
		failAll(err.Error())
		return
	}
	work, err := os.MkdirTemp("", "benchreport-answers-")
	if err != nil {
		failAll(err.Error())
		return
	}
	defer os.RemoveAll(work)
	script := filepath.Join(work, "answers.lua")
	if err := os.WriteFile(script, answersLua, 0o644); err != nil {
		failAll(err.Error())
		return
	}

	// The fixtures, once.
	sqliteFixtures := map[int]string{}
	pgFixtures := map[int]*pgFixture{}
	fixtureErr := map[loadRun]error{}
	pgAdmin := postgresDSN()
	for _, run := range loadRuns {
		if run.stored == 0 {
			continue
		}
		t0 := time.Now()
		switch run.store {
		case "SQLite":
			path := filepath.Join(work, fmt.Sprintf("fixture-%s.db", countLabel(run.stored)))
			fixtureErr[run] = buildSQLiteFixture(ctx, path, q, run.stored)
			sqliteFixtures[run.stored] = path
		case "PostgreSQL":
			if pgAdmin == "" {
				continue
			}
			f, err := buildPostgresFixture(ctx, pgAdmin, q, run.stored)
			if err == nil {
				pgFixtures[run.stored] = f
				defer f.drop()
			}
			fixtureErr[run] = err
		}
		if err := fixtureErr[run]; err != nil {
			logf("answers: %s fixture of %s answers: %v", run.store, countLabel(run.stored), err)
		} else {
			logf("answers: %s fixture of %s answers built in %s", run.store, countLabel(run.stored), time.Since(t0).Round(time.Second))
		}
	}

	results := map[loadRun][]loadResult{}
	runErr := map[loadRun][]error{}
	ratios := map[loadRun][]float64{} // per round, the run's rate over its store's with 0 stored
	var loads []float64               // the load average before each run: other work on the machine
	for round := range rounds {
		rps := map[loadRun]float64{}
		for _, run := range loadRuns {
			if ctx.Err() != nil {
				break
			}
			if err := fixtureErr[run]; err != nil {
				runErr[run] = append(runErr[run], fmt.Errorf("fixture: %w", err))
				continue
			}
			if run.store == "PostgreSQL" && pgAdmin == "" {
				runErr[run] = append(runErr[run], errors.New("no PostgreSQL: set FIVECALLS_TEST_POSTGRES or run .ci/setup"))
				continue
			}
			if l, err := strconv.ParseFloat(loadAverage(), 64); err == nil {
				loads = append(loads, l)
			}
			res, err := runLoad(ctx, bin, wrk, script, work, q, run, sqliteFixtures[run.stored], pgFixtures[run.stored], pgAdmin)
			if err != nil {
				runErr[run] = append(runErr[run], err)
				logf("answers: round %d, %s: %v", round+1, run.label(), err)
				continue
			}
			logf("answers: round %d, %s: %.0f/s, p50 %.1f ms, p99 %.1f ms (load average %s)", round+1, run.label(), res.rps, res.p50, res.p99, loadAverage())
			results[run] = append(results[run], res)
			rps[run] = res.rps
		}
		for run, ratio := range ratiosToEmpty(rps) {
			ratios[run] = append(ratios[run], ratio)
		}
	}

	n := r.note("The answers load: `bin/fivecalls serve --rate-limit 0` on 127.0.0.1 with a fresh copy of a database holding that many answers of the default story "+
		"(readers with random 22-character tokens who answered every question, with random answer ids, stored in random order: on SQLite with SQL, then counted by the store's recount; "+
		"on PostgreSQL through the store's Import, then VACUUM ANALYZE and CHECKPOINT); "+
		"`%s --latency -s answers.lua` POSTing new answers to /api/answers, each with a random reader token and answer id for a random question and choice of the story "+
		"(cmd/benchreport/answers.lua), while another client reads GET /api/stats %d times a second. Every store and size in turn, %d rounds; the figures are medians, "+
		"and the ratio to 0 stored is the median of the rounds' ratios, each of two runs of the same round. Latency is wrk's, per request. "+
		"The load itself takes most of the machine's CPU (wrk shares it with the server); the 1-minute load average before each run was %s.",
		loadArgs, time.Second/statsInterval, rounds, loadRange(loads))
	for _, run := range loadRuns {
		reportLoad(r, g, run, results[run], ratios[run], runErr[run], n)
	}
}

// ratiosToEmpty divides the rate of each run with answers stored by its
// store's rate with none, both of one round.
func ratiosToEmpty(rps map[loadRun]float64) map[loadRun]float64 {
	ratios := map[loadRun]float64{}
	for run, v := range rps {
		for empty, e := range rps {
			if empty.store == run.store && empty.stored == 0 && run.stored > 0 && e > 0 {
				ratios[run] = v / e
			}
		}
	}
	return ratios
}

// reportLoad adds the rows of one store and size.
func reportLoad(r *report, g string, run loadRun, res []loadResult, ratios []float64, errs []error, note string) {
	rateName := fmt.Sprintf("POST /api/answers stored/s, %s (%s, stats read 10/s) %s", run.label(), loadArgs, note)
	p99Name := fmt.Sprintf("POST /api/answers p99, %s", run.label())
	firstName := fmt.Sprintf("first GET /api/stats after a restart, %s", run.label())
	rateTarget, p99Target, firstTarget := "", "", ""
	if run.store == "SQLite" {
		switch run.stored {
		case 0:
			rateTarget, p99Target = "≥ 10,000/s", "≤ 50 ms"
		case 1_000_000:
			rateTarget, p99Target = "≥ 0.9× with 0 stored", "≤ 50 ms"
		case 10_000_000:
			firstTarget = "≤ 20 ms"
		}
	}
	key := "load." + run.key
	if len(res) == 0 {
		why := "no result"
		if len(errs) > 0 {
			why = errs[0].Error()
		}
		r.fail(g, key+".rps", rateName, rateTarget, why)
		r.fail(g, key+".p99", p99Name, p99Target, why)
		r.fail(g, key+".firststats", firstName, firstTarget, why)
		return
	}
	med := func(f func(loadResult) float64) float64 {
		vs := make([]float64, len(res))
		for i, x := range res {
			vs[i] = f(x)
		}
		return median(vs)
	}
	rps, p50, p99 := med(func(x loadResult) float64 { return x.rps }), med(func(x loadResult) float64 { return x.p50 }), med(func(x loadResult) float64 { return x.p99 })
	var problems []string
	for _, x := range res {
		if x.non2xx > 0 {
			problems = append(problems, fmt.Sprintf("%d non-2xx", x.non2xx))
		}
		if x.socketErrors != "" {
			problems = append(problems, x.socketErrors)
		}
		if x.statsErrors > 0 {
			problems = append(problems, fmt.Sprintf("%d stats reads failed", x.statsErrors))
		}
	}
	text := fmt.Sprintf("%s (p50 %s; stats p99 %s over %.0f reads)", perSec(rps), ms(p50), ms(med(func(x loadResult) float64 { return x.statsP99 })), med(func(x loadResult) float64 { return float64(x.statsReads) }))
	if len(errs) > 0 {
		problems = append(problems, fmt.Sprintf("%d of %d runs failed (%v)", len(errs), len(errs)+len(res), errs[0]))
	}
	ok := len(problems) == 0
	switch {
	case run.stored == 0:
		ok = ok && rps >= 10000
	case len(ratios) > 0:
		ratio := median(ratios)
		var each []string
		for _, x := range ratios {
			each = append(each, fmt.Sprintf("%.2f×", x))
		}
		text += fmt.Sprintf(", %.2f× with 0 stored (rounds: %s)", ratio, strings.Join(each, ", "))
		ok = ok && ratio >= 0.9
	default:
		ok = false
	}
	if len(problems) > 0 {
		text += "; " + strings.Join(slices.Compact(problems), ", ")
	}
	r.add(g, key+".rps", rateName, rps, text, rateTarget, ok)
	r.add(g, key+".p99", p99Name, p99, ms(p99)+fmt.Sprintf(" (p50 %s)", ms(p50)), p99Target, p99 <= 50)
	first := med(func(x loadResult) float64 { return x.firstStatsMS })
	r.add(g, key+".firststats", firstName, first, ms(first)+fmt.Sprintf(" (server ready %s after its start)", ms(med(func(x loadResult) float64 { return x.readyMS }))), firstTarget, first <= 20)
}

// runLoad measures one store and size: a fresh copy of its fixture, the
// server, the load, and everything removed afterwards.
func runLoad(ctx context.Context, bin, wrk, script, work string, q *loadQuiz, run loadRun, sqliteFixture string, pg *pgFixture, pgAdmin string) (res loadResult, err error) {
	dir, err := os.MkdirTemp(work, "run-")
	if err != nil {
		return res, err
	}
	var dsn string
	switch {
	case run.store == "SQLite":
		path := filepath.Join(dir, "answers.db")
		dsn = "sqlite:" + path
		if run.stored > 0 {
			if err := copyFileSync(sqliteFixture, path); err != nil {
				os.RemoveAll(dir)
				return res, err
			}
		}
	case run.stored == 0:
		var drop func()
		if dsn, drop, err = emptyPostgres(ctx, pgAdmin); err != nil {
			os.RemoveAll(dir)
			return res, err
		}
		defer drop()
	default:
		var drop func()
		if dsn, drop, err = pg.copy(ctx); err != nil {
			os.RemoveAll(dir)
			return res, err
		}
		defer drop()
	}
	srv, ready, err := startLoadServer(ctx, bin, dir, dsn)
	if err != nil {
		return res, err
	}
	defer srv.stop() // and removes dir
	res.readyMS = ms64(ready)

	statsURL := srv.url + "/api/stats?story=" + q.catalog.Story()
	t0 := time.Now()
	first, err := readAnswerStats(ctx, statsURL)
	res.firstStatsMS = ms64(time.Since(t0))
	if err != nil {
		return res, fmt.Errorf("first GET /api/stats: %w", err)
	}
	if first != int64(run.stored) {
		return res, fmt.Errorf("the stats count %d answers before the load, want the %d stored", first, run.stored)
	}

	stop := make(chan struct{})
	var poller sync.WaitGroup
	var statsLatencies []time.Duration
	poller.Go(func() {
		tick := time.NewTicker(statsInterval)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				t0 := time.Now()
				if _, err := readAnswerStats(ctx, statsURL); err != nil {
					res.statsErrors++
				} else {
					statsLatencies = append(statsLatencies, time.Since(t0))
				}
			}
		}
	})
	out, werr := runAnswersWrk(ctx, wrk, script, srv.url, q)
	close(stop)
	poller.Wait()
	if werr != nil {
		return res, werr
	}
	if err := parseAnswersWrk(out, &res); err != nil {
		return res, err
	}
	res.statsReads = len(statsLatencies)
	res.statsP99 = percentile(statsLatencies, 99)

	// Every answer acknowledged is counted once the stats are read again
	// (they are cached for a second).
	time.Sleep(1100 * time.Millisecond)
	if res.stored, err = readAnswerStats(ctx, statsURL); err != nil {
		return res, fmt.Errorf("GET /api/stats after the load: %w%s", err, srv.exited())
	}
	if acked := int64(run.stored + res.requests - res.non2xx); res.stored < acked {
		return res, fmt.Errorf("the stats count %d answers after the load, fewer than the %d stored and acknowledged", res.stored, acked)
	}
	return res, nil
}

// startLoadServer runs bin/fivecalls serve on dsn with the rate limit off,
// logging JSON to a file in dir, as in production. It returns once /healthz
// answers, and how long that took.
func startLoadServer(ctx context.Context, bin, dir, dsn string) (*server, time.Duration, error) {
	port, err := freePort()
	if err != nil {
		os.RemoveAll(dir)
		return nil, 0, err
	}
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, 0, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--rate-limit", "0", "--log-format", "json", "--db", dsn)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		logFile.Close()
		os.RemoveAll(dir)
		return nil, 0, err
	}
	s := &server{url: "http://" + addr, cmd: cmd, dir: dir, done: make(chan struct{})}
	go func() { cmd.Wait(); logFile.Close(); close(s.done) }()
	deadline := time.Now().Add(2 * time.Minute) // a migration of 10M answers takes a while
	for time.Now().Before(deadline) && ctx.Err() == nil {
		select {
		case <-s.done:
			b, _ := os.ReadFile(logFile.Name())
			os.RemoveAll(dir)
			return nil, 0, fmt.Errorf("bin/fivecalls serve exited at start: %s", lastLine(string(b)))
		default:
		}
		if res, err := http.Get(s.url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, time.Since(t0), nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.stop()
	return nil, 0, fmt.Errorf("no answer on %s/healthz", s.url)
}

// exited says, when the server is no longer running, how it ended, with
// the last line it logged.
func (s *server) exited() string {
	select {
	case <-s.done:
		b, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		return fmt.Sprintf(" (the server exited: %v; its last line: %s)", s.cmd.ProcessState, lastLine(string(b)))
	default:
		return ""
	}
}

// runAnswersWrk runs the load and returns wrk's report.
func runAnswersWrk(ctx context.Context, wrk, script, url string, q *loadQuiz) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, loadDuration+30*time.Second)
	defer cancel()
	var spec []string
	for _, qs := range q.questions {
		spec = append(spec, qs.ID+":"+strings.Join(qs.Choices, "|"))
	}
	args := []string{fmt.Sprintf("-t%d", loadThreads), fmt.Sprintf("-c%d", loadConnections), fmt.Sprintf("-d%ds", int(loadDuration.Seconds())),
		"--latency", "-s", script, url, "--", q.catalog.Story(), strings.Join(spec, ",")}
	out, err := exec.CommandContext(ctx, wrk, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("wrk: %v: %s", err, lastLine(string(out)))
	}
	return string(out), nil
}

// readAnswerStats reads GET /api/stats and returns how many answers it counts.
func readAnswerStats(ctx context.Context, url string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		io.Copy(io.Discard, res.Body)
		return 0, fmt.Errorf("status %d", res.StatusCode)
	}
	var st struct {
		Answers int64 `json:"answers"`
	}
	err = json.NewDecoder(res.Body).Decode(&st)
	return st.Answers, err
}

// copyFileSync copies a fixture and syncs the copy: otherwise the kernel
// writes it back during the load, and the store's fsyncs wait behind it.
func copyFileSync(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func percentile(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ms64(ds[(len(ds)-1)*p/100])
}

func ms64(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// loadRange writes the lowest and highest load average, e.g. "0.8–3.1".
func loadRange(loads []float64) string {
	if len(loads) == 0 {
		return "not read"
	}
	return fmt.Sprintf("%.1f–%.1f", slices.Min(loads), slices.Max(loads))
}

// countLabel writes 0, 1M, 10M.
func countLabel(n int) string {
	if n >= 1_000_000 && n%1_000_000 == 0 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return group3(int64(n))
}
