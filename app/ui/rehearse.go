package ui

import (
	"fmt"
	"runtime"
	"time"

	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Rehearse mounts the widget once, off-screen, walks it through every call
// and returns. The WebAssembly entry runs it in the worker that compiled the
// module (web/compile.js), never on the page.
//
// Why: the browser compiles each function of a WebAssembly module lazily, on
// its first call and on the thread that makes it. Starting the app on the
// page first calls about 2,400 of them, which costs more main-thread time
// than running them. A module passed to a worker shares its compiled code
// with the page, so a rehearsal there compiles the start-up path before the
// reader taps and leaves the page only the work itself.
//
// It uses go-app's server-side engine, so no browser-only hook (OnMount)
// runs; the worker supplies the few document calls mounting makes.
func Rehearse(c *Content) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rehearsal stopped: %v", r)
		}
	}()
	// Like the page, take in the parts the server drew for good rather than
	// render them; the rest renders live.
	inert := app.Window().Get("document").Call("createElement", "div")
	c.Prerendered = map[string]app.Value{}
	for _, name := range keptParts {
		c.Prerendered[name] = inert
	}
	SetContent(c)
	cs := calls(c.Story)
	p := newPage()
	p.stages = len(liveStages)
	d := app.NewServerTester(p)
	defer d.Close()
	if len(cs) == 0 {
		return nil
	}
	// A first tap on Play, then steps through the controls' actions: every
	// update path runs once, and once is enough to compile it. Play's timer
	// is left out: the engine would wait for it. (Without a history in the
	// worker, the address bar is left alone.)
	for _, tap := range []func(app.Context){
		func(ctx app.Context) { p.handleActions(ctx); p.playing = true; p.goTo(ctx, 0) },
		func(ctx app.Context) { ctx.NewActionWithValue(actionStep, 1) },
		func(ctx app.Context) { ctx.NewActionWithValue(actionStep, 0) },
	} {
		d.Dispatch(app.Dispatch{Mode: app.Update, Source: p, Function: tap})
		d.Consume()
	}
	// The animation's per-frame work: the night shading and the clock.
	t := cs[0].Start.Add(time.Minute)
	_ = geo.NightPath(mapFrame, t)
	_ = originText(t, cs[0].Origin.TimeZone, false)
	// The runtime's own paths that a start on the page also takes: a
	// garbage collection, and a goroutine waiting on a timer, which hands
	// control back to the browser's event loop and resumes from it.
	runtime.GC()
	<-time.After(time.Millisecond)
	return nil
}
