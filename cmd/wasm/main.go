// Command wasm is the widget's WebAssembly, built to web/app.wasm: the
// client (app/ui/client) that adopts the page the server rendered and adds
// the motion and the network. The page's script (web/page.js) decides when
// it starts: on the reader's first interaction, or once an embed is in
// view. It runs it twice: first in its worker, with ui.WarmArg, to have
// the browser compile the code the page will run first (client.WarmUp),
// then in the page (client.Start).
//
// It must stay free of server code: database drivers, zerolog and app/server
// would multiply the download. TestWasmDependencies in this folder checks it.
package main

import (
	"os"

	"fivecalls/app/ui/client"
)

func main() {
	if client.Warming(os.Args) {
		client.WarmUp() // until the worker ends
	}
	client.Start()
}
