package ui

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// scrubStep is the scrubber's step in minutes.
const scrubStep = 5

// timeline shows the day in Washington time with the calls on it, and the
// controls: Previous call, Play/Pause, Next call and a scrubber.
type timeline struct {
	app.Compo

	IStep    int
	IPlaying bool
}

func newTimeline() *timeline { return &timeline{} }

func (t *timeline) Render() app.UI {
	s := current().Story
	cs := calls(s)
	if len(cs) == 0 {
		return app.Div()
	}
	step := clampStep(t.IStep, len(cs))
	first, last := dayWindow(cs)
	cur := cs[step]
	zone := cur.Origin.TimeZone
	playLabel := "Play"
	if t.IPlaying {
		playLabel = "Pause"
	}
	value := int(cur.Start.Sub(first) / time.Minute)
	return app.Div().
		Class("fc-timeline").
		Body(
			app.Div().Class("fc-controls").Body(
				app.Button().
					Class("fc-btn").
					Type("button").
					DataSet("control", "prev").
					Aria("label", "Previous call").
					Disabled(step == 0).
					OnClick(t.onPrev).
					Body(app.Elem("span").Aria("hidden", "true").Text("◀")),
				app.Button().
					Class("fc-btn fc-btn-play").
					Type("button").
					DataSet("control", "play").
					Aria("label", playLabel).
					OnClick(t.onPlay).
					Body(
						app.Elem("span").Aria("hidden", "true").Text(playIcon(t.IPlaying)),
						app.Elem("span").Class("fc-btn-text").Aria("hidden", "true").Text(playLabel),
					),
				app.Button().
					Class("fc-btn").
					Type("button").
					DataSet("control", "next").
					Aria("label", "Next call").
					Disabled(step == len(cs)-1).
					OnClick(t.onNext).
					Body(app.Elem("span").Aria("hidden", "true").Text("▶")),
				app.P().Class("fc-clock").Body(
					app.Elem("span").Class("fc-clock-label").Text(cur.Origin.Name+" "),
					app.Elem("span").ID("fc-clock").Text(originText(cur.Start, zone, false)),
				),
			),
			app.Elem("label").Class("fc-sr-only").Attr("for", "fc-scrubber").Text("Time of day in "+cur.Origin.Name),
			app.Input().
				ID("fc-scrubber").
				Class("fc-scrubber").
				Type("range").
				Min(0).
				Max(int(last.Sub(first)/time.Minute)).
				Step(scrubStep).
				Value(strconv.Itoa(value)).
				Aria("valuetext", originText(cur.Start, zone, false)).
				OnInput(t.onScrub),
			t.axis(cs, first, last, step),
		)
}

// axis is the strip of the day: in the browser the server's, taken in by
// page.adopt and marked by OnUpdate, since only the current call changes.
func (t *timeline) axis(cs []callInfo, first, last time.Time, step int) app.UI {
	if current().Prerendered["axis"] != nil {
		return app.Div().Class("fc-slot").Attr(slotAttr, "axis")
	}
	return t.renderAxis(cs, first, last, step)
}

// OnUpdate marks the new step on the server's strip of the day.
func (t *timeline) OnUpdate(ctx app.Context) { markAxis(t.IStep) }

// markAxis marks the step on the server's strip of the day.
func markAxis(step int) {
	c := current()
	if cs := calls(c.Story); c.Prerendered["axis"] != nil && len(cs) > 0 {
		markStates(".fc-axis [data-call]", "data-call", callStates(cs, clampStep(step, len(cs))))
	}
}

// renderAxis draws the calls on the day as an SVG strip stretched to the
// width, with the hours below it as an HTML row (stretched SVG text would be
// distorted, and inline styles are barred by the Content-Security-Policy).
func (t *timeline) renderAxis(cs []callInfo, first, last time.Time, step int) app.UI {
	const width, height = 1000.0, 32.0
	span := last.Sub(first).Minutes()
	x := func(tm time.Time) float64 { return tm.Sub(first).Minutes() / span * width }
	zone := cs[0].Origin.TimeZone
	var marks, hours []app.UI
	for h := first; !h.After(last); h = h.Add(time.Hour) {
		marks = append(marks, svg("line").Attr("x1", fx(x(h))).Attr("x2", fx(x(h))).Attr("y1", "26").Attr("y2", "32").Attr("data-part", "tick"))
		if h.Before(last) {
			hours = append(hours, app.Elem("span").Text(hourText(inZone(h, zone))))
		}
	}
	for _, c := range cs {
		end := c.End
		if end.IsZero() {
			end = c.Start.Add(10 * time.Minute) // unknown length: a short, faded mark
		}
		marks = append(marks, svg("rect").
			Attr("x", fx(x(c.Start))).
			Attr("y", "4").
			Attr("width", fx(max(x(end)-x(c.Start), 6))).
			Attr("height", "18").
			Attr("data-state", stepState(c.Index, step)).
			Attr("data-unknown", fmt.Sprint(c.End.IsZero())).
			Attr("data-call", c.Call.ID))
	}
	return app.Div().Class("fc-axis").Aria("hidden", "true").Body(
		svg("svg").
			Attr("viewBox", fmt.Sprintf("0 0 %g %g", width, height)).
			Attr("preserveAspectRatio", "none").
			Attr("focusable", "false").
			Body(append([]app.UI{svg("line").Attr("x1", "0").Attr("x2", fx(width)).Attr("y1", "26").Attr("y2", "26").Attr("data-part", "axis")}, marks...)...),
		app.Div().Class("fc-hours").Body(hours...),
	)
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

func playIcon(playing bool) string {
	if playing {
		return "❚❚"
	}
	return "►"
}

func (t *timeline) onPrev(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionStep, t.IStep-1)
}

func (t *timeline) onNext(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionStep, t.IStep+1)
}

func (t *timeline) onPlay(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionPlay, !t.IPlaying)
}

// onScrub moves to the last call that had started at the scrubbed time.
func (t *timeline) onScrub(ctx app.Context, e app.Event) {
	cs := calls(current().Story)
	if len(cs) == 0 {
		return
	}
	minutes, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil {
		return
	}
	first, _ := dayWindow(cs)
	at := first.Add(time.Duration(minutes) * time.Minute)
	i := 0
	for _, c := range cs {
		if !c.Start.After(at) {
			i = c.Index
		}
	}
	ctx.NewActionWithValue(actionStep, i)
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

// Step sets the index of the current call.
func (t *timeline) Step(i int) *timeline { t.IStep = i; return t }

// Playing sets whether the timeline is playing.
func (t *timeline) Playing(on bool) *timeline { t.IPlaying = on; return t }
