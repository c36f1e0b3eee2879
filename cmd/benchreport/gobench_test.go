package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// oneCPU is go test's output as it is on a machine with one CPU: no -N
// suffix on the names.
func oneCPU(out string) string {
	return regexp.MustCompile(`(?m)^(Benchmark\S*?)-2(\s)`).ReplaceAllString(out, "$1$2")
}

func TestParseGoBench(t *testing.T) {
	res := parseGoBench(readTestdata(t, "gobench-browser.txt"), 2)
	if len(res) != 4 {
		t.Fatalf("benchmarks = %v, want BenchmarkAnimation, BenchmarkFirstTap and BenchmarkStep's two", res)
	}
	// A sub-benchmark's name keeps its own dash and loses go test's -2.
	if s := res["BenchmarkStep/fifty-legs"]; s["worst-step-task-ms"] != 122.7 || s["restyled"] != 749.5 {
		t.Errorf("BenchmarkStep/fifty-legs = %v", s)
	}
	a, b := res["BenchmarkAnimation"], res["BenchmarkFirstTap"]
	if a["fps"] != 52.39 || a["median-frame-ms"] != 16.70 || a["worst-frame-ms"] != 116.7 || a["ns/op"] != 13564347050 {
		t.Errorf("BenchmarkAnimation = %v", a)
	}
	if b["first-visit-bytes"] != 1570068 || b["takeover-shift"] != 0 || b["tap-answer-ms"] != 400.7 || b["wasm-downloads"] != 1 {
		t.Errorf("BenchmarkFirstTap = %v", b)
	}
	if _, ok := b["takeover-shift"]; !ok {
		t.Error("a metric of 0 was lost")
	}

	// Sub-benchmarks whose own names end in -0, with and without the
	// suffix go test adds for GOMAXPROCS: "sqlite-0" stays "sqlite-0" (a
	// pattern stripping any -N read it as "sqlite" on one CPU).
	answers := readTestdata(t, "gobench-answers.txt")
	for name, out := range map[string]struct {
		text  string
		procs int
	}{"2 CPUs": {answers, 2}, "1 CPU": {oneCPU(answers), 1}} {
		res := parseGoBench(out.text, out.procs)
		for _, want := range []string{"BenchmarkAnswersLoad/sqlite-0", "BenchmarkAnswersLoad/postgres-0", "BenchmarkAnswersLoad/sqlite-1M"} {
			if res[want] == nil {
				t.Errorf("%s: no %s in %v", name, want, keys(res))
			}
		}
		if len(res) != 3 {
			t.Errorf("%s: %d results, want 3: %v", name, len(res), keys(res))
		}
		if m := res["BenchmarkAnswersLoad/sqlite-0"]; m["answers/s"] != 7246 || m["p99-ms"] != 39.06 || m["stats-reads"] != 6 {
			t.Errorf("%s: sqlite-0 = %v", name, m)
		}
	}

	// A failed run: no results, no panic.
	if res := parseGoBench("--- FAIL: BenchmarkFirstTap\n    perf_test.go:12: no chromium\nFAIL\nexit status 1\n", 2); len(res) != 0 {
		t.Errorf("failed run parsed as %v", res)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The recorded run was on a busy machine: some targets met, some not.
func TestBrowserFigures(t *testing.T) {
	r := &report{}
	browserFigures(r, parseGoBench(readTestdata(t, "gobench-browser.txt"), 2), nil)
	wantStatus(t, r, map[string]status{
		"anim.median":      met,    // 16.70 ≤ 17.5 ms
		"anim.longtask":    notMet, // 102 > 50 ms
		"anim.framing":     met,    // 16.70
		"anim.framingtask": notMet, // 71 > 50
		"tap.next":         met,    // 106.9 ≤ 200
		"tap.list":         met,    // 134.9
		"tap.answer":       notMet, // 400.7 > 200
		"tap.play":         met,    // 25
		"visit.load":       info,
		"visit.live":       info,
		"visit.task":       info,
		"visit.shift":      met,    // 0
		"visit.bytes":      met,    // 1,570,068 ≤ 1.7 MB
		"visit.wasm":       met,    // 1
		"step.default":     notMet, // worst 52.42 > 50
		"step.fifty":       notMet, // worst 122.7
	})
	if f := figureByKey(t, r, "step.fifty"); f.Text != "worst 123 ms (median 58.0 ms, the thread ran 57.3 ms of it; 750 elements restyled)" {
		t.Errorf("step.fifty text = %q", f.Text)
	}
	if f := figureByKey(t, r, "anim.median"); f.Text != "16.7 ms (p95 33.3 ms, worst 117 ms, 52 fps)" {
		t.Errorf("anim.median text = %q", f.Text)
	}
	if f := figureByKey(t, r, "visit.bytes"); f.Text != "1.570 MB (1,570,068 B)" {
		t.Errorf("visit.bytes text = %q", f.Text)
	}
}

// A figure the benchmark did not report is not measured: before, the map's
// zero met "layout shift 0", "≤ 1.7 MB" and "≤ 17.5 ms".
func TestBrowserFiguresMissingMetric(t *testing.T) {
	res := parseGoBench(readTestdata(t, "gobench-browser.txt"), 2)
	delete(res["BenchmarkFirstTap"], "takeover-shift")
	delete(res["BenchmarkFirstTap"], "first-visit-bytes")
	delete(res["BenchmarkAnimation"], "median-frame-ms")
	delete(res["BenchmarkAnimation"], "framing-median-frame-ms")
	r := &report{}
	browserFigures(r, res, nil)
	wantStatus(t, r, map[string]status{"visit.shift": missing, "visit.bytes": missing, "anim.median": missing, "anim.framing": missing, "tap.next": met})
	if f := figureByKey(t, r, "visit.shift"); !strings.Contains(f.Text, "takeover-shift") {
		t.Errorf("visit.shift says %q, not which figure is missing", f.Text)
	}
}

// A run that failed: every row with a target says why.
func TestBrowserFiguresFailedRun(t *testing.T) {
	r := &report{}
	browserFigures(r, map[string]map[string]float64{}, errors.New("go test ./app/e2e: exit status 1: perf_test.go:12: no chromium"))
	for _, f := range r.figures {
		if f.Status != missing || !strings.Contains(f.Text, "no chromium") {
			t.Errorf("%s: %s %q", f.Key, statusName(f.Status), f.Text)
		}
	}
	for _, key := range []string{"anim.median", "anim.longtask", "step.default", "step.fifty", "tap.next", "tap.play", "visit.shift", "visit.bytes", "visit.wasm"} {
		figureByKey(t, r, key)
	}
}

// The recorded session was before the takeover was sliced, on a busy
// machine: every target at 4× is missed, and 6× has figures only.
func TestSessionFigures(t *testing.T) {
	res := parseGoBench(readTestdata(t, "gobench-session.txt"), 2)
	if res["BenchmarkSession/cpu4x"] == nil || res["BenchmarkSession/cpu6x"] == nil {
		t.Fatalf("benchmarks = %v, want BenchmarkSession/cpu4x and /cpu6x", keys(res))
	}
	r := &report{}
	sessionFigures(r, res, nil)
	wantStatus(t, r, map[string]status{
		"session.longtask":     notMet,  // 325 > 50 ms
		"session.longtasks":    notMet,  // 29 > 0
		"session.longsessions": missing, // recorded before it was reported
		"session.interaction":  notMet,  // 480 > 100 ms
		"session.p98":          notMet,  // 480 > 100 ms
		"session.takeover":     info,
		"session.play":         info,
		"session6.longtask":    info,
		"session6.longtasks":   info,
		"session6.interaction": info,
		"session6.p98":         info,
	})
	if f := figureByKey(t, r, "session.longtask"); f.Text != "325 ms (worst run 602 ms)" {
		t.Errorf("session.longtask text = %q", f.Text)
	}
	if f := figureByKey(t, r, "session.interaction"); f.Text != "480 ms (11 interactions; worst run 640 ms)" {
		t.Errorf("session.interaction text = %q", f.Text)
	}
	if f := figureByKey(t, r, "session.takeover"); f.Text != "325 ms (1 taps came meanwhile; live 2166 ms after the first tap)" {
		t.Errorf("session.takeover text = %q", f.Text)
	}

	// Within the targets: met. A figure of 0 is a figure, not a missing one.
	ok := map[string]map[string]float64{"BenchmarkSession/cpu4x": {
		"longest-task-ms": 50, "long-tasks": 0, "worst-interaction-ms": 96, "p98-interaction-ms": 96,
		"max-longest-task-ms": 61, "max-long-tasks": 1, "max-worst-interaction-ms": 104, "interactions": 12,
		"takeover-longest-task-ms": 41, "play-longest-task-ms": 38, "taps-in-takeover": 3, "live-ms": 900,
		"long-sessions": 0, "sessions": 6,
	}}
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.longtask": met, "session.longtasks": met, "session.longsessions": met,
		"session.interaction": met, "session.p98": met, "session6.longtask": missing, "session1.longtask": missing})

	// Unthrottled, the same figures have no target: they are the machine's
	// floor, and say so.
	ok["BenchmarkSession/cpu1x"] = map[string]float64{"longest-task-ms": 61, "long-tasks": 1, "long-sessions": 3, "sessions": 6,
		"blocking-sessions": 3, "worst-interaction-ms": 56, "p98-interaction-ms": 44}
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session1.longtask": info, "session1.longtasks": info, "session1.longsessions": info,
		"session1.frames": info, "session1.interaction": info, "session1.p98": info})
	if f := figureByKey(t, r, "session1.longtask"); !strings.Contains(f.Name, "1× CPU, no throttle: this machine's floor") {
		t.Errorf("session1.longtask name = %q", f.Name)
	}
	delete(ok, "BenchmarkSession/cpu1x")
	if f := figureByKey(t, r, "session.longsessions"); f.Text != "0 of 6" {
		t.Errorf("session.longsessions text = %q", f.Text)
	}

	// A median of no long task can hide sessions that had one: they are
	// counted, against the same target.
	ok["BenchmarkSession/cpu4x"]["long-sessions"] = 2
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.longtasks": met, "session.longsessions": notMet})
	if f := figureByKey(t, r, "session.longsessions"); f.Text != "2 of 6" {
		t.Errorf("session.longsessions text = %q", f.Text)
	}

	// Where those tasks came, when the benchmark says.
	for k, v := range map[string]float64{"long-in-load": 1, "long-in-start": 2, "long-in-takeover": 0, "long-in-after": 0} {
		ok["BenchmarkSession/cpu4x"][k] = v
	}
	r = &report{}
	sessionFigures(r, ok, nil)
	want := "2 of 6; tasks over 50 ms in all runs: 1 at the load, 2 from the first tap to go.run, 0 in the takeover, 0 after it"
	if f := figureByKey(t, r, "session.longsessions"); f.Text != want {
		t.Errorf("session.longsessions text = %q, want %q", f.Text, want)
	}

	// The frames held up, rendering included: met only with none in any
	// session; where they came, when the benchmark says.
	for k, v := range map[string]float64{"blocking-sessions": 0, "blocking-ms": 0, "max-blocking-ms": 0} {
		ok["BenchmarkSession/cpu4x"][k] = v
	}
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.frames": met})
	for k, v := range map[string]float64{"blocking-sessions": 5, "blocking-ms": 21, "max-blocking-ms": 64,
		"blocking-in-load": 6, "blocking-in-start": 3, "blocking-in-takeover": 1, "blocking-in-after": 0} {
		ok["BenchmarkSession/cpu4x"][k] = v
	}
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.frames": notMet})
	want = "5 of 6; the largest blocking time of a frame 21.0 ms (worst run 64.0 ms); frames held up in all runs: 6 at the load, 3 from the first tap to go.run, 1 in the takeover, 0 after it"
	if f := figureByKey(t, r, "session.frames"); f.Text != want {
		t.Errorf("session.frames text = %q, want %q", f.Text, want)
	}

	// The traced session's tasks, when the run has them: context, no
	// target; without them, no row.
	for _, f := range r.figures {
		if f.Key == "session.cpu" {
			t.Errorf("a row for the traced session without its figures: %q", f.Text)
		}
	}
	for k, v := range map[string]float64{"traced-long-tasks": 4, "traced-long-tasks-cpu": 1, "traced-longest-task-ms": 122, "traced-longest-task-cpu-ms": 67} {
		ok["BenchmarkSession/cpu4x"][k] = v
	}
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.cpu": info})
	want = "1 of 4; the longest task 122 ms, the most the thread ran in one 67.0 ms"
	if f := figureByKey(t, r, "session.cpu"); f.Text != want {
		t.Errorf("session.cpu text = %q, want %q", f.Text, want)
	}

	// The throttle's own load, when the run has it: context, no target;
	// without it (older runs), no row.
	for _, f := range r.figures {
		if f.Key == "session.throttle" {
			t.Errorf("a row for the throttle's load without its figure: %q", f.Text)
		}
	}
	ok["BenchmarkSession/cpu4x"]["throttle-idle-cpu-pct"] = 86.9
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.throttle": info})
	want = fmt.Sprintf("87%% of one core, of this machine's %d", runtime.NumCPU())
	if f := figureByKey(t, r, "session.throttle"); f.Text != want || !strings.Contains(f.Name, "at 4×") {
		t.Errorf("session.throttle = %q, %q; want text %q", f.Name, f.Text, want)
	}

	// A metric not reported is not measured, never a zero that meets "0".
	delete(ok["BenchmarkSession/cpu4x"], "long-tasks")
	r = &report{}
	sessionFigures(r, ok, nil)
	wantStatus(t, r, map[string]status{"session.longtasks": missing, "session.longtask": met})
}

