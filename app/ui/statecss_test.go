package ui

import (
	"os"
	"strings"
	"testing"

	"fivecalls/app/story"
)

// TestExpandStateCSS: the real template, written out for the default story,
// names every call and question, shares declaration blocks, and leaves no
// placeholder behind.
func TestExpandStateCSS(t *testing.T) {
	tmpl, err := os.ReadFile("../../web/state.css")
	if err != nil {
		t.Fatal(err)
	}
	s := story.Default()
	css, err := ExpandStateCSS(string(tmpl), s)
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Calls {
		id := "#" + CallRadioID(i+1) + ":checked"
		if !strings.Contains(css, id) {
			t.Errorf("no rule names %s", id)
		}
	}
	for i, q := range s.Quiz.Questions {
		if !strings.Contains(css, "#"+QuestionRadioID(i+1)+":checked") || !strings.Contains(css, `[name="`+AnswerRadioPrefix+q.ID+`"]`) {
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
	if n := strings.Count(css, "left: "); n != len(s.Calls) {
		t.Errorf("%d mark positions, want %d", n, len(s.Calls))
	}
}

func TestExpandStateCSSRejectsWhatItCannotExpand(t *testing.T) {
	for name, tmpl := range map[string]string{
		"typo":         `.a[data-x="{cal}"] { color: red; }`,
		"at-rule":      `@media (min-width: 1px) { .a { color: red; } }`,
		"unclosed":     `.a { color: red;`,
		"open comment": `/* nothing`,
	} {
		if _, err := ExpandStateCSS(tmpl, story.Default()); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	got, err := ExpandStateCSS("/* c */\n.a {\n  color: red;\n}\n", story.Default())
	if err != nil || got != ".a{color: red;}\n" {
		t.Errorf("a plain rule: %q, %v", got, err)
	}
}
