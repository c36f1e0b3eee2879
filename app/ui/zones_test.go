package ui

import (
	"strings"
	"testing"
)

// fillTemplate writes what a strings.Replacer of the same pairs writes, for
// the templates the locales use and odder ones (every occurrence, left to
// right, a replaced value never scanned again, a brace that starts no
// placeholder kept). Making it replace only the first occurrence, or scan
// the values it wrote, turns this red.
func TestFillTemplateIsAReplacer(t *testing.T) {
	pairs := []string{"{time}", "9:05 a.m.", "{zone}", "EST"}
	for _, tpl := range []string{
		"{time} {zone}", "{zone} {time}", "{time}", "", "no placeholder", "{time}{zone}{time}",
		"{ {time} }", "{tim {zone}", "{", "}{", "à {time} — {zone}時", "{zone}{zone}", "{date}, {time}",
	} {
		want := strings.NewReplacer(pairs...).Replace(tpl)
		if got := fillTemplate(tpl, pairs...); got != want {
			t.Errorf("fillTemplate(%q) = %q, want %q", tpl, got, want)
		}
	}
	// A value holding a placeholder is not replaced again.
	if got := fillTemplate("{date}, {time}", "{date}", "{time}", "{time}", "9:05"); got != "{time}, 9:05" {
		t.Errorf("a value was scanned again: %q", got)
	}
}
