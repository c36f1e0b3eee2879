package server

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"fivecalls/app/ui"
)

// The service worker is written from a template: its names are filled in,
// those it shares with the server (the version header, the cache prefix)
// are the server's own, and it knows every page of ui.Pages at each path a
// server or a static host reaches it by.
func TestServiceWorkerSharesTheServersNames(t *testing.T) {
	for _, static := range []bool{false, true} {
		b, err := serviceWorker("v123", static)
		if err != nil {
			t.Fatal(err)
		}
		js := string(b)
		m := regexp.MustCompile(`const N = (\{.*\});`).FindStringSubmatch(js)
		if m == nil {
			t.Fatalf("static=%v: no names written in", static)
		}
		var n struct {
			Version, VersionHeader, CachePrefix string
			Pages                               map[string]string
			PagePrecache                        []string
		}
		if err := json.Unmarshal([]byte(m[1]), &n); err != nil {
			t.Fatal(err)
		}
		if n.Version != "v123" || n.VersionHeader != versionHeader || n.CachePrefix != cachePrefix || len(n.PagePrecache) != 2 || n.PagePrecache[0] != "./" {
			t.Errorf("static=%v: names %+v", static, n)
		}
		for _, p := range ui.Pages {
			for _, alias := range p.Aliases(static) {
				if _, ok := n.Pages[alias]; !ok {
					t.Errorf("static=%v: the worker does not know %s at %q", static, p.Path, alias)
				}
			}
		}
		if !strings.Contains(js, "res.headers.get(N.VersionHeader)") {
			t.Error("the worker does not read the version header")
		}
	}
	// And the server sends the header the worker reads, with its version.
	rec := getPage(newTestServer(t), "/")
	if rec.Header().Get(versionHeader) == "" {
		t.Errorf("/ has no %s header", versionHeader)
	}
}
