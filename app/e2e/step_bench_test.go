package e2e

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/chromedp"
)

// stepTaps is how many times each run of BenchmarkStep taps Next: the
// default story has five calls, so four taps step through them all.
const stepTaps = 4

// BenchmarkStep measures what a step costs the page's main thread once the
// WebAssembly is live, with nothing else going on: the work of the page
// alone, which a reader's session (BenchmarkSession) mixes with the
// WebAssembly's start and, on a machine of two CPUs, with the main
// thread waiting for a core. In a fresh browser on a phone's viewport, a
// first tap starts the WebAssembly; once it is live and the service
// worker has cached the app, at 4× CPU, the reader taps Next four times,
// 1.5 s apart, under a light trace (the browser's tasks and their
// rendering). For each tap, the longest task from the tap's own until 400
// ms after it: the tap's task (its handlers, and the restyle and layout
// that the browser's update of the pointer's hover forces) or the frame
// that paints the step, whichever is longer.
//
// Two stories: the default (five calls) and one of fifty legs between ten
// places (fifty.json of app/story's corpus). Every element that a step's
// rules name by a step's attribute is restyled at every step, whichever
// step it is for (docs/testing.md), so a story's steps cost more the more
// calls it has: this shows how much.
//
// Metrics, over every tap of every run:
//
//	step-task-ms        the median tap's longest task (wall time)
//	worst-step-task-ms  the longest of them
//	step-task-cpu-ms    the median of the time the thread ran in it
//	restyled            the median of the elements a tap's largest restyle styled
func BenchmarkStep(b *testing.B) {
	fifty, err := os.ReadFile(filepath.Join(corpusDir, "fifty.json"))
	if err != nil {
		b.Fatal(err)
	}
	legs, err := story.Load(fifty)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		st   *story.Story
	}{{"default", story.Default()}, {"fifty-legs", legs}} {
		b.Run(c.name, func(b *testing.B) {
			var taps []stepCost
			for b.Loop() {
				taps = append(taps, runSteps(b, c.st)...)
			}
			wall := make([]float64, len(taps))
			cpu := make([]float64, len(taps))
			restyled := make([]float64, len(taps))
			for i, t := range taps {
				wall[i], cpu[i], restyled[i] = t.wall, t.cpu, float64(t.restyled)
			}
			slices.Sort(wall)
			slices.Sort(cpu)
			slices.Sort(restyled)
			b.ReportMetric(quantile(wall, 0.5), "step-task-ms")
			b.ReportMetric(wall[len(wall)-1], "worst-step-task-ms")
			b.ReportMetric(quantile(cpu, 0.5), "step-task-cpu-ms")
			b.ReportMetric(quantile(restyled, 0.5), "restyled")
		})
	}
}

// stepCost is what one tap on Next cost the main thread: its longest task
// (wall time and the time the thread ran, in milliseconds) and the most
// elements one restyle styled.
type stepCost struct {
	wall, cpu float64
	restyled  int
}

// runSteps runs one visit of BenchmarkStep in a fresh browser.
func runSteps(b *testing.B, st *story.Story) []stepCost {
	e := newPerfEnvOf(b, st)
	defer e.close()
	e.do(60*time.Second, chromedp.Navigate(e.url+"/"))
	e.tap(`label[data-control="next"]`)
	if !e.waitFor(liveJS, 60*time.Second) {
		b.Fatal("the page did not go live")
	}
	// The service worker registers once the reader pauses after the
	// takeover (web/page.js's whenSettled) and caches the app: not a
	// step's work.
	active := `navigator.serviceWorker.getRegistration().then(r => !!(r && r.active && r.active.state === "activated"))`
	for start := time.Now(); !perfEval[bool](e, active); time.Sleep(200 * time.Millisecond) {
		if time.Since(start) > 60*time.Second {
			b.Fatal("the service worker did not activate")
		}
	}
	time.Sleep(time.Second)
	e.throttle(4)
	time.Sleep(time.Second)
	stop := e.record("toplevel", "devtools.timeline")
	for range stepTaps {
		e.tap(`label[data-control="next"]`)
		time.Sleep(1500 * time.Millisecond)
	}
	costs := stepCosts(b, stop())
	if len(costs) != stepTaps {
		b.Fatalf("the trace has %d taps, not %d", len(costs), stepTaps)
	}
	return costs
}

// stepCosts finds each tap in a trace's events (a click the page was
// dispatched, 500 ms or more after the one before) and what it cost the
// page's main thread: its longest task from the tap's own until 400 ms
// after the click, and the most elements a restyle in that time styled.
func stepCosts(b *testing.B, events [][]byte) []stepCost {
	// The page's main thread is the renderer's main thread that had the
	// clicks.
	isClick := func(ev traceEvent) bool {
		return ev.Ph == "X" && ev.Name == "EventDispatch" && ev.Args.Data.Type == "click"
	}
	var evs []traceEvent
	for _, th := range rendererMainThreads(events) {
		if slices.ContainsFunc(th, isClick) {
			evs = th
		}
	}
	if evs == nil {
		b.Fatalf("the trace (%d events) has no click on a renderer's main thread", len(events))
	}
	slices.SortFunc(evs, func(x, y traceEvent) int { return cmp.Compare(x.Ts, y.Ts) })
	var clicks []float64
	for _, ev := range evs {
		if isClick(ev) && (len(clicks) == 0 || ev.Ts-clicks[len(clicks)-1] >= 500e3) {
			clicks = append(clicks, ev.Ts)
		}
	}
	var out []stepCost
	for _, at := range clicks {
		from, to := at, at+400e3
		for _, ev := range evs {
			if ev.Ph == "X" && ev.Name == "ThreadControllerImpl::RunTask" && ev.Ts <= at && ev.Ts+ev.Dur >= at {
				from = ev.Ts // the tap's own task
			}
		}
		var c stepCost
		for _, ev := range evs {
			if ev.Ph != "X" || ev.Ts < from || ev.Ts > to {
				continue
			}
			switch ev.Name {
			case "ThreadControllerImpl::RunTask":
				if ev.Dur/1000 > c.wall {
					c.wall, c.cpu = ev.Dur/1000, ev.TDur/1000
				}
			case "UpdateLayoutTree":
				c.restyled = max(c.restyled, ev.Args.Elements)
			}
		}
		b.Logf("tap at %.0f: longest task %.1f ms (thread %.1f), restyled %d", (at-clicks[0])/1000, c.wall, c.cpu, c.restyled)
		out = append(out, c)
	}
	return out
}
