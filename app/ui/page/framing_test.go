package page

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// Each framing shows what it frames: the overview every place the story's
// items go from or to, a call its two places, all inside the map once
// scaled and moved. A story that keeps to a region (a ferry across the Gulf
// of Finland) gets a closer overview than the world; the default story,
// from Washington to Canberra, the world. Break it: frame the overview on
// the first call only (frameBox with that call's arc and places), and the
// week's and relay's overviews leave places out.
func TestFramingsShowTheirPlaces(t *testing.T) {
	stories := corpusStories(t)
	stories["default"] = story.Default()
	for name, s := range stories {
		w := mustWidget(t, s)
		f, views := w.frame, w.geo.views
		if len(views) != len(w.calls)+1 {
			t.Fatalf("%s: %d framings for %d steps", name, len(views), len(w.calls)+1)
		}
		inside := func(step int, p *story.Place) {
			t.Helper()
			pt := f.Project(lonLat(p))
			for tier, v := range views[step] {
				x, y := pt[0]*v.K+v.X, pt[1]*v.K+v.Y
				if x < 0 || x > f.Width || y < 0 || y > f.Height {
					t.Errorf("%s: step %d, tier %s (zoom %.2f) leaves %s out of the map: (%.0f, %.0f) in %.0f×%.0f",
						name, step, labelTiers[tier].name, v.K, p.Name, x, y, f.Width, f.Height)
				}
			}
		}
		for _, c := range w.calls {
			inside(0, c.From)
			inside(0, c.To)
			inside(c.Step, c.From)
			inside(c.Step, c.To)
		}
	}
	for tier, v := range mustWidget(t, stories["single.json"]).geo.views[0] {
		if v.K <= 1 {
			t.Errorf("tier %s: a ferry across the Gulf of Finland is shown on the whole world (zoom %.2f)", labelTiers[tier].name, v.K)
		}
	}
	for tier, v := range mustWidget(t, stories["default"]).geo.views[0] {
		if v.K != 1 {
			t.Errorf("tier %s: the default story's overview is zoomed %.2f: its calls go round the world", labelTiers[tier].name, v.K)
		}
	}
}

// Each tier frames a step with room for its own labels, so a wider map,
// whose labels take less of it, comes closer: never farther than a
// narrower one, and closer where labels were what held it back. A story of
// the North Atlantic (minutes.json) fills a desktop's map instead of a
// corner of the world. Break it: frame every tier with the first tier's
// labels, as before, and minutes.json's overview stays at the phone's zoom.
func TestWiderMapsComeCloser(t *testing.T) {
	stories := corpusStories(t)
	stories["default"] = story.Default()
	for name, s := range stories {
		for step, vs := range mustWidget(t, s).geo.views {
			for tier := 1; tier < len(vs); tier++ {
				if vs[tier].K < vs[tier-1].K-1e-9 {
					t.Errorf("%s: step %d is framed at %.2f in tier %s, farther than %.2f in tier %s",
						name, step, vs[tier].K, labelTiers[tier].name, vs[tier-1].K, labelTiers[tier-1].name)
				}
			}
		}
	}
	vs := mustWidget(t, stories["minutes.json"]).geo.views[0]
	if phone, desktop := vs[0].K, vs[len(vs)-1].K; desktop < maxZoom-1e-9 || desktop <= phone {
		t.Errorf("minutes.json's overview is framed at %.2f on a desktop and %.2f on a phone: want %v on a desktop, closer than on a phone", desktop, phone, maxZoom)
	}
}

