package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"fivecalls/app/story"
)

// corpusDir holds the story files of every shape the format accepts (a
// week, a year, one leg, fifty legs, a relay across the date line, no
// article, forty minutes, thirty years, long German names, Japanese…):
// app/story's valid corpus, which its schema test also reads.
const corpusDir = "../story/testdata/corpus/valid"

// corpusStory is one story of the corpus, by its file's name.
type corpusStory struct {
	name string
	s    *story.Story
}

func corpusStories(t *testing.T) []corpusStory {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(names) < 10 {
		t.Fatalf("the corpus has %d stories in %s (%v)", len(names), corpusDir, err)
	}
	var out []corpusStory
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := story.Load(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, corpusStory{strings.TrimSuffix(filepath.Base(name), ".json"), s})
	}
	return out
}

// corpusWidths are a small phone's column (a WordPress column on a 360 px
// phone), a phone, a tablet and a desktop.
var corpusWidths = []int64{320, 360, 768, 1280}

// TestCorpusInTheBrowser: every story of the corpus, at 320, 360, 768 and
// 1280 px, on its page, its embed and its second item (when it has one),
// as served: the page is no wider than the window, the map's SVG stays in
// its frame, every control (the timeline's buttons and clock, the strip's
// marks, the quiz's buttons and choices) is within the window's width and
// overlaps no other, the strip's last mark is 24 px wide, Play turning to Pause moves nothing of the timeline,
// the clock keeps to its row and the strip's labels to
// the timeline's panel, the labels the strip shows do not overlap, a
// phone's strip among days shows no hours, no time or zone's name breaks
// inside a word, the rows of controls and the cards keep their contents
// (checkColumn), the timeline's four buttons share a row from 360 px for
// the stories whose labels fit (oneRowOfButtons), and the page reports no
// error.
// Then, at 360 and 1280 px, the last of those pages live (the WebAssembly
// started): the animated clock keeps to its row too. Screenshots of the
// story's part of each page at 360 and 1280 px (and of the story's page at
// 320 and 768 px) are
// kept (writeArtifact, FIVECALLS_ARTIFACTS) for a person to look at.
//
// One Chromium tab per width renders every story in turn, each from its own
// server. What it caught: the strip's label columns at least as wide as
// their labels made relay.json's page 51 px wider than a 320 px window (and
// its map blown up to match); marks a finger's width wide whatever the time
// to the next put fifty.json's, year.json's and japanese.json's marks on
// top of each other; a strip cut at the tick after the last item's end
// left week.json's last mark 11 px wide; every-optional-field.json's first
// call, of 150 minutes, ran 35 minutes into the second's and its mark over
// the second's, since a mark was as long as its call; a phone's every-other label hid japanese.json's
// second and third days and year.json's "Jan 2026". The default story
// rides along: its strip's "1:00 p.m." ran into "3" at 320 px. So does
// week.json with two visits five minutes apart, whose first mark had no
// width (closeVisits).
// closeVisits is week.json with its second visit five minutes after the
// first, which lasts three: on the week's strip, two starts 0.05% apart,
// whose first mark had no width, under the second's.
func closeVisits(t *testing.T) corpusStory {
	t.Helper()
	for _, cs := range corpusStories(t) {
		if cs.name == "week" {
			s := cs.s.Clone()
			s.Calls[0].Duration = story.Duration{Minutes: 3}
			s.Calls[1].Start = "2026-02-02T10:05:00+11:00"
			if err := story.Validate(s); err != nil {
				t.Fatal(err)
			}
			return corpusStory{"close-visits", s}
		}
	}
	t.Fatal("no week.json in the corpus")
	return corpusStory{}
}

