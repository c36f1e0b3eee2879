package ui

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// playDwell is how long Play stays on each call before moving on.
const playDwell = 4 * time.Second

// page is the whole widget: header, map, timeline, current call, list of
// calls, quiz and sources. It owns the timeline state; the controls reach it
// through actions.
type page struct {
	app.Compo

	step      int    // index of the current call
	playing   bool   // the timeline advances by itself
	playGen   int    // invalidates pending Play timers on every change
	embed     bool   // no page chrome (the /embed route or ?embed=1)
	theme     string // "auto", "light" or "dark"
	announced string // the live region's text: only the step, once per step
	updated   bool   // a new version is installed: offer a reload
	anim      *animator
	// stages is how many of liveStages are live. In the browser the parts
	// are first the server's elements (see standIn) and go live one stage
	// per task.
	stages int
}

// liveStages are the parts that go live after the first render, one stage
// per browser task, in the order a reader needs them: the timeline's
// controls and the current call, then the rest. Each task stays short, so
// the page keeps answering the reader while the app starts.
var liveStages = [][]string{{"timeline", "card"}, {"list", "quiz", "embed"}}

func newPage() *page { return &page{theme: "auto"} }

// OnPreRender runs on the server: the prerendered page already shows the
// call and theme that the address asks for.
func (p *page) OnPreRender(ctx app.Context) {
	p.readURL(ctx.Page().URL())
	setPageMeta(ctx)
}

// OnNav runs in the browser on load: the same state from the address.
func (p *page) OnNav(ctx app.Context) {
	p.readURL(ctx.Page().URL())
	setPageMeta(ctx)
	if p.anim != nil {
		p.anim.jump(p.currentInstant())
	}
}

// OnMount starts the browser-only parts: actions and the animation loop.
func (p *page) OnMount(ctx app.Context) {
	p.handleActions(ctx)
	p.adopt()
	p.anim = newAnimator(ctx)
	p.anim.jump(p.currentInstant())
	p.nextStage(ctx)
}

// handleActions makes the page answer its controls' actions.
func (p *page) handleActions(ctx app.Context) {
	ctx.Handle(actionStep, func(ctx app.Context, a app.Action) {
		if i, ok := a.Value.(int); ok {
			p.stopPlay()
			p.goTo(ctx, i)
		}
	})
	ctx.Handle(actionPlay, func(ctx app.Context, a app.Action) {
		if on, ok := a.Value.(bool); ok {
			p.setPlaying(ctx, on)
		}
	})
	ctx.Handle(actionReplay, func(ctx app.Context, a app.Action) {
		id, _ := a.Value.(string)
		s := current().Story
		if s == nil {
			return
		}
		if i := s.CallIndex(id); i >= 0 {
			p.stopPlay()
			p.goTo(ctx, i)
			if p.anim != nil {
				p.anim.replayArc(s.Calls[i].ID)
			}
		}
	})
}

// nextStage brings the next stage of parts live in a later task, takes the
// server's elements into any slots the new parts have, and goes on; after
// the last one it tells child.js, tests and hosts that the widget is live.
func (p *page) nextStage(ctx app.Context) {
	afterThisTask(func() {
		ctx.Dispatch(func(ctx app.Context) {
			if p.stages < len(liveStages) {
				p.stages++
				p.Update()
			}
			ctx.Defer(func(ctx app.Context) {
				p.adopt()
				if p.stages < len(liveStages) {
					p.nextStage(ctx)
					return
				}
				app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-fc-ready", "true")
			})
		})
	})
}

// isLive reports whether the part's stage has gone live.
func (p *page) isLive(name string) bool {
	for _, stage := range liveStages[:min(p.stages, len(liveStages))] {
		if slices.Contains(stage, name) {
			return true
		}
	}
	return false
}

// slotAttr marks an empty element that takes in one of the server's
// elements, named by its value.
const slotAttr = "data-fc-slot"

// standIn returns, until the part goes live, a slot that takes in the
// server's element of the part, else the live part. Moving an element costs
// one call; building the part live, a call into JavaScript for every
// element and attribute.
func (p *page) standIn(name string, live app.UI) app.UI {
	if current().Prerendered[name] != nil && !p.isLive(name) {
		return app.Div().Class("fc-slot").Attr(slotAttr, name)
	}
	return live
}

