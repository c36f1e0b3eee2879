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
	prev := []app.UI{stepButton(ui.ControlPrev, "◀", loc.T(locale.PreviousCall), 0, 0, false)}
	next := []app.UI{stepButton(ui.ControlNext, "▶", loc.T(locale.FirstCall), 0, 1, true)}
	clocks := []app.UI{app.Elem("span").Attr(ui.StepAttr, "0").Text(t.w.OverviewClock())}
	for _, c := range cs {
		back, on := loc.T(locale.PreviousCall), c.Step+1
		if c.Step == 1 {
			back = loc.T(locale.AllCalls)
		}
		forward := loc.T(locale.NextCall)
		if c.Step == n {
			forward, on = loc.T(locale.AllCalls), 0
		}
		prev = append(prev, stepButton(ui.ControlPrev, "◀", back, c.Step, c.Step-1, true))
		next = append(next, stepButton(ui.ControlNext, "▶", forward, c.Step, on, true))
		clocks = append(clocks, app.Elem("span").Attr(ui.StepAttr, strconv.Itoa(c.Step)).Text(c.FromClock()))
	}
	clocks = append(clocks, app.Elem("span").ID(ui.ClockID))
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
	controls = append(controls, labelButton(ui.StepRadioID(0), ui.ControlOverview, ui.ButtonClass+" "+ui.AllButtonClass, "", app.Text(loc.T(locale.AllCalls))))
	// Every step's time shares one place, as wide as the widest, so the
	// row of controls keeps its shape from step to step.
	controls = append(controls, app.P().Class(ui.ClockClass).Body(
		app.Elem("span").Class(ui.ClockLabelClass).Text(cs[0].From.Name+" "),
		app.Elem("span").Class(ui.ClockTimesClass).Body(clocks...),
	))
	first, last := t.w.DayWindow()
	return app.Div().
		Class(ui.TimelineClass).
		Body(
			app.Div().Class(ui.ControlsClass).Body(controls...),
			t.renderStrip(first, last),
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
			Class(ui.ButtonClass).
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
		l = l.Attr(ui.StepAttr, step)
	}
	return l.Body(app.Elem("span").Class(ui.ButtonFaceClass).Body(face...))
}

// renderStrip draws the day: an SVG axis stretched to the width, the hours
// below it as an HTML row (stretched SVG text would be distorted, and inline
// styles are barred by the Content-Security-Policy), and each call as a mark
// that selects it. The state stylesheet places the marks ({left} and
// {width}); the strip is hidden from screen readers, which have the step
// radios.
func (t *timeline) renderStrip(first, last time.Time) app.UI {
	const width, height = 1000.0, 32.0
	cs := t.w.calls
	span := last.Sub(first).Minutes()
	x := func(tm time.Time) float64 { return tm.Sub(first).Minutes() / span * width }
	zone := cs[0].From.TimeZone
	loc := t.w.loc
	var ticks, hours, marks []app.UI
	for h := first; !h.After(last); h = h.Add(time.Hour) {
		ticks = append(ticks, svg("line").Attr("x1", fx(x(h))).Attr("x2", fx(x(h))).Attr("y1", "26").Attr("y2", "32").Attr(ui.PartAttr, ui.PartTick))
		if h.Before(last) {
			hours = append(hours, app.Elem("span").Text(loc.Hour(inZone(h, zone))))
		}
	}
	for _, c := range cs {
		mark := app.Elem("label").
			Class(ui.MarkClass).
			Attr("for", ui.StepRadioID(c.Step)).
			Attr(ui.MarkAttr, strconv.Itoa(c.Step)).
			Body(app.Elem("span").Class(ui.MarkBarClass))
		if c.End.IsZero() {
			mark = mark.Attr(ui.UnknownAttr, "true") // unknown length: a short, faded mark
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
		app.Div().Class(ui.HoursClass).Body(hours...),
	)
}

// markSpan is where a call's mark sits on the strip, as percentages of
// its width: from the start, and how long (unknown lengths get a short mark).
func (w *Widget) markSpan(c Call) (left, width float64) {
	first, last := w.DayWindow()
	span := last.Sub(first).Minutes()
	end := c.End
	if end.IsZero() {
		end = c.Start.Add(10 * time.Minute)
	}
	return c.Start.Sub(first).Minutes() / span * 100, end.Sub(c.Start).Minutes() / span * 100
}
