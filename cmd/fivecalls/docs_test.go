package main

import (
	"context"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"

	"github.com/rs/zerolog"
)

// The documentation (README.md and docs/), checked against the code where a
// machine can: the flags, the routes, the story's fields, the packages, and
// every relative link. Each test reads the names from the code itself, so a
// new flag, route, field or package without its line in the docs fails here.

// repoRoot is the module's folder, seen from this package.
const repoRoot = "../.."

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDocsNameEveryServeFlag: docs/operating.md names every flag of
// fivecalls serve, as `--name …`, and its environment variable, as
// `FIVECALLS_NAME` (and `DATABASE_URL` for --db). Removing a flag's row from
// the doc, or adding a flag without one, fails it.
func TestDocsNameEveryServeFlag(t *testing.T) {
	doc := readDoc(t, "docs/operating.md")
	var f serveFlags
	set := newServeFlagSet(&f, 4096, io.Discard)
	n := 0
	set.VisitAll(func(fl *flag.Flag) {
		n++
		if !strings.Contains(doc, "`--"+fl.Name+" ") && !strings.Contains(doc, "`--"+fl.Name+"`") {
			t.Errorf("docs/operating.md does not name the serve flag --%s", fl.Name)
		}
		vars := []string{envName(fl.Name)}
		if fl.Name == "db" {
			vars = append(vars, "DATABASE_URL")
		}
		for _, v := range vars {
			if !strings.Contains(doc, "`"+v+"`") {
				t.Errorf("docs/operating.md does not name %s, the variable of --%s", v, fl.Name)
			}
		}
	})
	if n < 17 {
		t.Errorf("only %d serve flags found: is this the real flag set?", n)
	}
}

