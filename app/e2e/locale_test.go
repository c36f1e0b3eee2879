package e2e

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/app/ui/page"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// languageStory is the default story told in a language: its own words
// stay, the widget's are the language's.
func languageStory(lang string, messages map[locale.Key]locale.Message) *story.Story {
	s := story.Default()
	s.Language = lang
	s.Messages = messages
	return s
}

// TestEachLanguageInTheBrowser: the default story in each shipped language,
// at a phone's width and a desktop's, as served and then live: nothing runs
// out of its column, the controls keep to their row's width, the page's
// script shares the score in the language's words and the WebAssembly
// writes the readers' figures with its percentages ("42 %" in French and
// German), and the animated clock reads as the prerendered one. Screenshots
// of each are kept (writeArtifact) for a reader of the language to look at.
func TestEachLanguageInTheBrowser(t *testing.T) {
	percent := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`^\d+% of readers$`),
		"de": regexp.MustCompile(`^\d+\x{a0}% der Leserinnen und Leser$`),
		"fr": regexp.MustCompile(`^\d+\x{a0}% des lecteurs$`),
		"es": regexp.MustCompile(`^\d+\x{a0}% de los lectores$`),
		"ja": regexp.MustCompile(`^読者の\d+%$`),
		"ru": regexp.MustCompile(`^\d+\x{a0}% читателей$`),
	}
	for _, lang := range locale.Shipped {
		t.Run(lang, func(t *testing.T) {
			s := languageStory(lang, nil)
			cat, _ := locale.Catalogue(lang)
			for _, width := range []int64{360, 1280} {
				e := newEnv(t, width, 900)
				e.url = startServer(t, s)
				e.reduceMotion()
				e.openServed("/?call=2")
				if got := eval[string](e, `document.documentElement.lang + " " + document.documentElement.dir`); got != lang+" ltr" {
					t.Errorf("%d px: <html> lang and dir %q, want %q", width, got, lang+" ltr")
				}
				checkColumn(t, e, fmt.Sprintf("%s at %d px", lang, width))
				shot(t, e, fmt.Sprintf("language-%s-%d.png", lang, width))
				checkSourceGaps(t, e, lang, width)
				checkNoSpaceBesideMarks(t, e, fmt.Sprintf("%s at %d px", lang, width))
				checkEmbedChoicesOneALine(t, e, fmt.Sprintf("%s at %d px", lang, width))

				// The score shared, in the language's words (the clipboard
				// is refused to a headless page: the fallback says what to
				// copy).
				eval[bool](e, `document.querySelector('[data-control="share"]').click() || true`)
				e.waitFor(`document.querySelector('.fc-share-status').textContent !== ""`, 5*time.Second)
				status := eval[string](e, `document.querySelector('.fc-share-status').textContent`)
				done, fallback := cat[locale.ShareCopied].Text, cat[locale.ShareCopyThis].Text
				if status != done && !regexp.MustCompile("^"+regexp.QuoteMeta(fallback[:len(fallback)-len("%[1]s")])+"http").MatchString(status) {
					t.Errorf("%d px: Share said %q, want %q or %q with the link", width, status, done, fallback)
				}

				if width != 360 {
					continue
				}
				// Live: the clock and the readers' figures.
				e.waitLive()
				e.clickVisible(`label[data-control="next"]`)
				e.waitFor(`document.getElementById("fc-clock-motion").textContent.replace(/\s+/g, " ").trim() === document.querySelector('.fc-clock [data-step="3"]').textContent.replace(/\s+/g, " ").trim()`, 10*time.Second)
				// Another reader answered first: a share needs two
				// answers (quiz.MinShareAnswers).
				qs := s.Quiz.Questions
				other, _ := wrongChoice(qs[0])
				postAnswer(t, e.url, qs[0].ID, other, "other-reader-00000001", "seed-0-00-xxxxxxxx")
				_, idx := correctChoice(qs[0])
				e.answerQuestion(1, idx)
				e.waitFor(`[...document.querySelectorAll('.fc-q[data-q="1"] .fc-share-num')].some(s => s.checkVisibility({visibilityProperty: true}) && /\d/.test(s.textContent))`, 15*time.Second)
				checkNoSpaceBesideMarks(t, e, fmt.Sprintf("%s at %d px, answered", lang, width))
				checkColumn(t, e, fmt.Sprintf("%s at %d px, answered, with the readers' figures", lang, width))
				figure := eval[string](e, `[...document.querySelectorAll('.fc-q[data-q="1"] .fc-share-num')].find(s => s.checkVisibility({visibilityProperty: true})).textContent`)
				if !percent[lang].MatchString(figure) {
					t.Errorf("the readers' figure %q, want it to match %s", figure, percent[lang])
				}
				if errs := e.consoleErrors(); len(errs) > 0 {
					t.Errorf("console: %q", errs)
				}
			}
		})
	}
}

