package server

import (
	"encoding/json"
	"fmt"
	"strings"

	"fivecalls/app/ui"
)

// patchAppJS changes how go-app's app.js starts:
//
//   - The WebAssembly starts when web/widget.js says so (on the reader's
//     first interaction, or when an embed is in view), not at once: the
//     page works without it, and it must never compete with the story for
//     the network or the main thread.
//   - It is fetched from its versioned URL and compiled in a worker
//     (fivecallsModule); the page instantiates it, and runs it in a task of
//     its own. go-app's progress display is skipped: it reads the body
//     through JavaScript, and the loader it feeds is hidden anyway.
//   - The service worker is registered after that, so its precache finds
//     app.wasm in the HTTP cache instead of downloading it a second time.
//
// The patterns are go-app v9.8.0's; a different app.js fails here, loudly,
// at start-up.
func patchAppJS(appJS []byte, wasmPath, wasmURL string) ([]byte, error) {
	quoted, _ := json.Marshal(wasmURL)
	original, _ := json.Marshal(wasmPath)
	js := string(appJS)
	patches := []struct{ old, new string }{
		{"\ngoappInitServiceWorker();\n", "\n"},
		{
			"\ngoappInitWebAssembly();\n",
			"\n(window." + ui.StartGlobal + " || function (start) { start(); })(function () {\n" +
				"  goappInitWebAssembly().finally(function () {\n" +
				"    // A sandboxed frame throws on merely reading navigator.serviceWorker.\n" +
				"    try { if (navigator.serviceWorker) goappInitServiceWorker(); } catch (e) {}\n" +
				"  });\n});\n",
		},
		{
			"const wasm = await instantiateStreaming(\n      fetchWithProgress(" + string(original) + ", showProgress),\n      go.importObject\n    );",
			"const wasm = { instance: await WebAssembly.instantiate(await fivecallsModule(" + string(quoted) + "), go.importObject) };\n" +
				"    await new Promise((next) => setTimeout(next));",
		},
	}
	for _, p := range patches {
		if strings.Count(js, p.old) != 1 {
			return nil, fmt.Errorf("app.js does not look like go-app v9.8.0's: cannot find %q", p.old)
		}
		js = strings.Replace(js, p.old, p.new, 1)
	}
	return []byte(js), nil
}