func TestCorpusInTheBrowser(t *testing.T) {
	chromiumPath(t) // fails, or skips, before any server starts
	stories := append(corpusStories(t), corpusStory{"default", story.Default()}, closeVisits(t))
	urls := make([]string, len(stories))
	for i, cs := range stories {
		urls[i] = startServer(t, cs.s)
	}
	for _, width := range corpusWidths {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			e := newEnv(t, width, 900)
			e.reduceMotion()
			keep := width == 360 || width == 1280
			for i, cs := range stories {
				e.url = urls[i]
				paths := []string{"/", "/embed"}
				if len(cs.s.Calls) >= 2 {
					paths = append(paths, "/?call=2")
				}
				for _, path := range paths {
					what := fmt.Sprintf("%s %s at %d px", cs.name, path, width)
					before := len(e.consoleErrors())
					e.openServed(path)
					checkColumn(t, e, what)
					checkCorpusLayout(t, e, what)
					checkStripLabels(t, e, what)
					if width >= 360 && oneRowOfButtons[cs.name] {
						checkOneRowOfButtons(t, e, what)
					}
					if keep || path == "/" {
						corpusShot(t, e, fmt.Sprintf("corpus-%s-%s-%d.png", cs.name, pathName(path), width))
					}
					if errs := e.consoleErrors(); len(errs) > before {
						t.Errorf("%s: console: %q", what, errs[before:])
					}
				}
				if !keep {
					continue
				}
				// Live: the WebAssembly adopts the page and animates the
				// clock in the zone of the item shown.
				what := fmt.Sprintf("%s %s live at %d px", cs.name, paths[len(paths)-1], width)
				before := len(e.consoleErrors())
				e.waitLive()
				e.waitFor(`(() => { const m = document.getElementById("fc-clock-motion"); return m && m.textContent.trim() !== "" })()`, 10*time.Second)
				checkCorpusLayout(t, e, what)
				if errs := e.consoleErrors(); len(errs) > before {
					t.Errorf("%s: console: %q", what, errs[before:])
				}
			}
		})
	}
}

// checkStripLabels fails when, in the reader's default text size, the
// strip does not show the labels it showed before its levels (web/state.css
// hides fewer labels as the strip narrows in the reader's text): from 521
// px every label, on a phone those the selectors below chose, every other
// one, those that name a day or a year and not their neighbours, the days
// alone among days. The estimate of the labels' widths hid a phone's
// labels that fitted (minutes.json at 360 px showed one of three).
func checkStripLabels(t *testing.T, e *env, what string) {
	t.Helper()
	for _, b := range eval[[]string](e, `(() => {
		const hours = document.querySelector(".fc-hours");
		if (!hours) return [];
		const phone = matchMedia("(max-width: 520px)").matches;
		const amongDays = [...hours.querySelectorAll(":scope > time")].some(t => t.getAttribute("datetime").length === 10);
		const before = ".fc-hours > span:nth-child(even), .fc-hours > time + span, .fc-hours > span:has(+ time), .fc-hours > time:first-child:has(+ time)";
		const bad = [];
		for (const el of hours.children) {
			const want = !phone || !(el.matches(before) || (amongDays && el.tagName === "SPAN"));
			if (el.checkVisibility({visibilityProperty: true}) !== want) bad.push("the strip's label " + JSON.stringify(el.textContent) + (want ? " is hidden" : " shows"));
		}
		return bad;
	})()`) {
		t.Errorf("%s: %s", what, b)
	}
}

// oneRowOfButtons are the stories whose four timeline buttons share one
// row on a 360 px phone: at its 304 px, with a desktop's gaps and padding,
// week.json's "All visits" and japanese.json's labels went to a row of
// their own (web/app.css, under 400 px). Longer labels may wrap
// (longnames.json's German, messages.json's own words).
var oneRowOfButtons = map[string]bool{"default": true, "week": true, "japanese": true, "decades": true, "year": true}

// checkOneRowOfButtons fails when the timeline's buttons are not on one row.
func checkOneRowOfButtons(t *testing.T, e *env, what string) {
	t.Helper()
	tops := eval[[]float64](e, `[...document.querySelectorAll(".fc-controls > [data-control]")].filter(el => el.checkVisibility()).map(el => Math.round(el.getBoundingClientRect().top))`)
	for _, top := range tops {
		if top != tops[0] {
			t.Errorf("%s: the timeline's buttons are on more than one row (tops %v)", what, tops)
			return
		}
	}
}