// checkSourceGaps: between two sources on one line, after the language's
// comma (each source carries it, web/app.css), a space where the comma
// needs one, and none after a Japanese or Chinese 、, whose full-width cell
// holds its own. Fails with web/app.css's rule for ja left out, or with it
// for every language (zh ships no catalogue, so it is not measured here).
// Left to right only: a right-to-left line's gaps would come out negative.
func checkSourceGaps(t *testing.T, e *env, lang string, width int64) {
	t.Helper()
	gaps := eval[[]float64](e, `[...document.querySelectorAll('.fc-sources')].flatMap(list => {
		const s = [...list.children].filter(c => c.getClientRects().length);
		const out = [];
		for (let i = 1; i < s.length; i++) {
			const a = s[i-1].getBoundingClientRect(), b = s[i].getBoundingClientRect();
			if (Math.abs(a.top - b.top) < 1) out.push(b.left - a.right);
		}
		return out;
	})`)
	if len(gaps) == 0 {
		t.Errorf("%s at %d px: no two sources on one line to measure", lang, width)
		return
	}
	for _, g := range gaps {
		if full := lang == "ja" || lang == "zh"; full && g > 0.5 || !full && g < 2 {
			t.Errorf("%s at %d px: %.1f px between two sources after the comma", lang, width, g)
			return
		}
	}
}

// checkEmbedChoicesOneALine: the embed panel's choices stand one under
// another: side by side, a short one ran on after a long one's wrapped
// text (区間の一覧と注記・出典 ◯ すべて at 360 px) and read as part of it.
func checkEmbedChoicesOneALine(t *testing.T, e *env, what string) {
	t.Helper()
	boxes := eval[[][2]float64](e, `(() => {
		const d = document.querySelector(".`+ui.EmbedClass+`"), open = d.open;
		d.open = true;
		const boxes = [...d.querySelectorAll(".`+ui.EmbedPartsClass+` > .`+ui.CheckClass+`")].map(l => { const r = l.getBoundingClientRect(); return [r.top, r.bottom]; });
		d.open = open;
		return boxes;
	})()`)
	if len(boxes) < 2 {
		t.Fatalf("%s: %d embed choices found", what, len(boxes))
	}
	for i := 1; i < len(boxes); i++ {
		if boxes[i][0] < boxes[i-1][1]-0.5 {
			t.Errorf("%s: embed choice %d shares a line with choice %d", what, i+1, i)
		}
	}
}

// checkNoSpaceBesideMarks: no space on screen beside a Japanese or Chinese
// full-width mark, whose cell holds its own (page.dropUnwrittenSpaces):
// the text as the page shows it (innerText) has none in the card's sources
// line (時刻と通話時間：Breitbart News) nor, once answered, in the quiz's
// explanation (出典：Breitbart News). A language without such marks passes.
func checkNoSpaceBesideMarks(t *testing.T, e *env, what string) {
	t.Helper()
	found := eval[[]string](e, fmt.Sprintf(`(() => {
		const marks = %q;
		const text = document.body.innerText, out = [];
		for (let i = 1; i < text.length - 1; i++) {
			if (text[i] === " " && (marks.includes(text[i-1]) || marks.includes(text[i+1]))) {
				out.push(text.slice(Math.max(0, i - 12), i + 12).replace(/\n/g, "⏎"));
			}
		}
		return out;
	})()`, page.FullWidthMarks))
	if len(found) > 0 {
		t.Errorf("%s: a space beside a full-width mark: %q", what, found)
	}
}

