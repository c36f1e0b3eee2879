package client

import (
	"context"
	"encoding/json"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"time"

	"fivecalls/app/locale/cldrtime"
	"fivecalls/app/quiz"
	"fivecalls/app/ui"
	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Warming reports whether the program runs to warm up (WarmUp): page.js's
// worker runs it with the argument ui.WarmArg.
func Warming(args []string) bool {
	return len(args) > 1 && args[1] == ui.WarmArg
}

// WarmUp runs, once, what the page runs first, where no page is: in
// page.js's worker, before the module goes to the page. Browsers compile a
// WebAssembly function on its first call, on the thread that calls it, and
// keep its code with the module; without this, compiling Go's start and
// the client's first work would take most of the takeover's time on the
// page's main thread. Nothing here touches a page or the network. It
// reports to the worker (ui.WarmDoneFunc): 0 once done, 3 when go-app did
// not mount root against the stand-in page; then it waits for the worker
// to end, since go-app keeps timers that would wake an exited program.
func WarmUp() {
	code := 0
	if !warmUp() {
		code = 3
	}
	app.Window().Call(ui.WarmDoneFunc, code)
	select {}
}

func warmUp() bool {
	// go-app's start and the mount of root, the takeover's first slices,
	// against the stand-in page page.js's worker makes: without it they
	// compile some 170 functions on the page, 20-30 ms of a slow phone's
	// takeover. root tells when it has mounted (warmMounted); go-app then
	// waits for events in its goroutine, and the warm-up goes on.
	Routes()
	mounted := make(chan struct{})
	warmMounted = mounted
	go app.RunWhenOnBrowser()
	select {
	case <-mounted:
		yield() // root's adoption finds no page API, and stops
	case <-time.After(2 * time.Second):
		return false
	}

	// go-app's values (its start and mount need a page).
	o := app.ValueOf(map[string]any{"a": 1.5, "b": true})
	o.Set("c", "d")
	if keys := app.Window().Get("Object").Call("keys", o); keys.Truthy() && keys.Length() > 0 {
		_ = keys.Index(0).String()
	}
	_ = o.Get("a").Float() + float64(o.Get("a").Int())
	_ = o.Get("b").Bool()

	// Go's own: timers, select, contexts, sorting.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	tick := time.NewTicker(time.Hour)
	stop := time.AfterFunc(time.Hour, func() {})
	select {
	case <-ctx.Done():
	case <-tick.C:
	default:
	}
	tick.Reset(2 * time.Hour)
	tick.Stop()
	stop.Stop()
	cancel()
	sort.Slice([]int{3, 1, 2}, func(i, j int) bool { return i < j })

	at := time.Date(2017, 1, 28, 16, 5, 0, 0, time.UTC)
	if t, err := time.Parse(time.RFC3339, at.Format(time.RFC3339)); err == nil {
		at = t
	}
	_, _ = url.Parse("https://example.com/five-calls/?call=2#top")
	lon0, _ := strconv.ParseFloat("-90.5", 64)

	// The zone table, as the page carries it, and the animated clock.
	table := ui.ZoneTable{
		From: at.Add(-24 * time.Hour).Unix(), Until: at.Add(24 * time.Hour).Unix(),
		Zones: map[string][]ui.ZoneChange{"America/New_York": {{At: at.Add(-48 * time.Hour).Unix(), Offset: -5 * 3600, Abbr: "EST"}}},
		Clock: ui.ClockFormat{Pattern: "h:mm a", Template: "{time} {zone}", Date: "EEE, MMM d", DateTemplate: "{date}, {time}",
			Words: cldrtime.Words{Digits: "0123456789"}},
	}
	if b, err := json.Marshal(table); err == nil {
		var read ui.ZoneTable
		_ = json.Unmarshal(b, &read)
		_ = read.Text(at, "America/New_York")
	}

	// A frame of the motion: the night, moving and where it stops.
	frame := ui.MapFrame().WithCentralMeridian(lon0)
	var night geo.NightBuffer
	_ = string(night.Path(frame, at, movingSamples))
	_ = geo.NightPath(frame, at)
	_ = easeInOut(0.5)

	// An answer sent, its receipt read, the figures written.
	a := quiz.Answer{Story: "five-calls", Question: "q1", Choice: "a", Reader: "r", ID: quiz.AnswerID("r", "q1")}
	if b, err := json.Marshal(a); err == nil {
		var r quiz.Receipt
		_ = json.Unmarshal([]byte(`{"stored":true,"correct":true,"correctChoice":"a","counted":false,`+
			`"stats":{"story":"five-calls","answers":4,"readers":2,"finished":1,"questions":{"q1":{"a":3,"b":1}},"scores":[0,1]}}`), &r)
		var st quiz.Stats
		_ = json.Unmarshal(r.Stats, &st)
		_ = json.Unmarshal(b, &a)
		st = st.Including(a, true, 1)
		st.ShareOf("q1", "a")
		st.Standing(1)
	}
	words := quizWords{share: "{0} of readers", percent: "{0}%", digits: "0123456789"}
	_ = words.fill(words.share, 42)
	// An answer posted and the figures asked for, through the stand-in
	// page's fetch, which answers every request at once with "{}".
	_, _ = postAnswer(context.Background(), "", a)
	_ = fetchStats(context.Background(), "", a.Story)

	runtime.GC() // the first collection on the page, during the motion
	return true
}
