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
// page's main thread. Nothing here touches a page or the network: root
// adopts the stand-in page page.js's worker makes, and the motion and the
// quiz are driven through their handlers with stand-in elements. It
// reports to the worker (ui.WarmDoneFunc): 0 once done, 3 when root did
// not adopt the stand-in page; then it waits for the worker to end, since
// go-app keeps timers that would wake an exited program.
func WarmUp() {
	code := 0
	if !warmUp() {
		code = 3
	}
	app.Window().Call(ui.WarmDoneFunc, code)
	select {}
}

func warmUp() bool {
	// go-app's start, the mount of root and its adoption of the page, the
	// whole takeover, against the stand-in page page.js's worker makes:
	// without it they compile some 200 functions on the page, 30-40 ms of
	// a slow phone's takeover. root tells when it has adopted the page
	// (warmAdopted); go-app then waits for events in its goroutine, and the
	// warm-up goes on.
	Routes()
	adopted := make(chan *root, 1)
	warmAdopted = adopted
	go app.RunWhenOnBrowser()
	var r *root
	select {
	case r = <-adopted:
	case <-time.After(3 * time.Second):
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
	<-time.After(time.Millisecond) // a timer that fires, read from its channel
	seen := map[string]int{}
	for i := range 40 {
		seen[strconv.Itoa(i)] = i
	}
	for k := range seen {
		delete(seen, k)
	}
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

	// The motion, through the handlers the page calls (a step shown, its
	// frames), on stand-in elements: the first move after the takeover
	// would compile them on the page, in its first frame.
	frame := ui.MapFrame().WithCentralMeridian(lon0)
	_ = geo.NightPath(frame, at)
	warmMotion(r.motion, &table, frame, at)

	// An answer sent, its receipt read, the figures written.
	a := quiz.Answer{Story: "five-calls", Question: "q1", Choice: "a", Reader: "r", ID: quiz.AnswerID("r", "q1")}
	var st quiz.Stats
	if b, err := json.Marshal(a); err == nil {
		var receipt quiz.Receipt
		_ = json.Unmarshal([]byte(`{"stored":true,"correct":true,"correctChoice":"a","counted":false,`+
			`"stats":{"story":"five-calls","answers":4,"readers":2,"finished":1,"questions":{"q1":{"a":3,"b":1}},"scores":[0,1]}}`), &receipt)
		_ = json.Unmarshal(receipt.Stats, &st)
		_ = json.Unmarshal(b, &a)
		st = st.Including(a, true, 1)
		st.ShareOf("q1", "a")
		st.Standing(1)
	}
	words := quizWords{share: "{0} of readers", percent: "{0}%", digits: "0123456789"}
	_ = words.fill(words.share, 42)
	// An answer posted and the figures asked for, through the stand-in
	// page's fetch, which answers every request at once with "{}" and a
	// newline, as the server's JSON ends; then the quiz's answer handler
	// and its writer of figures, once each on the stand-in quiz form,
	// which has no figures: a function is compiled whole on its first
	// call, whatever path it takes. (The adoption has sent the stand-in
	// page's unsent answer already.)
	_, _ = postAnswer(context.Background(), "", a)
	_ = fetchStats(context.Background(), "", a.Story)
	if q := r.quiz; q != nil && q.onAnswer != nil {
		q.onAnswer.Invoke()
		q.fill(&st)
	}

	runtime.GC() // the first collection on the page, during the motion
	return true
}

// warmMotion drives the adopted motion as the page's steps do: a call shown
// from the overview (at once), a move to the next (its frames, then where
// it stops), on stand-in elements that keep nothing.
func warmMotion(m *motion, table *ui.ZoneTable, frame geo.Frame, at time.Time) {
	if m == nil || m.onStep == nil || m.raf == nil {
		return
	}
	doc := app.Window().Get("document")
	el := doc.Call("createElement", "span")
	_ = readStep(doc, el, 1) // the page's steps, which the stand-in page has none of
	m.night, m.clock, m.label = el, el, el
	m.zones, m.frame = table, frame
	zone := "America/New_York"
	m.steps = []stepView{
		{zone: zone, label: "Washington", time: "9:05", night: el},
		{start: at, zone: zone, label: "Washington", time: "11:00", night: el, arc: app.Null()},
		{start: at.Add(3 * time.Hour), zone: zone, label: "Washington", time: "14:00", night: el, arc: app.Null()},
	}
	for _, step := range []int{1, 2} {
		m.onStep.Invoke(map[string]any{"detail": step})
	}
	for _, ms := range []float64{1, 600, 1300} {
		m.raf.Invoke(ms)
	}
}
