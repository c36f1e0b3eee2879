package page

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// snippetID matches a snippet's own id (not its label's).
var snippetID = regexp.MustCompile(`id="` + ui.SnippetIDPrefix + `(script|iframe|url)-\d+"`)

// TestEmbedDialogOnAStaticHost: a static export has no oEmbed, so its
// Embed dialog offers no address for WordPress; and snippets written with
// the widget's path (no public address) say so, for page.js to put the
// page's address there (TestSnippetsGetTheAddress, web/pagetest), while
// snippets written with an address do not.
// Fails with the oEmbed row offered on a static host, or without the
// path marked.
func TestEmbedDialogOnAStaticHost(t *testing.T) {
	for _, c := range []struct {
		name       string
		opts       Options
		oembed     bool
		relativeAt string
	}{
		{"server with an address", Options{PublicURL: "https://news.example/five-calls/"}, true, ""},
		{"server without one", Options{}, true, "/"},
		{"static export", Options{NoAPI: true, BasePath: "/graphics/calls/"}, false, "/graphics/calls/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, err := New(story.Default(), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			html := app.HTMLString(newEmbedDialog(w))
			if got := strings.Contains(html, `id="`+ui.SnippetIDPrefix+`url-0"`); got != c.oembed {
				t.Errorf("an address for WordPress offered: %v, want %v", got, c.oembed)
			}
			marked := strings.Count(html, ui.SnippetBaseAttr+`="`+c.relativeAt+`"`)
			if c.relativeAt == "" {
				marked = strings.Count(html, ui.SnippetBaseAttr+`=`)
				if marked != 0 {
					t.Errorf("%d snippets marked as written with a path, want none", marked)
				}
				return
			}
			if want := len(snippetID.FindAllString(html, -1)); marked != want || want == 0 {
				t.Errorf("%d of %d snippets marked as written with the path %s", marked, want, c.relativeAt)
			}
		})
	}
}

// TestEmbedDialogWithoutAQuiz: a story without questions offers no
// quiz-only embed, which would be an empty box; the other embeds stay.
// Fails with the quiz's preset offered whatever the story.
func TestEmbedDialogWithoutAQuiz(t *testing.T) {
	s := story.Default()
	s.Quiz.Questions = nil
	html := app.HTMLString(newEmbedDialog(mustWidget(t, s)))
	for i, p := range ui.EmbedPages {
		id := `id="` + ui.EmbedPartName + "-" + strconv.Itoa(i) + `"`
		if got, want := strings.Contains(html, id), p.Parts != ui.PartQuiz; got != want {
			t.Errorf("embed %s offered: %v, want %v", p.Path, got, want)
		}
	}
}

// TestProblemsPanelSaysItIsEnglish: the preview's panel of problems is in
// English, as fivecalls check's problems are, on a page in any language;
// lang="en" tells a screen reader to read it so. Fails without it.
func TestProblemsPanelSaysItIsEnglish(t *testing.T) {
	html := app.HTMLString(newProblemsPanel())
	tag, _, _ := strings.Cut(html, ">")
	if !strings.HasPrefix(tag, "<aside") || !strings.Contains(tag, `class="`+ui.ProblemsClass+`"`) || !strings.Contains(tag, ` lang="en"`) {
		t.Errorf("the problems panel starts %s>, want an aside of class %s with lang=\"en\"", tag, ui.ProblemsClass)
	}
}
