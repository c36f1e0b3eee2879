// Package ui holds the go-app components of Five Calls.
//
// # The served page is the app
//
// go-app v9 does not hydrate: a component mounted in the browser replaces
// the server's HTML with a copy built again, element by element. Five Calls
// does not let it. The server prerenders the whole widget (page.go and the
// components it renders), and that page is the app the reader keeps:
//
//   - State lives in the document. Which call is shown is a checked radio
//     (CallRadioName), which question another (QuestionRadioName), and each
//     answer a checked radio of its question. Every call's card, clock,
//     night shading and Previous/Next pair is in the page; the stylesheet
//     shows the current call's and marks its arc, place and strip mark
//     (web/state.css, expanded per story by ExpandStateCSS). Steps and
//     answers therefore work from the first paint, without JavaScript, and
//     the score is counted by CSS.
//   - web/widget.js, a small script that runs before first paint, adds what
//     needs a script: Play, keyboard shortcuts, the live region, the call in
//     the address bar, focus after "Next question", Share and Copy. It
//     starts the WebAssembly once the page is idle, or when an embed comes
//     into view.
//   - The WebAssembly (cmd/widget) mounts the live component (live.go) at an
//     empty element ahead of the widget, so nothing the server drew is
//     rebuilt or moved. It adopts the page's state (the current call, the
//     answers already given), adds the motion (the night and the clock move
//     between calls, arcs draw, places pulse) and the live figures (what
//     other readers chose, how the reader compares), and posts the answers,
//     including those given before it ran.
//
// The names the Go code, the script and the stylesheets share are declared
// once, in contract.go.
//
// Size: go-app v9 links text/template, which turns off the linker's dead
// method elimination, so every element type used (app.Dl, app.Figure, …)
// brings all its ~200 builder methods into the WebAssembly, about 3.5 KB
// compressed each. The browser mounts only the live component, so the
// rendering code stays out of the WebAssembly; elements are still built with
// app.Elem where a typed builder would bring in a new type.
package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// pagePaths are the paths a page of the widget is requested under: the
// widget, and the embed with each of its presets. A static export is reached
// as /, /index.html, /embed/, /embed/index.html, /embed/quiz/… : the client
// must know each, or it shows "not found".
var pagePaths = func() []string {
	paths := []string{PathHome, "/index.html"}
	for _, p := range EmbedPresets {
		base := PathEmbed
		if p.Name != "" {
			base += "/" + p.Name
		}
		paths = append(paths, base, base+"/", base+"/index.html")
	}
	return paths
}()

// Routes registers the widget's pages with go-app for the server, which
// prerenders them.
func Routes() {
	for _, p := range pagePaths {
		app.RouteFunc(p, func() app.Composer { return newPage() })
	}
}

// LiveRoutes registers the same pages for the browser, where the live
// component runs beside the prerendered page instead of replacing it.
func LiveRoutes() {
	for _, p := range pagePaths {
		app.RouteFunc(p, func() app.Composer { return newLive() })
	}
}
