package server

import (
	"encoding/json"

	"fivecalls/app/ui/page"
)

// manifest is the web app manifest, replacing go-app v9's, which has no
// maskable icon, no id and root-absolute URLs that break under a sub-path.
// Paths are relative to the manifest, so one file works at any base path.
func manifest(w *page.Widget) []byte {
	s := w.Story()
	theme, background := page.ThemeColors(s.Theme.Color, s.Theme.Background)
	type icon struct {
		Src     string `json:"src"`
		Type    string `json:"type"`
		Sizes   string `json:"sizes"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		Lang            string `json:"lang"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		BackgroundColor string `json:"background_color"`
		ThemeColor      string `json:"theme_color"`
		Icons           []icon `json:"icons"`
	}{
		ID:              "./",
		Name:            s.Title,
		ShortName:       w.SiteName(),
		Description:     s.Dek,
		Lang:            s.Language,
		StartURL:        "./",
		Scope:           "./",
		Display:         "standalone",
		BackgroundColor: background,
		ThemeColor:      theme,
		Icons: []icon{
			{Src: "web/icon.svg", Type: "image/svg+xml", Sizes: "any"},
			{Src: "web/icon-192.png", Type: "image/png", Sizes: "192x192"},
			{Src: "web/icon-512.png", Type: "image/png", Sizes: "512x512"},
			{Src: "web/icon-maskable-512.png", Type: "image/png", Sizes: "512x512", Purpose: "maskable"},
		},
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	return b
}
