package server

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/rs/zerolog"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// exportFiles maps the paths a static site needs, as the server answers
// them, to the files they become: every page of ui.Pages (each a folder
// with an index.html, which every static host serves for a path ending in
// "/"), the files the server generates, and a few more.
func exportFiles(calls int) map[string]string {
	files := map[string]string{
		"/story.json":    "story.json",
		"/thumbnail.svg": "thumbnail.svg",
		"/robots.txt":    "robots.txt",
	}
	for _, p := range ui.Pages {
		files[p.Path] = p.File()
	}
	for path := range generatedTypes {
		files[path] = strings.TrimPrefix(path, "/")
	}
	return withPreviewFiles(files, calls)
}

// Export writes the widget as a static site into dir, for a static host or
// a CDN serving it under cfg.BasePath (e.g. /interactives/five-calls/). The
// pages are the same prerendered pages the server sends, with every URL
// under the base path. There is no API: the quiz works, and readers'
// figures are not shown. Files of web/ are copied, precompressed forms
// included, for hosts that can serve them.
func Export(cfg Config, dir string) error {
	base := "/" + strings.Trim(cfg.BasePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	cfg.BasePath = base
	cfg.Static = true
	cfg.PublicURL = nil // no oEmbed on a static host
	h, err := New(zerolog.Nop(), cfg, nil)
	if err != nil {
		return err
	}
	for path, name := range exportFiles(len(cfg.Story.Calls)) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("export %s: status %d", path, rec.Code)
		}
		if err := writeFile(filepath.Join(dir, name), rec.Body.Bytes()); err != nil {
			return err
		}
	}
	// wasm_exec.js is one of web/'s files but is served at the root.
	web := cfg.Web
	if web == nil {
		web = os.DirFS(cfg.WebDir)
	}
	entries, err := fs.ReadDir(web, ".")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		if _, generated := generatedTypes["/web/"+e.Name()]; generated {
			continue // written with its names above
		}
		b, err := fs.ReadFile(web, e.Name())
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "web", e.Name()), b); err != nil {
			return err
		}
		if e.Name() == "wasm_exec.js" {
			if err := writeFile(filepath.Join(dir, "wasm_exec.js"), b); err != nil {
				return err
			}
		}
	}
	return nil
}

// ExportStories writes several stories as one static site for a host
// serving it under cfg.BasePath: each story's widget as Export writes it,
// in a folder named by its id (BasePath/ID/), and a list of them,
// index.html with its index.css, as a server of several stories has at /.
func ExportStories(cfg Config, stories []*story.Story, dir string) error {
	base := basePath(cfg.BasePath)
	seen := map[string]bool{}
	var entries []indexEntry
	for _, s := range stories {
		if seen[s.ID] {
			return fmt.Errorf("two stories have the id %q; each needs its own, which names its folder", s.ID)
		}
		seen[s.ID] = true
		c := cfg
		c.Story, c.BasePath, c.Several, c.Stories = s, base+s.ID+"/", false, nil
		if err := Export(c, filepath.Join(dir, s.ID)); err != nil {
			return fmt.Errorf("story %s: %w", s.ID, err)
		}
		entries = append(entries, newIndexEntry(s, "", true))
	}
	if err := writeFile(filepath.Join(dir, "index.html"), renderIndex(entries, nil)); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, indexCSSPath), []byte(indexCSS))
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
