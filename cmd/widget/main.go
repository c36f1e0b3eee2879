// Command widget is the WebAssembly entry of Five Calls, built to
// web/app.wasm. It registers the widget's pages with the live component,
// which runs beside the page the server prerendered and adopts it (see
// app/ui's package doc), and hands over to go-app. web/widget.js decides
// when it starts: once the page is idle, or once an embed is in view.
//
// It must stay free of server code: database drivers, zerolog and app/server
// would multiply the download. TestWasmDependencies in this folder checks it.
package main

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	ui.LiveRoutes()
	app.RunWhenOnBrowser()
}
