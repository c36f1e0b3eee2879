package pagetest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"fivecalls/app/story"
)

// The browser's sharing and clipboard, as each test wants them: share
// and clipboard.writeText record what they were given in window.__shared
// and window.__copied, and writeText resolves (ok), rejects (refused: the
// page has no permission) or is not there at all (none: an insecure page).
const (
	shareStub     = `navigator.share = data => { window.__shared = data; return Promise.resolve(); };`
	shareDeny     = `navigator.share = data => Promise.reject(new DOMException("not allowed in this frame", "NotAllowedError"));`
	shareAbort    = `navigator.share = data => { window.__shared = data; return Promise.reject(new DOMException("closed", "AbortError")); };`
	noShare       = `Object.defineProperty(navigator, "share", {value: undefined, configurable: true});`
	clipboardOK   = `Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: text => { window.__copied = text; return Promise.resolve(); }}});`
	clipboardDeny = `Object.defineProperty(navigator, "clipboard", {configurable: true, value: {writeText: text => Promise.reject(new DOMException("denied", "NotAllowedError"))}});`
	noClipboard   = `Object.defineProperty(navigator, "clipboard", {value: undefined, configurable: true});`
)

// TestShare: Share, at the end of the quiz, shares the score and the
// widget's address (without the query: nothing of the reader's state)
// through the browser's share sheet; without one it copies them and says
// "Link copied."; where it cannot copy it shows the link to copy by hand.
// Fails with page.js's share text changed, with its status left unwritten
// on the clipboard's refusal, and with the address's query kept.
func TestShare(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	// The last question is about a call: once it is shown, the address
	// names it (?call=), a query for Share to leave out.
	tb.answerAll(8)
	tb.waitFor(`location.search !== ""`)
	s := story.Default()
	link := shared.base + "/"
	text := fmt.Sprintf("I scored 8 of %d on the quiz \u201c%s\u201d.", len(s.Quiz.Questions), s.Title)
	status := func() string { return eval[string](tb, `document.querySelector(".fc-share-status").textContent`) }

	tb.run(shareStub + clipboardOK)
	tb.click(`[data-control="share"]`)
	tb.waitFor(`!!window.__shared`)
	if got, want := eval[string](tb, `JSON.stringify(window.__shared)`), fmt.Sprintf(`{"title":%s,"text":%s,"url":%s}`, quote(s.Title), quote(text), quote(link)); got != want {
		t.Errorf("shared %s, want %s", got, want)
	}
	if eval[bool](tb, `!!window.__copied`) || status() != "" {
		t.Errorf("with a share sheet, Share also copied %q and said %q", eval[string](tb, `String(window.__copied)`), status())
	}

	for _, c := range []struct {
		name, browser, status string
	}{
		{"clipboard", noShare + clipboardOK, "Link copied."},
		{"clipboard refused", noShare + clipboardDeny, "Copy this link: " + link},
		{"no clipboard", noShare + noClipboard, "Copy this link: " + link},
		// A frame without web-share (WordPress's, pym.js's, AMP's)
		// refuses the sheet: the text is copied instead.
		{"share refused", shareDeny + clipboardOK, "Link copied."},
		{"share and clipboard refused", shareDeny + clipboardDeny, "Copy this link: " + link},
	} {
		tb.run(c.browser + `document.querySelector(".fc-share-status").textContent = ""; window.__copied = undefined;`)
		tb.click(`[data-control="share"]`)
		tb.waitFor(`document.querySelector(".fc-share-status").textContent !== ""`)
		if got := status(); got != c.status {
			t.Errorf("%s: Share says %q, want %q", c.name, got, c.status)
		}
		if c.status == "Link copied." {
			if got := eval[string](tb, `window.__copied`); got != text+" "+link {
				t.Errorf("%s: copied %q, want %q", c.name, got, text+" "+link)
			}
		}
	}
}

