package page

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// TestDropUnwrittenSpaces: the spaces beside a full-width mark go, through
// the tags of text (span, a), and no others: not those between other
// words, not those within a tag, not those in <pre>, not those between two
// boxes (labels, paragraphs).
func TestDropUnwrittenSpaces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>\n<span>時刻と所要時間：</span>\n<span><a href=\"x\">例示出版</a></span>\n</p>",
			"<p>\n<span>時刻と所要時間：</span><span><a href=\"x\">例示出版</a></span>\n</p>"},
		{"<p>\n遅れた。 \n<span>出典：</span>\n<span>例示</span>\n</p>",
			"<p>\n遅れた。<span>出典：</span><span>例示</span>\n</p>"},
		{"<span>旅日記</span> \n<span>（2025/04/10）</span>", "<span>旅日記</span><span>（2025/04/10）</span>"},
		{"<p>\nTurnbull. \n<span>Source: </span>\n<span>Breitbart</span>\n</p>",
			"<p>\nTurnbull. \n<span>Source: </span>\n<span>Breitbart</span>\n</p>"},
		{"<span>東京</span>\n<span>大阪</span>", "<span>東京</span>\n<span>大阪</span>"},
		{"<a title=\"出典： 例示\" class=\"a b\">x</a>", "<a title=\"出典： 例示\" class=\"a b\">x</a>"},
		{"<p>。\n<a title=\"a > b\" href=\"y\">例</a></p>", "<p>。<a title=\"a > b\" href=\"y\">例</a></p>"},
		{"<pre><code>出典：\n例示</code></pre>\n<p>出典：\n例示</p>", "<pre><code>出典：\n例示</code></pre>\n<p>出典：例示</p>"},
		{"。\n<pre>x</pre>", "。\n<pre>x</pre>"},
		{"<label><span>表示（小）</span></label>\n<label><span>クイズ</span></label>",
			"<label><span>表示（小）</span></label>\n<label><span>クイズ</span></label>"},
		{"<p>表示。</p>\n<p>クイズ</p>", "<p>表示。</p>\n<p>クイズ</p>"},
		{"<div><p>表示。</p>\nクイズ</div>", "<div><p>表示。</p>\nクイズ</div>"},
		{"<span>表示（小）</span>\n<label>クイズ</label>", "<span>表示（小）</span>\n<label>クイズ</label>"},
		{"<li><span>遅れた。 </span>\n<span class=\"fc-badge\">記事</span></li>", "<li><span>遅れた。</span><span class=\"fc-badge\">記事</span></li>"},
		{"\n。\n", "\n。\n"},
		{"<textarea>出典： 例</textarea><script>a：\nb</script><style>p：\n{}</style>", "<textarea>出典： 例</textarea><script>a：\nb</script><style>p：\n{}</style>"},
		{"<PRE\n>出典：\n例</PRE>\n<SPAN>出典：</SPAN>\n<SPAN>例</SPAN>", "<PRE\n>出典：\n例</PRE>\n<SPAN>出典：</SPAN><SPAN>例</SPAN>"},
	} {
		if got := string(dropUnwrittenSpaces([]byte(c.in))); got != c.want {
			t.Errorf("dropUnwrittenSpaces(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestJapanesePageHasNoSpaceBesideMarks: the default story in Japanese, as
// the server sends it, read as a browser would join its text (the tags of
// text taken out, every other tag a break): no space beside a full-width
// mark. Its card's sources line, quiz explanations and prompts had one
// before dropUnwrittenSpaces.
func TestJapanesePageHasNoSpaceBesideMarks(t *testing.T) {
	s := story.Default()
	s.Language = "ja"
	w := mustWidget(t, s)
	page, err := w.Render(ui.Address{Parts: ui.AllParts, Step: 2}, "")
	if err != nil {
		t.Fatal(err)
	}
	body := string(page[bytes.Index(page, []byte("<body")):])
	body = regexp.MustCompile(`(?s)<pre.*?</pre>`).ReplaceAllString(body, "<pre>")
	text := regexp.MustCompile(`</?(span|a|time|strong|em|code)\b[^>]*>`).ReplaceAllString(body, "")
	marks := regexp.QuoteMeta(FullWidthMarks)
	beside := regexp.MustCompile(`[^\s>]\s+[` + marks + `]|[` + marks + `]\s+[^\s<]`)
	if found := beside.FindAllString(text, 5); len(found) > 0 {
		t.Errorf("the Japanese page has a space beside a full-width mark: %q", found)
	}
	if !strings.Contains(text, "出典：") {
		t.Error("the page has no 出典： to read: the test would not see the quiz's sources")
	}
}

// TestScoreIsTheSentenceAsWritten: the score's sentence keeps its own
// spaces around the number (a CSS counter in an empty span), and gets no
// others: in Japanese "2問中1問正解", not "2問中 1 問正解" (go-app's line
// breaks around the span did that); in English "You scored 1 of 2".
func TestScoreIsTheSentenceAsWritten(t *testing.T) {
	span := `<span class="` + ui.ScoreNumberClass + `"></span>`
	for lang, want := range map[string]string{"ja": "問中" + span + "問正解", "en": "You scored " + span + " of "} {
		s := story.Default()
		s.Language = lang
		w := mustWidget(t, s)
		page, err := w.Render(ui.Address{Parts: ui.AllParts}, "")
		if err != nil {
			t.Fatal(err)
		}
		score := regexp.MustCompile(`(?s)<p class="` + ui.ScoreClass + `">.*?</p>`).Find(page)
		if score == nil {
			t.Fatalf("%s: no score in the page", lang)
		}
		if !bytes.Contains(score, []byte(want)) {
			t.Errorf("%s: the score reads %q, want it to hold %q", lang, score, want)
		}
	}
}