// A phone's framing of a crowded region names its places as well as one
// as close as the next tier's would. A week across Australia, framed with
// room for labels as the whole world places them, came out wide on a
// phone, with Adelaide named "4" only and Melbourne's name on a leader
// across the continent; as close as a wider phone's map comes, all seven
// names fit. So do the names around the year's second stop, which the
// phone named by their numbers. Break it: drop the closer framings (the
// loop after the tiers' own, in geometryOf), and both name places by
// their numbers.
func TestPhoneFramingsNameTheirPlaces(t *testing.T) {
	stories := corpusStories(t)
	for _, c := range []struct {
		story string
		step  int
	}{{"week.json", 0}, {"year.json", 2}} {
		w := mustWidget(t, stories[c.story])
		for i, l := range w.geo.labels[c.step][0] {
			if l.Short {
				t.Errorf("%s: step %d on a phone names %s %q (zoom %.2f): want its full name",
					c.story, c.step, w.story.Places[i].Name, l.Text, w.geo.views[c.step][0].K)
			}
		}
	}
	// The week's places are all in its overview: each is named.
	w := mustWidget(t, stories["week.json"])
	for i, l := range w.geo.labels[0][0] {
		if l.Text == "" {
			t.Errorf("week.json's overview on a phone leaves %s unnamed", w.story.Places[i].Name)
		}
	}
}

// A zoomed framing keeps within the sphere's box, outline included: near
// a pole (a ferry at 60° N, the North Atlantic) the frame's margin would
// show as a blank band, and the sphere's outline, scaled by the zoom, as a
// thick line. (The sphere's sides are curved: near the seam, away from the
// equator, a corner of the view may still be beyond them.) Except where a
// place of the step needs the band beyond for its ring (a pole is the
// sphere's edge, in poles.json): then that ring touches the map's edge.
// Break it: clamp to the frame (0 to its width and height) as before, and
// single.json's overview shows both at its top.
func TestFramingsKeepToTheSphere(t *testing.T) {
	stories := corpusStories(t)
	stories["default"] = story.Default()
	for name, s := range stories {
		w := mustWidget(t, s)
		f := w.frame
		b := f.SphereBound()
		for step, vs := range w.geo.views {
			for tier, v := range vs {
				if v.K <= 1 {
					continue // the world (TestPlacesKeepTheirRingsInTheMap)
				}
				// The part of the map in view, before the zoom.
				left, top := -v.X/v.K, -v.Y/v.K
				right, bottom := (f.Width-v.X)/v.K, (f.Height-v.Y)/v.K
				// The step's places' rings, on the map.
				var rings [][2]float64
				for _, p := range stepPlaces(w, step) {
					q := f.Project(lonLat(p))
					rings = append(rings, [2]float64{v.X + v.K*q[0], v.Y + v.K*q[1]})
				}
				// This tier's rings, or a narrower one's whose framing
				// it kept (geometryOf).
				touches := func(axis int, edge float64) bool {
					for _, r := range rings {
						for _, lt := range labelTiers[:tier+1] {
							if math.Abs(math.Abs(r[axis]-edge)-lt.ring) < 1e-6 {
								return true
							}
						}
					}
					return false
				}
				const eps = 1e-9
				if (left < b.Min[0]+sphereOutline-eps && !touches(0, 0)) || (right > b.Max[0]-sphereOutline+eps && !touches(0, f.Width)) ||
					(top < b.Min[1]+sphereOutline-eps && !touches(1, 0)) || (bottom > b.Max[1]-sphereOutline+eps && !touches(1, f.Height)) {
					t.Errorf("%s: step %d (zoom %.2f) shows (%.1f, %.1f)-(%.1f, %.1f), beyond the sphere's edge (%.1f, %.1f)-(%.1f, %.1f) and its outline",
						name, step, v.K, left, top, right, bottom, b.Min[0], b.Min[1], b.Max[0], b.Max[1])
				}
			}
		}
	}
}

// stepPlaces are the places a step frames: the call's two, or on the
// overview every call's.
func stepPlaces(w *Widget, step int) []*story.Place {
	if step > 0 {
		c := w.calls[step-1]
		return []*story.Place{c.From, c.To}
	}
	var out []*story.Place
	for _, c := range w.calls {
		out = append(out, c.From, c.To)
	}
	return out
}

