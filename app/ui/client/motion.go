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

// movingSamples is the night's outline while it moves: a point every 3° of
// the terminator and of the map's edge (at rest, as the server draws it,
// every degree). In motion the difference is below a tenth of a pixel on a
// phone, and each frame's path is a third of the size to build, hand to
// the browser and draw; the last frame is the step's own, exact night.
const movingSamples = 120

// motion is what the WebAssembly adds to the page when another step is
// shown (ui.StepEvent): the night shading and the clock travel to the
// call's start in requestAnimationFrame (writing the night's outline and,
// when its minute changes, the clock's text each frame, never
// re-rendering), its arc draws itself and the places at both ends pulse a
// few times. Without it the page shows each step at once, which is also
// what it does under prefers-reduced-motion.
//
// Everything a step needs of the page is read once, when the motion is
// made, so that showing a step and drawing a frame cross to JavaScript as
// little as they can.
type motion struct {
	ctx    app.Context
	doc    app.Value
	page   pageAPI
	steps  []stepView
	zones  *ui.ZoneTable
	frame  geo.Frame // the map's, with its central meridian
	night  app.Value // the animated night shading (ui.NightID)
	clock  app.Value // the animated clock's time (ui.ClockID's ui.ClockTimeClass)
	label  app.Value // the animated clock's place (ui.ClockLabelClass)
	raf    app.Func
	onStep app.Func
	reduce app.Value // the reader's prefers-reduced-motion, a live MediaQueryList
	// The keyframes and timings of the arc and the pulses, made once.
	drawKeys, drawTiming, pulseKeys, pulseTiming app.Value

	buf      geo.NightBuffer
	shown    time.Time // the instant on screen
	from, to time.Time
	moving   bool    // the night and the clock are travelling
	target   int     // the step they travel to
	startMs  float64 // the motion's first frame; 0 before it
	pending  bool    // a frame has been requested
	text     string  // the clock's text, written only when it changes
	minute   int64   // the Unix minute the clock's text is of
	zone     string  // the zone of the clock: where the item shown starts from
	// shownStep is the step shown, as the page's script last said.
	shownStep int
	// clockText is the text node the clock holds, found once (setClock).
	clockText app.Value
}

// stepView is what the motion uses of one step of the page.
type stepView struct {
	start  time.Time // the call's start (zero: the overview)
	zone   string    // the zone of its clock
	label  string    // its clock's place
	time   string    // its clock's time, as the server wrote it
	night  app.Value // its prerendered night shading (none for the overview)
	arc    app.Value // its arc
	pulses []app.Value
}

// newMotion reads what the motion needs of the page's steps; readPage
// reads the rest. It listens to nothing yet: adopt does.
func newMotion(ctx app.Context, doc app.Value, page pageAPI) *motion {
	m := &motion{ctx: ctx, doc: doc, page: page, frame: ui.MapFrame()}
	radios := doc.Call("querySelectorAll", `input[name="`+ui.StepRadioName+`"]`)
	for i := 0; i < radios.Length(); i++ {
		m.steps = append(m.steps, readStep(doc, radios.Index(i), i))
	}
	return m
}

// readPage reads the zone table, the map's frame and the animated night
// and clock, and makes the arc's and the pulses' keyframes.
func (m *motion) readPage() {
	doc := m.doc
	m.night = doc.Call("getElementById", ui.NightID)
	m.zones = readZoneTable(doc)
	if el := doc.Call("querySelector", "["+ui.MeridianAttr+"]"); el.Truthy() {
		if lon0, err := strconv.ParseFloat(el.Call("getAttribute", ui.MeridianAttr).String(), 64); err == nil {
			m.frame = m.frame.WithCentralMeridian(lon0)
		}
	}
	if el := doc.Call("getElementById", ui.ClockID); el.Truthy() {
		m.clock = el.Call("querySelector", "."+ui.ClockTimeClass)
		m.label = el.Call("querySelector", "."+ui.ClockLabelClass)
	}
	m.reduce = app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)")
	m.drawKeys = app.ValueOf([]any{map[string]any{"strokeDashoffset": 1}, map[string]any{"strokeDashoffset": 0}})
	m.drawTiming = app.ValueOf(map[string]any{"duration": drawDuration, "easing": "ease-out"})
	m.pulseKeys = app.ValueOf([]any{
		map[string]any{"opacity": 0.9, "transform": "scale(1)"},
		map[string]any{"opacity": 0, "transform": "scale(3.5)"},
	})
	m.pulseTiming = app.ValueOf(map[string]any{"duration": pulseDuration, "iterations": pulseCount, "easing": "ease-out"})
}

