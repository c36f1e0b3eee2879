package server

import (
	"fmt"
	"io/fs"
	"net/http"

	"fivecalls/app/ui"
)

// generatedFiles are the files the server writes for each story and
// version when it prepares the story, and serves from memory with content
// ETags:
//
//   - /state.css, the rules that follow the page's state: web/state.css
//     written out for the story (page.Widget.StateCSS), and
//     /radio-steps.css, its rules about the steps on the step radios, for
//     a page before (or without) its script;
//   - /web/page.js, /web/embed.js and /web/live.js, with the names they
//     share with Go written in (ui.ExpandScript), and for the page's
//     script the URLs of the WebAssembly, wasm_exec.js and the service
//     worker, versioned (live.js, the live preview's, is linked by the
//     pages of fivecalls serve --watch only);
//   - /manifest.webmanifest and /app-worker.js, the web app manifest and
//     the service worker.
type generatedFiles map[string]*cachedFile

// generatedTypes are the generated files' paths, relative to the widget's
// base, and their content types.
var generatedTypes = map[string]string{
	"/state.css":            "text/css; charset=utf-8",
	"/radio-steps.css":      "text/css; charset=utf-8",
	"/web/page.js":          "text/javascript; charset=utf-8",
	"/web/embed.js":         "text/javascript; charset=utf-8",
	"/web/live.js":          "text/javascript; charset=utf-8",
	"/manifest.webmanifest": "application/manifest+json",
	"/app-worker.js":        "text/javascript; charset=utf-8",
}

// newGeneratedFiles writes the files; an error (a script using a name Go
// does not declare, a state rule it cannot expand) stops the server at
// start.
func newGeneratedFiles(s *srv, st *site) (generatedFiles, error) {
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(s.cfg.Web, name)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", name, err)
		}
		return string(b), nil
	}
	g := generatedFiles{}
	add := func(path string, body string) { g[path] = newCachedFile(generatedTypes[path], []byte(body)) }

	stateCSS, err := read("state.css")
	if err != nil {
		return nil, err
	}
	css, radios, err := st.widget.StateCSS(stateCSS)
	if err != nil {
		return nil, err
	}
	add("/state.css", css)
	add("/radio-steps.css", radios)

	v := "?" + versionParm + "=" + st.version
	for name, extra := range map[string]map[string]any{
		// Relative to the script, so that they hold under any base path.
		"page.js":  {"WasmURL": "app.wasm" + v, "WasmExecURL": "../wasm_exec.js" + v, "WorkerURL": "../app-worker.js"},
		"embed.js": {"EmbedPresets": ui.EmbedPresetPaths()},
		"live.js":  nil,
	} {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		js, err := ui.ExpandScript(src, extra)
		if err != nil {
			return nil, fmt.Errorf("web/%s: %w", name, err)
		}
		add("/web/"+name, js)
	}

	add("/manifest.webmanifest", string(manifest(st.widget)))
	worker, err := serviceWorker(st.version, s.cfg.Static)
	if err != nil {
		return nil, fmt.Errorf("app-worker.js: %w", err)
	}
	add("/app-worker.js", string(worker))
	return g, nil
}

// handler serves the generated file at path.
func (g generatedFiles) handler(path, version string) http.Handler {
	f := g[path]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.serve(w, r, cacheControlFor(r, version))
	})
}
