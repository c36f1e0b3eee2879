// Package web carries this folder's files inside the fivecalls binary, so
// the server runs from any folder: the CSS, the scripts and the icons in
// git, and what make build adds (app.wasm with its .br and .gz, and
// wasm_exec.js). The files are read at build time: build the wasm first
// (make build does), or the binary has none and says so when it starts.
package web

import "embed"

// files is every file of this folder whose name has a dot, which leaves out
// the folders of the tools (icongen, precompress). A pattern, not a list of
// names: the set of scripts changes, and go:embed refuses a name that
// matches no file, which app.wasm is until make build has run.
//
//go:embed *.*
var files embed.FS

// Files returns the embedded files, at the root of the returned file system.
func Files() embed.FS { return files }
