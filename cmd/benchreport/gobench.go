package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var reBenchName = regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?$`)

// goBench runs benchmarks of one package and returns their custom metrics
// by benchmark (without the -N suffix) and unit.
func goBench(ctx context.Context, timeout time.Duration, pkg, pattern, benchtime string) (map[string]map[string]float64, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", pattern, "-benchtime", benchtime, "-count", "1", "-timeout", timeout.String(), pkg)
	cmd.Env = append(os.Environ(), "FIVECALLS_REQUIRE_ALL=1")
	out, err := cmd.CombinedOutput()
	res := map[string]map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 {
			continue
		}
		m := reBenchName.FindStringSubmatch(f[0])
		if m == nil {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		metrics := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				metrics[f[i+1]] = v
			}
		}
		res[m[1]] = metrics
	}
	if err != nil {
		return res, string(out), fmt.Errorf("go test %s: %v: %s", pkg, err, failureLine(string(out)))
	}
	return res, string(out), nil
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

// measureBrowser: the animation and boot benchmarks of app/e2e.
func measureBrowser(ctx context.Context, r *report) {
	const ga, gb = "5 Animation", "3 Boot"
	medianOf := fmt.Sprintf(", median of %d runs", browserRuns)
	if err := ensureChromium(ctx); err != nil {
		logf("browser: %v", err) // the benchmarks fail and say so below
	}
	res, _, err := goBench(ctx, 6*time.Minute, "./app/e2e", "^(BenchmarkAnimation|BenchmarkBoot)$", fmt.Sprintf("%dx", browserRuns))
	why := func(what string) string {
		if err != nil {
			return err.Error()
		}
		return what + " reported nothing"
	}

	if a := res["BenchmarkAnimation"]; a != nil {
		r.add(ga, "anim.median", "median frame interval while playing (4× CPU, 412×823)", a["median-frame-ms"], ms(a["median-frame-ms"])+
			fmt.Sprintf(" (p95 %s, worst %s, %.0f fps)", ms(a["p95-frame-ms"]), ms(a["worst-frame-ms"]), a["fps"]), "≤ 17.5 ms", a["median-frame-ms"] <= 17.5)
		r.add(ga, "anim.longtask", "longest task while playing", a["longest-task-ms"], fmt.Sprintf("%s (%.0f over 50 ms)", ms(a["longest-task-ms"]), a["long-tasks"]), "none > 50 ms", a["longest-task-ms"] <= 50)
	} else {
		r.fail(ga, "anim.median", "median frame interval while playing", "≤ 17.5 ms", why("BenchmarkAnimation"))
		r.fail(ga, "anim.longtask", "longest task while playing", "none > 50 ms", why("BenchmarkAnimation"))
	}

	b := res["BenchmarkBoot"]
	if b == nil {
		r.fail(gb, "boot.feedback", "first tap on Play at load: feedback", "< 100 ms", why("BenchmarkBoot"))
		r.fail(gb, "boot.done", "first tap on Play at load: done", "< 1 s", why("BenchmarkBoot"))
		return
	}
	r.add(gb, "boot.load", "load event (4× CPU, localhost)", b["load-ms"], ms(b["load-ms"]), "", false)
	r.add(gb, "boot.ready", "wasm running (Play usable), from navigation", b["wasm-ready-ms"], ms(b["wasm-ready-ms"])+fmt.Sprintf(" (%s after load)", ms(b["wasm-ready-ms"]-b["load-ms"])), "", false)
	r.add(gb, "boot.longtask", "longest main-thread task from navigation to the first tap", b["boot-longest-task-ms"], ms(b["boot-longest-task-ms"])+fmt.Sprintf(" (blocking time %s)", ms(b["boot-tbt-ms"])), "≤ 200 ms", b["boot-longest-task-ms"] <= 200)
	if v, ok := b["start-longest-task-ms"]; ok {
		r.add(gb, "boot.starttask", "longest task from the tap until the app is live (+1 s)", v, ms(v), "≤ 200 ms", v <= 200)
	}
	if b["first-tap-lost"] == 1 {
		n := r.note("The tap sent right after `load` hit the prerendered, disabled Play button and was dropped; the Play button works only once the wasm runs (%s after load). Feedback and completion of a tap once the wasm runs: %s and %s.",
			ms(b["wasm-ready-ms"]-b["load-ms"]), ms(b["ready-tap-feedback-ms"]), ms(b["ready-tap-done-ms"]))
		r.addText(gb, "boot.feedback", "first tap on Play right after load: feedback "+n, "none: the tap is lost", "< 100 ms", notMet)
		r.addText(gb, "boot.done", "first tap on Play right after load: done", "never", "< 1 s", notMet)
		if v, ok := b["ready-tap-feedback-ms"]; ok {
			r.add(gb, "boot.readyfeedback", "tap once the wasm runs: feedback", v, ms(v), "< 100 ms", v < 100)
		}
		if v, ok := b["ready-tap-done-ms"]; ok {
			r.add(gb, "boot.readydone", "tap once the wasm runs: done (Pause + arc drawing)", v, ms(v), "< 1 s", v < 1000)
		}
		return
	}
	if v, ok := b["first-tap-feedback-ms"]; ok {
		r.add(gb, "boot.feedback", "first tap on Play right after load: feedback"+medianOf, v, ms(v), "< 100 ms", v < 100)
	} else {
		r.fail(gb, "boot.feedback", "first tap on Play right after load: feedback", "< 100 ms", "no feedback recorded")
	}
	if v, ok := b["first-tap-done-ms"]; ok {
		r.add(gb, "boot.done", "first tap on Play right after load: done (Pause + arc drawing)"+medianOf, v, ms(v), "< 1 s", v < 1000)
	} else {
		r.fail(gb, "boot.done", "first tap on Play right after load: done", "< 1 s", "the tap did not complete within the wait")
	}
}