// readStep reads step i of the page, whose radio is given.
func readStep(doc, radio app.Value, i int) stepView {
	var s stepView
	if v := radio.Call("getAttribute", ui.AtAttr); v.Truthy() {
		s.start, _ = time.Parse(time.RFC3339, v.String())
	}
	place, from := "", ""
	if v := radio.Call("getAttribute", ui.PlaceAttr); v.Truthy() {
		place = v.String()
	}
	if v := radio.Call("getAttribute", ui.FromAttr); v.Truthy() {
		from = v.String()
	}
	n := strconv.Itoa(i)
	if el := doc.Call("querySelector", `.`+ui.ClockTimesClass+` [`+ui.StepAttr+`="`+n+`"]`); el.Truthy() {
		s.zone = el.Call("getAttribute", ui.ZoneAttr).String()
		if v := el.Call("querySelector", "."+ui.ClockLabelClass); v.Truthy() {
			s.label = v.Get("textContent").String()
		}
		if v := el.Call("querySelector", "."+ui.ClockTimeClass); v.Truthy() {
			s.time = v.Get("textContent").String()
		}
	}
	s.night = doc.Call("querySelector", `[`+ui.LayerAttr+`="`+ui.LayerNight+`"] [`+ui.StepAttr+`="`+n+`"]`)
	if s.start.IsZero() {
		return s // the overview: no arc, no pulse
	}
	s.arc = doc.Call("querySelector", `[`+ui.ArcAttr+`="`+n+`"]`)
	pulses := doc.Call("querySelectorAll", `[`+ui.LayerAttr+`="`+ui.LayerPlaces+`"] :is([`+ui.PlaceAttr+`="`+place+`"], [`+ui.PlaceAttr+`="`+from+`"]) [`+ui.PartAttr+`="`+ui.PartPulse+`"]`)
	for j := 0; j < pulses.Length(); j++ {
		s.pulses = append(s.pulses, pulses.Index(j))
	}
	return s
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
// takeover (ui.MotionAttr) changes no pixel; from then on the motion
// follows the steps the page's script announces.
func (m *motion) adopt() {
	m.raf = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer func() { _ = recover() }() // a panic here would stop the whole program
		m.pending = false
		if m.ctx.Err() != nil || len(args) == 0 {
			return nil
		}
		m.frameAt(args[0].Float())
		return nil
	})
	m.onStep = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer func() { _ = recover() }()
		if len(args) > 0 {
			m.show(args[0].Get("detail").Int())
		}
		return nil
	})
	m.doc.Call("addEventListener", ui.StepEvent, m.onStep)
	m.shownStep = m.page.step()
	m.copyStep(m.shownStep)
}

// copyStep shows step i's prerendered night and clock in the animated ones
// (no night for the overview, which has none).
func (m *motion) copyStep(i int) {
	if !m.night.Truthy() || m.clock == nil || !m.clock.Truthy() || i < 0 || i >= len(m.steps) {
		return
	}
	s := m.steps[i]
	if s.night.Truthy() {
		m.night.Call("setAttribute", "d", s.night.Call("getAttribute", "d"))
	} else {
		m.night.Call("setAttribute", "d", "")
	}
	m.clockAt(i)
	m.text, m.minute = s.time, math.MinInt64
	m.setClock(s.time)
	m.moving, m.shown = false, s.start
}

