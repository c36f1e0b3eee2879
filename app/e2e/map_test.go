package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"testing"
	"time"

	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/chromedp/chromedp"
)

// mapLabels lists the place labels the map shows, with their on-screen
// font size and boxes, the dots' boxes and the map's own box.
const mapLabelsJS = `(() => {
	const svg = document.querySelector('svg[data-part="map"]').getBoundingClientRect();
	const inMap = r => r.right > svg.left && r.left < svg.right && r.bottom > svg.top && r.top < svg.bottom;
	const labels = [...document.querySelectorAll('[data-layer="labels"] text')].filter(t => t.checkVisibility({visibilityProperty: true, opacityProperty: true})).map(t => {
		const r = t.getBoundingClientRect();
		return {place: t.getAttribute('data-place'), text: t.textContent,
			px: t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')), box: [r.left, r.top, r.right, r.bottom], inMap: inMap(r)};
	});
	const dots = [...document.querySelectorAll('[data-layer="places"] [data-part="dot"]')].map(d => {
		const r = d.getBoundingClientRect();
		return {place: d.closest('[data-place]').getAttribute('data-place'), box: [r.left, r.top, r.right, r.bottom], inMap: inMap(r)};
	});
	// The rings around the places of the step shown (web/state.css shows
	// them), as circles on screen: the circle's box is its radius, the
	// stroke's outer half is added.
	const rings = [...document.querySelectorAll('[data-layer="places"] [data-part="pulse"]')].filter(c => getComputedStyle(c).visibility === 'visible').map(c => {
		const r = c.getBoundingClientRect(), m = c.getScreenCTM();
		return {place: c.closest('[data-place]').getAttribute('data-place'), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
			r: r.width / 2 + parseFloat(getComputedStyle(c).strokeWidth) * m.a / 2};
	});
	// Leader lines on screen: from the dot to the label.
	// (Chromium's checkVisibility says an SVG line in a display: none group
	// is visible: its label's text says whether the tier shows.)
	const leaders = [...document.querySelectorAll('[data-layer="labels"] [data-part="leader"]')].filter(l => l.parentElement.querySelector('text').checkVisibility({visibilityProperty: true, opacityProperty: true})).map(l => {
		const m = l.getScreenCTM(), p = (x, y) => new DOMPoint(+l.getAttribute(x), +l.getAttribute(y)).matrixTransform(m);
		const a = p('x1', 'y1'), b = p('x2', 'y2');
		return {place: l.parentElement.querySelector('text').getAttribute('data-place'), from: [a.x, a.y], to: [b.x, b.y]};
	});
	// The current call's arc, sampled every 2 px of its length on screen.
	let arc = [];
	const n = new URLSearchParams(location.search).get('call');
	const path = n && n !== '0' ? document.querySelector('[data-arc="' + n + '"]') : null;
	if (path) {
		const m = path.getScreenCTM(), len = path.getTotalLength();
		const steps = Math.ceil(len * m.a / 2);
		for (let i = 0; i <= steps; i++) {
			const q = path.getPointAtLength(len * i / steps).matrixTransform(m);
			arc.push([q.x, q.y]);
		}
	}
	return {map: [svg.left, svg.top, svg.right, svg.bottom], labels, dots, rings, leaders, arc};
})()`

type mapBoxes struct {
	Map    [4]float64 `json:"map"`
	Labels []struct {
		Place string     `json:"place"`
		Text  string     `json:"text"`
		PX    float64    `json:"px"`
		Box   [4]float64 `json:"box"`
		InMap bool       `json:"inMap"`
	} `json:"labels"`
	Dots []struct {
		Place string     `json:"place"`
		Box   [4]float64 `json:"box"`
		InMap bool       `json:"inMap"`
	} `json:"dots"`
	Rings []struct {
		Place string  `json:"place"`
		X     float64 `json:"x"`
		Y     float64 `json:"y"`
		R     float64 `json:"r"`
	} `json:"rings"`
	Leaders []struct {
		Place string     `json:"place"`
		From  [2]float64 `json:"from"`
		To    [2]float64 `json:"to"`
	} `json:"leaders"`
	Arc [][2]float64 `json:"arc"` // the current call's, on screen
}

