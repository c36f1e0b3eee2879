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
// names every call and question, on the classes page.js sets and on the
// radios, shares declaration blocks, and leaves no placeholder behind.
func TestExpandStateCSS(t *testing.T) {
	tmpl, err := os.ReadFile("../../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	s := story.Default()
	css, radios, err := mustWidget(t, s).StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Calls {
		id := "#" + ui.StepRadioID(i+1) + ":checked"
		if !strings.Contains(radios, id) {
			t.Errorf("no rule of the radios names %s", id)
		}
		at := ":root." + ui.ScriptStepsClass + "." + ui.AtClassPrefix + strconv.Itoa(i+1) + " "
		if !strings.Contains(css, at) {
			t.Errorf("no rule names %s", at)
		}
	}
	// Every rule about the steps is in both, and the radios' has no other.
	if strings.Contains(css, "#"+ui.StepRadioName+"-") {
		t.Error("the page's state rules name a step radio")
	}
	onClasses := 0
	for _, sel := range selectors(css) {
		if strings.HasPrefix(sel, ":root.") {
			onClasses++
		}
	}
	if got := len(selectors(radios)); got != onClasses || got < 10 {
		t.Errorf("%d selectors on the radios, %d on the classes", got, onClasses)
	}
	if strings.Contains(radios, ui.QuestionRadioName) || strings.Contains(radios, "inset-inline-start") {
		t.Error("the radios' stylesheet has rules that are not about the steps")
	}
	for i, q := range s.Quiz.Questions {
		if !strings.Contains(css, "#"+ui.QuestionRadioID(i+1)+":checked") || !strings.Contains(css, `[name="`+ui.AnswerRadioPrefix+q.ID+`"]`) {
			t.Errorf("question %d (%s) is not named", i+1, q.ID)
		}
	}
	for _, c := range []string{css, radios} {
		if strings.Count(c, "{") != strings.Count(c, "}") {
			t.Error("unbalanced braces")
		}
		// The rule for the current arc is one block with a selector per call.
		if n := strings.Count(c, "stroke-width: calc(3.5px"); n != 1 {
			t.Errorf("the current arc's declarations appear %d times, want once", n)
		}
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
		"condition":    `{if:question} .a { color: red; }`,
		"condition's":  `{when:step} .a { color: red; }`,
		"no selector":  `.a { color: red; }` + "\n{ color: blue; }",
	} {
		if _, _, err := mustWidget(t, story.Default()).StateCSS(tmpl); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	w := mustWidget(t, story.Default())
	got, radios, err := w.StateCSS("/* c */\n.a {\n  color: red;\n}\n")
	var strip strings.Builder
	w.writeStripQueries(&strip)
	if err != nil || got != ".a{color: red;}\n"+strip.String() || radios != "" {
		t.Errorf("a plain rule: %q, %q, %v", got, radios, err)
	}
	got, radios, err = w.StateCSS("{ahead:step} .b .{StepClassPrefix}{step} { color: red; }\n")
	if want := ":root." + ui.ScriptStepsClass + ":not(." + ui.UpToClassPrefix + "5) .b ." + ui.StepClassPrefix + "5{color: red;}"; err != nil || !strings.Contains(got, want) {
		t.Errorf("a condition on the classes: %q, %v; want %s in it", got, err, want)
	}
	if want := "." + ui.StepsClass + ":has(:checked ~ #" + ui.StepRadioID(5) + "):not(:has(#" + ui.StepRadioID(0) + ":checked)) ~ .b ." + ui.StepClassPrefix + "5{color: red;}"; !strings.Contains(radios, want) {
		t.Errorf("a condition on the radios: %q; want %s in it", radios, want)
	}
}

// TestStateCSSLooksAtTheRadiosAlone: every step rule on the radios asks
// the step radios' fieldset (:has() on ui.StepsClass), never the whole
// story, and names its step's own value last, so that another step's part
// rejects the rule at its first test; the quiz's rules do not ask the
// whole quiz either (web/state.css's header says why; BenchmarkStep
// measures it). Fails with a rule written as .fc-story:has(…) or
// #fc-quiz:has(…) again, or as "when N is checked, hide every part but
// N's".
func TestStateCSSLooksAtTheRadiosAlone(t *testing.T) {
	tmpl, err := os.ReadFile("../../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	css, radios, err := mustWidget(t, story.Default()).StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(css, "#"+ui.QuizID+":") {
		t.Error("a quiz rule asks the whole quiz (#" + ui.QuizID + ":has)")
	}
	steps := 0
	for _, sel := range selectors(radios) {
		steps++
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

// TestStateCSSNamesAStepsPartsByClass: every rule on the classes page.js
// holds the step in names its part by the part's step's class, first in
// the part's selector, never by an attribute's value: Chromium restyles,
// at a change of a class on <html>, every element that carries what the
// part's selector begins with, and an attribute's value is not told apart
// ([data-step="3"] restyles every [data-step]). Only the overview's rules
// may name every arc, and the All button. Fails with a rule written on
// [{StepAttr}="{step}"] again (BenchmarkStep's restyle count grows with
// the story then).
func TestStateCSSNamesAStepsPartsByClass(t *testing.T) {
	tmpl, err := os.ReadFile("../../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	css, _, err := mustWidget(t, corpusStories(t)["fifty.json"]).StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	part := regexp.MustCompile(`[ >~]\s*([^ >~]+)$`)
	byClass := regexp.MustCompile(`^\.(` + ui.StepClassPrefix + `|` + ui.PlaceStepClassPrefix + `)([0-9]+)([.\[:]|$)`)
	n := 0
	for _, sel := range selectors(css) {
		if !strings.HasPrefix(sel, ":root.") {
			continue
		}
		n++
		if strings.Contains(sel, ":has(") {
			t.Errorf("a rule on the classes asks :has(): %s", sel)
		}
		m := part.FindStringSubmatch(withoutArguments(sel))
		if m == nil {
			t.Errorf("no part in %s", sel)
			continue
		}
		last := m[1]
		overview := strings.HasPrefix(sel, ":root."+ui.ScriptStepsClass+"."+ui.AtClassPrefix+"0 ") || strings.HasPrefix(sel, ":root."+ui.FocusClassPrefix+"0 ")
		zoom := last == "."+ui.ZoomClass
		if !byClass.MatchString(last) && !zoom && !overview {
			t.Errorf("a part named otherwise than by its step's class, first: %q in %s", last, sel)
		}
		if strings.Contains(last, `="`) && !overview {
			t.Errorf("a part named by an attribute's value: %s", sel)
		}
	}
	if n < 50*5 {
		t.Fatalf("found %d selectors on the classes for fifty calls: the check is not looking", n)
	}
}

// withoutArguments is a selector with what its pseudo-classes' parentheses
// hold left out: .a:not(.b > *) .c:is(.d) is .a:not() .c:is().
func withoutArguments(sel string) string {
	var b strings.Builder
	depth := 0
	for _, r := range sel {
		switch {
		case r == '(':
			if depth == 0 {
				b.WriteRune(r)
			}
			depth++
		case r == ')':
			depth--
			if depth == 0 {
				b.WriteRune(r)
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// selectors are the selectors of a stylesheet's rules, one by one, in
// container queries too.
func selectors(css string) []string {
	var out []string
	for rest := css; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return out
		}
		head := strings.TrimSpace(strings.TrimLeft(rest[:open], "} \n"))
		rest = rest[open+1:]
		if strings.HasPrefix(head, "@") {
			continue // a container query's rules follow
		}
		for _, sel := range splitSelectors(head) {
			out = append(out, strings.TrimSpace(sel))
		}
		rest = rest[strings.IndexByte(rest, '}')+1:]
	}
}

// splitSelectors splits a list of selectors at its commas, not at those
// inside parentheses.
func splitSelectors(list string) []string {
	var out []string
	depth, from := 0, 0
	for i, r := range list {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, list[from:i])
				from = i + 1
			}
		}
	}
	return append(out, list[from:])
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
	css, radios, err := w.StateCSS(string(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	for _, sh := range []struct {
		name, css string
		framed    func(step int) string
	}{
		{"state.css", css, func(step int) string {
			return ":root." + ui.ScriptStepsClass + "." + ui.AtClassPrefix + strconv.Itoa(step) + " ."
		}},
		{"radio-steps.css", radios, func(step int) string { return "#" + ui.StepRadioID(step) + ":checked) ~ ." }},
	} {
		css := sh.css
		// After every other rule, so that they win over the phone's: the
		// stylesheet ends in them and nothing else.
		at := strings.Index(css, "@container (min-width")
		if at < 0 || !regexp.MustCompile(`^(@container \(min-width: [0-9.]+px\) \{\n([^@{}]*\{[^{}]*\}\n)*\}\n)+$`).MatchString(css[at:]) {
			t.Fatalf("%s does not end in the tiers' container queries alone: %.200q", sh.name, css[max(at, 0):])
		}
		for tier := 1; tier < len(labelTiers); tier++ {
			query := "@container (min-width: " + strconv.FormatFloat(labelTiers[tier].minPx, 'f', -1, 64) + "px) {"
			i := strings.Index(css, query)
			if i < 0 || i < at {
				t.Fatalf("%s, tier %s: %q missing, or before a rule it must follow", sh.name, labelTiers[tier].name, query)
			}
			at = i
			block := css[i : i+strings.Index(css[i:], "\n}\n")]
			for step, vs := range w.geo.views {
				rule := sh.framed(step) + ui.MapClass + " ." + ui.ZoomClass + "{--" + ui.ZoomK + ": " + num(vs[tier].K) + ";"
				changed := num(vs[tier].K) != num(vs[tier-1].K) || num(vs[tier].X) != num(vs[tier-1].X) || num(vs[tier].Y) != num(vs[tier-1].Y)
				if got := strings.Contains(block, rule); got != changed {
					t.Errorf("%s, tier %s, step %d: written %v, framed otherwise than the tier before %v", sh.name, labelTiers[tier].name, step, got, changed)
				}
			}
		}
	}
}
