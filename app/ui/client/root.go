// Package client is the widget's WebAssembly (cmd/wasm): it adopts the page
// the server rendered (app/ui/page) without moving it, and owns the motion
// and the network. The page's script (web/page.js) starts it on the
// reader's first interaction; everything the reader can do works before it
// arrives and without it.
//
// It never renders the widget. go-app mounts its component (root) at the
// page's mount point, an empty element ahead of the widget; root adopts
// the page as it is:
//
//   - motion (motion.go) follows the step shown, which the page's script
//     announces with ui.StepEvent: the night shading and the clock travel
//     to the call's start, its arc draws, its places pulse;
//   - quizClient (quiz.go) follows the answers (ui.AnswerEvent): it posts
//     them, those given before it ran included, and fills in the readers'
//     figures, with app/quiz's wire types and figures.
//
// It starts in slices (start.go): between go-app's start, its mount and
// each step of the adoption it hands the browser its thread (yield), so
// that no task keeps a phone busy for long and a tap meanwhile is carried
// out by the page's script at once.
//
// What it knows of the reader (their token, their progress) it asks the
// page's script, which owns it (pageAPI).
package client

import (
	"strings"

	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Routes registers root for the page's own path, as go-app will read it
// from the address (Window().URL(), less its root prefix): the page is
// whatever the server rendered, under any base path, and go-app's
// navigation never takes it elsewhere (see below). An exact route rather
// than a pattern matching every path: a pattern is a regular expression,
// parsed and compiled in the takeover's first slice on a slow phone, for
// a match that can only be this path.
//
// go-app makes root halfway through its start, between setting itself up
// and mounting: the one place in it where the browser can be let in (a
// slice of the takeover, see Start). It has just taken every click on the
// window for its own navigation (window.onclick), which the page does not
// use: all it would do is call into Go at each tap of the takeover, walk
// up from its target, and take a link's click for go-app's. It is let go
// before the first tap can come: links stay links.
//
// It is not inlined, so that Start calls the code WarmUp had compiled.
//
//go:noinline
func Routes() {
	app.RouteFunc(pagePath(), func() app.Composer {
		if app.IsClient {
			app.Window().Set("onclick", nil)
			yield()
		}
		return &root{}
	})
}

// pagePath is the path go-app routes the page by: the address's path, less
// go-app's root prefix (none here; page.js answers its settings with
// nothing), "/" when empty, as go-app's own navigation takes it.
func pagePath() string {
	path := strings.TrimPrefix(app.Window().URL().Path, app.Getenv("GOAPP_ROOT_PREFIX"))
	if path == "" {
		return "/"
	}
	return path
}

// root is the component go-app mounts at the page's mount point
// (ui.MountClass). It renders that empty element again, and adopts the
// page around it.
type root struct {
	app.Compo

	motion *motion
	quiz   *quizClient
}

func (r *root) Render() app.UI { return app.Div().Class(ui.MountClass) }

// OnMount lets the browser in after the mount (go-app then updates what it
// mounted, another slice of the takeover), and starts adopting the page.
func (r *root) OnMount(ctx app.Context) {
	yield()
	ctx.Async(func() { r.adopt(ctx) })
}

// warmAdopted, when WarmUp started the program, is sent root once it has
// adopted the (stand-in) page.
var warmAdopted chan *root

// adopt takes the page over in steps, letting the browser run between
// them (yield), so that no step keeps a phone's main thread for long and a
// tap meanwhile is carried out at once by the page's script, which owns
// every control. The quiz comes first: an answer given before it listens
// is one the page keeps as unsent, and the quiz sends those as it starts.
// Last, in one step with nothing between, the animated night and clock
// take over from the prerendered ones of the step then shown
// (ui.MotionAttr): the page is live, and nothing moved.
func (r *root) adopt(ctx app.Context) {
	yield()
	doc := app.Window().Get("document")
	page, ok := newPageAPI()
	if !ok || !doc.Call("querySelector", "."+ui.RootClass).Truthy() {
		return
	}
	var m *motion
	for _, step := range []func(){
		func() { m = newMotion(ctx, doc, page) },
		func() { m.readPage() },
		func() { r.quiz = newQuizClient(ctx, doc, page); r.quiz.adopt() },
		func() {
			m.adopt()
			r.motion = m
			doc.Get("documentElement").Call("setAttribute", ui.MotionAttr, "true")
		},
	} {
		if ctx.Err() != nil {
			return
		}
		step()
		yield()
	}
	if warmAdopted != nil {
		warmAdopted <- r
		warmAdopted = nil
	}
}

// OnDismount stops following the page.
func (r *root) OnDismount() {
	if r.motion != nil {
		r.motion.release()
	}
	if r.quiz != nil {
		r.quiz.release()
	}
}
