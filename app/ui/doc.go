// Package ui is what the page the server renders and the WebAssembly that
// runs in it share: the names both use (names.go, and classes.go for the
// stylesheet's), what an address means (ParseAddress) and the table of the
// widget's pages, the calls as the widget tells them (CallsOf and the texts
// derived from them) and the zone table the animated clock reads.
//
// Where the code runs:
//
//   - app/ui/page renders the page on the server: the whole widget, whose
//     state lives in the document (radios the stylesheet follows), so that
//     it works from the first paint, without JavaScript and without the
//     WebAssembly. Its package doc tells how.
//   - web/page.js, the page's script, owns instant interaction: Play, keys,
//     the live region, the reader's progress, Share and Copy; and it starts
//     the WebAssembly on the reader's first interaction.
//   - app/ui/client is the WebAssembly (cmd/wasm): it adopts the page
//     without moving it, and owns the motion and the network.
//
// Every name these share is declared here once (names.go); the server
// writes it into the scripts and the state stylesheet.
package ui
