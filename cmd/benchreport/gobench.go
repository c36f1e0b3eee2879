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

// measureBrowser: the animation and first-visit benchmarks of app/e2e.
func measureBrowser(ctx context.Context, r *report) {
	const ga, gb = "5 Animation", "3 First visit"
	medianOf := fmt.Sprintf(", median of %d runs", browserRuns)
	if err := ensureChromium(ctx); err != nil {
		logf("browser: %v", err) // the benchmarks fail and say so below
	}
	res, _, err := goBench(ctx, 8*time.Minute, "./app/e2e", "^(BenchmarkAnimation|BenchmarkFirstTap)$", fmt.Sprintf("%dx", browserRuns))
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
		if v, ok := a["framing-median-frame-ms"]; ok {
			r.add(ga, "anim.framing", "median frame interval while the map eases to a call's framing (4× CPU)", v, ms(v)+fmt.Sprintf(" (worst %s)", ms(a["framing-worst-frame-ms"])), "≤ 17.5 ms", v <= 17.5)
			r.add(ga, "anim.framingtask", "longest task while the map eases to a framing", a["framing-longest-task-ms"], ms(a["framing-longest-task-ms"]), "none > 50 ms", a["framing-longest-task-ms"] <= 50)
		} else {
			r.fail(ga, "anim.framing", "median frame interval while the map eases to a framing", "≤ 17.5 ms", "no step was recorded")
		}
	} else {
		r.fail(ga, "anim.median", "median frame interval while playing", "≤ 17.5 ms", why("BenchmarkAnimation"))
		r.fail(ga, "anim.longtask", "longest task while playing", "none > 50 ms", why("BenchmarkAnimation"))
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
		v, ok := b["tap-"+t.key+"-ms"]
		if !ok {
			r.fail(gb, "tap."+t.key, "tap on "+t.label+" right after load, carried out", "≤ 200 ms", "no figure")
			continue
		}
		r.add(gb, "tap."+t.key, "Slow 4G + 4× CPU: tap on "+t.label+" right after load, carried out (tap to the frame showing it)"+medianOf, v, ms(v), "≤ 200 ms", v <= 200)
	}
	r.add(gb, "visit.load", "load event (Slow 4G + 4× CPU)", b["load-ms"], ms(b["load-ms"]), "", false)
	r.add(gb, "visit.live", "WebAssembly live (sent for at the tap), from navigation", b["live-ms"], ms(b["live-ms"]), "", false)
	r.add(gb, "visit.task", "longest main-thread task from the tap until live", b["takeover-longest-task-ms"], ms(b["takeover-longest-task-ms"]), "", false)
	r.add(gb, "visit.shift", "layout shift at the takeover (not caused by input, live ± 1 s)", b["takeover-shift"], fmt.Sprintf("%.4f", b["takeover-shift"]), "0", b["takeover-shift"] == 0)
	r.add(gb, "visit.bytes", "all bytes of a first visit (the server's response bodies, until the service worker has cached the app)", b["first-visit-bytes"], mb(int64(b["first-visit-bytes"])), "≤ 1.7 MB", b["first-visit-bytes"] <= 1.7e6)
	r.add(gb, "visit.wasm", "app.wasm downloads on a first visit", b["wasm-downloads"], fmt.Sprintf("%.0f", b["wasm-downloads"]), "1", b["wasm-downloads"] == 1)
}
