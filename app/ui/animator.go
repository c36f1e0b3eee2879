package ui

import (
	"math"
	"strconv"
	"time"

	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Motion, in milliseconds.
const (
	moveDuration  = 1200.0 // the night and the clock reach a new call
	drawDuration  = 1400.0 // the current arc draws itself
	pulseDuration = 1600.0 // one pulse of the places at both ends
	pulseCount    = 4
)

// animator is the motion the WebAssembly adds to the page: when another
// call becomes current, the night shading and the clock travel to its start
// in requestAnimationFrame (writing two attributes a frame, never
// re-rendering), its arc draws itself and the places at both ends pulse a
// few times. Without it the page shows each call at once, which is also
// what it does under prefers-reduced-motion. Browser only.
type animator struct {
	doc      app.Value
	radios   []app.Value // the call radios, in order: the overview, then the calls
	starts   []time.Time // each step's start, from the radios (zero: the overview)
	zone     string      // the origin's zone, for the clock
	frame    geo.Frame   // the map's, with its central meridian
	night    app.Value   // the live night shading (NightID)
	clock    app.Value   // the live clock (ClockID)
	raf      app.Func
	shown    time.Time // the instant on screen
	from, to time.Time
	startMs  float64 // the motion's first frame; 0 before it
	pending  bool    // a frame has been requested
	text     string  // the clock's text, written only when it changes
}

func newAnimator(ctx app.Context, doc app.Value) *animator {
	a := &animator{
		doc:   doc,
		night: doc.Call("getElementById", NightID),
		clock: doc.Call("getElementById", ClockID),
	}
	if root := doc.Call("querySelector", "."+RootClass); root.Truthy() {
		a.zone = root.Call("getAttribute", ZoneAttr).String()
	}
	a.frame = mapFrame
	if m := doc.Call("querySelector", "["+MeridianAttr+"]"); m.Truthy() {
		if lon0, err := strconv.ParseFloat(m.Call("getAttribute", MeridianAttr).String(), 64); err == nil {
			a.frame = mapFrame.WithCentralMeridian(lon0)
		}
	}
	radios := doc.Call("querySelectorAll", `input[name="`+CallRadioName+`"]`)
	for i := 0; i < radios.Length(); i++ {
		r := radios.Index(i)
		var at time.Time // the overview has none
		if v := r.Call("getAttribute", AtAttr); v.Truthy() {
			at, _ = time.Parse(time.RFC3339, v.String())
		}
		a.radios = append(a.radios, r)
		a.starts = append(a.starts, at)
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

// current is the index of the checked call radio, or -1.
func (a *animator) current() int {
	for i, r := range a.radios {
		if r.Get("checked").Bool() {
			return i
		}
	}
	return -1
}

// adopt makes the live night and clock show what the prerendered ones of
// the current step show, copied rather than computed again, so the
// takeover (LiveAttr) changes no pixel.
func (a *animator) adopt() {
	if i := a.current(); i >= 0 {
		a.copyStep(i)
	}
}

// copyStep shows step i's prerendered night and clock in the live ones (no
// night for the overview, which has none).
func (a *animator) copyStep(i int) {
	if !a.night.Truthy() || !a.clock.Truthy() {
		return
	}
	n := strconv.Itoa(i)
	d := ""
	if el := a.doc.Call("querySelector", `[`+LayerAttr+`="night"] [`+StepAttr+`="`+n+`"]`); el.Truthy() {
		d = el.Call("getAttribute", "d").String()
	}
	a.night.Call("setAttribute", "d", d)
	if el := a.doc.Call("querySelector", `.fc-clock [`+StepAttr+`="`+n+`"]`); el.Truthy() {
		a.text = el.Get("textContent").String()
		a.clock.Set("textContent", a.text)
	}
	a.from, a.to, a.shown = a.starts[i], a.starts[i], a.starts[i]
}

// show moves to the call of the radio that was just checked: the night and
// the clock travel there, the arc draws, the places pulse. Play checking
// the current call again replays it.
func (a *animator) show(radio app.Value) {
	i := -1
	for j, r := range a.radios {
		if r.Equal(radio) {
			i = j
		}
	}
	if i < 0 {
		return
	}
	// To or from the overview the night and the clock change at once; the
	// map's framing eases by itself (CSS).
	if reducedMotion() || a.shown.IsZero() || a.starts[i].IsZero() {
		a.copyStep(i)
		if !reducedMotion() && !a.starts[i].IsZero() {
			a.drawArc(i)
		}
		return
	}
	a.from, a.to, a.startMs = a.shown, a.starts[i], 0
	a.request()
	a.drawArc(i)
}

func (a *animator) request() {
	if a.pending || a.raf == nil {
		return
	}
	a.pending = true
	app.Window().Call("requestAnimationFrame", a.raf)
}

// draw writes the instant into the live night shading and clock.
func (a *animator) draw(t time.Time) {
	a.shown = t
	if a.night.Truthy() {
		a.night.Call("setAttribute", "d", geo.NightPath(a.frame, t))
	}
	if text := originText(t, a.zone, false); text != a.text && a.clock.Truthy() {
		a.text = text
		a.clock.Set("textContent", text)
	}
}

// drawArc draws step i's arc and pulses the places at both of its ends,
// with the Web Animations API: no attribute to toggle, no style to force.
func (a *animator) drawArc(i int) {
	n := strconv.Itoa(i)
	if arc := a.doc.Call("querySelector", `[`+ArcAttr+`="`+n+`"]`); arc.Truthy() {
		arc.Call("animate", []any{
			map[string]any{"strokeDashoffset": 1},
			map[string]any{"strokeDashoffset": 0},
		}, map[string]any{"duration": drawDuration, "easing": "ease-out"})
	}
	// The place called (its radio names it) and the origin.
	place := a.radios[i].Call("getAttribute", PlaceAttr).String()
	pulses := a.doc.Call("querySelectorAll", `[`+LayerAttr+`="places"] :is([`+PlaceAttr+`="`+place+`"], [`+RoleAttr+`="origin"]) [`+PartAttr+`="pulse"]`)
	for j := 0; j < pulses.Length(); j++ {
		p := pulses.Index(j)
		p.Call("animate", []any{
			map[string]any{"opacity": 0.9, "transform": "scale(1)"},
			map[string]any{"opacity": 0, "transform": "scale(3.5)"},
		}, map[string]any{"duration": pulseDuration, "iterations": pulseCount, "easing": "ease-out"})
	}
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
