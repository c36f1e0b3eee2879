package server

import (
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
)

// staticFiles serves the small files of web/ from memory. Only the files
// present at start-up exist: a lookup in a map, so no path can reach outside
// the folder.
type staticFiles struct {
	files map[string]*cachedFile // by name, e.g. "app.css"
}

func loadStatic(web fs.FS) (*staticFiles, error) {
	entries, err := fs.ReadDir(web, ".")
	if err != nil {
		return nil, fmt.Errorf("read web directory: %w", err)
	}
	s := &staticFiles{files: map[string]*cachedFile{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "app.wasm") || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".md") {
			continue
		}
		b, err := fs.ReadFile(web, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		ct := mime.TypeByExtension(filepath.Ext(name))
		if ct == "" {
			ct = "application/octet-stream"
		}
		s.files[name] = newCachedFile(ct, b)
	}
	return s, nil
}

// handler serves /web/NAME and the root aliases such as /wasm_exec.js.
func (s *staticFiles) handler(prefix, version string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, prefix)
		f, ok := s.files[name]
		if !ok {
			http.Error(w, "Not found.", http.StatusNotFound)
			return
		}
		f.serve(w, r, cacheControlFor(r, version))
	})
}
