// Command widget is the WebAssembly entry of Five Calls, built to
// web/app.wasm. It reads the story and the base map from the prerendered page
// (so neither is compiled in), registers the same routes as the server and
// hands over to go-app.
//
// It must stay free of server code: database drivers, zerolog and app/server
// would multiply the download. TestWasmDependencies in this folder checks it.
package main

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	if !app.IsServer {
		loadContent()
	}
	ui.Routes()
	app.RunWhenOnBrowser()
}

// loadContent reads what the server wrote into the page.
func loadContent() {
	doc := app.Window()
	var storyJSON, basemap string
	if el := doc.GetElementByID(ui.StoryElementID); el.Truthy() {
		storyJSON = el.Get("textContent").String()
	}
	if el := doc.GetElementByID(ui.BasemapElementID); el.Truthy() {
		basemap = el.Get("outerHTML").String()
	}
	c, err := ui.ContentFromDocument(storyJSON, basemap)
	if err != nil {
		app.Log("fivecalls: " + err.Error())
		return
	}
	ui.SetContent(c)
}