func overlap(a, b [4]float64) bool {
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

// boxGap is the distance between two boxes (0 when they touch or overlap).
func boxGap(a, b [4]float64) float64 {
	dx := math.Max(0, math.Max(b[0]-a[2], a[0]-b[2]))
	dy := math.Max(0, math.Max(b[1]-a[3], a[1]-b[3]))
	return math.Hypot(dx, dy)
}

// segmentDistance is the distance from (x, y) to the segment, sampled.
func segmentDistance(x, y float64, from, to [2]float64) float64 {
	d := math.Inf(1)
	for i := range 201 {
		f := float64(i) / 200
		d = math.Min(d, math.Hypot(from[0]+f*(to[0]-from[0])-x, from[1]+f*(to[1]-from[1])-y))
	}
	return d
}

// segmentHitsBox reports whether the segment passes through the box's
// inside (touching an edge does not count), sampled.
func segmentHitsBox(from, to [2]float64, b [4]float64) bool {
	for i := range 201 {
		f := float64(i) / 200
		x, y := from[0]+f*(to[0]-from[0]), from[1]+f*(to[1]-from[1])
		if x > b[0]+0.5 && x < b[2]-0.5 && y > b[1]+0.5 && y < b[3]-0.5 {
			return true
		}
	}
	return false
}

// TestMapFramesEachCall: at phone, tablet and desktop widths, for the
// overview and every call, as served (no script needed): place labels are
// at least 12 px, none overlaps or touches another label or covers a dot or
// the current call's arc, none names a place outside the map, no leader
// line passes through another dot or label, the current call's places and
// their labels and rings are inside the map, and call 2 (Washington to
// Berlin, 22% of the world map's width) is framed to at least half the map.
// The default story, and minutes.json, which keeps to the North Atlantic:
// each width frames it with room for its own labels, closer the wider the
// map (its overview fills at least half of a desktop's map). And poles.json,
// whose South Pole station is the map's bottom edge: its dot was out of the
// map at the last leg, its name left out, and its ring cut on the overview.
func TestMapFramesEachCall(t *testing.T) {
	stories := []corpusStory{{"default", story.Default()}}
	for _, c := range corpusStories(t) {
		if c.name == "minutes" || c.name == "poles" {
			stories = append(stories, c)
		}
	}
	if len(stories) != 3 {
		t.Fatal("minutes.json or poles.json is not in the corpus")
	}
	for _, cs := range stories {
		for _, width := range []int64{320, 360, 768, 1280} {
			mapFramesEachCall(t, cs, width)
		}
	}
}

// mapFramesEachCall is TestMapFramesEachCall for one story at one width.
func mapFramesEachCall(t *testing.T, cs corpusStory, width int64) {
	s := cs.s
	t.Run(fmt.Sprintf("%s/%d", cs.name, width), func(t *testing.T) {
		e := newEnv(t, width, 800)
		if cs.name != "default" {
			e.url = startServer(t, s)
		}
		// Reduced motion: each framing is reached at once.
		e.reduceMotion()
		for step := 0; step <= len(s.Calls); step++ {
			e.openServed(fmt.Sprintf("/?call=%d", step))
			var m mapBoxes
			m = eval[mapBoxes](e, mapLabelsJS)
			current := map[string]bool{}
			if step > 0 {
				c := s.Calls[step-1]
				current[c.From], current[c.To] = true, true
			}
			var shown []int
			for i, l := range m.Labels {
				if !l.InMap {
					continue
				}
				shown = append(shown, i)
				if l.PX < 11.99 {
					t.Errorf("step %d: %q is %.1f px, want at least 12", step, l.Text, l.PX)
				}
				if current[l.Place] && (l.Box[0] < m.Map[0]-0.5 || l.Box[2] > m.Map[2]+0.5 || l.Box[1] < m.Map[1]-0.5 || l.Box[3] > m.Map[3]+0.5) {
					t.Errorf("step %d: the current call's label %q runs off the map: %v in %v", step, l.Text, l.Box, m.Map)
				}
			}
			for _, d := range m.Dots {
				if current[d.Place] && !d.InMap {
					t.Errorf("step %d: the current call's place %s is out of the map", step, d.Place)
				}
			}
			dotAt := map[string][4]float64{}
			for _, d := range m.Dots {
				if d.InMap {
					dotAt[d.Place] = d.Box
				}
			}
			for a := 0; a < len(shown); a++ {
				la := m.Labels[shown[a]]
				if _, ok := dotAt[la.Place]; !ok {
					t.Errorf("step %d: %q names a place outside the map", step, la.Text)
				}
				for b := a + 1; b < len(shown); b++ {
					if lb := m.Labels[shown[b]]; overlap(la.Box, lb.Box) {
						t.Errorf("step %d: labels %q and %q overlap", step, la.Text, lb.Text)
					} else if g := boxGap(la.Box, lb.Box); g < 1 {
						t.Errorf("step %d: labels %q and %q touch (%.1f px apart)", step, la.Text, lb.Text, g)
					}
				}
				for _, q := range m.Arc {
					b := la.Box
					if q[0] > b[0]+1 && q[0] < b[2]-1 && q[1] > b[1]+1 && q[1] < b[3]-1 {
						t.Errorf("step %d: label %q covers the current call's arc at (%.0f, %.0f)", step, la.Text, q[0], q[1])
						break
					}
				}
				for _, d := range m.Dots {
					if d.Place != la.Place && d.InMap && overlap(la.Box, d.Box) {
						t.Errorf("step %d: label %q covers the dot of %s", step, la.Text, d.Place)
					}
				}
				// Its own ring too: a name touching the ring is read
				// as the ringed place's.
				for _, r := range m.Rings {
					if d := boxGap(la.Box, [4]float64{r.X, r.Y, r.X, r.Y}); d < r.R {
						t.Errorf("step %d: label %q touches the ring around %s (%.1f px from its centre, radius %.1f)", step, la.Text, r.Place, d, r.R)
					}
				}
			}
			if want := min(step, 1) + 1; len(m.Rings) != want {
				t.Errorf("step %d: %d rings shown, want %d", step, len(m.Rings), want)
			}
			for _, r := range m.Rings {
				if r.X-r.R < m.Map[0]-0.5 || r.X+r.R > m.Map[2]+0.5 || r.Y-r.R < m.Map[1]-0.5 || r.Y+r.R > m.Map[3]+0.5 {
					t.Errorf("step %d: the ring around %s (%.0f, %.0f, radius %.1f) runs off the map %v", step, r.Place, r.X, r.Y, r.R, m.Map)
				}
			}
			for _, l := range m.Leaders {
				own := dotAt[l.Place]
				for place, d := range dotAt {
					r := (d[2] - d[0]) / 2
					cx, cy := (d[0]+d[2])/2, (d[1]+d[3])/2
					if place == l.Place || math.Hypot(cx-(own[0]+own[2])/2, cy-(own[1]+own[3])/2) < 4*r {
						continue // its own dot, or one touching it
					}
					if dist := segmentDistance(cx, cy, l.From, l.To); dist < r {
						t.Errorf("step %d: the leader line of %s passes through the dot of %s", step, l.Place, place)
					}
				}
				for _, r := range m.Rings {
					if r.Place != l.Place && math.Hypot(r.X-l.From[0], r.Y-l.From[1]) > r.R && segmentDistance(r.X, r.Y, l.From, l.To) < r.R {
						t.Errorf("step %d: the leader line of %s crosses the ring around %s", step, l.Place, r.Place)
					}
				}
				for _, i := range shown {
					if lb := m.Labels[i]; lb.Place != l.Place && segmentHitsBox(l.From, l.To, lb.Box) {
						t.Errorf("step %d: the leader line of %s crosses the label %q", step, l.Place, lb.Text)
					}
				}
			}
			if cs.name == "minutes" && step == 0 && width == 1280 {
				share := eval[float64](e, `(() => { const m = document.querySelector('svg[data-part="map"]').getBoundingClientRect();
						let x0 = Infinity, x1 = -Infinity;
						for (const a of document.querySelectorAll('[data-arc]')) { const r = a.getBoundingClientRect(); x0 = Math.min(x0, r.left); x1 = Math.max(x1, r.right); }
						return (x1 - x0) / m.width })()`)
				if share < 0.5 {
					t.Errorf("the overview's arcs span %.0f%% of a desktop's map, want at least half", share*100)
				}
			}
			if cs.name == "default" && step == 2 {
				share := eval[float64](e, `(() => { const a = document.querySelector('[data-arc="2"]').getBoundingClientRect();
						const m = document.querySelector('svg[data-part="map"]').getBoundingClientRect(); return a.width / m.width })()`)
				if share < 0.5 {
					t.Errorf("call 2's arc spans %.0f%% of the map's width, want at least half", share*100)
				}
			}
		}
	})
}

// TestFramingEases: between calls the map eases to the new framing (under
// reduced motion it jumps), without the WebAssembly.
func TestFramingEases(t *testing.T) {
	zoom := `parseFloat(getComputedStyle(document.querySelector('.fc-zoom')).getPropertyValue('--fc-k'))`
	for _, reduced := range []bool{false, true} {
		t.Run(fmt.Sprintf("reduced=%v", reduced), func(t *testing.T) {
			e := newEnv(t, 360, 740)
			if reduced {
				e.reduceMotion()
			}
			e.openServed("/?call=2")
			target := eval[float64](e, zoom)
			if target <= 1.5 {
				t.Fatalf("call 2 is framed at zoom %.2f: not framed", target)
			}
			e.clickVisible(`label[data-control="overview"]`)
			time.Sleep(150 * time.Millisecond)
			mid := eval[float64](e, zoom)
			time.Sleep(800 * time.Millisecond)
			end := eval[float64](e, zoom)
			if end != 1 {
				t.Errorf("the overview's zoom is %.3f, want 1", end)
			}
			if reduced && mid != 1 {
				t.Errorf("under reduced motion the zoom was %.3f 150 ms after the step: it eased", mid)
			}
			if !reduced && (mid <= 1.001 || mid >= target-0.001) {
				t.Errorf("150 ms into the move the zoom is %.3f (from %.3f to 1): it did not ease", mid, target)
			}
		})
	}
}

// arcPointsJS lists points along the current call's arc, in CSS pixels on
// screen, that fall inside the map: the samples TestCurrentArcDrawnWhole
// looks at.
const arcPointsJS = `((n) => {
	const arc = document.querySelector('[data-arc="' + n + '"]');
	const box = document.querySelector('svg[data-part="map"]').getBoundingClientRect();
	const m = arc.getScreenCTM(), len = arc.getTotalLength(), pts = [];
	for (let i = 1; i < 40; i++) {
		const p = arc.getPointAtLength(len * i / 40).matrixTransform(m);
		if (p.x > box.left + 3 && p.x < box.right - 3 && p.y > box.top + 3 && p.y < box.bottom - 3 &&
			p.x < innerWidth - 3 && p.y < innerHeight - 3) pts.push([Math.round(p.x), Math.round(p.y)]);
	}
	return pts;
})`

// TestCurrentArcDrawnWhole: whatever the framing, the current call's arc is
// drawn end to end (a zoomed, non-scaling stroke once dashed it in
// Chromium: pathLength counts the length before the zoom). The test
// compares the map with the arc and without it at points along the arc.
func TestCurrentArcDrawnWhole(t *testing.T) {
	s := story.Default()
	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			e := newEnv(t, width, 800)
			e.reduceMotion()
			for n := 1; n <= len(s.Calls); n++ {
				e.openServed(fmt.Sprintf("/?call=%d", n))
				// The labels fade in after the map arrives: wait for them.
				time.Sleep(1200 * time.Millisecond)
				pts := eval[[][2]int](e, fmt.Sprintf("%s(%d)", arcPointsJS, n))
				if len(pts) < 10 {
					t.Fatalf("call %d: only %d points of its arc are in the map", n, len(pts))
				}
				with := screenshot(t, e)
				eval[bool](e, fmt.Sprintf(`(document.querySelector('[data-arc="%d"]').style.visibility = 'hidden', true)`, n))
				without := screenshot(t, e)
				missing := 0
				for _, p := range pts {
					if !differsNear(with, without, p[0], p[1]) {
						missing++
					}
				}
				// A label may cover a point or two of the arc.
				if missing*10 > len(pts) {
					t.Errorf("call %d at %d px: the arc is missing at %d of %d points along it", n, width, missing, len(pts))
				}
			}
		})
	}
}

