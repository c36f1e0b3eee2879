package client

import (
	"encoding/json"
	"math"
	"strconv"
	"time"

	"fivecalls/app/ui"
	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Motion, in milliseconds.
const (
	moveDuration  = 1200.0 // the night and the clock reach a new call
	drawDuration  = 1400.0 // the call's arc draws itself
	pulseDuration = 1600.0 // one pulse of the places at both ends
	pulseCount    = 4
)

// motion is what the WebAssembly adds to the page when another step is
// shown (ui.StepEvent): the night shading and the clock travel to the
// call's start in requestAnimationFrame (writing two attributes a frame,
// never re-rendering), its arc draws itself and the places at both ends
// pulse a few times. Without it the page shows each step at once, which is
// also what it does under prefers-reduced-motion.
type motion struct {
	doc      app.Value
	starts   []time.Time // each step's start, from its radio (zero: the overview)
	places   []string    // each step's place called
	zone     string      // the zone of the clock: where the item shown starts from
	zones    *ui.ZoneTable
	frame    geo.Frame // the map's, with its central meridian
	night    app.Value // the animated night shading (ui.NightID)
	clock    app.Value // the animated clock's time (ui.ClockID's ui.ClockTimeClass)
	label    app.Value // the animated clock's place (ui.ClockLabelClass)
	raf      app.Func
	onStep   app.Func
	shown    time.Time // the instant on screen
	from, to time.Time
	startMs  float64 // the motion's first frame; 0 before it
	pending  bool    // a frame has been requested
	text     string  // the clock's text, written only when it changes
	// shownStep is the step shown, as the page's script last said.
	shownStep int
}

func newMotion(ctx app.Context, doc app.Value, page pageAPI) *motion {
	m := &motion{
		doc:   doc,
		night: doc.Call("getElementById", ui.NightID),
		zones: readZoneTable(doc),
		frame: ui.MapFrame(),
	}
	if el := doc.Call("querySelector", "["+ui.MeridianAttr+"]"); el.Truthy() {
		if lon0, err := strconv.ParseFloat(el.Call("getAttribute", ui.MeridianAttr).String(), 64); err == nil {
			m.frame = m.frame.WithCentralMeridian(lon0)
		}
	}
	if el := doc.Call("getElementById", ui.ClockID); el.Truthy() {
		m.clock = el.Call("querySelector", "."+ui.ClockTimeClass)
		m.label = el.Call("querySelector", "."+ui.ClockLabelClass)
	}
	radios := doc.Call("querySelectorAll", `input[name="`+ui.StepRadioName+`"]`)
	for i := 0; i < radios.Length(); i++ {
		r := radios.Index(i)
		var at time.Time // the overview has none
		if v := r.Call("getAttribute", ui.AtAttr); v.Truthy() {
			at, _ = time.Parse(time.RFC3339, v.String())
		}
		place := ""
		if v := r.Call("getAttribute", ui.PlaceAttr); v.Truthy() {
			place = v.String()
		}
		m.starts = append(m.starts, at)
		m.places = append(m.places, place)
	}
	m.raf = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer func() { _ = recover() }() // a panic here would stop the whole program
		m.pending = false
		if ctx.Err() != nil || len(args) == 0 {
			return nil
		}
		now := args[0].Float()
		if m.startMs == 0 {
			m.startMs = now
		}
		p := math.Min((now-m.startMs)/moveDuration, 1)
		m.draw(m.from.Add(time.Duration(float64(m.to.Sub(m.from)) * easeInOut(p))))
		if p < 1 {
			m.request()
		}
		return nil
	})
	m.onStep = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer func() { _ = recover() }()
		if len(args) > 0 {
			m.show(args[0].Get("detail").Int())
		}
		return nil
	})
	doc.Call("addEventListener", ui.StepEvent, m.onStep)
	m.shownStep = page.step()
	return m
}

// readZoneTable reads the zone table the server wrote into the page.
func readZoneTable(doc app.Value) *ui.ZoneTable {
	var t ui.ZoneTable
	if el := doc.Call("getElementById", ui.ZonesID); el.Truthy() {
		_ = json.Unmarshal([]byte(el.Get("textContent").String()), &t)
	}
	return &t
}

// adopt makes the animated night and clock show what the prerendered ones
// of the step shown show, copied rather than computed again, so that the
// takeover (ui.MotionAttr) changes no pixel.
func (m *motion) adopt() { m.copyStep(m.shownStep) }

