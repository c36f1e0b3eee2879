package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// declared returns the string constants of this package (its .go files,
// not its tests), by value, with their identifiers: every name the page,
// its scripts and its stylesheets may use.
func declared(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	out := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						out[v] = id.Name
					}
				}
			}
		}
	}
	if len(out) < 150 {
		t.Fatalf("found only %d string constants: the parse is broken", len(out))
	}
	return out
}

// The scripts and the state stylesheet refer to names by their Go
// identifiers: the table they are written from must give each identifier
// its constant's value, and hold every constant of names.go.
func TestScriptNamesAreTheConstants(t *testing.T) {
	byValue := declared(t)
	for id, v := range scriptNames {
		if byValue[v] == "" {
			t.Errorf("scriptNames[%q] = %q, which no constant declares", id, v)
		}
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "names.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING || !id.IsExported() {
					continue
				}
				n++
				v, _ := strconv.Unquote(lit.Value)
				if got, ok := scriptNames[id.Name]; !ok || got != v {
					t.Errorf("names.go declares %s = %q; scriptNames has %q under it", id.Name, v, got)
				}
			}
		}
	}
	if n < 100 {
		t.Fatalf("found %d constants in names.go: the check is not looking", n)
	}
}

// nameUse finds the names a script or stylesheet could type by hand: the
// widget's (fc-…), data attributes and the embed's public ones.
var nameUse = regexp.MustCompile(`\bdata-[a-z][a-z0-9-]*|\bfc-[a-z0-9-]+|\bfivecalls[A-Za-z:-]*|\bFiveCalls\b`)

// stripComments drops /* */ and // comments, so that prose about a name is
// not taken for a use of it.
func stripComments(s string) string {
	s = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(s, "")
	return regexp.MustCompile(`(?m)^\s*//.*$|\s//[^"'\n]*$`).ReplaceAllString(s, "")
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestScriptsTypeNoNames: the scripts get every name they share with Go
// written in (N.Name); one typed by hand would drift from Go's unseen.
func TestScriptsTypeNoNames(t *testing.T) {
	scripts, _ := filepath.Glob("../../web/*.js")
	scripts = append(scripts, "../server/worker.js")
	checked := 0
	for _, path := range scripts {
		if strings.HasSuffix(path, "wasm_exec.js") {
			continue // the Go toolchain's
		}
		src := stripComments(read(t, path))
		if typed := nameUse.FindAllString(src, -1); len(typed) > 0 {
			slices.Sort(typed)
			t.Errorf("%s types names by hand: %v", filepath.Base(path), slices.Compact(typed))
		}
		if _, err := ExpandScript(src, map[string]any{
			"WasmURL": "", "WasmExecURL": "", "WorkerURL": "", "EmbedPresets": nil, // page.js's and embed.js's, from the server
			"Version": "", "VersionParam": "", "VersionHeader": "", "CachePrefix": "", "Pages": nil, "PagePrecache": nil, "FilePrecache": nil, // the worker's
		}); err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
		}
		checked++
	}
	if checked < 3 {
		t.Fatalf("checked %d scripts: page.js, embed.js and the worker expected", checked)
	}
	// The check sees a name typed by hand.
	if !nameUse.MatchString(`document.querySelector(".fc-card")`) {
		t.Error("the check misses a hand-typed class")
	}
}

// TestStylesheetsUseDeclaredNames: every name web/app.css and
// web/noscript.css type is declared in this package, and the state
// stylesheet types none (they are written in, {Name}).
func TestStylesheetsUseDeclaredNames(t *testing.T) {
	byValue := declared(t)
	known := func(name string) bool {
		if byValue[name] != "" {
			return true
		}
		// A declared prefix and an id or a number: fc-card-title-3.
		for v := range byValue {
			if strings.HasSuffix(v, "-") && strings.HasPrefix(name, v) {
				return true
			}
		}
		return false
	}
	for _, css := range []string{"../../web/app.css", "../../web/noscript.css"} {
		var unknown []string
		for _, n := range nameUse.FindAllString(stripComments(read(t, css)), -1) {
			if !known(n) && !slices.Contains(unknown, n) {
				unknown = append(unknown, n)
			}
		}
		if len(unknown) > 0 {
			t.Errorf("%s uses names app/ui does not declare: %v", filepath.Base(css), unknown)
		}
	}
	state := stripComments(read(t, "../../web/state.css"))
	if typed := nameUse.FindAllString(state, -1); len(typed) > 0 {
		t.Errorf("state.css types names by hand: %v", typed)
	}
	if _, err := ExpandStyle(state); err != nil {
		t.Error(err)
	}
	// The check sees a misspelt name.
	if known("fc-anouncer") || known("data-playng") {
		t.Error("the check accepts a misspelt name")
	}
}

func TestExpandScript(t *testing.T) {
	got, err := ExpandScript(`var N = __NAMES__; f(N.StepRadioName, N.Extra);`, map[string]any{"Extra": 3})
	if err != nil || got != `var N = {"Extra":3,"StepRadioName":"fc-step"}; f(N.StepRadioName, N.Extra);` {
		t.Errorf("ExpandScript = %q, %v", got, err)
	}
	if _, err := ExpandScript(`var N = __NAMES__; N.NoSuchName;`, nil); err == nil || !strings.Contains(err.Error(), "NoSuchName") {
		t.Errorf("an undeclared name: %v", err)
	}
	if _, err := ExpandScript(`var N = {};`, nil); err == nil {
		t.Error("a script without its placeholder: no error")
	}
}

// goNameUse finds the page's names in Go strings: the widget's (fc-…) and
// data attributes (the embed's, data-fivecalls-…, among them).
var goNameUse = regexp.MustCompile(`\bfc-[a-z0-9-]+|\bdata-[a-z][a-z0-9-]*`)

// TestGoCodeUsesTheConstants: outside the declarations of constants, the
// Go code that renders the page, runs in the browser or serves them spells
// no shared name: it uses the constant, so that a name is typed once.
func TestGoCodeUsesTheConstants(t *testing.T) {
	var files []string
	for _, dir := range []string{".", "page", "client", "../server"} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range fs {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	if len(files) < 40 {
		t.Fatalf("found %d Go files: the check is not looking", len(files))
	}
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if g, ok := n.(*ast.GenDecl); ok && g.Tok == token.CONST {
				return false // a declaration: where names are typed
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if typed := goNameUse.FindAllString(lit.Value, -1); len(typed) > 0 {
				t.Errorf("%s: %v spells %v instead of using its constant", fset.Position(lit.Pos()), lit.Value, typed)
			}
			return true
		})
	}
}
