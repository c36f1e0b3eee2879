package ui

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// timeline is the day in the origin's time: Previous, Play, Next, All calls
// and the clock, and the strip of the day with each call on it. Previous,
// Next, All calls and the strip's marks are labels of the call radios (see
// callRadios), so they work without a script; every step (the overview and
// each call) has its own Previous/Next pair and clock, and the stylesheet
// shows the current one's. Next after the last call, and Previous before the
// first, come back to the overview. Play needs a script (web/widget.js).
type timeline struct {
	app.Compo
}

func newTimeline() *timeline { return &timeline{} }

func (t *timeline) Render() app.UI {
	s := current().Story
	cs := calls(s)
	if len(cs) == 0 {
		return app.Div()
	}
	n := len(cs)
	prev := []app.UI{stepButton("prev", "◀", "Previous call", overviewStep, 0, false)}
	next := []app.UI{stepButton("next", "▶", "First call", overviewStep, 1, true)}
	clocks := []app.UI{app.Elem("span").Attr(StepAttr, fmt.Sprint(overviewStep)).Text(overviewClock(cs))}
	for _, c := range cs {
		k := c.Index + 1
		back, on := "Previous call", k+1
		if k == 1 {
			back = "All calls"
		}
		forward := "Next call"
		if k == n {
			forward, on = "All calls", overviewStep
		}
		prev = append(prev, stepButton("prev", "◀", back, k, k-1, true))
		next = append(next, stepButton("next", "▶", forward, k, on, true))
		clocks = append(clocks, app.Elem("span").Attr(StepAttr, fmt.Sprint(k)).Text(originText(c.Start, c.Origin.TimeZone, false)))
	}
	clocks = append(clocks, app.Elem("span").ID(ClockID))
	controls := append(prev,
		app.Button().
			Class("fc-btn fc-btn-play").
			Type("button").
			Attr(ControlAttr, "play").
			Body(
				app.Elem("span").Class("fc-play-icon").Aria("hidden", "true"),
				app.Elem("span").Class("fc-btn-text").Text("Play"),
			))
	controls = append(controls, next...)
	controls = append(controls, app.Elem("label").
		Class("fc-btn fc-btn-all").
		Attr("for", CallRadioID(overviewStep)).
		Attr(ControlAttr, "overview").
		Text("All calls"))
	// Every step's time shares one place, as wide as the widest, so the
	// row of controls keeps its shape from step to step.
	controls = append(controls, app.P().Class("fc-clock").Body(
		app.Elem("span").Class("fc-clock-label").Text(cs[0].Origin.Name+" "),
		app.Elem("span").Class("fc-clock-times").Body(clocks...),
	))
	first, last := dayWindow(cs)
	return app.Div().
		Class("fc-timeline").
		Body(
			app.Div().Class("fc-controls").Body(controls...),
			t.renderStrip(cs, first, last),
		)
}

// stepButton is a call's Previous or Next control: a label of the target
// call's radio, or an inert stand-in at either end of the day.
func stepButton(control, icon, text string, step, target int, enabled bool) app.UI {
	body := []app.UI{
		app.Elem("span").Aria("hidden", "true").Text(icon),
		app.Elem("span").Class("fc-sr-only").Text(text),
	}
	if !enabled {
		return app.Elem("span").
			Class("fc-btn").
			Attr(ControlAttr, control).
			Attr(StepAttr, fmt.Sprint(step)).
			Attr("data-disabled", "true").
			Aria("hidden", "true").
			Body(body...)
	}
	return app.Elem("label").
		Class("fc-btn").
		Attr("for", CallRadioID(target)).
		Attr(ControlAttr, control).
		Attr(StepAttr, fmt.Sprint(step)).
		Body(body...)
}