// adopt moves the server's elements into the slots that wait for them. It
// runs before the browser paints, so they never leave the screen. They show
// the call the server rendered, which an offline copy of another address
// may not match, so the current step is marked again; after every stage
// too, since a step taken with the keyboard before the timeline went live
// had no live timeline to mark the strip.
func (p *page) adopt() {
	doc := app.Window().Get("document")
	for name, el := range current().Prerendered {
		slot := doc.Call("querySelector", "["+slotAttr+`="`+name+`"]`)
		if slot.Truthy() && !el.Get("parentNode").Equal(slot) {
			slot.Call("appendChild", el)
		}
	}
	markMap(p.step)
	markAxis(p.step)
}

// OnAppUpdate runs when a new version has been installed beside this one.
// Nothing changes under the reader; they choose when to reload.
func (p *page) OnAppUpdate(ctx app.Context) {
	p.updated = ctx.AppUpdateAvailable()
}

func (p *page) onReload(ctx app.Context, e app.Event) {
	app.Window().Get("location").Call("reload")
}

// OnDismount releases the animation loop.
func (p *page) OnDismount() {
	if p.anim != nil {
		p.anim.release()
		p.anim = nil
	}
}

func (p *page) readURL(u *url.URL) {
	if u == nil {
		return
	}
	q := u.Query()
	p.embed = isEmbedPath(strings.TrimPrefix(u.Path, strings.TrimSuffix(rootPrefix(), "/"))) || q.Get("embed") == "1"
	switch q.Get("theme") {
	case "light", "dark":
		p.theme = q.Get("theme")
	default:
		p.theme = "auto"
	}
	n := len(calls(current().Story))
	if n == 0 {
		return
	}
	if c, err := strconv.Atoi(q.Get("call")); err == nil {
		p.step = clampStep(c-1, n)
	}
}

// goTo makes call i current: the map, card and list follow, the live region
// announces it once, and the address bar records it without a history entry.
func (p *page) goTo(ctx app.Context, i int) {
	cs := calls(current().Story)
	if len(cs) == 0 {
		return
	}
	i = clampStep(i, len(cs))
	p.step = i
	p.announced = cs[i].Announcement(len(cs))
	// The address bar can wait a task: updating it costs the browser a
	// few milliseconds that the tap's own task does not need.
	afterThisTask(func() { replaceCallInURL(i + 1) })
	p.Update()
	// The motion starts once the new call is on the page: its first frame
	// then does not also carry the re-render (Go runs every ready goroutine
	// in each call from the browser, so the two would share one task).
	ctx.Defer(func(app.Context) {
		if p.anim != nil {
			p.anim.moveTo(cs[i].Start)
		}
	})
}

func (p *page) currentInstant() time.Time {
	cs := calls(current().Story)
	if len(cs) == 0 {
		return time.Time{}
	}
	return cs[clampStep(p.step, len(cs))].Start
}

func (p *page) setPlaying(ctx app.Context, on bool) {
	n := len(calls(current().Story))
	p.playGen++
	p.playing = on
	if !on || n == 0 {
		p.Update()
		return
	}
	if p.step >= n-1 { // Play at the end starts again from the first call
		p.goTo(ctx, 0)
	} else {
		p.goTo(ctx, p.step)
	}
	p.scheduleNext(ctx)
}

func (p *page) scheduleNext(ctx app.Context) {
	gen := p.playGen
	ctx.After(playDwell, func(ctx app.Context) {
		if !p.playing || gen != p.playGen {
			return
		}
		n := len(calls(current().Story))
		if p.step >= n-1 {
			p.playing = false
			p.Update()
			return
		}
		p.goTo(ctx, p.step+1)
		p.scheduleNext(ctx)
	})
}

func (p *page) stopPlay() {
	p.playGen++
	p.playing = false
}