// TestShareFromAnEmbed: an embed's Share sends the whole widget's address,
// not the embed's (a page showing one part of it, without its chrome);
// and a reader who closes the share sheet is left alone, nothing copied.
// Fails with page.js sharing location's address, or copying on AbortError.
func TestShareFromAnEmbed(t *testing.T) {
	tb := newTab(t)
	tb.open("/embed/quiz")
	tb.answerAll(8)
	tb.run(shareAbort + clipboardOK)
	tb.click(`[data-control="share"]`)
	tb.waitFor(`!!window.__shared`)
	if got, want := eval[string](tb, `window.__shared.url`), shared.base+"/"; got != want {
		t.Errorf("an embed shared %q, want the widget's address %q", got, want)
	}
	eval[bool](tb, `new Promise(r => setTimeout(() => r(true), 200))`)
	if copied, status := eval[bool](tb, `!!window.__copied`), eval[string](tb, `document.querySelector(".fc-share-status").textContent`); copied || status != "" {
		t.Errorf("after the reader closed the share sheet, Share copied (%v) and said %q", copied, status)
	}
}

// TestCopy: the embed dialog shows the snippets of the parts chosen (the
// state stylesheet), and Copy copies one and says "Copied."; where the
// clipboard refuses or is missing it selects the snippet for a manual copy
// and says how.
// Fails with page.js's copy not selecting the snippet, or copying another
// element's text; and with state.css's preset rule removed (every
// preset's snippets show).
func TestCopy(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.click(`.fc-embed > summary`)
	// As it opens, the snippets get the page's address (TestSnippetsGetTheAddress).
	tb.waitFor(`!document.querySelector("[" + N.SnippetBaseAttr + "]")`)
	presets := func() string {
		return eval[string](tb, `[...document.querySelectorAll("[" + N.PresetAttr + "]")].filter(p => p.checkVisibility()).map(p => p.getAttribute(N.PresetAttr)).join(",")`)
	}
	if got := presets(); got != "0" {
		t.Errorf("the embed dialog opens with the snippets of presets %q, want 0", got)
	}
	tb.click(`label.fc-check:has(#fc-embed-parts-1)`)
	if got := presets(); got != "1" {
		t.Errorf("with the quiz chosen, the dialog shows the snippets of presets %q, want 1", got)
	}
	// The page measures the embed's height for its snippets (in a frame
	// it removes once done), and writes it in: the snippet to copy is the
	// one after that.
	tb.waitFor(`document.querySelectorAll("iframe").length === 0`)
	snippet := eval[string](tb, `document.getElementById("fc-embed-script-1").textContent`)
	if snippet == "" {
		t.Fatal("no snippet to copy")
	}
	status := func() string { return eval[string](tb, `document.querySelector(".fc-embed-status").textContent`) }
	manual := "Selected: press Ctrl+C or \u2318C to copy."
	for _, c := range []struct {
		name, browser, status string
	}{
		{"clipboard", clipboardOK, "Copied."},
		{"clipboard refused", clipboardDeny, manual},
		{"no clipboard", noClipboard, manual},
	} {
		tb.run(c.browser + `document.querySelector(".fc-embed-status").textContent = ""; getSelection().removeAllRanges(); window.__copied = undefined;`)
		tb.click(`[data-control="copy"]`) // the first shown: preset 1's script
		tb.waitFor(`document.querySelector(".fc-embed-status").textContent !== ""`)
		if got := status(); got != c.status {
			t.Errorf("%s: Copy says %q, want %q", c.name, got, c.status)
		}
		if got := eval[string](tb, `getSelection().toString()`); got != snippet {
			t.Errorf("%s: the selection is %q, want the snippet %q", c.name, got, snippet)
		}
		if c.status == "Copied." {
			if got := eval[string](tb, `String(window.__copied)`); got != snippet {
				t.Errorf("%s: copied %q, want %q", c.name, got, snippet)
			}
			// The button says it too (the status is at the dialog's
			// foot, a screen away on a phone), then its word again.
			copyButton := `[...document.querySelectorAll('[data-control="copy"]')].find(b => b.checkVisibility())`
			if got := eval[string](tb, copyButton+`.textContent`); got != "Copied." {
				t.Errorf("%s: the button reads %q, want Copied.", c.name, got)
			}
			tb.waitFor(copyButton + `.textContent === "Copy"`)
		}
	}
}

