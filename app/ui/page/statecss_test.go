package page

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// TestExpandStateCSS: the real template, written out for the default story,
// names every call and question, shares declaration blocks, and leaves no
// placeholder behind.
func TestExpandStateCSS(t *testing.T) {
	tmpl, err := os.ReadFile("../../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	s := story.Default()
	css, err := mustWidget(t, s).StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Calls {
		id := "#" + ui.StepRadioID(i+1) + ":checked"
		if !strings.Contains(css, id) {
			t.Errorf("no rule names %s", id)
		}
	}
	for i, q := range s.Quiz.Questions {
		if !strings.Contains(css, "#"+ui.QuestionRadioID(i+1)+":checked") || !strings.Contains(css, `[name="`+ui.AnswerRadioPrefix+q.ID+`"]`) {
			t.Errorf("question %d (%s) is not named", i+1, q.ID)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Error("unbalanced braces")
	}
	// The rule for the current arc is one block with a selector per call.
	if n := strings.Count(css, "stroke-width: calc(3.5px"); n != 1 {
		t.Errorf("the current arc's declarations appear %d times, want once", n)
	}
	// A rule with placeholders in its declarations is written per call.
	if n := strings.Count(css, "inset-inline-start: "); n != len(s.Calls) {
		t.Errorf("%d mark positions, want %d", n, len(s.Calls))
	}
}

func TestExpandStateCSSRejectsWhatItCannotExpand(t *testing.T) {
	for name, tmpl := range map[string]string{
		"typo":         `.a[data-x="{cal}"] { color: red; }`,
		"at-rule":      `@media (min-width: 1px) { .a { color: red; } }`,
		"unclosed":     `.a { color: red;`,
		"open comment": `/* nothing`,
		"unknown name": `.{NoSuchClass} { color: red; }`,
	} {
		if _, err := mustWidget(t, story.Default()).StateCSS(tmpl); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	w := mustWidget(t, story.Default())
	got, err := w.StateCSS("/* c */\n.a {\n  color: red;\n}\n")
	var strip strings.Builder
	w.writeStripQueries(&strip)
	if err != nil || got != ".a{color: red;}\n"+strip.String() {
		t.Errorf("a plain rule: %q, %v", got, err)
	}
}

// TestStateCSSLooksAtTheRadiosAlone: every step rule of the real template
// asks the step radios' fieldset (:has() on ui.StepsClass), never the whole
// story, and names its step's own value last, so that a step change
// restyles the parts and nothing else, and another step's part rejects the
// rule at its first test (web/state.css's header says why; BenchmarkSession
// measures it); the quiz's rules do not ask the whole quiz either. Fails
// with a rule written as .fc-story:has(…) or #fc-quiz:has(…) again, or as
// "when N is checked, hide every part but N's".
func TestStateCSSLooksAtTheRadiosAlone(t *testing.T) {
	tmpl, err := os.ReadFile("../../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	css, err := mustWidget(t, story.Default()).StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(css, "#"+ui.QuizID+":") {
		t.Error("a quiz rule asks the whole quiz (#" + ui.QuizID + ":has)")
	}
	steps := 0
	for _, sel := range strings.Split(css, "\n") {
		if !strings.Contains(sel, "#"+ui.StepRadioName+"-") {
			continue
		}
		steps++
		sel = strings.TrimRight(strings.TrimSpace(sel), ",")
		if i := strings.Index(sel, "{"); i >= 0 {
			sel = sel[:i]
		}
		if strings.Contains(sel, "."+ui.StoryClass) {
			t.Errorf("a step rule asks the whole story: %s", sel)
		}
		if !strings.HasPrefix(sel, "."+ui.StepsClass+":") {
			t.Errorf("a step rule does not start at the radios' fieldset: %s", sel)
		}
		if strings.Contains(sel, ":not(["+ui.StepAttr) {
			t.Errorf("a step rule hides every part but one: %s", sel)
		}
		// ~ * then a part: Chromium tries the * on each of the part's
		// ancestors up to <body>, which then restyles the whole widget
		// when go-app mounts beside it.
		if strings.Contains(sel, "~ * ") {
			t.Errorf("a step rule reaches its parts through ~ *, not through their sections: %s", sel)
		}
	}
	if steps < 10 {
		t.Fatalf("found %d step selectors: the check is not looking", steps)
	}
}

// A wider tier's framings are written in a container query from its width,
// the tiers in order so that the widest that holds wins, with only the
// steps it frames otherwise than the tier before it. Break it: write every
// step in every tier's query, or the tiers in another order.
func TestStateCSSFramesEachTier(t *testing.T) {
	tmpl, err := os.ReadFile("../../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	w := mustWidget(t, corpusStories(t)["minutes.json"])
	css, err := w.StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	// After every other rule, so that they win over the phone's: the
	// stylesheet ends in them and nothing else.
	at := strings.Index(css, "@container (min-width")
	if at < 0 || !regexp.MustCompile(`^(@container \(min-width: [0-9.]+px\) \{\n([^@{}]*\{[^{}]*\}\n)*\}\n)+$`).MatchString(css[at:]) {
		t.Fatalf("the stylesheet does not end in the tiers' container queries alone: %.200q", css[max(at, 0):])
	}
	for tier := 1; tier < len(labelTiers); tier++ {
		query := "@container (min-width: " + strconv.FormatFloat(labelTiers[tier].minPx, 'f', -1, 64) + "px) {"
		i := strings.Index(css, query)
		if i < 0 || i < at {
			t.Fatalf("tier %s: %q missing, or before a rule it must follow", labelTiers[tier].name, query)
		}
		at = i
		block := css[i : i+strings.Index(css[i:], "\n}\n")]
		for step, vs := range w.geo.views {
			rule := "#" + ui.StepRadioID(step) + ":checked) ~ ." + ui.MapClass + " ." + ui.ZoomClass + "{--" + ui.ZoomK + ": " + num(vs[tier].K) + ";"
			changed := num(vs[tier].K) != num(vs[tier-1].K) || num(vs[tier].X) != num(vs[tier-1].X) || num(vs[tier].Y) != num(vs[tier-1].Y)
			if got := strings.Contains(block, rule); got != changed {
				t.Errorf("tier %s, step %d: written %v, framed otherwise than the tier before %v", labelTiers[tier].name, step, got, changed)
			}
		}
	}
}
