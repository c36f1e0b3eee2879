package server

import (
	"encoding/json"
	"fmt"
	"strings"
)

// patchAppJS changes when go-app's app.js starts the WebAssembly: instead of
// at once, when web/child.js's boot manager says so (on the reader's first
// interaction, or when an embed scrolls into view), and from the module the
// boot manager compiled ahead of time. Starting the Go runtime blocks the
// main thread; deferred, it never delays the prerendered story. The patterns
// are go-app v9.8.0's; a different app.js fails here, loudly, at start-up.
func patchAppJS(appJS []byte, wasmPath, wasmURL string) ([]byte, error) {
	quoted, _ := json.Marshal(wasmURL)
	original, _ := json.Marshal(wasmPath)
	js := string(appJS)
	patches := []struct{ old, new string }{
		{
			"\ngoappInitWebAssembly();\n",
			"\nfivecallsScheduleBoot(goappInitWebAssembly, " + string(quoted) + ");\n",
		},
		{
			"const wasm = await instantiateStreaming(\n      fetchWithProgress(" + string(original) + ", showProgress),\n      go.importObject\n    );",
			"const wasm = { instance: await WebAssembly.instantiate(await fivecallsModule(" + string(quoted) + "), go.importObject) };",
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