// TestSnippetsGetTheAddress: a server without --public-url (and a static
// export) writes the Embed dialog's snippets with the widget's path; as
// the dialog opens, page.js puts the page's own address there, so that a
// snippet pasted into an article on another host still finds the widget.
// Fails without page.js's addressSnippets (the snippets keep "/embed").
func TestSnippetsGetTheAddress(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	origin := eval[string](tb, `location.origin`)
	if eval[int](tb, `document.querySelectorAll("[" + N.SnippetBaseAttr + "]").length`) == 0 {
		t.Fatal("no snippet is written with the widget's path: the test serves the page with an address")
	}
	tb.click(`.fc-embed > summary`)
	tb.waitFor(`document.querySelector(".fc-embed").open && !document.querySelector("[" + N.SnippetBaseAttr + "]")`)
	if got, want := eval[string](tb, `document.getElementById("fc-embed-url-1").textContent`), origin+"/embed/quiz"; got != want {
		t.Errorf("snippet fc-embed-url-1: %q, want %q", got, want)
	}
	script := regexp.MustCompile(`^<div data-fivecalls-src="` + regexp.QuoteMeta(origin) + `/embed" data-fivecalls-title="[^"]+" data-fivecalls-height="\d+"></div>\n<script src="` + regexp.QuoteMeta(origin) + `/web/embed.js" async></script>$`)
	if got := eval[string](tb, `document.getElementById("fc-embed-script-0").textContent`); !script.MatchString(got) {
		t.Errorf("snippet fc-embed-script-0: %q, want it to match %s", got, script)
	}
	if got := eval[string](tb, `document.getElementById("fc-embed-iframe-0").textContent`); !strings.HasPrefix(got, `<iframe src="`+origin+`/embed" title=`) {
		t.Errorf("the iframe snippet: %q, want it to start <iframe src=\"%s/embed\"", got, origin)
	}
}

// TestSnippetsOpenAtTheStepShown: the Embed dialog's box (shown by the
// script, which alone can follow the step) makes every snippet open at the
// call shown, ?call=N, and follows the steps; at the overview, or with the
// box cleared, the snippets name no call; embed.js's own address is left
// alone. Fails with page.js's stepSnippets removed (the box stays hidden
// and nothing changes), or with its pattern matching embed.js.
func TestSnippetsOpenAtTheStepShown(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	box := `document.getElementById(N.EmbedAtStepID)`
	if eval[bool](tb, box+`.checkVisibility()`) {
		t.Error("the box shows before the dialog opens")
	}
	tb.click(`.fc-embed > summary`)
	tb.waitFor(`!document.querySelector("[" + N.SnippetBaseAttr + "]") && ` + box + `.checkVisibility()`)
	code := func(id string) string { return eval[string](tb, `document.getElementById("`+id+`").textContent`) }
	calls := func() string {
		return eval[string](tb, `[...document.querySelectorAll(".fc-embed code")].map(c => (c.textContent.match(/call=\d+/g) || []).join(" ")).join("|")`)
	}
	step := func(n int) { tb.run(fmt.Sprintf(`document.getElementById("fc-step-%d").click()`, n)) }

	step(3)
	if got := calls(); strings.Contains(got, "call=") {
		t.Errorf("with the box clear, the snippets name a call: %q", got)
	}
	tb.click(`label:has(> #` + "fc-embed-at-step" + `)`)
	for _, c := range []struct {
		step int
		want string
	}{{3, "?call=3"}, {2, "?call=2"}, {0, ""}} {
		step(c.step)
		script, iframe, url := code("fc-embed-script-0"), code("fc-embed-iframe-0"), code("fc-embed-url-1")
		if !strings.Contains(script, `/embed`+c.want+`"`) || !strings.Contains(iframe, `/embed`+c.want+`"`) || !strings.HasSuffix(url, "/embed/quiz"+c.want) {
			t.Errorf("at step %d the snippets are %q, %q, %q; want their addresses to end %q", c.step, script, iframe, url, c.want)
		}
		if !strings.Contains(script, `/web/embed.js" async`) {
			t.Errorf("at step %d embed.js's address changed: %q", c.step, script)
		}
	}
	step(4)
	tb.click(`label:has(> #fc-embed-at-step)`)
	if got := calls(); strings.Contains(got, "call=") {
		t.Errorf("with the box cleared again, the snippets name a call: %q", got)
	}
}
