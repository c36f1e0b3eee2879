package pagetest

// The state stylesheet (web/state.css, served as /state.css and
// /radio-steps.css) on its own: these tests set the state radios by
// script. The rules about the steps are checked both ways: on the classes
// page.js holds the step in (a step radio checked then fires the change
// event a reader's click would, and page.js follows it), and on the radios
// alone (radiosOnly), as a page before its script, or without one, is.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// check checks a state radio (or checkbox) by script; a step radio's
// change is told to page.js, unless the tab has the radios' rules alone.
func (tb *tab) check(id string, on bool) {
	tb.t.Helper()
	tb.run(fmt.Sprintf(`(() => {
		const el = document.getElementById(%s);
		el.checked = %v;
		if (el.name === N.StepRadioName && document.documentElement.classList.contains(N.ScriptStepsClass))
			el.dispatchEvent(new Event("change", {bubbles: true}));
	})()`, quote(id), on))
}

// radiosOnly turns the page back to its rules about the steps on the
// radios, and takes away the classes page.js holds the step in: the
// stylesheets as a page before its script has run, or without one, has
// them.
func (tb *tab) radiosOnly() {
	tb.t.Helper()
	tb.run(`document.getElementById(N.RadioStepsID).disabled = false;
		document.documentElement.className = "";`)
}

// bothWays runs f once on the classes page.js holds the step in, once on
// the radios alone (radiosOnly), each in a new tab that opens path.
func bothWays(t *testing.T, path string, f func(t *testing.T, tb *tab)) {
	for _, way := range []string{"script", "radios"} {
		t.Run(way, func(t *testing.T) {
			tb := newTab(t)
			tb.open(path)
			if !eval[bool](tb, `document.documentElement.classList.contains(N.ScriptStepsClass) && document.getElementById(N.RadioStepsID).disabled`) {
				t.Fatal("page.js did not hold the step in classes and turn the radios' rules off")
			}
			if way == "radios" {
				tb.radiosOnly()
			}
			f(t, tb)
		})
	}
}

// TestOneStepShownAtATime: for each step, every element of the story that
// belongs to a step ([data-step]: cards, Previous/Next pairs, the night
// shading, the clock's times) shows only for the step shown; the other
// steps' cards are not rendered (content-visibility) and take no room (in
// the flow, for scroll anchoring), so that the cards take the shown card's
// room alone; the clock's times
// share one place, the step shown's visible; and the step shown's entry in
// the list is marked.
// Fails with state.css's {step} rule, or its overview rule, removed, with
// its cards' rule removed or without its padding (the cards then take
// the room of all six, or 8 px each), and with its clock-times rule
// removed.
func TestOneStepShownAtATime(t *testing.T) { bothWays(t, "/", oneStepShownAtATime) }

func oneStepShownAtATime(t *testing.T, tb *tab) {
	steps := len(story.Default().Calls) + 1
	for n := range steps {
		tb.check(fmt.Sprintf("fc-step-%d", n), true)
		wrong := eval[[]string](tb, fmt.Sprintf(`[...document.querySelectorAll(".fc-story [data-step]")]
			.filter(el => !el.matches(".fc-brief > *, .fc-clock-times > *"))
			.filter(el => el.checkVisibility({visibilityProperty: true}) !== (el.getAttribute("data-step") === "%d"))
			.map(el => el.tagName + "." + el.getAttribute("class") + "[data-step=" + el.getAttribute("data-step") + "] " + getComputedStyle(el).display)`, n))
		if len(wrong) > 0 {
			t.Errorf("step %d: shown wrongly: %q", n, wrong)
		}
		cards := eval[string](tb, fmt.Sprintf(`(() => {
			const cards = document.querySelector(".fc-cards"), shown = cards.querySelector('.fc-card[data-step="%d"]');
			const aside = [...cards.querySelectorAll(".fc-card")].filter(el => el !== shown)
				.filter(el => getComputedStyle(el).contentVisibility !== "hidden" || el.getBoundingClientRect().height > 0);
			const room = cards.getBoundingClientRect().height, own = shown.getBoundingClientRect().height;
			return aside.map(el => el.getAttribute("data-step") + " takes room").join(", ") + (Math.abs(room - own) > 1 ? " room " + room + " for a card of " + own : "");
		})()`, n))
		if cards != "" {
			t.Errorf("step %d: the cards: %s", n, cards)
		}
		shown := eval[int](tb, fmt.Sprintf(`document.querySelectorAll('.fc-story [data-step="%d"]:not(.fc-brief > *, .fc-clock-times > *)').length`, n))
		if shown < 3 { // its card, its Previous (or a stand-in) and Next; a call's night shading
			t.Errorf("step %d: %d of its parts in the page", n, shown)
		}
		times := eval[[]string](tb, `[...document.querySelectorAll(".fc-clock-times > [data-step]")].map(el => {
			const r = el.getBoundingClientRect();
			return (el.checkVisibility({visibilityProperty: true}) ? el.getAttribute("data-step") : "-") + "@" + Math.round(r.left) + "," + Math.round(r.top);
		})`)
		if len(times) != steps {
			t.Fatalf("%d clock times, want %d", len(times), steps)
		}
		var visible []string
		for _, s := range times {
			if !strings.HasPrefix(s, "-") {
				visible = append(visible, s[:strings.Index(s, "@")])
			}
			if s[strings.Index(s, "@"):] != times[0][strings.Index(times[0], "@"):] {
				t.Errorf("step %d: the clock's times are not in one place: %q", n, times)
				break
			}
		}
		if fmt.Sprint(visible) != fmt.Sprintf("[%d]", n) {
			t.Errorf("step %d: clock times visible: %q", n, visible)
		}
		marked := eval[string](tb, `[...document.querySelectorAll(".fc-call-btn")].filter(el => getComputedStyle(el).outlineStyle !== "none").map(el => el.getAttribute("data-mark")).join(",")`)
		if want := map[bool]string{true: "", false: fmt.Sprint(n)}[n == 0]; marked != want {
			t.Errorf("step %d: the list marks %q, want %q", n, marked, want)
		}
	}
}

