package page

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// TestPageHoldsItsStepInClasses: the page comes with the classes on <html>
// that hold the step it shows (ui.ScriptStepsClass), the same step as its
// checked radio, so that the page's script takes over from the radios
// without a restyle: the step shown and every step up to it, every step on
// the overview. Fails with the classes left out, or written for another
// step than the radio's.
func TestPageHoldsItsStepInClasses(t *testing.T) {
	w := mustWidget(t, story.Default())
	html := regexp.MustCompile(`<html [^>]*class="([^"]*)"`)
	// The radios' attributes come in any order.
	input, value := regexp.MustCompile(`<input [^>]*>`), regexp.MustCompile(` value="([0-9]+)"`)
	checked := func(page []byte) (steps []string) {
		for _, tag := range input.FindAll(page, -1) {
			if bytes.Contains(tag, []byte(` name="`+ui.StepRadioName+`"`)) && regexp.MustCompile(` checked[ >]`).Match(tag) {
				steps = append(steps, string(value.FindSubmatch(tag)[1]))
			}
		}
		return steps
	}
	at, upTo := ui.AtClassPrefix, " "+ui.UpToClassPrefix
	for step, want := range map[int]string{
		0: at + "0" + upTo + "1" + upTo + "2" + upTo + "3" + upTo + "4" + upTo + "5",
		3: at + "3" + upTo + "1" + upTo + "2" + upTo + "3",
		5: at + "5" + upTo + "1" + upTo + "2" + upTo + "3" + upTo + "4" + upTo + "5",
	} {
		page, err := w.Render(ui.Address{Parts: ui.AllParts, Step: step}, "")
		if err != nil {
			t.Fatal(err)
		}
		m := html.FindSubmatch(page)
		if m == nil || string(m[1]) != want {
			t.Errorf("step %d: <html class=%q>, want %q", step, m, want)
		}
		if c := checked(page); len(c) != 1 || c[0] != strconv.Itoa(step) {
			t.Errorf("step %d: the checked step radios are %q", step, c)
		}
	}
}