// renderStrip draws the day: an SVG axis stretched to the width, the hours
// below it as an HTML row (stretched SVG text would be distorted, and inline
// styles are barred by the Content-Security-Policy), and each call as a mark
// that selects it. web/state.css places the marks ({left} and {width}); the
// strip is hidden from screen readers, which have the call radios.
func (t *timeline) renderStrip(cs []callInfo, first, last time.Time) app.UI {
	const width, height = 1000.0, 32.0
	span := last.Sub(first).Minutes()
	x := func(tm time.Time) float64 { return tm.Sub(first).Minutes() / span * width }
	zone := cs[0].Origin.TimeZone
	var ticks, hours, marks []app.UI
	for h := first; !h.After(last); h = h.Add(time.Hour) {
		ticks = append(ticks, svg("line").Attr("x1", fx(x(h))).Attr("x2", fx(x(h))).Attr("y1", "26").Attr("y2", "32").Attr(PartAttr, "tick"))
		if h.Before(last) {
			hours = append(hours, app.Elem("span").Text(hourText(inZone(h, zone))))
		}
	}
	for _, c := range cs {
		mark := app.Elem("label").
			Class("fc-mark").
			Attr("for", CallRadioID(c.Index+1)).
			Attr(MarkAttr, fmt.Sprint(c.Index+1)).
			Body(app.Elem("span").Class("fc-mark-bar"))
		if c.End.IsZero() {
			mark = mark.Attr("data-unknown", "true") // unknown length: a short, faded mark
		}
		marks = append(marks, mark)
	}
	return app.Div().Class("fc-strip").Aria("hidden", "true").Body(
		svg("svg").
			Attr("viewBox", fmt.Sprintf("0 0 %g %g", width, height)).
			Attr("preserveAspectRatio", "none").
			Attr("focusable", "false").
			Body(append([]app.UI{svg("line").Attr("x1", "0").Attr("x2", fx(width)).Attr("y1", "26").Attr("y2", "26").Attr(PartAttr, "axis")}, ticks...)...),
		app.Div().Class("fc-marks").Body(marks...),
		app.Div().Class("fc-hours").Body(hours...),
	)
}

// overviewClock is the day's span on the overview's clock: "9:05 a.m. to
// 5:05 p.m. EST".
func overviewClock(cs []callInfo) string {
	first, last := cs[0], cs[len(cs)-1]
	zone := first.Origin.TimeZone
	if len(cs) == 1 {
		return originText(first.Start, zone, false)
	}
	// An en dash keeps the range on one line beside the buttons on a phone.
	return clockText(inZone(first.Start, zone)) + "–" + originText(last.Start, zone, false)
}

// markSpan is where a call's mark sits on the strip, as percentages of
// its width: from the start, and how long (unknown lengths get a short mark).
func markSpan(cs []callInfo, c callInfo) (left, width float64) {
	first, last := dayWindow(cs)
	span := last.Sub(first).Minutes()
	end := c.End
	if end.IsZero() {
		end = c.Start.Add(10 * time.Minute)
	}
	return c.Start.Sub(first).Minutes() / span * 100, end.Sub(c.Start).Minutes() / span * 100
}

// hourText labels an hour on the axis: "9 a.m.", "10", "noon", "1 p.m.".
func hourText(t time.Time) string {
	h := t.Hour()
	switch {
	case h == 12:
		return "noon"
	case h == 0:
		return "12 a.m."
	case h == 1 || h == 13 || t.Minute() != 0:
		return clockText(t)
	case h < 12:
		return fmt.Sprint(h)
	default:
		return fmt.Sprint(h - 12)
	}
}

// dayWindow is the stretch of the day the axis shows: from the hour before
// the first call to the hour after the last one ends.
func dayWindow(cs []callInfo) (first, last time.Time) {
	first = cs[0].Start.Truncate(time.Hour)
	if first.Equal(cs[0].Start) {
		first = first.Add(-time.Hour)
	}
	end := cs[len(cs)-1].End
	if end.IsZero() {
		end = cs[len(cs)-1].Start
	}
	last = end.Truncate(time.Hour).Add(time.Hour)
	return first, last
}