// pathName names a page in a screenshot's file name.
func pathName(path string) string {
	switch path {
	case "/":
		return "page"
	case "/embed":
		return "embed"
	}
	return "call-" + path[strings.LastIndex(path, "=")+1:]
}

// corpusShot keeps a screenshot of the window with the story's part (the
// map, the timeline, the card) scrolled to its top: a long headline would
// fill the window otherwise.
func corpusShot(t *testing.T, e *env, name string) {
	t.Helper()
	eval[bool](e, `(() => { const s = document.querySelector('.fc-story'); if (s) s.scrollIntoView({block: "start"}); return true })()`)
	shot(t, e, name)
	eval[bool](e, `(() => { window.scrollTo(0, 0); return true })()`)
}

// corpusLayoutJS lists what is out of place on the page shown, one line
// each: see TestCorpusInTheBrowser.
const corpusLayoutJS = `(() => {
	const bad = [];
	const vw = document.documentElement.clientWidth; // (checkColumn checks the page's width)
	const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true});
	const name = el => (el.getAttribute("data-control") || el.getAttribute("data-mark") && "mark " + el.getAttribute("data-mark") || el.className || el.tagName) +
		' "' + el.textContent.trim().replace(/\s+/g, " ").slice(0, 40) + '"';
	const r = b => "[" + Math.round(b.left) + ", " + Math.round(b.right) + "]";
	const inside = (b, o) => b.left >= o.left - 1 && b.right <= o.right + 1;
	const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
	// The boxes of an element's text as drawn (text may run out of the
	// element's own box: the strip's labels do not wrap).
	const textBoxes = el => {
		const out = [];
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode());) {
			if (!n.textContent.trim() || !shown(n.parentElement)) continue;
			const range = document.createRange();
			range.selectNodeContents(n);
			for (const b of range.getClientRects()) if (b.width > 0) out.push(b);
		}
		return out;
	};
	const union = bs => bs.reduce((u, b) => ({left: Math.min(u.left, b.left), right: Math.max(u.right, b.right), top: Math.min(u.top, b.top), bottom: Math.max(u.bottom, b.bottom)}),
		{left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity});

	// The map's SVG in its frame, and the frame in the window.
	const fig = document.querySelector(".fc-map");
	if (fig) {
		const f = fig.getBoundingClientRect(), s = fig.querySelector('svg[data-part="map"]').getBoundingClientRect();
		if (!inside(s, f) || s.top < f.top - 1 || s.bottom > f.bottom + 1) bad.push("the map's SVG " + r(s) + " is out of its frame " + r(f));
		if (f.left < -1 || f.right > vw + 1) bad.push("the map's frame " + r(f) + " is out of the window");
	}

	// Every control in the window's width, none over another of its group.
	const groups = {
		"timeline": ".fc-controls > [data-control], .fc-controls > .fc-clock",
		"strip": ".fc-mark",
		"quiz": ".fc-quiz .fc-qpos label, .fc-quiz .fc-check, .fc-quiz .fc-choice, .fc-quiz .fc-btn",
	};
	for (const [group, css] of Object.entries(groups)) {
		const els = [...document.querySelectorAll(css)].filter(shown);
		const boxes = els.map(el => el.getBoundingClientRect());
		els.forEach((el, i) => {
			const b = boxes[i];
			if (b.left < -1 || b.right > vw + 1) bad.push(group + ": " + name(el) + " at " + r(b) + " is out of the window [0, " + vw + "]");
			for (let j = i + 1; j < els.length; j++) {
				if (meets(b, boxes[j])) bad.push(group + ": " + name(el) + " " + r(b) + " overlaps " + name(els[j]) + " " + r(boxes[j]));
			}
		});
	}

	// Every item has a mark to see and to tap, however close the next one
	// starts (two visits minutes apart on a week's strip).
	for (const m of document.querySelectorAll(".fc-strip .fc-mark")) {
		const b = m.getBoundingClientRect();
		if (b.width < 2) bad.push("strip: " + name(m) + " " + r(b) + " is less than 2 px wide");
	}

	// The last mark is a finger wide: nothing follows it on the strip to
	// leave room for, as marks close in time must.
	const marks = [...document.querySelectorAll(".fc-mark")].filter(shown);
	if (marks.length) {
		const b = marks[marks.length - 1].getBoundingClientRect();
		if (b.width < 23.5) bad.push("strip: the last mark " + r(b) + " is narrower than 24 px");
	}

	// The clock's text in its row.
	const row = document.querySelector(".fc-controls"), clock = document.querySelector(".fc-clock");
	if (row && clock) {
		const rb = row.getBoundingClientRect(), cb = union(textBoxes(clock));
		if (cb.right > cb.left && (!inside(cb, rb) || cb.top < rb.top - 1 || cb.bottom > rb.bottom + 1)) {
			bad.push("the clock " + JSON.stringify(clock.innerText.trim()) + " " + r(cb) + " runs out of its row " + r(rb));
		}
	}

	// The strip's labels in the timeline's panel (a label starts at its
	// tick, and the last may run a little past the strip's end, into the
	// panel's margin), and apart.
	const strip = document.querySelector(".fc-strip"), panel = document.querySelector(".fc-timeline");
	if (strip && panel) {
		const pb = panel.getBoundingClientRect();
		// A label naming the day or the year (a <time>) shows at every width.
		for (const t of strip.querySelectorAll(".fc-hours > time")) {
			if (!shown(t)) bad.push("the strip's label " + JSON.stringify(t.textContent) + ", a new day or year, is hidden");
		}
		// A phone's strip that names days among hours names the days
		// alone: a lone hour there ("18" after "Apr 6") reads as a date.
		const days = [...strip.querySelectorAll(".fc-hours > time")].filter(t => shown(t) && t.getAttribute("datetime").length === 10);
		const hours = [...strip.querySelectorAll(".fc-hours > span")].filter(shown);
		if (vw <= 520 && days.length > 0 && hours.length > 0) {
			bad.push("the strip shows the hours " + JSON.stringify(hours.map(h => h.textContent)) + " among the days " + JSON.stringify(days.map(d => d.textContent)));
		}
		const labels = [...strip.querySelectorAll(".fc-hours > *")].filter(shown).map(s => ({text: s.textContent, box: union(textBoxes(s))}));
		labels.forEach((l, i) => {
			if (!inside(l.box, pb)) bad.push("the strip's label " + JSON.stringify(l.text) + " " + r(l.box) + " is out of the timeline " + r(pb));
			const next = labels[i + 1];
			// Apart means a space between them: touching, "1:00 p.m." and
			// "3" read "1:00 p.m.3".
			if (next && l.box.left < next.box.right + 3 && next.box.left < l.box.right + 3) {
				bad.push("the strip's labels " + JSON.stringify(l.text) + " " + r(l.box) + " and " + JSON.stringify(next.text) + " " + r(next.box) + " are not 3 px apart");
			}
		});
	}
	// A time, a zone's name, a date breaks between its words, never inside
	// one: a card's column of 104 px cannot hold "5:05 p.m. EST" on one
	// line, and when the catalogues joined the zone to the time with a
	// no-break space, overflow-wrap: anywhere broke the run as "E" / "ST".
	// A word is a run of letters of an alphabet, digits and the marks a
	// time or a zone's offset holds ("5:05", "p.m.", "GMT+11"); one wider
	// than its element's column must break (a Welsh village's name).
	const word = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}.:+\u2212]+/gu;
	for (const el of document.querySelectorAll(".fc-facts dd, .fc-clock, .fc-call-time, .fc-call-local")) {
		if (!shown(el)) continue;
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode());) {
			if (!shown(n.parentElement)) continue;
			for (const m of n.textContent.matchAll(word)) {
				const range = document.createRange();
				range.setStart(n, m.index);
				range.setEnd(n, m.index + m[0].length);
				const boxes = [...range.getClientRects()].filter(b => b.width > 0);
				const tops = new Set(boxes.map(b => Math.round(b.top)));
				const wide = boxes.reduce((w, b) => w + b.width, 0);
				if (tops.size > 1 && wide <= el.clientWidth) bad.push(name(el) + ": the word " + JSON.stringify(m[0]) + " breaks across " + tops.size + " lines");
			}
		}
	}

	// Play keeps the row's shape as it turns to Pause (page.js sets
	// data-playing and nothing else): nothing of the timeline moves.
	const play = document.querySelector(".fc-btn-play");
	if (play && shown(play)) {
		const parts = [...document.querySelectorAll(".fc-controls > *, .fc-strip")].filter(shown);
		const before = parts.map(el => el.getBoundingClientRect());
		const was = play.getAttribute("data-playing");
		play.setAttribute("data-playing", was === "true" ? "false" : "true");
		parts.forEach((el, i) => {
			const a = before[i], b = el.getBoundingClientRect();
			if (Math.abs(b.left - a.left) > 0.5 || Math.abs(b.top - a.top) > 0.5 || Math.abs(b.width - a.width) > 0.5) {
				bad.push("Play turning to Pause moves " + name(el) + " from " + r(a) + " at " + Math.round(a.top) + " to " + r(b) + " at " + Math.round(b.top));
			}
		});
		play.setAttribute("data-playing", was);
	}
	return bad;
})()`

