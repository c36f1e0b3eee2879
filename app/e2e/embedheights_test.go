package e2e

import (
	"fmt"
	"testing"

	"fivecalls/app/ui"
)

// TestEmbedHeights: each embed's advertised height (a plain iframe's, and
// oEmbed's) holds the default story in a phone's or an article's column
// (the default embed's in a column of any width: its map stops growing)
// and is not much more than it needs on a phone. The compact embed is at
// most 900 px on a phone, the compact and quiz embeds fit under
// WordPress's 1,000 px cap at every width, and the compact embed keeps one
// height through every step, served and live, so the article around it
// never moves while a reader steps or plays.
func TestEmbedHeights(t *testing.T) {
	const wordPressCap = 1000 // wp-embed.js makes no iframe taller
	const rootHeight = `Math.ceil(document.querySelector('.fc').getBoundingClientRect().height)`
	for _, width := range []int64{320, 360, 600, 768, 940, 1200, 1920} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			e := newEnv(t, width, 800)
			for _, preset := range ui.EmbedPages {
				addr := ui.Address{Embed: true, Parts: preset.Parts}
				e.openServed(addr.Path())
				h, want := eval[int](e, rootHeight), preset.Height
				// The long embeds ask for what a phone's column needs; in
				// a narrower one, or a wider, their height is embed.js's.
				if (width >= 360 && width <= 768 || preset.Parts == ui.EmbedPages[0].Parts) && h > want {
					t.Errorf("%s at %d px is %d px tall, more than the %d px it asks for", addr.Path(), width, h, want)
				}
				if width == 360 && h < want*85/100 {
					t.Errorf("%s on a phone is %d px tall and asks for %d px: a plain iframe would show a blank band", addr.Path(), h, want)
				}
				if preset.Parts == ui.PartQuiz && h > wordPressCap {
					t.Errorf("%s at %d px is %d px tall, over WordPress's %d px cap", addr.Path(), width, h, wordPressCap)
				}
				if preset.Parts != ui.EmbedPages[0].Parts {
					continue
				}
				// The map, the timeline and the current call fit about 1.2
				// phone screens, and always fit under WordPress's cap.
				if width == 360 && h > 900 {
					t.Errorf("%s on a phone is %d px tall, want at most 900", addr.Path(), h)
				}
				if h > wordPressCap {
					t.Errorf("%s at %d px is %d px tall, over WordPress's %d px cap", addr.Path(), width, h, wordPressCap)
				}
				steps := eval[int](e, `document.querySelectorAll('input[name="`+ui.StepRadioName+`"]').length`)
				if steps < 2 {
					t.Fatalf("%d call radios", steps)
				}
				check := func(when string) {
					t.Helper()
					for k := 0; k < steps; k++ {
						// A click on the radio, as its labels give it.
						eval[bool](e, `(document.getElementById(`+jsString(ui.StepRadioID(k))+`).click(), true)`)
						if got := eval[int](e, rootHeight); got != h {
							t.Errorf("%s, %s: step %d is %d px tall, the embed opened at %d px", addr.Path(), when, k, got, h)
						}
					}
				}
				check("served")
				e.waitLive()
				check("live")
			}
		})
	}
}
