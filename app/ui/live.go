package ui

import (
	"encoding/json"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// live is the widget's component in the browser. go-app mounts it at an
// empty element ahead of the server's page (MountClass), so the page the
// reader already uses is neither rebuilt nor moved; it renders only the
// notice that a new version is ready.
//
// When it mounts it adopts the page as it is (see the package doc): the
// call shown, for the motion between calls (animator), and the answers
// given, which it posts (quizClient); then it follows the page's radios.
// It changes no layout: the live night shading and clock replace the
// prerendered ones of the same instant, and figures fill space kept for
// them.
type live struct {
	app.Compo

	updated  bool
	anim     *animator
	quiz     *quizClient
	onChange app.Func
}

func newLive() *live { return &live{} }

func (l *live) Render() app.UI {
	mount := app.Div().Class(MountClass)
	if !l.updated {
		return mount
	}
	return mount.Body(app.Div().Class(UpdateClass).Aria("live", "polite").Body(
		app.Elem("span").Text("A new version is ready — "),
		app.Button().Class("fc-btn").Type("button").Text("reload").OnClick(l.onReload),
	))
}

// OnMount adopts the page and starts following it.
func (l *live) OnMount(ctx app.Context) {
	doc := app.Window().Get("document")
	if !doc.Call("querySelector", "."+RootClass).Truthy() {
		return
	}
	readZoneTable(doc)
	l.anim = newAnimator(ctx, doc)
	l.quiz = newQuizClient(ctx, doc)
	l.onChange = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer func() { _ = recover() }() // a panic here would stop the whole program
		if len(args) == 0 {
			return nil
		}
		target := args[0].Get("target")
		name := target.Get("name").String()
		switch {
		case name == CallRadioName:
			l.anim.show(target)
		case strings.HasPrefix(name, AnswerRadioPrefix):
			l.quiz.answered(target)
		}
		return nil
	})
	doc.Call("addEventListener", "change", l.onChange)
	// Adopt last, in one task with nothing between: the live layers take
	// over showing what the prerendered ones show.
	l.anim.adopt()
	l.quiz.adopt()
	doc.Get("documentElement").Call("setAttribute", LiveAttr, "true")
}

// OnDismount stops following the page.
func (l *live) OnDismount() {
	if l.onChange != nil {
		app.Window().Get("document").Call("removeEventListener", "change", l.onChange)
		l.onChange.Release()
		l.onChange = nil
	}
	if l.anim != nil {
		l.anim.release()
	}
	if l.quiz != nil {
		l.quiz.release()
	}
}

// OnAppUpdate runs when a new version has been installed beside this one.
// Nothing changes under the reader; they choose when to reload.
func (l *live) OnAppUpdate(ctx app.Context) {
	l.updated = ctx.AppUpdateAvailable()
}

func (l *live) onReload(ctx app.Context, e app.Event) {
	app.Window().Get("location").Call("reload")
}

// ZonesElementID names the page's element with the story's ZoneTable.
const ZonesElementID = "fivecalls-zones"

// readZoneTable reads the zone table the server wrote into the page.
func readZoneTable(doc app.Value) {
	el := doc.Call("getElementById", ZonesElementID)
	if !el.Truthy() {
		return
	}
	var t ZoneTable
	if err := json.Unmarshal([]byte(el.Get("textContent").String()), &t); err == nil {
		setLiveZones(&t)
	}
}
