package page

import (
	"strings"
	"testing"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// TestSourcesListSaysWhatIsUnknown: the list of sources credits the
// byline, and tells the reader when a headline or a date is not known
// rather than leaving a gap (fivecalls check's remaining warnings on the
// default story are these unknowns, said to readers).
func TestSourcesListSaysWhatIsUnknown(t *testing.T) {
	s := story.Default()
	s.Sources = []story.Source{
		{ID: "full", Publisher: "The Paper", Headline: "A headline", Byline: "A. Writer and B. Writer", URL: "https://example.com/a", Date: "2017-02-01"},
		{ID: "described", Publisher: "A Station", Description: "Report on a call", URL: "https://example.com/b", Date: "2017-08"},
		{ID: "undated", Publisher: "A Site", Headline: "Another headline", URL: "https://example.com/c"},
	}
	items := strings.Split(mustWidget(t, s).sourcesHTML(), "<li>")
	items = items[len(items)-3:]
	for i, want := range [][]string{
		{">A headline</a>", "<span>by A. Writer and B. Writer</span>", "<span>(Feb 1, 2017)</span>"},
		{">Report on a call</a>", "(our description: the headline is not known)", "<span>(Aug 2017)</span>"},
		{">Another headline</a>", "(date unknown)"},
	} {
		for _, w := range want {
			if !strings.Contains(items[i], w) {
				t.Errorf("source %s lacks %q: %s", s.Sources[i].ID, w, items[i])
			}
		}
	}
	if strings.Contains(items[0], "unknown") || strings.Contains(items[1], "date unknown") || strings.Contains(items[2], "headline is not known") || strings.Contains(items[2], " by ") {
		t.Errorf("a known headline, date or byline is called unknown, or a missing byline shown:\n%s", strings.Join(items, "\n"))
	}
}

// TestHeadlineInAnotherLanguage: a headline in another language than the
// story's is marked with its language, for a screen reader to read it in
// that language (WCAG 2.2, 3.1.2), and what it says follows it in the
// story's; a headline in the story's language gets neither. A source
// link's tooltip, which cannot be marked, holds what it says alone.
func TestHeadlineInAnotherLanguage(t *testing.T) {
	s := story.Default()
	s.Sources = []story.Source{
		{ID: "mofa", Publisher: "A Ministry", Headline: "日米首脳電話会談", Language: "ja", Description: "Japan-US summit telephone talk", URL: "https://example.com/a", Date: "2017-01-28"},
		{ID: "paper", Publisher: "The Paper", Headline: "A headline", Description: "The paper's first report", URL: "https://example.com/b", Date: "2017-01-28"},
	}
	w := mustWidget(t, s)
	items := strings.Split(w.sourcesHTML(), "<li>")
	items = items[len(items)-2:]
	if want := ` lang="ja" dir="auto">日米首脳電話会談</a> <span>(Japan-US summit telephone talk)</span>`; !strings.Contains(items[0], want) {
		t.Errorf("the Japanese headline is not marked, or its gloss not shown; want …%s…:\n%s", want, items[0])
	}
	if strings.Contains(items[1], "lang=") || strings.Contains(items[1], "first report") {
		t.Errorf("a headline in the story's language is marked, or its description shown as a gloss:\n%s", items[1])
	}
	// A link's tooltip cannot mark a language: it gives what the headline
	// says, as the editors' words, or nothing when the story does not say.
	if got, want := w.sourceTitle(&s.Sources[0]), w.loc.T(locale.OurDescription, "Japan-US summit telephone talk"); got != want {
		t.Errorf("tooltip = %q, want %q", got, want)
	}
	bare := s.Sources[0]
	bare.Description = ""
	if got := w.sourceTitle(&bare); got != "" {
		t.Errorf("tooltip of a headline in another language without a description = %q, want none", got)
	}
	// A tag is written as text, whatever it holds (the story's check
	// allows letters, digits and hyphens only).
	s.Sources[0].Language = `ja" onmouseover="x`
	if d := mustWidget(t, s).sourcesHTML(); !strings.Contains(d, ` lang="ja&#34; onmouseover=&#34;x" dir="auto">`) {
		t.Errorf("the language tag is not escaped:\n%s", d)
	}
	// The default story cites such headlines.
	if d := mustWidget(t, story.Default()).sourcesHTML(); !strings.Contains(d, ` lang="ja" dir="auto">日米首脳電話会談</a>`) {
		t.Error("the default story's Japanese headline is not marked ja")
	}
}

// TestNotesUseTheLocalesPunctuation: a note's title ends, and sources are
// separated, as the story's language writes them (the catalogue's
// note-title and source-separator), not with English punctuation in a
// Japanese page; no space follows a title that ends in 。, whose
// full-width cell holds its own (spaceBetween); and each source listed gives
// its date in the language's parentheses (parenthetical), （…） with no
// space before them in Japanese. Break it: write the title's full stop or
// the date's parentheses into the markup again, leave out the sources'
// separator attribute (web/app.css shows it), or make spaceBetween always a
// space.
func TestNotesUseTheLocalesPunctuation(t *testing.T) {
	for name, want := range map[string]struct{ title, sep, aside string }{
		"japanese.json": {"。</strong><span>", `data-sep="、"`, `<span>（`},
		"default":       {".</strong> <span>", `data-sep=","`, ` <span>(`},
	} {
		s := story.Default()
		if name != "default" {
			s = corpusStories(t)[name]
		}
		got := mustWidget(t, s).sourcesHTML()
		if strings.Count(got, "</strong>") != len(s.Notes) || strings.Count(got, want.title) != len(s.Notes) {
			t.Errorf("%s: %d notes, %d titles ending %q:\n%s", name, len(s.Notes), strings.Count(got, want.title), want.title, got)
		}
		if !strings.Contains(got, want.sep) {
			t.Errorf("%s: the notes' sources are not separated by %s", name, want.sep)
		}
		other := map[string]string{"japanese.json": "<span>(", "default": "（"}[name]
		if !strings.Contains(got, want.aside) || strings.Contains(got, other) || strings.Contains(got, " <span>（") {
			t.Errorf("%s: the sources' dates are not in %q, or some in %q or with a space before （:\n%s", name, want.aside, other, got)
		}
	}
}

// TestSourcesWithoutNotes: a story with no note heads the section with its
// sources alone, with no empty list of notes: minutes.json checks an
// article and found nothing wrong in it, and "What the article gets
// wrong" over nothing would say otherwise. A story with notes keeps its
// title. Break it: drop notesTitle's first case.
func TestSourcesWithoutNotes(t *testing.T) {
	corpus := corpusStories(t)
	if m := corpus["minutes.json"]; m == nil || len(m.Notes) != 0 || m.Article == "" || len(story.Default().Notes) == 0 {
		t.Fatal("the corpus changed: this test needs minutes.json, an article and no note, and the default's notes")
	}
	for name, s := range map[string]*story.Story{"minutes.json": corpus["minutes.json"], "single.json": corpus["single.json"], "default": story.Default()} {
		w := mustWidget(t, s)
		got := w.sourcesHTML()
		sources := w.loc.T(locale.SourcesTitle)
		if len(s.Notes) == 0 {
			if !strings.Contains(got, ">"+sources+"</h2>") || strings.Contains(got, ui.NoteListClass) {
				t.Errorf("%s, no note: heading or an empty list wrong:\n%s", name, got[:min(len(got), 300)])
			}
			continue
		}
		if strings.Contains(got, ">"+sources+"</h2>") || !strings.Contains(got, ">"+w.notesTitle()+"</h2>") {
			t.Errorf("%s, %d notes: headed %q", name, len(s.Notes), w.notesTitle())
		}
	}
}

// TestSpaceBetween: no space beside a full-width punctuation mark, on
// either side; a space beside anything else, full-width letters and digits
// and half-width marks included. Break it: look at one side only.
func TestSpaceBetween(t *testing.T) {
	for _, c := range []struct{ before, after, want string }{
		{"運航記録では12時40分。", "例示出版", ""},
		{"旅日記", "（2025/04/10）", ""},
		{"「見出し」", "記者", ""},
		{"中黒・", "x", ""},
		{"ＮＨＫ", "x", " "},
		{"２０２５", "x", " "},
		{"半角｡", "x", " "},
		{"人々", "x", " "},
		{"Turnbull.", "Breitbart", " "},
		{"headline", "(2017-01-28)", " "},
		{"", "x", " "},
	} {
		if got := spaceBetween(c.before, c.after); got != c.want {
			t.Errorf("spaceBetween(%q, %q) = %q, want %q", c.before, c.after, got, c.want)
		}
	}
}
