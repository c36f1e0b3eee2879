package ui

import (
	"math"
	"strconv"
	"time"

	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// moveDuration is how long the clock and the night take to reach a new call.
const moveDuration = 1200.0 // milliseconds

// animator moves the clock, the scrubber and the night shading from one
// instant to the next in requestAnimationFrame, writing three attributes
// directly instead of re-rendering the component tree on every frame.
// With prefers-reduced-motion it jumps at once. Browser only.
type animator struct {
	raf      app.Func
	shown    time.Time // the instant on screen
	from, to time.Time
	startMs  float64 // the motion's first frame; 0 before it
	pending  bool    // a frame has been requested
	zone     string  // the origin's time zone, for the clock
	first    time.Time
	// clock and minute are the texts last written, so that frames within
	// the same minute write only the night shading. A move forgets them:
	// a re-render may have written the clock meanwhile.
	clock, minute string
}

func newAnimator(ctx app.Context) *animator {
	a := &animator{}
	if cs := calls(current().Story); len(cs) > 0 {
		a.zone = cs[0].Origin.TimeZone
		a.first, _ = dayWindow(cs)
	}
	a.raf = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer func() { _ = recover() }() // a panic here would stop the whole program
		a.pending = false
		if ctx.Err() != nil || len(args) == 0 {
			return nil
		}
		now := args[0].Float()
		if a.startMs == 0 {
			a.startMs = now
		}
		p := math.Min((now-a.startMs)/moveDuration, 1)
		a.draw(a.from.Add(time.Duration(float64(a.to.Sub(a.from)) * easeInOut(p))))
		if p < 1 {
			a.request()
		}
		return nil
	})
	return a
}

// jump shows the instant at once.
func (a *animator) jump(t time.Time) {
	a.from, a.to = t, t
	a.clock, a.minute = "", ""
	a.draw(t)
}

// moveTo moves smoothly to the instant, or jumps under reduced motion.
func (a *animator) moveTo(t time.Time) {
	if reducedMotion() || a.shown.IsZero() {
		a.jump(t)
		return
	}
	a.from, a.to, a.startMs = a.shown, t, 0
	a.clock, a.minute = "", ""
	a.request()
}

func (a *animator) request() {
	if a.pending || a.raf == nil {
		return
	}
	a.pending = true
	app.Window().Call("requestAnimationFrame", a.raf)
}

// draw writes the instant into the night path, the clock and the scrubber.
func (a *animator) draw(t time.Time) {
	a.shown = t
	doc := app.Window()
	if el := doc.GetElementByID("fc-night"); el.Truthy() {
		el.Call("setAttribute", "d", geo.NightPath(mapFrame, t))
	}
	clock := originText(t, a.zone, false)
	if clock != a.clock {
		a.clock = clock
		if el := doc.GetElementByID("fc-clock"); el.Truthy() {
			el.Set("textContent", clock)
		}
	}
	if a.first.IsZero() {
		return
	}
	if minute := strconv.Itoa(int(t.Sub(a.first) / time.Minute)); minute != a.minute {
		a.minute = minute
		if el := doc.GetElementByID("fc-scrubber"); el.Truthy() {
			el.Set("value", minute)
			el.Call("setAttribute", "aria-valuetext", clock)
		}
	}
}

// replayArc draws a call's arc again, after a quiz answer about that call.
func (a *animator) replayArc(id string) {
	if reducedMotion() {
		return
	}
	el := app.Window().Get("document").Call("querySelector", `path[data-call="`+id+`"]`)
	if !el.Truthy() {
		return
	}
	el.Call("setAttribute", "data-state", "future")
	el.Call("getBoundingClientRect") // restart the CSS animation
	el.Call("setAttribute", "data-state", "current")
}

func (a *animator) release() {
	if a.raf != nil {
		a.raf.Release()
		a.raf = nil
	}
}

// reducedMotion reports the reader's prefers-reduced-motion setting.
func reducedMotion() bool {
	if app.IsServer {
		return true
	}
	mq := app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)")
	return mq.Truthy() && mq.Get("matches").Bool()
}

func easeInOut(p float64) float64 { return (1 - math.Cos(math.Pi*p)) / 2 }