// TestPlacesKeepTheirRingsInTheMap: in every framing of every story, each
// place of the step keeps its ring's room inside the map, and on a view of
// the whole world every place does: poles.json's South Pole station is on
// the map's bottom edge, and its dot and ring were cut in half, its name
// left out at the last leg. Break it: frame the world at zoom 1 whatever
// the places (worldView), or drop the rings' clamp in frameBox.
func TestPlacesKeepTheirRingsInTheMap(t *testing.T) {
	stories := corpusStories(t)
	stories["default"] = story.Default()
	if _, ok := stories["poles.json"]; !ok {
		t.Fatal("poles.json is not in the corpus")
	}
	for name, s := range stories {
		w := mustWidget(t, s)
		f := w.frame
		for step, vs := range w.geo.views {
			for tier, v := range vs {
				places := stepPlaces(w, step)
				if v.K <= 1 {
					places = nil
					for i := range s.Places {
						places = append(places, &s.Places[i])
					}
				}
				ring := labelTiers[tier].ring
				for _, p := range places {
					q := f.Project(lonLat(p))
					x, y := v.X+v.K*q[0], v.Y+v.K*q[1]
					const eps = 1e-6
					if x < ring-eps || x > f.Width-ring+eps || y < ring-eps || y > f.Height-ring+eps {
						t.Errorf("%s: step %d, tier %s (zoom %.2f): %s at (%.1f, %.1f) is within its ring's %.0f of the map's edge (%.0f by %.0f)",
							name, step, labelTiers[tier].name, v.K, p.ID, x, y, ring, f.Width, f.Height)
					}
				}
			}
		}
	}
}

// sphereOutline is the outline's width that web/app.css draws: the
// framings keep that much of the sphere's edge out of view. Break it:
// change the sphere's stroke-width in web/app.css.
func TestSphereOutlineIsTheStylesheets(t *testing.T) {
	css, err := os.ReadFile("../../../web/app.css")
	if err != nil {
		t.Fatal(err)
	}
	rule := regexp.MustCompile(`\.fc-map \[data-layer="sphere"\] \{([^}]*)\}`).FindSubmatch(css)
	if rule == nil {
		t.Fatal(`web/app.css has no rule for .fc-map [data-layer="sphere"]`)
	}
	width := regexp.MustCompile(`stroke-width:\s*([0-9.]+)\s*;`).FindSubmatch(rule[1])
	if width == nil {
		t.Fatalf("the sphere's rule sets no stroke-width: %s", rule[1])
	}
	if got, _ := strconv.ParseFloat(string(width[1]), 64); got != sphereOutline {
		t.Errorf("web/app.css draws the sphere's outline %v wide, the framings keep %v of it out of view", got, sphereOutline)
	}
}

// The framings change tier where web/app.css changes the labels' tier: at
// each tier's width, in the container queries on the map's width. Break
// it: change a tier's width in labelTiers, and a map that wide shows one
// tier's labels in another's framing.
func TestLabelTiersAreTheStylesheets(t *testing.T) {
	css, err := os.ReadFile("../../../web/app.css")
	if err != nil {
		t.Fatal(err)
	}
	var widths []float64
	for _, m := range regexp.MustCompile(`@container \(min-width: ([0-9.]+)px\)`).FindAllSubmatch(css, -1) {
		v, _ := strconv.ParseFloat(string(m[1]), 64)
		widths = append(widths, v)
	}
	var want []float64
	for _, tier := range labelTiers[1:] {
		want = append(want, tier.minPx)
	}
	if !slices.Equal(widths, want) {
		t.Errorf("web/app.css changes the labels' tier at %v px, labelTiers (and the framings) at %v", widths, want)
	}
}