// TestDocsNameEveryRoute: docs/api.md names every route the server answers,
// as the server lists them (server.Server.Routes: the public listener's,
// the answers API's and the metrics listener's), for one story and for
// several, with and without --watch, and its tables of routes name no
// route the server does not answer.
func TestDocsNameEveryRoute(t *testing.T) {
	doc := readDoc(t, "docs/api.md")
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "answers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	web := mustServeWebDir(t)
	var routes []string
	for _, cfg := range []server.Config{
		{Story: story.Default()},
		{Story: story.Default(), Watch: true},
		{Several: true, Watch: true, Stories: []storyfiles.File{{Path: "a.json", Story: story.Default()}}},
	} {
		cfg.WebDir = web
		h, err := server.New(zerolog.Nop(), cfg, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range h.Routes() {
			if !slices.Contains(routes, r) {
				routes = append(routes, r)
			}
		}
	}
	for _, want := range []string{"GET /{$}", "POST /api/answers", "GET /metrics", "GET /live.json", "GET /{story}/embed", "POST /{story}/api/answers"} {
		if !slices.Contains(routes, want) {
			t.Fatalf("server.Routes() = %q lacks %q: the public, API or metrics routes are missing", routes, want)
		}
	}
	for _, r := range routes {
		if !strings.Contains(doc, "`"+r+"`") {
			t.Errorf("docs/api.md does not name the route `%s`", r)
		}
	}
	documented := routesTable(t, doc)
	for _, r := range documented {
		if !slices.Contains(routes, r) {
			t.Errorf("docs/api.md lists `%s`, which the server does not answer (routes: %q)", r, routes)
		}
	}
	if len(documented) < len(routes) {
		t.Errorf("docs/api.md's table of routes lists %d routes, the server %d", len(documented), len(routes))
	}
}

// routesTable returns the routes named in the first column of the table
// under "## Routes" in docs/api.md.
func routesTable(t *testing.T, doc string) []string {
	t.Helper()
	_, section, ok := strings.Cut(doc, "\n## Routes\n")
	if !ok {
		t.Fatal(`docs/api.md has no "## Routes" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var out []string
	code := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.SplitN(line[1:], " | ", 2)[0]
		for _, m := range code.FindAllStringSubmatch(first, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestDocsNameEveryStoryField: docs/story-format.md names every field of
// the story file, as `name`, reading them from app/story's types.
func TestDocsNameEveryStoryField(t *testing.T) {
	doc := readDoc(t, "docs/story-format.md")
	fields := map[string]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if !fields[name] {
				fields[name] = true
				if !strings.Contains(doc, "`"+name+"`") {
					t.Errorf("docs/story-format.md does not name the field %q (%s.%s)", name, typ.Name(), f.Name)
				}
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[story.Story]())
	if len(fields) < 40 {
		t.Errorf("only %d fields found in story.Story", len(fields))
	}
}

// TestDocsMapEveryPackage: the README's map of the code names every
// package of the module (each folder holding a non-test .go file), as
// `path`.
func TestDocsMapEveryPackage(t *testing.T) {
	readme := readDoc(t, "README.md")
	var pkgs []string
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != repoRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules" || name == "bin" || name == "data" || name == "tmp") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(repoRoot, filepath.Dir(path))
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); !slices.Contains(pkgs, rel) {
			pkgs = append(pkgs, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		if !strings.Contains(readme, "`"+p+"`") {
			t.Errorf("the README's map of the code does not name the package `%s`", p)
		}
	}
	if !slices.Contains(pkgs, "app/server") || len(pkgs) < 20 {
		t.Errorf("found %d packages (%q): is the walk right?", len(pkgs), pkgs)
	}
}

// TestDocsLinksResolve: every relative link of README.md and docs/*.md
// names a file or folder that exists, and an anchor (#…) names a heading of
// its page, as GitHub makes anchors from headings.
func TestDocsLinksResolve(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append([]string{filepath.Join(repoRoot, "README.md")}, pages...)
	if len(pages) < 8 {
		t.Errorf("found only %q", pages)
	}
	anchors := map[string][]string{} // page → its headings' anchors
	anchorsOf := func(page string) []string {
		if a, ok := anchors[page]; ok {
			return a
		}
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		anchors[page] = headingAnchors(string(b))
		return anchors[page]
	}
	links := 0
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(repoRoot, page)
		for _, link := range markdownLinks(string(b)) {
			if regexp.MustCompile(`^[a-z][a-z0-9+.-]*:`).MatchString(link) {
				continue // http:, https:, mailto:
			}
			links++
			target, anchor, _ := strings.Cut(link, "#")
			path := page
			if target != "" {
				path = filepath.Join(filepath.Dir(page), filepath.FromSlash(target))
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s: the link %q names no file", name, link)
					continue
				}
			}
			if anchor == "" {
				continue
			}
			if !strings.HasSuffix(path, ".md") {
				t.Errorf("%s: the link %q has an anchor into a file that is not Markdown", name, link)
				continue
			}
			if !slices.Contains(anchorsOf(path), anchor) {
				t.Errorf("%s: the link %q names no heading of %s (its anchors: %q)", name, link, target, anchorsOf(path))
			}
		}
	}
	if links < 20 {
		t.Errorf("only %d relative links found: is the parser right?", links)
	}
}

var (
	reFence      = regexp.MustCompile("(?ms)^[ \t]*```.*?^[ \t]*```[^\n]*$")
	reCodeSpan   = regexp.MustCompile("`[^`\n]*`")
	reLink       = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	reHeading    = regexp.MustCompile(`(?m)^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$`)
	reHeadingURL = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// markdownLinks returns the targets of the inline links and images of a
// Markdown page, outside code.
func markdownLinks(md string) []string {
	md = reFence.ReplaceAllString(md, "")
	md = reCodeSpan.ReplaceAllString(md, "")
	var out []string
	for _, m := range reLink.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// headingAnchors returns the anchors GitHub gives a page's headings:
// lower case, spaces as "-", punctuation other than "-" and "_" dropped,
// "-1", "-2"… after a repeated one.
func headingAnchors(md string) []string {
	md = reFence.ReplaceAllString(md, "")
	seen := map[string]int{}
	var out []string
	for _, m := range reHeading.FindAllStringSubmatch(md, -1) {
		text := reHeadingURL.ReplaceAllString(m[1], "$1")
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
				b.WriteRune(r)
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			out = append(out, a+"-"+strconv.Itoa(n))
		} else {
			out = append(out, a)
		}
		seen[a]++
	}
	return out
}

func TestHeadingAnchors(t *testing.T) {
	md := "# Five Calls\n\n```sh\n# not a heading\n```\n### `fivecalls serve`\n## Faults, and what a 503 means\n" +
		"## The readers' figures: how fresh\n## Heights: embed.js, pym.js, AMP\n## Logs\n## Logs\n## Logs ##\n## [Link](x.md) here\n"
	want := []string{"five-calls", "fivecalls-serve", "faults-and-what-a-503-means", "the-readers-figures-how-fresh",
		"heights-embedjs-pymjs-amp", "logs", "logs-1", "logs-2", "link-here"}
	if got := headingAnchors(md); !slices.Equal(got, want) {
		t.Errorf("anchors:\n got %q\nwant %q", got, want)
	}
	if got := markdownLinks("[a](b.md) `[c](d.md)` ![e](f.png \"t\")\n```\n[g](h.md)\n```\n[i](https://x.example/)"); !slices.Equal(got, []string{"b.md", "f.png", "https://x.example/"}) {
		t.Errorf("links = %q", got)
	}
}
