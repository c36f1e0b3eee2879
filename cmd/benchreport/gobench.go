package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// goBench runs benchmarks of one package and returns their custom metrics
// by benchmark (without the -N suffix) and unit.
func goBench(ctx context.Context, timeout time.Duration, pkg, pattern, benchtime string) (map[string]map[string]float64, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// -cpu says what go test would choose anyway, so that the parser knows
	// the suffix it adds to each name (none for 1).
	procs := runtime.GOMAXPROCS(0)
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", pattern, "-benchtime", benchtime, "-count", "1",
		"-cpu", strconv.Itoa(procs), "-timeout", timeout.String(), pkg)
	cmd.Env = append(os.Environ(), "FIVECALLS_REQUIRE_ALL=1")
	out, err := cmd.CombinedOutput()
	res := parseGoBench(string(out), procs)
	if err != nil {
		return res, string(out), fmt.Errorf("go test %s: %v: %s", pkg, err, failureLine(string(out)))
	}
	return res, string(out), nil
}

// parseGoBench reads the result lines of go test -bench, run with -cpu
// procs: each benchmark's metrics by unit (ns/op and the custom ones), by
// the benchmark's name without the -procs suffix go test adds when procs is
// not 1. (Not any -N: sqlite-0 is a sub-benchmark's own name.) Other lines
// (logs, PASS, a failure) are skipped.
func parseGoBench(out string, procs int) map[string]map[string]float64 {
	suffix := ""
	if procs != 1 {
		suffix = "-" + strconv.Itoa(procs)
	}
	res := map[string]map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue // not a result: the iterations come second
		}
		metrics := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				metrics[f[i+1]] = v
			}
		}
		res[strings.TrimSuffix(f[0], suffix)] = metrics
	}
	return res
}

// failureLine picks the most telling line of a failed go test.
func failureLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if strings.Contains(l, "_test.go:") || strings.HasPrefix(l, "panic:") {
			return l
		}
	}
	return lastLine(out)
}

// browserRuns is how many times the browser benchmarks run: the boot
// figures are medians over the runs (this shared machine is noisy), and the
// animation's longest task is the longest over all of them.
const browserRuns = 3

// sessionRuns is how many times a reader's session runs, at each CPU
// rate: whether a tap meets the worker's compile on this shared machine
// moves its count of long tasks by one or two from run to run, so it is
// reported as how many sessions had one, of more runs than the others.
const sessionRuns = 6

// measureBrowser: the animation, step and first-visit benchmarks of app/e2e.
// quietLoad is the 1-minute load average the browser benchmarks wait for
// (settle): one of two CPUs busy, on average, with anything else.
const quietLoad = 1.0

// waitQuiet waits up to 3 minutes for the machine to be quiet, and logs it.
func waitQuiet(ctx context.Context) {
	from := loadAverage()
	waited := settle(ctx, quietLoad, 3*time.Minute, 5*time.Second, loadAverage)
	logf("browser: waited %s for a load average of %.1f or less: %s, then %s", waited.Round(time.Second), quietLoad, from, loadAverage())
}

func measureBrowser(ctx context.Context, r *report) {
	if err := ensureChromium(ctx); err != nil {
		logf("browser: %v", err) // the benchmarks fail and say so below
	}
	waitQuiet(ctx)
	res, _, err := goBench(ctx, 10*time.Minute, "./app/e2e", "^(BenchmarkAnimation|BenchmarkFirstTap|BenchmarkStep)$", fmt.Sprintf("%dx", browserRuns))
	browserFigures(r, res, err)
	waitQuiet(ctx)
	res, _, err = goBench(ctx, 14*time.Minute, "./app/e2e", "^BenchmarkSession$", fmt.Sprintf("%dx", sessionRuns))
	sessionFigures(r, res, err)
}

