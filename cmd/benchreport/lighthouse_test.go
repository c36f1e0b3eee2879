package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func recordedLighthouse(t *testing.T) *lhResult {
	t.Helper()
	var res lhResult
	if err := json.Unmarshal([]byte(readTestdata(t, "lighthouse-root.json")), &res); err != nil {
		t.Fatal(err)
	}
	return &res
}

func TestLighthouseFigures(t *testing.T) {
	r := &report{}
	lighthouseFigures(r, "/", ".bench/lighthouse-root.json", recordedLighthouse(t))
	wantStatus(t, r, map[string]status{"lh/.performance": met, "lh/.accessibility": met, "lh/.best-practices": met, "lh/.seo": met, "lh/.tbt": met})
	if f := figureByKey(t, r, "lh/.tbt"); f.Value != 31 || f.Text != "31.0 ms" || f.Name != "/ Total Blocking Time [1]" {
		t.Errorf("TBT = %+v", f)
	}
	if len(r.notes) != 1 {
		t.Fatalf("notes = %q", r.notes)
	}
	note := r.notes[0]
	for _, want := range []string{
		"Lighthouse 12.2.3 on /, audits below their passing score: Performance: `unminified-css` (Potential savings of 2\u00a0KiB), `unminified-javascript` (Potential savings of 3\u00a0KiB), `dom-size` (1,614 elements).",
		"Metrics: first-contentful-paint",
		"Audits that could not run with this Chromium (unscored): `largest-contentful-paint-element`, `layout-shifts`,",
		"(Full report: .bench/lighthouse-root.json.)",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q:\n%s", want, note)
		}
	}
}

// Each category against its own target: 95 for Performance, 100 for the
// others; a score or a TBT the report lacks is not measured.
func TestLighthouseTargets(t *testing.T) {
	score := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		name   string
		change func(*lhResult)
		want   map[string]status
	}{
		{"performance 95", func(res *lhResult) { setScore(res, "performance", score(0.95)) }, map[string]status{"lh/.performance": met}},
		{"performance 94", func(res *lhResult) { setScore(res, "performance", score(0.94)) }, map[string]status{"lh/.performance": notMet}},
		{"accessibility 99", func(res *lhResult) { setScore(res, "accessibility", score(0.99)) }, map[string]status{"lh/.accessibility": notMet, "lh/.seo": met}},
		{"no SEO score", func(res *lhResult) { setScore(res, "seo", nil) }, map[string]status{"lh/.seo": missing}},
		{"TBT 201 ms", func(res *lhResult) { setTBT(res, 201, "numeric") }, map[string]status{"lh/.tbt": notMet}},
		{"TBT errored", func(res *lhResult) { setTBT(res, 0, "error") }, map[string]status{"lh/.tbt": missing}},
		{"no TBT", func(res *lhResult) { delete(res.Audits, "total-blocking-time") }, map[string]status{"lh/.tbt": missing}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := recordedLighthouse(t)
			c.change(res)
			r := &report{}
			lighthouseFigures(r, "/", "keep.json", res)
			wantStatus(t, r, c.want)
		})
	}
}

func setScore(res *lhResult, id string, v *float64) {
	cat := res.Categories[id]
	cat.Score = v
	res.Categories[id] = cat
}

func setTBT(res *lhResult, v float64, mode string) {
	a := res.Audits["total-blocking-time"]
	a.NumericValue, a.ScoreDisplayMode = v, mode
	res.Audits["total-blocking-time"] = a
}