// onKeyDown gives the timeline its keyboard: Space plays or pauses, the
// arrows step, Home and End jump. Keys on other buttons keep their meaning.
func (p *page) onKeyDown(ctx app.Context, e app.Event) {
	n := len(calls(current().Story))
	if n == 0 {
		return
	}
	key := e.Get("key").String()
	target := e.Get("target")
	onOtherButton := target.Truthy() && target.Get("tagName").String() == "BUTTON" &&
		target.Get("dataset").Get("control").String() != "play"
	switch key {
	case " ", "Spacebar":
		if onOtherButton {
			return
		}
		e.PreventDefault()
		p.setPlaying(ctx, !p.playing)
	case "ArrowLeft":
		e.PreventDefault()
		p.stopPlay()
		p.goTo(ctx, p.step-1)
	case "ArrowRight":
		e.PreventDefault()
		p.stopPlay()
		p.goTo(ctx, p.step+1)
	case "Home":
		e.PreventDefault()
		p.stopPlay()
		p.goTo(ctx, 0)
	case "End":
		e.PreventDefault()
		p.stopPlay()
		p.goTo(ctx, n-1)
	}
}

func (p *page) Render() app.UI {
	c := current()
	s := c.Story
	if s == nil {
		return app.Div().Class("fc").Body(app.P().Text("This story could not be loaded."))
	}
	cs := calls(s)
	step := clampStep(p.step, len(cs))
	mode := "page"
	if p.embed {
		mode = "embed"
	}
	var card app.UI = app.Div()
	if len(cs) > 0 {
		card = newCallCard().Step(step)
	}
	return app.Div().
		Class("fc").
		DataSet("theme", p.theme).
		DataSet("mode", mode).
		Body(
			p.renderUpdate(),
			app.Elem("header").Class("fc-head").Body(
				app.Elem("h1").Class("fc-title").Text(s.Title),
				app.P().Class("fc-dek").Text(s.Dek),
			),
			app.Elem("section").
				Class("fc-story").
				Aria("label", "Map and timeline of the calls").
				OnKeyDown(p.onKeyDown).
				Body(
					newMapView().Step(step),
					p.standIn("timeline", newTimeline().Step(step).Playing(p.playing)),
					p.standIn("card", card),
					p.standIn("list", newCallList().Step(step)),
					app.P().
						Class("fc-sr-only").
						ID("fc-announcer").
						Aria("live", "polite").
						Aria("atomic", "true").
						Text(p.announced),
				),
			p.standIn("quiz", newQuiz()),
			newSourcesList(),
			p.standIn("embed", newEmbedDialog()),
			newFooter(),
		)
}

// replaceCallInURL keeps ?call=N in the address bar without a history entry,
// so the current call is shareable and survives a reload.
func replaceCallInURL(n int) {
	if app.IsServer {
		return
	}
	loc := app.Window().Get("location")
	u, err := url.Parse(loc.Get("href").String())
	if err != nil {
		return
	}
	q := u.Query()
	q.Set("call", strconv.Itoa(n))
	u.RawQuery = q.Encode()
	history := app.Window().Get("history")
	if history.Truthy() {
		history.Call("replaceState", nil, "", u.String())
	}
}

// setPageMeta gives the page its title and description from the story, on
// the server and in the browser alike.
func setPageMeta(ctx app.Context) {
	s := current().Story
	if s == nil {
		return
	}
	// The server rewrites the head's meta tags with proper escaping (go-app
	// v9 quotes attributes with strconv.Quote), so plain text goes in here.
	ctx.Page().SetTitle(s.Title)
	ctx.Page().SetDescription(s.Dek)
}

// renderUpdate is the notice that a new version is ready.
func (p *page) renderUpdate() app.UI {
	if !p.updated {
		return app.Text("")
	}
	return app.Div().Class("fc-update").Aria("live", "polite").Body(
		app.Elem("span").Text("A new version is ready — "),
		app.Button().Class("fc-btn").Type("button").Text("reload").OnClick(p.onReload),
	)
}

// rootPrefix is the path the widget lives under ("" at the root), as go-app
// tells the client; a static export may live under a sub-path.
func rootPrefix() string {
	if app.IsServer {
		return ""
	}
	return app.Getenv("GOAPP_ROOT_PREFIX")
}

// afterThisTask runs f in a later browser task (setTimeout), unlike
// ctx.Dispatch or a Go timer, which may still run within the current one.
func afterThisTask(f func()) {
	var fn app.Func
	fn = app.FuncOf(func(app.Value, []app.Value) any {
		fn.Release()
		f()
		return nil
	})
	app.Window().Call("setTimeout", fn)
}