// checkCorpusLayout fails the test with everything corpusLayoutJS finds
// out of place.
func checkCorpusLayout(t *testing.T, e *env, what string) {
	t.Helper()
	bad := eval[[]string](e, corpusLayoutJS)
	const most = 8
	if len(bad) > most {
		bad = append(bad[:most], fmt.Sprintf("and %d more", len(bad)-most))
	}
	for _, b := range bad {
		t.Errorf("%s: %s", what, b)
	}
}

// TestStripLabelsInLargeText: in 32 px text (a reader's 200%), the labels
// each story's strip shows at 320, 360, 768 and 1280 px are 3 px apart and in the
// timeline's panel (corpusLayoutJS's checks of them): the strip shows
// fewer labels as its width in the reader's text shrinks (web/state.css).
// Some that name a day or a year may go too (corpusLayoutJS's check that
// they show holds in the default text size). What it caught: "1 p.m." ran into "2" at 1280 px, and into "3" at
// 360 px, where a phone's every other label was not enough.
func TestStripLabelsInLargeText(t *testing.T) {
	chromiumPath(t)
	stories := append(corpusStories(t), corpusStory{"default", story.Default()})
	urls := make([]string, len(stories))
	for i, cs := range stories {
		urls[i] = startServer(t, cs.s)
	}
	for _, width := range corpusWidths {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			e := newEnv(t, width, 900)
			e.reduceMotion()
			if _, err := chromedp.Call(e.ctx, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 32, Fixed: 26}}); err != nil {
				t.Fatal(err)
			}
			for i, cs := range stories {
				e.url = urls[i]
				e.openServed("/")
				if got := eval[float64](e, `parseFloat(getComputedStyle(document.querySelector('.fc-hours')).fontSize)`); got < 23 {
					t.Fatalf("%s: the strip's labels are %.0f px: the browser's text size did not apply", cs.name, got)
				}
				for _, b := range eval[[]string](e, corpusLayoutJS) {
					if strings.HasPrefix(b, "the strip's labels ") || strings.Contains(b, "is out of the timeline") {
						t.Errorf("%s at %d px in 32 px text: %s", cs.name, width, b)
					}
				}
			}
		})
	}
}
