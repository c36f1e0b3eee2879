package server

import (
	"encoding/json"
	"fmt"
	"strings"

	"fivecalls/app/ui"
)

// patchAppJS changes how go-app's app.js starts:
//
//   - The WebAssembly starts when web/widget.js says so (once the page is
//     idle, or an embed is in view), not at once: the page works without
//     it, and it must never compete with the story for the network or the
//     main thread.
//   - It is fetched from its versioned URL and compiled while it streams in
//     (go-app's progress display reads the body through JavaScript first,
//     and the loader it feeds is hidden anyway).
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
			"instantiateStreaming(\n      fetchWithProgress(" + string(original) + ", showProgress),\n      go.importObject\n    );",
			"instantiateStreaming(fetch(" + string(quoted) + "), go.importObject);",
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