// TestBriefEmbedCardsShareOnePlace: an embed of the map and the card
// stacks every step's card in one place, as large as the largest, and
// shows the step shown's: stepping moves nothing around the cards.
// Fails with state.css's brief rule (visibility) removed, or with
// .fc-brief > * no longer excepted from the display rule.
func TestBriefEmbedCardsShareOnePlace(t *testing.T) {
	bothWays(t, "/embed?parts=map,card&call=2", briefEmbedCardsShareOnePlace)
}

func briefEmbedCardsShareOnePlace(t *testing.T, tb *tab) {
	cards := len(story.Default().Calls) + 1
	var height float64
	for _, n := range []int{2, 0, 1, 3, 4, 5} {
		tb.check(fmt.Sprintf("fc-step-%d", n), true)
		got := eval[[]string](tb, `[...document.querySelectorAll(".fc-brief > [data-step]")].map(el => {
			const r = el.getBoundingClientRect();
			return (el.checkVisibility({visibilityProperty: true}) ? "shown " : "hidden ") + el.getAttribute("data-step") + (getComputedStyle(el).display === "none" ? " not laid out" : " laid out") + " @" + Math.round(r.left) + "," + Math.round(r.top);
		})`)
		if len(got) != cards {
			t.Fatalf("%d cards in the brief embed, want %d", len(got), cards)
		}
		at := got[0][strings.Index(got[0], "@"):]
		for i, c := range got {
			want := fmt.Sprintf("hidden %d laid out %s", i, at)
			if i == n {
				want = fmt.Sprintf("shown %d laid out %s", i, at)
			}
			if c != want {
				t.Errorf("step %d: card %q, want %q", n, c, want)
			}
		}
		h := eval[float64](tb, `document.querySelector(".fc-brief").getBoundingClientRect().height`)
		max := eval[float64](tb, `Math.max(...[...document.querySelectorAll(".fc-brief > [data-step]")].map(el => el.getBoundingClientRect().height))`)
		if h != max || (height != 0 && h != height) {
			t.Errorf("step %d: the cards take %.0f px (before %.0f), the largest %.0f", n, h, height, max)
		}
		height = h
	}
}

// TestEndAndScore: the end of the quiz (the score, Retry, Share) shows once
// every question has an answer, and the score is a counter of the right
// answers checked, whichever question is shown.
// Fails with state.css's end rule removed (the end shows at once), and
// with app.css's counter-increment removed (the score reads 0).
func TestEndAndScore(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	qs := story.Default().Quiz.Questions
	ended := func() bool {
		return eval[bool](tb, `getComputedStyle(document.querySelector(".fc-end")).display !== "none"`)
	}
	right := 0
	for i, q := range qs {
		if ended() {
			t.Fatalf("the end shows with %d of %d questions answered", i, len(qs))
		}
		c := wrongChoice(i + 1)
		if i%3 == 0 {
			c = rightChoice(i + 1)
			right++
		}
		tb.check(fmt.Sprintf("%s-%d", "fc-question", i+1), true)
		tb.run(fmt.Sprintf(`document.querySelector('input[name="fc-answer-%s"][value="%s"]').checked = true`, q.ID, q.Choices[c].ID))
	}
	if !ended() {
		t.Fatal("every question is answered and the end does not show")
	}
	want := fmt.Sprintf("You scored %d of %d", right, len(qs))
	if got := tb.scoreText(); got != want {
		t.Errorf("the score reads %q, want %q", got, want)
	}
	tb.check("fc-question-1", true) // the counter counts the questions out of sight too
	if got := tb.scoreText(); got != want {
		t.Errorf("with question 1 shown, the score reads %q, want %q", got, want)
	}
}

// scoreText is the end's score line as a reader hears and sees it: its
// number is a CSS counter, which only the accessibility tree spells out.
func (tb *tab) scoreText() string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(".fc-score")))
	if err != nil || len(nodes) == 0 {
		tb.t.Fatalf("no score line: %v", err)
	}
	full, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		tb.t.Fatal(err)
	}
	byID := map[accessibility.NodeID]*accessibility.Node{}
	var root *accessibility.Node
	for _, n := range full.Nodes {
		byID[n.NodeID] = n
		if n.BackendDOMNodeID == nodes[0].BackendNodeID {
			root = n
		}
	}
	if root == nil {
		tb.t.Fatal("the score line is not in the accessibility tree")
	}
	var text []string
	var collect func(n *accessibility.Node)
	collect = func(n *accessibility.Node) {
		if n.Role != nil && string(n.Role.Value) == `"StaticText"` && n.Name != nil {
			text = append(text, strings.Trim(string(n.Name.Value), `"`))
		}
		for _, c := range n.ChildIDs {
			if k := byID[c]; k != nil {
				collect(k)
			}
		}
	}
	collect(root)
	return strings.Join(strings.Fields(strings.Join(text, "")), " ")
}