// TestCurrentArcAboveTheOthers: the call shown's arc is drawn above every
// other arc, the calls to come (dashed) and the calls made, so that a leg
// that runs where another runs (minimal.json's two calls to Tokyo; a
// tour's way home) shows whole. At points along the call shown's arc, the
// map is the same with every other arc hidden. The dashed arcs of the
// calls to come were drawn over it, and fifty.json's Tokyo to Anchorage
// looked hollow.
func TestCurrentArcAboveTheOthers(t *testing.T) {
	var s *story.Story
	for _, cs := range corpusStories(t) {
		if cs.name == "minimal" {
			s = cs.s
		}
	}
	if s == nil || len(s.Calls) < 2 {
		t.Fatal("the corpus has no minimal.json with two calls")
	}
	others := fmt.Sprintf(`[%s="%s"] path, [%s="%s"] path`, ui.LayerAttr, ui.LayerArcs, ui.LayerAttr, ui.LayerAhead)
	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			e := newEnv(t, width, 800)
			e.url = startServer(t, s)
			e.reduceMotion()
			for n := 1; n <= len(s.Calls); n++ {
				e.openServed(fmt.Sprintf("/?call=%d", n))
				time.Sleep(1200 * time.Millisecond) // the labels fade in
				pts := eval[[][2]int](e, fmt.Sprintf("%s(%d)", arcPointsJS, n))
				if len(pts) < 10 {
					t.Fatalf("call %d: only %d points of its arc are in the map", n, len(pts))
				}
				with := screenshot(t, e)
				hidden := eval[int](e, fmt.Sprintf(`[...document.querySelectorAll(%q)].filter(p => p.getAttribute(%q) !== "%d").map(p => p.style.visibility = "hidden").length`,
					others, ui.ArcAttr, n))
				if hidden < len(s.Calls)-1 {
					t.Fatalf("call %d: %d other arcs to hide", n, hidden)
				}
				without := screenshot(t, e)
				covered := 0
				for _, p := range pts {
					if differsNear(with, without, p[0], p[1]) {
						covered++
					}
				}
				if covered > 0 {
					t.Errorf("call %d at %d px: another arc is drawn over the call's own at %d of %d points along it", n, width, covered, len(pts))
				}
			}
		})
	}
}

// screenshot captures the viewport as an image.
func screenshot(t *testing.T, e *env) image.Image {
	t.Helper()
	b, err := chromedp.Run(e.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// differsNear reports whether two images differ clearly at or next to a
// point (a stroke's edge falls between pixels).
func differsNear(a, b image.Image, x, y int) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			r1, g1, b1, _ := a.At(x+dx, y+dy).RGBA()
			r2, g2, b2, _ := b.At(x+dx, y+dy).RGBA()
			if absDiff(r1, r2)+absDiff(g1, g2)+absDiff(b1, b2) > 3*40*257 {
				return true
			}
		}
	}
	return false
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