// clockAt puts the animated clock where step i's item starts from: its
// place's name, and its zone for the time.
func (m *motion) clockAt(i int) {
	m.zone = m.steps[i].zone
	if m.label != nil && m.label.Truthy() && m.label.Get("textContent").String() != m.steps[i].label {
		m.label.Set("textContent", m.steps[i].label)
	}
}

// show moves to step i: the night and the clock travel to the call's start,
// its arc draws, its places pulse. Showing the step already shown again
// (Play, a question about it) replays it.
func (m *motion) show(i int) {
	if i < 0 || i >= len(m.steps) {
		return
	}
	m.shownStep = i
	// To or from the overview the night and the clock change at once; the
	// map's framing eases by itself (CSS).
	reduced := m.reducedMotion()
	if reduced || m.shown.IsZero() || m.steps[i].start.IsZero() {
		m.copyStep(i)
		if !reduced && !m.steps[i].start.IsZero() {
			m.drawArc(i)
		}
		return
	}
	m.clockAt(i)
	m.moving, m.from, m.to, m.target, m.startMs = true, m.shown, m.steps[i].start, i, 0
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

// frameAt draws the motion's frame at the given requestAnimationFrame time:
// an instant between the two calls, eased, and at the end the call's own
// night, as the server drew it.
func (m *motion) frameAt(now float64) {
	if !m.moving {
		return // a step shown at once meanwhile
	}
	if m.startMs == 0 {
		m.startMs = now
	}
	p := math.Min((now-m.startMs)/moveDuration, 1)
	if p >= 1 {
		m.copyStep(m.target)
		return
	}
	m.draw(m.from.Add(time.Duration(float64(m.to.Sub(m.from)) * easeInOut(p))))
	m.request()
}

// draw writes an instant of the motion into the animated night shading and
// clock.
func (m *motion) draw(t time.Time) {
	m.shown = t
	if m.night.Truthy() {
		m.night.Call("setAttribute", "d", string(m.buf.Path(m.frame, t, movingSamples)))
	}
	m.writeClock(t)
}

// writeClock writes the clock's text for the instant, when its minute has
// changed: into the text the clock holds, which the browser lays out again
// without restyling the clock.
func (m *motion) writeClock(t time.Time) {
	minute := t.Unix() / 60
	if minute == m.minute || m.clock == nil || !m.clock.Truthy() {
		return
	}
	m.minute = minute
	text := m.zones.Text(t, m.zone)
	if text == m.text {
		return
	}
	m.text = text
	m.setClock(text)
}

// setClock writes the clock's text into the text node the clock holds,
// which the browser lays out again without restyling the clock. The node
// is found once, when the clock is first written: a move writes a new
// minute on most of its frames, and each reading of the page is a
// crossing to JavaScript.
func (m *motion) setClock(text string) {
	if m.clockText != nil && m.clockText.Truthy() {
		m.clockText.Set("nodeValue", text)
		return
	}
	if node := m.clock.Get("firstChild"); node.Truthy() && node.Get("nodeType").Int() == 3 && !node.Get("nextSibling").Truthy() {
		m.clockText = node
		node.Set("nodeValue", text)
		return
	}
	m.clock.Set("textContent", text)
	m.clockText = m.clock.Get("firstChild") // none for an empty text: found again next time
}

// drawArc draws step i's arc and pulses the places at both of its ends,
// with the Web Animations API: no attribute to toggle, no style to force.
func (m *motion) drawArc(i int) {
	s := m.steps[i]
	if s.arc.Truthy() {
		s.arc.Call("animate", m.drawKeys, m.drawTiming)
	}
	for _, p := range s.pulses {
		p.Call("animate", m.pulseKeys, m.pulseTiming)
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
func (m *motion) reducedMotion() bool {
	return m.reduce.Truthy() && m.reduce.Get("matches").Bool()
}

func easeInOut(p float64) float64 { return (1 - math.Cos(math.Pi*p)) / 2 }
