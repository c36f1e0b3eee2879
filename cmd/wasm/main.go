// Command wasm is the widget's WebAssembly, built to web/app.wasm: the
// client (app/ui/client) that adopts the page the server rendered and adds
// the motion and the network. The page's script (web/page.js) decides when
// it starts: on the reader's first interaction, or once an embed is in
// view.
//
// It must stay free of server code: database drivers, zerolog and app/server
// would multiply the download. TestWasmDependencies in this folder checks it.
package main

import "fivecalls/app/ui/client"

func main() {
	client.Start()
}