// Each tier's labels keep off the ring that web/app.css draws around the
// places of the step shown: labelTier.ring is the ring's radius there, to
// the outer edge of its stroke (its r in the tier, plus half its stroke,
// both times its scale). Break it: draw a tier's ring larger in
// web/app.css, and a label may touch it.
func TestRingsAreTheStylesheets(t *testing.T) {
	css, err := os.ReadFile("../../../web/app.css")
	if err != nil {
		t.Fatal(err)
	}
	text := string(css)
	// The container blocks, by their query, and the text outside them.
	blocks := map[string]string{}
	outside := text
	for {
		at := strings.Index(outside, "@container ")
		if at < 0 {
			break
		}
		open := strings.Index(outside[at:], "{") + at
		depth, end := 0, open
		for end = open; end < len(outside); end++ {
			if outside[end] == '{' {
				depth++
			} else if outside[end] == '}' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		blocks[strings.TrimSpace(outside[at+len("@container "):open])] = outside[open+1 : end]
		outside = outside[:at] + outside[end+1:]
	}
	pulse := regexp.MustCompile(`\.fc-map \[data-part="pulse"\] \{([^}]*)\}`)
	number := func(rule, prop string) (float64, bool) {
		m := regexp.MustCompile(`(?:^|[;\s])` + prop + `:\s*(?:scale\()?([0-9.]+)`).FindStringSubmatch(rule)
		if m == nil {
			return 0, false
		}
		v, err := strconv.ParseFloat(m[1], 64)
		return v, err == nil
	}
	var base string
	for _, m := range pulse.FindAllStringSubmatch(outside, -1) {
		base += m[1] + ";"
	}
	scale, ok1 := number(base, "transform")
	stroke, ok2 := number(base, "stroke-width")
	baseR, ok3 := number(base, "r")
	if !ok1 || !ok2 || !ok3 {
		t.Fatalf("web/app.css's rules for the ring set no transform: scale(), stroke-width or r: %s", base)
	}
	for i, tier := range labelTiers {
		query := fmt.Sprintf("(min-width: %vpx)", tier.minPx)
		if i == 0 {
			query = fmt.Sprintf("(max-width: %vpx)", labelTiers[1].minPx-0.02)
		}
		var block string
		found := false
		for q, b := range blocks {
			if strings.HasPrefix(q, query) {
				block, found = b, true
			}
		}
		if !found {
			t.Errorf("web/app.css has no container query %s for the %s tier", query, tier.name)
			continue
		}
		r := baseR
		if m := pulse.FindStringSubmatch(block); m != nil {
			if v, ok := number(m[1], "r"); ok {
				r = v
			}
		}
		if want := (r + stroke/2) * scale; math.Abs(want-tier.ring) > 0.01 {
			t.Errorf("the %s tier's ring is %v wide in web/app.css (r %v, scale %v, stroke %v), labelTiers keeps labels %v from its centre", tier.name, want, r, scale, stroke, tier.ring)
		}
	}
}

// A zoomed framing centres what it shows of its step (the arcs, the places
// and their labels as placed in it), as far as the map's edges allow: a
// desktop's overview of japanese.json, framed with room for labels the
// whole world had put far from their dots, kept the route in its right
// third. Break it: leave the centring out of geometryOf, and japanese.json's
// overview and others are off centre by up to a fifth of the map.
func TestZoomedFramingsAreCentred(t *testing.T) {
	stories := corpusStories(t)
	stories["default"] = story.Default()
	for name, s := range stories {
		w := mustWidget(t, s)
		f := w.frame
		for step, views := range w.geo.views {
			var arc orb.MultiLineString
			places := map[string]bool{}
			for _, c := range w.calls {
				arc = append(arc, geo.Arc(lonLat(c.From), lonLat(c.To))...)
				places[c.From.ID], places[c.To.ID] = true, true
			}
			if step > 0 {
				c := w.calls[step-1]
				arc = geo.Arc(lonLat(c.From), lonLat(c.To))
				places = map[string]bool{c.From.ID: true, c.To.ID: true}
			}
			for tier, z := range views {
				if z.K <= 1 {
					continue
				}
				x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
				add := func(x, y float64) {
					x0, x1, y0, y1 = math.Min(x0, x), math.Max(x1, x), math.Min(y0, y), math.Max(y1, y)
				}
				for _, ls := range arc {
					for _, p := range ls {
						q := f.Project(p)
						add(z.K*q[0]+z.X, z.K*q[1]+z.Y)
					}
				}
				for i, p := range s.Places {
					if l := w.geo.labels[step][tier][i]; places[p.ID] {
						add(l.MX, l.MY)
						if l.Text != "" {
							add(l.Box.X, l.Box.Y)
							add(l.Box.X+l.Box.W, l.Box.Y+l.Box.H)
						}
					}
				}
				dx, dy := f.Width/2-(x0+x1)/2, f.Height/2-(y0+y1)/2
				moved := clampView(f, s, places, labelTiers[tier].ring, mapZoom{K: z.K, X: z.X + dx, Y: z.Y + dy})
				// Labels placed again as the view moves can take the other
				// side of a dot, so a framing is centred only as nearly as
				// that lets it: within an eighth of the map (a phone's
				// leg of fifty.json is 97 units off; 223 framings were
				// over a fiftieth off, japanese.json's desktop overview 285
				// units, before the framings were centred).
				if math.Abs(moved.X-z.X) > f.Width/8 || math.Abs(moved.Y-z.Y) > f.Height/8 {
					t.Errorf("%s: step %d, tier %s: what it shows is %.0f, %.0f units off the map's centre (it could move %.0f, %.0f)",
						name, step, labelTiers[tier].name, dx, dy, moved.X-z.X, moved.Y-z.Y)
				}
			}
		}
	}
}

// A label beside its dot, without a leader, is not much nearer another
// place's dot than its own: it would read as that place's name. week.json's
// "4 Adelaide" sat by Perth's dot on a phone, relay.json's "3 Pago Pago" by
// Kiritimati's, week's "Canberra" by Sydney's and fifty.json's "2, 29 … 39"
// by Tokyo's, each beside its own dot when a leader was free: the placer
// ranked the distance from the dot above the ambiguity. Break it: rank
// them the other way round in geo's candidates, and those six come back.
func TestLabelsNameTheirOwnDot(t *testing.T) {
	stories := corpusStories(t)
	stories["default"] = story.Default()
	boxDist := func(b geo.Box, x, y float64) float64 {
		return math.Hypot(math.Max(0, math.Max(b.X-x, x-(b.X+b.W))), math.Max(0, math.Max(b.Y-y, y-(b.Y+b.H))))
	}
	for name, s := range stories {
		w := mustWidget(t, s)
		f := w.frame
		for step, views := range w.geo.views {
			for tier, z := range views {
				labels := w.geo.labels[step][tier]
				dots := make([][2]float64, len(s.Places))
				for i, p := range s.Places {
					q := f.Project(lonLat(&p))
					dots[i] = [2]float64{z.K*q[0] + z.X, z.K*q[1] + z.Y}
				}
				r := geo.MarkerRadius(labelTiers[tier].fontSize())
				for i, l := range labels {
					if l.Text == "" || l.Leader {
						continue
					}
					own := boxDist(l.Box, l.MX, l.MY)
					for k, d := range dots {
						in := d[0] >= 0 && d[1] >= 0 && d[0] <= f.Width && d[1] <= f.Height
						if k == i || !in || math.Hypot(d[0]-l.MX, d[1]-l.MY) < 2*r {
							continue
						}
						if boxDist(l.Box, d[0], d[1]) < own/2 {
							t.Errorf("%s: step %d, tier %s: %q is %.1f from its dot and %.1f from %s's", name, step, labelTiers[tier].name, l.Text, own, boxDist(l.Box, d[0], d[1]), s.Places[k].Name)
						}
					}
				}
			}
		}
	}
}
