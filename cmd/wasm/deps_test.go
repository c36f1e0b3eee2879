package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWasmDependencies proves the WebAssembly build never reaches server-only
// code: each of these would add megabytes to every reader's download, or
// could not run in a browser at all.
func TestWasmDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	forbidden := []string{
		"fivecalls/app/server",
		"fivecalls/app/store",
		"fivecalls/app/ui/page", // the server renders the page
		"fivecalls/geo/basemap", // the map data arrives in the page
		"fivecalls/app/story",   // the page carries what the client needs of the story
		"github.com/rs/zerolog",
		"modernc.org/sqlite",
		"github.com/jackc/pgx",
		"database/sql", // (database/sql/driver's interfaces come with go-app's uuid)
		"net/http/httptest",
	}
	for _, d := range deps {
		// The catalogues and CLDR's tables: the server writes every word,
		// and the page carries the clock's (app/locale/cldrtime may come).
		if d == "fivecalls/app/locale" {
			t.Errorf("the wasm build depends on %s", d)
		}
		for _, f := range forbidden {
			if d == f || (strings.HasPrefix(d, f+"/") && f != "database/sql") {
				t.Errorf("the wasm build depends on %s", d)
			}
		}
	}
	// The check itself must see the real graph.
	for _, must := range []string{"fivecalls/app/ui/client", "github.com/maxence-charriere/go-app/v9/pkg/app"} {
		found := false
		for _, d := range deps {
			found = found || d == must
		}
		if !found {
			t.Errorf("go list did not report %s: the check is not looking at the wasm build", must)
		}
	}
}