// sessionFigures turns the results of BenchmarkSession into rows: a
// reader's session on a mid-range phone (4× CPU) against the targets (no
// task over 50 ms, every tap answered within 100 ms), and on a low-end one
// (6×) and unthrottled (1×) as figures without a target. The 1× rows are
// this machine's floor: what it shows even there (a shared 2-CPU machine
// holds up the load's frames now and then) is not the page's to remove at
// 4×. Each is the median of the runs; the worst run is said beside it.
func sessionFigures(r *report, res map[string]map[string]float64, err error) {
	const g = "8 Session"
	// The Long Tasks API leaves out the rendering that follows a task
	// (style, layout, paint): the load's first layout, or a step's restyle,
	// runs in a rendering task that no row above sees. A Long Animation
	// Frame holds both.
	const framesName = "sessions with an animation frame that held the main thread over 50 ms, rendering included (Long Animation Frames)"
	why := func() string {
		if err != nil {
			return err.Error()
		}
		return "BenchmarkSession reported nothing"
	}
	for _, c := range []struct {
		sub, key, cpu, note string
		targets             bool
	}{{"cpu4x", "session", "4×", "", true}, {"cpu6x", "session6", "6×", "", false}, {"cpu1x", "session1", "1×", ", no throttle: this machine's floor", false}} {
		m := res["BenchmarkSession/"+c.sub]
		target := func(t string) string {
			if c.targets {
				return t
			}
			return ""
		}
		meets := func(f func(float64) bool) func(float64) bool {
			if c.targets {
				return f
			}
			return nil
		}
		within := func(limit float64) func(float64) bool { return func(v float64) bool { return v <= limit } }
		what := fmt.Sprintf("a reader's session at %s CPU%s (load, a first tap, taps during the takeover, Play 10 s, an answer), median of %d runs", c.cpu, c.note, sessionRuns)
		if m == nil {
			r.fail(g, c.key+".longtask", "longest main-thread task in "+what, target("≤ 50 ms"), why())
			r.fail(g, c.key+".longtasks", "tasks over 50 ms in the session", target("0"), why())
			r.fail(g, c.key+".longsessions", "sessions with a task over 50 ms", target("0"), why())
			r.fail(g, c.key+".frames", framesName, target("0"), why())
			r.fail(g, c.key+".interaction", "worst interaction latency (Event Timing, as INP measures it)", target("≤ 100 ms"), why())
			r.fail(g, c.key+".p98", "98th percentile interaction latency (INP)", target("≤ 100 ms"), why())
			continue
		}
		r.addMetric(g, c.key+".longtask", "longest main-thread task in "+what, m, "longest-task-ms", func(v float64) string {
			return ms(v) + fmt.Sprintf(" (worst run %s)", ms(m["max-longest-task-ms"]))
		}, target("≤ 50 ms"), meets(within(50)))
		r.addMetric(g, c.key+".longtasks", "tasks over 50 ms in the session", m, "long-tasks", func(v float64) string {
			// A median of six runs can fall between two counts: 0.5 is
			// not none, and does not read as 0.
			return fmt.Sprintf("%s (worst run %.0f)", strconv.FormatFloat(v, 'f', -1, 64), m["max-long-tasks"])
		}, target("0"), meets(func(v float64) bool { return v == 0 }))
		r.addMetric(g, c.key+".longsessions", "sessions with a task over 50 ms", m, "long-sessions", func(v float64) string {
			return fmt.Sprintf("%.0f of %.0f", v, m["sessions"]) + longTasksByPhase(m)
		}, target("0"), meets(func(v float64) bool { return v == 0 }))
		r.addMetric(g, c.key+".frames", framesName, m, "blocking-sessions", func(v float64) string {
			return fmt.Sprintf("%.0f of %.0f; the largest blocking time of a frame %s (worst run %s)", v, m["sessions"], ms(m["blocking-ms"]), ms(m["max-blocking-ms"])) +
				byPhase(m, "blocking-in-", "frames held up")
		}, target("0"), meets(func(v float64) bool { return v == 0 }))
		r.addMetric(g, c.key+".interaction", "worst interaction latency (Event Timing, as INP measures it)", m, "worst-interaction-ms", func(v float64) string {
			return ms(v) + fmt.Sprintf(" (%s interactions; worst run %s)", strconv.FormatFloat(m["interactions"], 'f', -1, 64), ms(m["max-worst-interaction-ms"]))
		}, target("≤ 100 ms"), meets(within(100)))
		r.addMetric(g, c.key+".p98", "98th percentile interaction latency (INP)", m, "p98-interaction-ms", ms, target("≤ 100 ms"), meets(within(100)))
		// One more session, traced: how much of the long tasks' time the
		// page's thread ran, and how much it waited for a core. Older runs
		// have no such figure: no row.
		if _, ok := m["traced-long-tasks-cpu"]; ok {
			r.addMetric(g, c.key+".cpu", "tasks over 50 ms in one more session, traced, that ran over 50 ms on the main thread (the rest of their time it waited for a core)", m, "traced-long-tasks-cpu", func(v float64) string {
				return fmt.Sprintf("%.0f of %.0f; the longest task %s, the most the thread ran in one %s", v, m["traced-long-tasks"], ms(m["traced-longest-task-ms"]), ms(m["traced-longest-task-cpu-ms"]))
			}, "", nil)
		}
		// What the throttle itself takes of this machine: a phone's slow
		// main thread leaves its other cores to the rest of the browser;
		// DevTools's throttle spins on one, page or no page. Older runs
		// have no such figure: no row.
		if _, ok := m["throttle-idle-cpu-pct"]; ok && c.sub != "cpu1x" {
			r.addMetric(g, c.key+".throttle", "the throttle's own load: the renderer's CPU time with a blank page at "+c.cpu+" (it stops and spins the main thread, work or none; a phone has no such load)", m, "throttle-idle-cpu-pct", func(v float64) string {
				return fmt.Sprintf("%.0f%% of one core, of this machine's %d", v, runtime.NumCPU())
			}, "", nil)
		}
		r.addMetric(g, c.key+".takeover", "longest task while the WebAssembly takes over", m, "takeover-longest-task-ms", func(v float64) string {
			return ms(v) + fmt.Sprintf(" (%s taps came meanwhile; live %s after the first tap)", strconv.FormatFloat(m["taps-in-takeover"], 'f', -1, 64), ms(m["live-ms"]))
		}, "", nil)
		r.addMetric(g, c.key+".play", "longest task while playing", m, "play-longest-task-ms", ms, "", nil)
	}
}

