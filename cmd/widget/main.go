// Command widget is the WebAssembly entry of Five Calls, built to
// web/app.wasm. It reads the story from the prerendered page and keeps the
// page's map (so neither is compiled in), registers the same routes as the
// server and hands over to go-app.
//
// In the compile worker (web/compile.js) it instead rehearses the app
// off-screen, so the browser compiles the start-up code before the reader
// needs it; see ui.Rehearse.
//
// It must stay free of server code: database drivers, zerolog and app/server
// would multiply the download. TestWasmDependencies in this folder checks it.
package main

import (
	"encoding/json"

	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// rehearsalGlobal is what web/compile.js sets in its worker: the story JSON
// to rehearse with, started() once the runtime runs and done(error).
const rehearsalGlobal = "fivecallsRehearsal"

func main() {
	if !app.IsServer {
		if r := app.Window().Get(rehearsalGlobal); r.Truthy() {
			rehearse(r)
			return
		}
		loadContent()
		afterRehearsal()
	}
	ui.Routes()
	app.RunWhenOnBrowser()
}

// afterRehearsal hands the main thread back to the browser until the
// compile worker's rehearsal has mounted the app (web/child.js calls back at
// once when there is none): the page's mount then runs on compiled code, and
// the runtime's start and the mount are two tasks, with any input that
// arrives meanwhile handled between. (time.Sleep would not do: a timer that
// is already due when the scheduler looks resumes without returning to the
// browser.)
func afterRehearsal() {
	next := make(chan struct{})
	f := app.FuncOf(func(app.Value, []app.Value) any {
		close(next)
		return nil
	})
	defer f.Release()
	if app.Window().Get("fivecallsAfterRehearsal").Truthy() {
		app.Window().Call("fivecallsAfterRehearsal", f)
	} else {
		app.Window().Call("setTimeout", f)
	}
	<-next
}

// rehearse runs ui.Rehearse with the story the worker was given and reports
// how it went: an empty string, or the error.
func rehearse(r app.Value) {
	report := ""
	c, err := ui.ContentFromDocument(r.Get("story").String())
	if err == nil {
		r.Call("started")
		err = ui.Rehearse(c)
	}
	if err != nil {
		report = err.Error()
	}
	r.Call("done", report)
}

// loadContent reads what the server wrote into the page, and keeps the
// elements the live page takes in as they are.
func loadContent() {
	doc := app.Window().Get("document")
	storyJSON := ""
	if el := doc.Call("getElementById", ui.StoryElementID); el.Truthy() {
		storyJSON = el.Get("textContent").String()
	}
	c, err := ui.ContentFromDocument(storyJSON)
	if err != nil {
		app.Log("fivecalls: " + err.Error())
		return
	}
	if el := doc.Call("getElementById", ui.ZonesElementID); el.Truthy() {
		var zones ui.ZoneTable
		if err := json.Unmarshal([]byte(el.Get("textContent").String()), &zones); err == nil {
			c.Zones = &zones
		}
	}
	c.Prerendered = map[string]app.Value{}
	for name, selector := range ui.PrerenderedParts {
		if el := doc.Call("querySelector", selector); el.Truthy() {
			c.Prerendered[name] = el
		}
	}
	ui.SetContent(c)
}
