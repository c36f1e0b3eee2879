package server

import (
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"time"
)

// wasmWriteTimeout lets 1.6 MB through a 50 kbit/s link.
const wasmWriteTimeout = 5 * time.Minute

// wasmFiles is app.wasm with its precompressed forms, read into memory at
// start-up (a few megabytes) so each request is a plain write.
type wasmFiles struct {
	raw, br, gz []byte
	etag        string
}

func loadWasm(web fs.FS) (*wasmFiles, error) {
	raw, err := fs.ReadFile(web, "app.wasm")
	if err != nil {
		return nil, fmt.Errorf("read the WebAssembly, app.wasm (make build writes it): %w", err)
	}
	w := &wasmFiles{raw: raw, etag: newCachedFile("", raw).etag}
	w.br, _ = fs.ReadFile(web, "app.wasm.br")
	w.gz, _ = fs.ReadFile(web, "app.wasm.gz")
	return w, nil
}

// handler negotiates the encoding: brotli, then gzip, then raw. The raw
// size goes in a header of its own so go-app's loader shows true progress.
func (f *wasmFiles) handler(version string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { f.serve(w, r, version) })
}

func (f *wasmFiles) serve(w http.ResponseWriter, r *http.Request, version string) {
	// The server's write timeout suits pages; a reader on a slow mobile link
	// needs longer for a few megabytes.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(wasmWriteTimeout))
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Cache-Control", cacheControlFor(r, version))
	h.Set("Vary", "Accept-Encoding")
	h.Set(uncompressedLengthHeader, strconv.Itoa(len(f.raw)))
	body, etag := f.raw, f.etag
	switch {
	case len(f.br) > 0 && acceptsEncoding(r, "br"):
		h.Set("Content-Encoding", "br")
		body, etag = f.br, etagWith(f.etag, "br")
	case len(f.gz) > 0 && acceptsEncoding(r, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body, etag = f.gz, etagWith(f.etag, "gz")
	}
	writeBody(w, r, etag, body)
}