// A failed run: every session row says why.
func TestSessionFiguresFailedRun(t *testing.T) {
	r := &report{}
	sessionFigures(r, map[string]map[string]float64{}, errors.New("go test ./app/e2e: exit status 1: perf_test.go:640: the page did not go live"))
	for _, key := range []string{"session.longtask", "session.longtasks", "session.longsessions", "session.frames", "session.interaction", "session.p98", "session6.longtask", "session6.p98", "session1.longtask", "session1.frames"} {
		if f := figureByKey(t, r, key); f.Status != missing || !strings.Contains(f.Text, "did not go live") {
			t.Errorf("%s: %s %q", key, statusName(f.Status), f.Text)
		}
	}
}

// settle waits while the load is high, stops once it is quiet, and gives
// up after its limit; an unreadable load average waits for nothing. Break
// it: compare with >= quiet, or drop the limit, and a case goes red (the
// last would never end).
func TestSettle(t *testing.T) {
	seq := func(vals ...string) func() string {
		i := 0
		return func() string {
			v := vals[min(i, len(vals)-1)]
			i++
			return v
		}
	}
	ctx := context.Background()
	reads := 0
	count := func(f func() string) func() string { return func() string { reads++; return f() } }
	settle(ctx, 1, time.Minute, time.Millisecond, count(seq("3.2", "1.9", "0.7", "0.1")))
	if reads != 3 {
		t.Errorf("settled after %d readings, want 3 (at 0.7)", reads)
	}
	reads = 0
	settle(ctx, 1, time.Minute, time.Millisecond, count(seq("")))
	if reads != 1 {
		t.Errorf("an unreadable load average waited for %d readings", reads)
	}
	if d := settle(ctx, 1, 20*time.Millisecond, time.Millisecond, seq("3.0")); d < 20*time.Millisecond || d > 2*time.Second {
		t.Errorf("a machine that stays busy was waited for %s, want its limit of 20ms", d)
	}
}

// A median of six sessions between none and one long task is not met, and
// says so in its figure: it once read "0" beside NO.
func TestSessionHalfALongTask(t *testing.T) {
	r := &report{}
	sessionFigures(r, map[string]map[string]float64{"BenchmarkSession/cpu4x": {"long-tasks": 0.5, "max-long-tasks": 1}}, nil)
	f := figureByKey(t, r, "session.longtasks")
	if f.Status != notMet || f.Text != "0.5 (worst run 1)" {
		t.Errorf("session.longtasks: %s %q, want not met and 0.5 (worst run 1)", statusName(f.Status), f.Text)
	}
}
