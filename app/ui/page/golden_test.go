package page

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fivecalls/app/locale"
	"fivecalls/app/story"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// The default story in each shipped language: its step radios, its
// timeline with the controls, and the card of its second call, as the
// server renders them, against testdata/golden/LANG.html (go test
// ./app/ui/page -run TestGoldenInEachLanguage -update rewrites them; read
// the diff as a reader of that language would). A change to a catalogue, to
// CLDR's data or to the components shows here, language by language.
func TestGoldenInEachLanguage(t *testing.T) {
	for _, lang := range locale.Shipped {
		t.Run(lang, func(t *testing.T) {
			s := story.Default()
			s.Language = lang
			w := mustWidget(t, s)
			var b strings.Builder
			for _, part := range []app.UI{newStepRadios(w, 2), newTimeline(w), newCallCard(w, w.Calls()[1], false)} {
				html := string(markup(part))
				b.WriteString(sortAttributes(strings.ReplaceAll(html, "><", ">\n<")))
				b.WriteString("\n")
			}
			got := b.String()
			path := filepath.Join("testdata", "golden", lang+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := range max(len(gl), len(wl)) {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs from %s at line %d:\n got %s\nwant %s", lang, path, i+1, g, w)
					}
				}
			}
		})
	}
}

var (
	tagRE  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*(/?)>`)
	attrRE = regexp.MustCompile(`[^\s=>]+(?:="[^"]*")?`)
)

// sortAttributes writes each tag's attributes in order: go-app writes
// them in a map's order, which changes from run to run.
func sortAttributes(html string) string {
	return tagRE.ReplaceAllStringFunc(html, func(tag string) string {
		m := tagRE.FindStringSubmatch(tag)
		attrs := attrRE.FindAllString(m[2], -1)
		slices.Sort(attrs)
		out := "<" + m[1]
		for _, a := range attrs {
			out += " " + a
		}
		return out + m[3] + ">"
	})
}