// copyStep shows step i's prerendered night and clock in the animated ones
// (no night for the overview, which has none).
func (m *motion) copyStep(i int) {
	if !m.night.Truthy() || m.clock == nil || !m.clock.Truthy() || i < 0 || i >= len(m.starts) {
		return
	}
	n := strconv.Itoa(i)
	d := ""
	if el := m.doc.Call("querySelector", `[`+ui.LayerAttr+`="`+ui.LayerNight+`"] [`+ui.StepAttr+`="`+n+`"]`); el.Truthy() {
		d = el.Call("getAttribute", "d").String()
	}
	m.night.Call("setAttribute", "d", d)
	m.clockAt(i)
	if el := m.step(i); el.Truthy() {
		m.text = el.Call("querySelector", "."+ui.ClockTimeClass).Get("textContent").String()
		m.clock.Set("textContent", m.text)
	}
	m.from, m.to, m.shown = m.starts[i], m.starts[i], m.starts[i]
}

// step is step i's prerendered time on the timeline.
func (m *motion) step(i int) app.Value {
	return m.doc.Call("querySelector", `.`+ui.ClockTimesClass+` [`+ui.StepAttr+`="`+strconv.Itoa(i)+`"]`)
}

// clockAt puts the animated clock where step i's item starts from: its
// place's name, and its zone for the time.
func (m *motion) clockAt(i int) {
	el := m.step(i)
	if !el.Truthy() {
		return
	}
	m.zone = el.Call("getAttribute", ui.ZoneAttr).String()
	if m.label != nil && m.label.Truthy() {
		m.label.Set("textContent", el.Call("querySelector", "."+ui.ClockLabelClass).Get("textContent"))
	}
}

// show moves to step i: the night and the clock travel to the call's start,
// its arc draws, its places pulse. Showing the step already shown again
// (Play, a question about it) replays it.
func (m *motion) show(i int) {
	if i < 0 || i >= len(m.starts) {
		return
	}
	m.shownStep = i
	// To or from the overview the night and the clock change at once; the
	// map's framing eases by itself (CSS).
	if reducedMotion() || m.shown.IsZero() || m.starts[i].IsZero() {
		m.copyStep(i)
		if !reducedMotion() && !m.starts[i].IsZero() {
			m.drawArc(i)
		}
		return
	}
	m.clockAt(i)
	m.from, m.to, m.startMs = m.shown, m.starts[i], 0
	m.request()
	m.drawArc(i)
}

func (m *motion) request() {
	if m.pending || m.raf == nil {
		return
	}
	m.pending = true
	app.Window().Call("requestAnimationFrame", m.raf)
}

// draw writes the instant into the animated night shading and clock.
func (m *motion) draw(t time.Time) {
	m.shown = t
	if m.night.Truthy() {
		m.night.Call("setAttribute", "d", geo.NightPath(m.frame, t))
	}
	if text := m.zones.Text(t, m.zone); text != m.text && m.clock != nil && m.clock.Truthy() {
		m.text = text
		m.clock.Set("textContent", text)
	}
}

// drawArc draws step i's arc and pulses the places at both of its ends,
// with the Web Animations API: no attribute to toggle, no style to force.
func (m *motion) drawArc(i int) {
	n := strconv.Itoa(i)
	if arc := m.doc.Call("querySelector", `[`+ui.ArcAttr+`="`+n+`"]`); arc.Truthy() {
		arc.Call("animate", []any{
			map[string]any{"strokeDashoffset": 1},
			map[string]any{"strokeDashoffset": 0},
		}, map[string]any{"duration": drawDuration, "easing": "ease-out"})
	}
	pulses := m.doc.Call("querySelectorAll", `[`+ui.LayerAttr+`="`+ui.LayerPlaces+`"] :is([`+ui.PlaceAttr+`="`+m.places[i]+`"], [`+ui.RoleAttr+`="`+ui.RoleOrigin+`"]) [`+ui.PartAttr+`="`+ui.PartPulse+`"]`)
	for j := 0; j < pulses.Length(); j++ {
		pulses.Index(j).Call("animate", []any{
			map[string]any{"opacity": 0.9, "transform": "scale(1)"},
			map[string]any{"opacity": 0, "transform": "scale(3.5)"},
		}, map[string]any{"duration": pulseDuration, "iterations": pulseCount, "easing": "ease-out"})
	}
}

func (m *motion) release() {
	if m.onStep != nil {
		m.doc.Call("removeEventListener", ui.StepEvent, m.onStep)
		m.onStep.Release()
		m.onStep = nil
	}
	if m.raf != nil {
		m.raf.Release()
		m.raf = nil
	}
}

// reducedMotion reports the reader's prefers-reduced-motion setting.
func reducedMotion() bool {
	mq := app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)")
	return mq.Truthy() && mq.Get("matches").Bool()
}

func easeInOut(p float64) float64 { return (1 - math.Cos(math.Pi*p)) / 2 }
