package page

import (
	"fmt"
	"strconv"
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// timeline is the day where the calls were made from: Previous, Play, Next,
// All calls and the clock, and the strip of the day with each call on it.
// Previous, Next, All calls and the strip's marks are labels of the step
// radios (see stepRadios), so they work without a script; every step (the
// overview and each call) has its own Previous/Next pair and clock, and the
// state stylesheet shows the step shown's. Next after the last call, and
// Previous before the first, come back to the overview. Play needs a script
// (web/page.js).
type timeline struct {
	app.Compo

	w *Widget
}

func newTimeline(w *Widget) *timeline { return &timeline{w: w} }

func (t *timeline) Render() app.UI {
	cs, loc := t.w.calls, t.w.loc
	n := len(cs)
	prev := []app.UI{stepButton(ui.ControlPrev, "◀", loc.T(locale.PreviousItem), 0, 0, false)}
	next := []app.UI{stepButton(ui.ControlNext, "▶", t.w.itemsText(locale.FirstItem), 0, 1, true)}
	clocks := []app.UI{clock(0, cs[0].From.TimeZone, t.w.overviewClockPlace(), t.w.OverviewClock())}
	for _, c := range cs {
		back, on := loc.T(locale.PreviousItem), c.Step+1
		if c.Step == 1 {
			back = t.w.itemsText(locale.AllItems)
		}
		forward := loc.T(locale.NextItem)
		if c.Step == n {
			forward, on = t.w.itemsText(locale.AllItems), 0
		}
		prev = append(prev, stepButton(ui.ControlPrev, "◀", back, c.Step, c.Step-1, true))
		next = append(next, stepButton(ui.ControlNext, "▶", forward, c.Step, on, true))
		clocks = append(clocks, clock(c.Step, c.From.TimeZone, c.From.Name, c.FromTime()))
	}
	clocks = append(clocks, app.Elem("span").ID(ui.ClockID).Body(
		app.Elem("span").Class(ui.ClockLabelClass),
		app.Elem("span").Class(ui.ClockTimeClass),
	))
	controls := append(prev,
		app.Button().
			Class(ui.ButtonClass+" "+ui.PlayButtonClass).
			Type("button").
			Attr(ui.ControlAttr, ui.ControlPlay).
			Attr(ui.PlayingAttr, "false").
			Body(
				app.Elem("span").Class(ui.PlayIconClass).Aria("hidden", "true"),
				// Both words are in the page; the stylesheet shows the one
				// PlayingAttr calls for, so the page's script only sets it.
				app.Elem("span").Class(ui.PlayTextClass).Text(loc.T(locale.Play)),
				app.Elem("span").Class(ui.PauseTextClass).Text(loc.T(locale.Pause)),
			))
	controls = append(controls, next...)
	controls = append(controls, labelButton(ui.StepRadioID(0), ui.ControlOverview, ui.ButtonClass+" "+ui.AllButtonClass, "", app.Text(t.w.itemsText(locale.AllItems))))
	// Every step's time shares one place, as wide as the widest, so the
	// row of controls keeps its shape from step to step.
	controls = append(controls, app.P().Class(ui.ClockClass).Body(
		app.Elem("span").Class(ui.ClockTimesClass).Body(clocks...),
	))
	return app.Div().
		Class(ui.TimelineClass).
		Body(
			app.Div().Class(ui.ControlsClass).Body(controls...),
			t.renderStrip(),
		)
}

// clock is a step's time on the timeline, where its item starts from: the
// place, and the time on its clocks (the WebAssembly animates the clock
// in that zone, ui.ZoneAttr).
func clock(step int, zone, place, time string) app.UI {
	label := ""
	if place != "" {
		label = place + " "
	}
	return app.Elem("span").Class(ui.StepClass(step)).Attr(ui.StepAttr, strconv.Itoa(step)).Attr(ui.ZoneAttr, zone).Body(
		app.Elem("span").Class(ui.ClockLabelClass).Text(label),
		app.Elem("span").Class(ui.ClockTimeClass).Text(time),
	)
}

// stepButton is a step's Previous or Next control: a label of the target
// step's radio, or an inert stand-in at either end of the day.
func stepButton(control, icon, text string, step, target int, enabled bool) app.UI {
	body := []app.UI{
		app.Elem("span").Aria("hidden", "true").Text(icon),
		app.Elem("span").Class(ui.ScreenReaderClass).Text(text),
	}
	if !enabled {
		return app.Elem("span").
			Class(ui.ButtonClass, ui.StepClass(step)).
			Attr(ui.ControlAttr, control).
			Attr(ui.StepAttr, strconv.Itoa(step)).
			Attr(ui.DisabledAttr, "true").
			Aria("hidden", "true").
			Body(body...)
	}
	return labelButton(ui.StepRadioID(target), control, ui.ButtonClass, strconv.Itoa(step), body...)
}

// labelButton is a control that works without a script: a label of a
// radio, whose click checks it. A label may have no ARIA role, so its face,
// a span that fills it, is what the page's script makes a button for the
// keyboard and for assistive technology (see web/page.js); without a
// script, the radios themselves are there for both.
func labelButton(radioID, control, class, step string, face ...app.UI) app.UI {
	l := app.Elem("label").
		Class(class).
		Attr("for", radioID)
	if control != "" {
		l = l.Attr(ui.ControlAttr, control)
	}
	if step != "" {
		l = l.Class(ui.StepClassPrefix+step).Attr(ui.StepAttr, step)
	}
	return l.Body(app.Elem("span").Class(ui.ButtonFaceClass).Body(face...))
}

// renderStrip draws the stretch of time: an SVG axis stretched to the
// width with a tick at each of the scale's ticks, their labels below it as
// an HTML row (stretched SVG text would be distorted, and inline styles
// are barred by the Content-Security-Policy), and each item as a mark that
// selects it. The state stylesheet places the marks ({left} and
// {width}); the strip is hidden from screen readers, which have the step
// radios.
func (t *timeline) renderStrip() app.UI {
	const width, height = 1000.0, 32.0
	cs, s := t.w.calls, t.w.scale
	var ticks, labels, marks []app.UI
	for _, tick := range s.Ticks {
		x := fx(s.x(tick) * width)
		ticks = append(ticks, svg("line").Attr("x1", x).Attr("x2", x).Attr("y1", "26").Attr("y2", "32").Attr(ui.PartAttr, ui.PartTick))
	}
	texts := s.labels(t.w.loc)
	levels, _ := s.levels(texts)
	for i, l := range texts {
		// A label naming the day or the year is a <time>. Each says the
		// last level of labels it shows at (web/app.css, StateCSS).
		if s.major(i) {
			labels = append(labels, app.Elem("time").Attr("datetime", s.datetime(i)).Attr(ui.LevelAttr, levels[i]).Text(l))
			continue
		}
		labels = append(labels, app.Elem("span").Attr(ui.LevelAttr, levels[i]).Text(l))
	}
	for _, c := range cs {
		mark := app.Elem("label").
			Class(ui.MarkClass, ui.StepClass(c.Step)).
			Attr("for", ui.StepRadioID(c.Step)).
			Attr(ui.MarkAttr, strconv.Itoa(c.Step)).
			Body(app.Elem("span").Class(ui.StepClass(c.Step), ui.MarkBarClass))
		if c.End.IsZero() {
			mark = mark.Attr(ui.UnknownAttr, "true") // unknown length: a short, striped mark
		}
		marks = append(marks, mark)
	}
	return app.Div().Class(ui.StripClass).Aria("hidden", "true").Body(
		svg("svg").
			Attr("viewBox", fmt.Sprintf("0 0 %g %g", width, height)).
			Attr("preserveAspectRatio", "none").
			Attr("focusable", "false").
			Body(append([]app.UI{svg("line").Attr("x1", "0").Attr("x2", fx(width)).Attr("y1", "26").Attr("y2", "26").Attr(ui.PartAttr, ui.PartAxis)}, ticks...)...),
		app.Div().Class(ui.MarksClass).Body(marks...),
		app.Div().Class(ui.HoursClass).Body(labels...),
	)
}

// markSpan is where an item's mark sits on the strip, as percentages of
// its width: from the start, and how long (an unknown length gets a
// sliver; the stylesheet gives every mark a width a finger can press).
func (w *Widget) markSpan(c Call) (left, width float64) {
	end := c.End
	if end.IsZero() {
		end = c.Start.Add(10 * time.Minute)
	}
	return w.scale.x(c.Start) * 100, w.scale.x(end)*100 - w.scale.x(c.Start)*100
}

// markGap is the least part of the strip, in per cent, from one mark's
// start to the next's. Items that start closer than that (two calls
// minutes apart on a week's strip) would give the first a mark of no
// width, hidden under the next: the strip showed six marks for seven
// visits. Such marks are moved apart, by a fraction of a mark's own least
// width (24 px, 9% of a phone's strip), and each keeps at least 2 px (the
// strip is 264 px wide at 320, and web/state.css keeps a 2 px hairline
// between marks); the cards and the list keep the times.
const markGap = 1.6

// markLefts is where each item's mark starts on the strip, in per cent:
// at its start, moved later where the one before is closer than markGap,
// and, when that takes the last ones to the strip's end, back from it. With
// too many items for markGap each, they share the strip evenly.
func (w *Widget) markLefts() []float64 {
	n := len(w.calls)
	lefts := make([]float64, n)
	for i, c := range w.calls {
		lefts[i], _ = w.markSpan(c)
	}
	if n == 0 {
		return lefts
	}
	gap := min(markGap, 100/float64(n))
	last := lefts[n-1]
	for i := 1; i < n; i++ {
		lefts[i] = max(lefts[i], lefts[i-1]+gap)
	}
	end := max(last, 100-gap)
	for i := n - 1; i >= 0 && lefts[i] > end; i-- {
		lefts[i] = end
		end -= gap
	}
	return lefts
}
