package server

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
)

// gzipBytes compresses at the best level: bodies are compressed once and
// served many times.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// brotliQuality is the quality of the brotli form of pages and files kept
// in memory. A page is compressed when its variant is first rendered, while
// a reader waits: quality 7 takes about 30 ms for the default story's page
// (225 kB), where 10 and 11 take 150 and 400 ms for a tenth less, and it is
// already a seventh smaller than gzip at its best (41.9 against 48.6 kB),
// which a phone on a slow network sees first: the page arrives in one
// round trip fewer.
const brotliQuality = 7

// brotliMaxBody is the largest body given a brotli form. Larger pages (a
// story of hundreds of long items) go in gzip alone: at this quality a
// page of megabytes would take most of a second to compress, on top of its
// render, while other readers' variants wait.
const brotliMaxBody = 1 << 20

// brotliBytes compresses with brotli at brotliQuality; nil for a body
// over brotliMaxBody.
func brotliBytes(b []byte) []byte {
	if len(b) > brotliMaxBody {
		return nil
	}
	var buf bytes.Buffer
	bw := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotliQuality, LGWin: 22})
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}

// acceptsEncoding reports whether the request accepts the content coding,
// honouring q=0 refusals.
func acceptsEncoding(r *http.Request, coding string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			return false
		}
		return true
	}
	return false
}
