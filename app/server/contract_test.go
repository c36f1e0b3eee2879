package server_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// TestContract: every name the page's scripts and stylesheets use — ids,
// classes, data attributes, input names, storage keys, globals, message
// types — is declared in app/ui/contract.go or is on the pages the server
// renders. A script that asks for a name nothing renders fails here, not in
// a reader's browser.
func TestContract(t *testing.T) {
	ts := mustServer(t, story.Default())
	onPage := map[string]bool{}
	attrName := regexp.MustCompile(`\s(data-[a-z0-9-]+|id|class|name)="([^"]*)"`)
	for _, path := range []string{"/", "/embed", "/?call=3&theme=dark"} {
		_, body := mustGet(t, ts.URL+path)
		for _, m := range attrName.FindAllStringSubmatch(body, -1) {
			switch m[1] {
			case "class":
				for _, c := range strings.Fields(m[2]) {
					onPage[c] = true
				}
			case "id", "name":
				onPage[m[2]] = true
			default:
				onPage[m[1]] = true
			}
		}
	}
	declared := map[string]bool{}
	for _, n := range ui.ContractNames() {
		declared[n] = true
	}
	// Names made of a declared prefix and a number or an id.
	prefixes := []string{ui.CallRadioName + "-", ui.QuestionRadioName + "-", ui.AnswerRadioPrefix, "fc-prompt-", ui.QuizKeyPrefix, "fivecalls-"}
	known := func(name string) bool {
		if declared[name] || onPage[name] {
			return true
		}
		for _, p := range prefixes {
			if name == p || strings.HasPrefix(name, p) && (onPage[name] || strings.Trim(name[len(p):], "0123456789") == "") {
				return true
			}
		}
		return false
	}

	names := regexp.MustCompile(`data-[a-z][a-z0-9-]*|\bfc-[a-z0-9-]+|\bfivecalls[A-Za-z:-]*|\bFiveCalls\b`)
	files, err := filepath.Glob("../../web/*.js")
	if err != nil {
		t.Fatal(err)
	}
	css, _ := filepath.Glob("../../web/*.css")
	files = append(files, css...)
	files = append(files, "../../app/server/worker.js") // the service worker
	if len(files) < 5 {
		t.Fatalf("found only %v in web/", files)
	}
	used := 0
	for _, f := range files {
		if strings.HasSuffix(f, "wasm_exec.js") {
			continue // the Go toolchain's
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := stripComments(string(b))
		var unknown []string
		for _, n := range names.FindAllString(src, -1) {
			n = strings.TrimRight(n, "-:")
			used++
			if !known(n) && !known(n+"-") && !known(n+":") && !slices.Contains(unknown, n) {
				unknown = append(unknown, n)
			}
		}
		if len(unknown) > 0 {
			t.Errorf("%s uses names neither declared in app/ui/contract.go nor on the page: %v", filepath.Base(f), unknown)
		}
	}
	if used < 50 {
		t.Errorf("only %d names found in web/: the scan is broken", used)
	}
	// The check sees a misspelt name.
	if known("fc-anouncer") || known("data-playng") {
		t.Error("the contract check accepts a misspelt name")
	}
}

// stripComments drops /* */ and // comments, so that prose about a name is
// not taken for a use of it.
func stripComments(s string) string {
	s = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(s, "")
	return regexp.MustCompile(`(?m)^\s*//.*$|\s//[^"'\n]*$`).ReplaceAllString(s, "")
}