// TestRightToLeft: a story in Arabic, a language written right to left
// whose catalogue does not ship (the story gives every message, here the
// English ones): the page is dir="rtl", and the layout reads from the
// right: the day on the strip runs from right to left, Previous is on the
// right of Next, the call card's rule is on its right, nothing runs out of
// the column; and the arrow keys step the way the day runs.
func TestRightToLeft(t *testing.T) {
	en, _ := locale.Catalogue("en")
	s := languageStory("ar", en)
	for _, width := range []int64{360, 1280} {
		e := newEnv(t, width, 900)
		e.url = startServer(t, s)
		e.reduceMotion()
		e.openServed("/?call=2")
		what := fmt.Sprintf("ar at %d px", width)
		if got := eval[string](e, `document.documentElement.lang + " " + document.documentElement.dir`); got != "ar rtl" {
			t.Fatalf("%s: <html> lang and dir %q, want \"ar rtl\"", what, got)
		}
		checkColumn(t, e, what)
		shot(t, e, fmt.Sprintf("language-ar-%d.png", width))
		x := func(css string) float64 {
			return eval[float64](e, `(() => { const r = [...document.querySelectorAll(`+jsString(css)+`)].find(el => el.checkVisibility({visibilityProperty: true})).getBoundingClientRect(); return r.left + r.width / 2 })()`)
		}
		if first, last := x(`.fc-mark[data-mark="1"]`), x(`.fc-mark[data-mark="5"]`); first <= last {
			t.Errorf("%s: the first call's mark is at %.0f px, the last's at %.0f: the day should run from the right", what, first, last)
		}
		if first, last := x(`.fc-hours span:first-child`), x(`.fc-hours span:last-child`); first <= last {
			t.Errorf("%s: the first hour is at %.0f px, the last at %.0f", what, first, last)
		}
		if prev, next := x(`[data-control="prev"]`), x(`[data-control="next"]`); prev <= next {
			t.Errorf("%s: Previous at %.0f px, Next at %.0f: Previous should be on the right", what, prev, next)
		}
		if rule := eval[string](e, `(c => getComputedStyle(c).borderRightWidth + " " + getComputedStyle(c).borderLeftWidth)([...document.querySelectorAll('.fc-card')].find(c => c.checkVisibility({visibilityProperty: true})))`); rule != "4px 0px" {
			t.Errorf("%s: the card's right and left rules are %q, want \"4px 0px\"", what, rule)
		}
		// The map's labels sit where they were placed: each starts (or
		// ends, or centres) at its x as text-anchor says, read left to
		// right as on any page.
		if off := eval[string](e, `(() => {
			const bad = [];
			for (const t of document.querySelectorAll('.fc-map text[text-anchor]')) {
				if (!t.checkVisibility({visibilityProperty: true})) continue;
				const b = t.getBBox(), x = +t.getAttribute("x"), a = t.getAttribute("text-anchor");
				const at = a === "start" ? b.x : a === "end" ? b.x + b.width : b.x + b.width / 2;
				if (Math.abs(at - x) > 1) bad.push(t.textContent + " " + a + " at " + at.toFixed(1) + ", placed at " + x);
			}
			return bad.join("; ");
		})()`); off != "" {
			t.Errorf("%s: map labels moved off their places: %s", what, off)
		}
		if width == 1280 {
			// The left arrow goes on in the day, from the Play button.
			// (Arabic writes its numbers in its own digits: the card says
			// "Call ٣ of ٥", so the radio checked is what is compared.)
			step := func(n int) {
				t.Helper()
				e.waitFor(fmt.Sprintf(`document.querySelector('input[name="%s"]:checked').id === %q`, ui.StepRadioName, ui.StepRadioID(n)), 5*time.Second)
			}
			e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`button[data-control="play"]`)))
			e.press(kb.ArrowLeft)
			step(3)
			e.press(kb.ArrowRight)
			step(2)
		}
	}
}

// checkColumn fails when the page runs out of its width, or a row of
// controls out of its own.
func checkColumn(t *testing.T, e *env, what string) {
	t.Helper()
	if over := eval[float64](e, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
		t.Errorf("%s: the page is %.0f px wider than the window", what, over)
	}
	if out := eval[string](e, `(() => {
		const bad = [];
		for (const row of document.querySelectorAll('.fc-controls, .fc-card, .fc-q, .fc-end-actions')) {
			if (!row.checkVisibility({visibilityProperty: true})) continue;
			const r = row.getBoundingClientRect();
			for (const el of row.querySelectorAll('*')) {
				if (!el.checkVisibility({visibilityProperty: true})) continue;
				const b = el.getBoundingClientRect();
				if (b.width && (b.left < r.left - 1 || b.right > r.right + 1)) bad.push(row.className + " > " + el.tagName + " " + el.textContent.trim().slice(0, 30));
			}
		}
		return bad.slice(0, 5).join("; ");
	})()`); out != "" {
		t.Errorf("%s: out of their row: %s", what, out)
	}
	if out := eval[string](e, `(() => {
		const quiz = document.getElementById('fc-quiz');
		if (!quiz) return "";
		const r = quiz.getBoundingClientRect();
		return [...quiz.querySelectorAll('.fc-q')].filter(q => q.checkVisibility()).filter(q => {
			const b = q.getBoundingClientRect();
			return b.left < r.left - 1 || b.right > r.right + 1;
		}).map(q => q.dataset.q + ": " + Math.round(q.getBoundingClientRect().width) + " px in " + Math.round(r.width)).join("; ");
	})()`); out != "" {
		t.Errorf("%s: questions wider than the quiz: %s", what, out)
	}
}

// shot keeps a screenshot of the window.
func shot(t *testing.T, e *env, name string) {
	t.Helper()
	png, err := chromedp.Run(e.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	writeArtifact(t, name, png)
}