// browserFigures turns the results of BenchmarkAnimation, BenchmarkStep
// and BenchmarkFirstTap into rows, each against its target; err, the run's
// error, says why a missing one is missing. A figure the benchmark did not
// report is "not measured", never a zero that meets its target.
func browserFigures(r *report, res map[string]map[string]float64, err error) {
	const ga, gb = "5 Animation", "3 First visit"
	medianOf := fmt.Sprintf(", median of %d runs", browserRuns)
	why := func(what string) string {
		if err != nil {
			return err.Error()
		}
		return what + " reported nothing"
	}

	if a := res["BenchmarkAnimation"]; a != nil {
		r.addMetric(ga, "anim.median", "median frame interval while playing (4× CPU, 412×823)", a, "median-frame-ms", func(v float64) string {
			return ms(v) + fmt.Sprintf(" (p95 %s, worst %s, %.0f fps)", ms(a["p95-frame-ms"]), ms(a["worst-frame-ms"]), a["fps"])
		}, "≤ 17.5 ms", func(v float64) bool { return v <= 17.5 })
		r.addMetric(ga, "anim.longtask", "longest task while playing", a, "longest-task-ms", func(v float64) string {
			return fmt.Sprintf("%s (%.0f over 50 ms)", ms(v), a["long-tasks"])
		}, "none > 50 ms", func(v float64) bool { return v <= 50 })
		// Older runs have no such figure: no row.
		if _, ok := a["motion-worst-ms"]; ok {
			r.addMetric(ga, "anim.motion", "the WebAssembly's work in a frame of a move (the night and the clock; its frame callback, without the browser's rendering)", a, "motion-worst-ms", func(v float64) string {
				return fmt.Sprintf("worst %s (median %s, p90 %s)", ms(v), ms(a["motion-median-ms"]), ms(a["motion-p90-ms"]))
			}, "≤ 10 ms", func(v float64) bool { return v <= 10 })
		}
		if _, ok := a["framing-median-frame-ms"]; ok {
			r.addMetric(ga, "anim.framing", "median frame interval while the map eases to a call's framing (4× CPU)", a, "framing-median-frame-ms", func(v float64) string {
				return ms(v) + fmt.Sprintf(" (worst %s)", ms(a["framing-worst-frame-ms"]))
			}, "≤ 17.5 ms", func(v float64) bool { return v <= 17.5 })
			r.addMetric(ga, "anim.framingtask", "longest task while the map eases to a framing", a, "framing-longest-task-ms", ms, "none > 50 ms", func(v float64) bool { return v <= 50 })
		} else {
			r.fail(ga, "anim.framing", "median frame interval while the map eases to a framing", "≤ 17.5 ms", "no step was recorded")
		}
	} else {
		r.fail(ga, "anim.median", "median frame interval while playing", "≤ 17.5 ms", why("BenchmarkAnimation"))
		r.fail(ga, "anim.longtask", "longest task while playing", "none > 50 ms", why("BenchmarkAnimation"))
	}

	// A step's own cost, once live and quiet: the default story and one of
	// fifty legs, whose every step restyles every element that any step's
	// rules name (docs/testing.md).
	for _, s := range []struct{ key, name, story string }{
		{"step.default", "BenchmarkStep/default", "the default story (5 calls)"},
		{"step.fifty", "BenchmarkStep/fifty-legs", "a story of fifty legs"},
	} {
		label := "a step's longest task at 4× CPU once live and quiet (Next, tap to frame), " + s.story
		m := res[s.name]
		if m == nil {
			r.fail(ga, s.key, label, "none > 50 ms", why(s.name))
			continue
		}
		r.addMetric(ga, s.key, label, m, "worst-step-task-ms", func(v float64) string {
			return fmt.Sprintf("worst %s (median %s, the thread ran %s of it; %.0f elements restyled)", ms(v), ms(m["step-task-ms"]), ms(m["step-task-cpu-ms"]), m["restyled"])
		}, "none > 50 ms", func(v float64) bool { return v <= 50 })
	}

	b := res["BenchmarkFirstTap"]
	taps := []struct{ key, label string }{
		{"next", "Next"},
		{"list", "a call in the list"},
		{"answer", "a quiz answer"},
		{"play", "Play (its first step shown)"},
	}
	if b == nil {
		for _, t := range taps {
			r.fail(gb, "tap."+t.key, "tap on "+t.label+" right after load, carried out", "≤ 200 ms", why("BenchmarkFirstTap"))
		}
		r.fail(gb, "visit.shift", "layout shift at the takeover", "0", why("BenchmarkFirstTap"))
		r.fail(gb, "visit.bytes", "all bytes of a first visit", "≤ 1.7 MB", why("BenchmarkFirstTap"))
		r.fail(gb, "visit.wasm", "app.wasm downloads on a first visit", "1", why("BenchmarkFirstTap"))
		return
	}
	for _, t := range taps {
		r.addMetric(gb, "tap."+t.key, "Slow 4G + 4× CPU: tap on "+t.label+" right after load, carried out (tap to the frame showing it)"+medianOf,
			b, "tap-"+t.key+"-ms", ms, "≤ 200 ms", func(v float64) bool { return v <= 200 })
	}
	r.addMetric(gb, "visit.load", "load event (Slow 4G + 4× CPU)", b, "load-ms", ms, "", nil)
	r.addMetric(gb, "visit.live", "WebAssembly live (sent for at the tap), from navigation", b, "live-ms", ms, "", nil)
	r.addMetric(gb, "visit.task", "longest main-thread task from the tap until live", b, "takeover-longest-task-ms", ms, "", nil)
	r.addMetric(gb, "visit.shift", "layout shift at the takeover (not caused by input, live ± 1 s)", b, "takeover-shift",
		func(v float64) string { return fmt.Sprintf("%.4f", v) }, "0", func(v float64) bool { return v == 0 })
	r.addMetric(gb, "visit.bytes", "all bytes of a first visit (the server's response bodies, until the service worker has cached the app)", b, "first-visit-bytes",
		func(v float64) string { return mb(int64(v)) }, "≤ 1.7 MB", func(v float64) bool { return v <= 1.7e6 })
	r.addMetric(gb, "visit.wasm", "app.wasm downloads on a first visit", b, "wasm-downloads",
		func(v float64) string { return fmt.Sprintf("%.0f", v) }, "1", func(v float64) bool { return v == 1 })
}

// longTasksByPhase says where in the sessions their tasks over 50 ms
// started (app/e2e's sessionPhases), counted over every run: a long task
// at the load and one while a tap waits for the WebAssembly have
// different causes.
func longTasksByPhase(m map[string]float64) string {
	return byPhase(m, "long-in-", "tasks over 50 ms")
}

// byPhase says how many of what the runs counted in each phase of the
// session, from the metrics named prefix+phase; "" if one is missing.
func byPhase(m map[string]float64, prefix, what string) string {
	phases := []struct{ phase, where string }{
		{"load", "at the load"},
		{"start", "from the first tap to go.run"},
		{"takeover", "in the takeover"},
		{"after", "after it"},
	}
	var parts []string
	for _, p := range phases {
		v, ok := m[prefix+p.phase]
		if !ok {
			return ""
		}
		parts = append(parts, fmt.Sprintf("%.0f %s", v, p.where))
	}
	return "; " + what + " in all runs: " + strings.Join(parts, ", ")
}
