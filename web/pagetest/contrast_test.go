package pagetest

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestUnknownLengthMarkContrast: a mark on the strip is a control (a
// step's label), so its edge keeps 3:1 against the strip (WCAG 1.4.11),
// in the light theme and the dark, even when the call's length is not
// known and the mark is drawn lighter than the others.
// Fails with the old faded mark (opacity 0.5: 1.71:1 in the light theme).
func TestUnknownLengthMarkContrast(t *testing.T) {
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			tb := newTab(t)
			tb.open("/?theme=" + theme)
			got := eval[[]string](tb, `(() => {
				const bar = document.querySelector('.fc-mark[data-unknown]:not([data-mark="' + document.querySelector('input[name="fc-step"]:checked').value + '"]) .fc-mark-bar');
				if (!bar) return [];
				const s = getComputedStyle(bar);
				let o = 1;
				for (let el = bar; el; el = el.parentElement) o *= parseFloat(getComputedStyle(el).opacity);
				const edge = s.boxShadow.startsWith("rgb") ? s.boxShadow.match(/^rgba?\([^)]*\)/)[0] : s.backgroundColor;
				return [edge, String(o), getComputedStyle(document.querySelector('.fc-timeline')).backgroundColor];
			})()`)
			if len(got) != 3 {
				t.Fatal("the default story has no mark of unknown length out of the step shown")
			}
			opacity, _ := strconv.ParseFloat(got[1], 64)
			ratio := contrast(blend(parseRGB(t, got[0]), parseRGB(t, got[2]), opacity), parseRGB(t, got[2]))
			if ratio < 3 {
				t.Errorf("a mark of unknown length is drawn %s at opacity %s on %s: %.2f:1, want 3:1", got[0], got[1], got[2], ratio)
			}
		})
	}
}

// parseRGB reads a computed colour, rgb(r, g, b) or rgba(r, g, b, a), with
// its alpha.
func parseRGB(t *testing.T, s string) [4]float64 {
	t.Helper()
	var c [4]float64
	c[3] = 1
	inner := strings.TrimSuffix(s[strings.Index(s, "(")+1:], ")")
	for i, f := range strings.Split(inner, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || i > 3 {
			t.Fatalf("not a computed colour: %q", s)
		}
		c[i] = v
	}
	return c
}

// blend is fg over bg at fg's alpha times opacity.
func blend(fg, bg [4]float64, opacity float64) [4]float64 {
	a := fg[3] * opacity
	return [4]float64{fg[0]*a + bg[0]*(1-a), fg[1]*a + bg[1]*(1-a), fg[2]*a + bg[2]*(1-a), 1}
}

// contrast is WCAG's contrast ratio of two opaque colours.
func contrast(a, b [4]float64) float64 {
	lum := func(c [4]float64) float64 {
		ch := func(v float64) float64 {
			v /= 255
			if v <= 0.04045 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c[0]) + 0.7152*ch(c[1]) + 0.0722*ch(c[2])
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}
