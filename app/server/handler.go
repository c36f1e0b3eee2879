package server

import (
	"net/http"
	"strings"

	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Header names the server and the go-app loader agree on.
const (
	// uncompressedLengthHeader carries app.wasm's raw size: with a compressed
	// body, Content-Length no longer tells the loader its progress.
	uncompressedLengthHeader = "X-Uncompressed-Content-Length"
)

// newAppHandler configures go-app as a real product would: the story's
// title, description, language and colours, the project's own icons (go-app's
// defaults load from an outside host, and the service worker then never
// installs), a viewport that lets readers zoom (fixed up in pages.go), and a
// build version rather than the process start time.
func newAppHandler(cfg Config, zonesJSON []byte) http.Handler {
	s := cfg.Story
	theme, background := themeColors(s)
	var resources app.ResourceProvider = app.LocalDir("")
	if cfg.BasePath != "" && cfg.BasePath != "/" {
		// Every URL go-app writes (scripts, styles, icons, the wasm, the
		// worker) gets the prefix; the client strips it before routing.
		resources = app.CustomProvider("", cfg.BasePath)
	}
	return &app.Handler{
		Resources:   resources,
		Name:        s.Title,
		ShortName:   "Five Calls",
		Title:       s.Title,
		Description: s.Dek,
		Lang:        s.Language,
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/apple-touch-icon.png",
		},
		BackgroundColor: background,
		ThemeColor:      theme,
		LoadingLabel:    "Loading the interactive map: {progress}%",
		// go-app links its own /app.css first: the server answers it with
		// the rules that follow the page's state (see generated.go), then
		// the widget's stylesheet.
		Styles: []string{"/web/app.css"},
		// widget.js runs before go-app (a script without defer runs while
		// the head is parsed, ahead of the deferred app.js) and before the
		// first paint: it guards blocked storage, runs the controls that
		// need a script, schedules the WebAssembly's start and posts the
		// widget's height to an embedding page.
		Scripts:                 []string{"/web/widget.js"},
		Version:                 cfg.Version,
		WasmContentLengthHeader: uncompressedLengthHeader,
		// The zone table travels as data in the page head, for the live
		// clock (see ui.ZoneTable). json.Marshal escapes <, > and &, so it
		// cannot end its script element.
		RawHeaders: []string{
			`<script type="application/json" id="` + ui.ZonesElementID + `">` + string(zonesJSON) + `</script>`,
			// Without JavaScript, hide what needs a script (Play, Share, Copy,
			// readers' figures) rather than leave it to do nothing.
			`<noscript><link rel="stylesheet" href="` + strings.TrimSuffix(cfg.BasePath, "/") + `/web/noscript.css"></noscript>`,
		},
		CacheableResources: []string{
			"/web/app.css",
			"/web/icon.svg",
			"/web/icon-maskable-512.png",
		},
		// robots.txt is served by our mux: go-app's proxy would fetch it
		// from whatever Host a request names and cache that answer forever.
		ProxyResources: []app.ProxyResource{},
	}
}

// themeColors are the story's colours for the installed app's window.
func themeColors(s *story.Story) (theme, background string) {
	theme, background = s.Theme.Color, s.Theme.Background
	if theme == "" {
		theme = "#1d3557"
	}
	if background == "" {
		background = "#ffffff"
	}
	return theme, background
}
