package server

import (
	"regexp"
	"strings"
	"testing"
)

// The service worker is written from a template: every placeholder is
// filled, and the names it shares with the server (the version header, the
// cache prefix) are the server's own.
func TestServiceWorkerSharesTheServersNames(t *testing.T) {
	for _, static := range []bool{false, true} {
		js := string(serviceWorker("v123", static))
		if left := regexp.MustCompile(`__[A-Z_]+__`).FindAllString(js, -1); len(left) > 0 {
			t.Errorf("static=%v: placeholders left in the worker: %q", static, left)
		}
		for _, want := range []string{`res.headers.get("` + versionHeader + `")`, `const CACHE_PREFIX = "` + cachePrefix + `"`, `const VERSION = "v123"`} {
			if !strings.Contains(js, want) {
				t.Errorf("static=%v: the worker lacks %s", static, want)
			}
		}
	}
	// And the server sends the header the worker reads, with its version.
	rec := getPage(newTestServer(t), "/")
	if rec.Header().Get(versionHeader) == "" {
		t.Errorf("/ has no %s header", versionHeader)
	}
}
