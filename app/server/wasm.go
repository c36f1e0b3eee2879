package server

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"strconv"
	"time"
)

// Pacing of the WebAssembly download, the one large body: instead of a flat
// deadline (5 minutes, in which 1,000 readers at 512 B/s pinned 2.2 GB of
// kernel memory), the reader must keep up a minimum rate on average.
const (
	// DefaultMinDownloadRate is the slowest average a download may go at,
	// in bytes per second: 32 kbit/s, a poor 2G link; the page works
	// without the wasm, which a reader that slow would wait minutes for.
	DefaultMinDownloadRate = 4096
	// downloadGrace is the time a download has before the rate counts: a
	// slow start, a first packet lost.
	downloadGrace = 10 * time.Second
	// downloadChunk is how much is written between deadline updates.
	downloadChunk = 64 << 10
	// downloadBuffered is what the kernel takes at once for a connection
	// (twice connSendBuffer): it counts as sent without the reader having
	// read it, so the rate is measured beyond it.
	downloadBuffered = 2 * connSendBuffer
)

// wasmFiles is app.wasm with its precompressed forms, read into memory at
// start-up (a few megabytes) so each request is a plain write.
type wasmFiles struct {
	raw, br, gz []byte
	etag        string
	minRate     float64  // bytes per second
	metrics     *Metrics // counts the downloads cut
}

func loadWasm(web fs.FS, minRate float64, m *Metrics) (*wasmFiles, error) {
	raw, err := fs.ReadFile(web, "app.wasm")
	if err != nil {
		return nil, fmt.Errorf("read the WebAssembly, app.wasm (make build writes it): %w", err)
	}
	if minRate <= 0 {
		minRate = DefaultMinDownloadRate
	}
	w := &wasmFiles{raw: raw, etag: contentETag(raw), minRate: minRate, metrics: m}
	w.br, _ = fs.ReadFile(web, "app.wasm.br")
	w.gz, _ = fs.ReadFile(web, "app.wasm.gz")
	return w, nil
}

// handler negotiates the encoding: brotli, then gzip, then raw.
func (f *wasmFiles) handler(version string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { f.serve(w, r, version) })
}

func (f *wasmFiles) serve(w http.ResponseWriter, r *http.Request, version string) {
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Cache-Control", cacheControlFor(r, version))
	h.Set("Vary", "Accept-Encoding")
	body, etag := f.raw, f.etag
	switch {
	case len(f.br) > 0 && acceptsEncoding(r, "br"):
		h.Set("Content-Encoding", "br")
		body, etag = f.br, etagWith(f.etag, "br")
	case len(f.gz) > 0 && acceptsEncoding(r, "gzip"):
		h.Set("Content-Encoding", "gzip")
		body, etag = f.gz, etagWith(f.etag, "gz")
	}
	h.Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		f.writePaced(w, body)
	}
}

// writePaced writes body in chunks, each with a write deadline that holds
// the reader to minRate on average after downloadGrace (and beyond what the
// kernel buffers at once). The server's own write timeout suits pages; this
// lets a reader on a slow but honest link take the minutes it needs, and
// ends a reader slower than that (the connection is then reset, which frees
// the kernel's buffer: see limitedConn.Write).
func (f *wasmFiles) writePaced(w http.ResponseWriter, body []byte) {
	rc := http.NewResponseController(w)
	start := time.Now()
	for off := 0; off < len(body); off += downloadChunk {
		end := min(off+downloadChunk, len(body))
		owed := time.Duration(float64(max(0, end-downloadBuffered)) / f.minRate * float64(time.Second))
		if err := rc.SetWriteDeadline(start.Add(downloadGrace + owed)); err != nil {
			// Not a connection that takes deadlines (a test's recorder).
			w.Write(body[off:])
			return
		}
		if _, err := w.Write(body[off:end]); err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				f.metrics.DownloadCut()
			}
			return
		}
	}
}
