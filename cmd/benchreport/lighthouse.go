package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

const lighthouseVersion = "12.2.3"

// chromeFlags are the flags every browser of this project runs with.
const chromeFlags = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

// lighthouseBin installs Lighthouse into .bench/node (never the repository's
// root) when it is missing, and returns its CLI.
func lighthouseBin(ctx context.Context) (string, error) {
	dir, _ := filepath.Abs(filepath.Join(".bench", "node"))
	cli := filepath.Join(dir, "node_modules", "lighthouse", "cli", "index.js")
	pkg := filepath.Join(dir, "node_modules", "lighthouse", "package.json")
	if b, err := os.ReadFile(pkg); err == nil && strings.Contains(string(b), `"version": "`+lighthouseVersion+`"`) {
		return cli, nil
	}
	if _, err := ensureTool(ctx, "node", "nodejs"); err != nil {
		return "", fmt.Errorf("Lighthouse needs Node.js: %w", err)
	}
	if _, err := ensureTool(ctx, "npm", "npm"); err != nil {
		return "", fmt.Errorf("Lighthouse needs npm: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if !fileExists(filepath.Join(dir, "package.json")) {
		os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true, "description": "benchreport's Lighthouse"}`+"\n"), 0o644)
	}
	logf("npm i -E lighthouse@%s in %s", lighthouseVersion, dir)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "i", "-E", "--no-audit", "--no-fund", "lighthouse@"+lighthouseVersion)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm i lighthouse@%s: %v: %s", lighthouseVersion, err, lastLine(string(out)))
	}
	return cli, nil
}

type lhAudit struct {
	ID               string   `json:"id"`
	Title            string   `json:"title"`
	Score            *float64 `json:"score"`
	ScoreDisplayMode string   `json:"scoreDisplayMode"`
	DisplayValue     string   `json:"displayValue"`
	NumericValue     float64  `json:"numericValue"`
}

type lhResult struct {
	LighthouseVersion string `json:"lighthouseVersion"`
	RuntimeError      *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	RunWarnings []string `json:"runWarnings"`
	Categories  map[string]struct {
		Title     string   `json:"title"`
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
			Group  string  `json:"group"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]lhAudit `json:"audits"`
}

// runLighthouse runs one audit and keeps the full report as keep (under
// .bench/, for the details behind the table).
func runLighthouse(ctx context.Context, cli, url, keep string) (*lhResult, error) {
	dir, err := os.MkdirTemp("", "benchreport-lh-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "report.json")
	ctx, cancel := context.WithTimeout(ctx, 150*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", cli, url, "--output=json", "--output-path="+out, "--quiet",
		"--chrome-flags="+chromeFlags)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromiumPath(), "TMPDIR="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("lighthouse: %v: %s", err, lastLine(string(b)))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	if keep != "" {
		os.WriteFile(keep, b, 0o644)
	}
	var res lhResult
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("lighthouse report: %w", err)
	}
	if res.RuntimeError != nil && res.RuntimeError.Code != "" {
		return nil, fmt.Errorf("lighthouse: %s: %s", res.RuntimeError.Code, res.RuntimeError.Message)
	}
	return &res, nil
}

// measureLighthouse: mobile defaults (simulated 4× CPU, slow 4G) on / and
// /embed. Failing audits go in a footnote.
func measureLighthouse(ctx context.Context, r *report, s *server) {
	const g = "4 Lighthouse"
	if err := ensureChromium(ctx); err != nil {
		r.fail(g, "lh", "Lighthouse "+lighthouseVersion, "", err.Error())
		return
	}
	cli, err := lighthouseBin(ctx)
	if err != nil {
		r.fail(g, "lh", "Lighthouse "+lighthouseVersion, "", err.Error())
		return
	}
	for _, path := range []string{"/", "/embed"} {
		name := strings.Trim(path, "/")
		if name == "" {
			name = "root"
		}
		keep := filepath.Join(".bench", "lighthouse-"+name+".json")
		res, err := runLighthouse(ctx, cli, s.url+path, keep)
		if err != nil && strings.Contains(err.Error(), "Please run Lighthouse again") {
			// Lighthouse's own advice for its trace-recording errors
			// (NO_NAVSTART and the like): one more run, then report.
			res, err = runLighthouse(ctx, cli, s.url+path, keep)
		}
		if err != nil {
			r.fail(g, "lh"+path, "Lighthouse "+path, "", err.Error())
			continue
		}
		lighthouseFigures(r, path, keep, res)
	}
}

// lighthouseCategories are the scores read from each report, with their
// targets: at least 95 for Performance, 100 for the others.
var lighthouseCategories = []struct {
	id, name, target string
	min              float64
}{
	{"performance", "Performance", "≥ 95", 95},
	{"accessibility", "Accessibility", "100", 100},
	{"best-practices", "Best Practices", "100", 100},
	{"seo", "SEO", "100", 100},
}

// lighthouseFigures reads one Lighthouse report of path (kept as keep):
// each category's score and the Total Blocking Time against their targets,
// and a footnote listing the audits below their passing score, the main
// metrics and the audits that could not run.
func lighthouseFigures(r *report, path, keep string, res *lhResult) {
	const g = "4 Lighthouse"
	var failing []string
	for _, c := range lighthouseCategories {
		cat, ok := res.Categories[c.id]
		if !ok || cat.Score == nil {
			r.fail(g, "lh"+path+"."+c.id, path+" "+c.name, c.target, "no score")
			continue
		}
		score := math.Round(*cat.Score * 100)
		r.add(g, "lh"+path+"."+c.id, path+" "+c.name, score, fmt.Sprintf("%.0f", score), c.target, score >= c.min)
		var ids []string
		for _, ref := range cat.AuditRefs {
			a, ok := res.Audits[ref.ID]
			if !ok || a.Score == nil || slices.Contains([]string{"informative", "notApplicable", "manual", "error"}, a.ScoreDisplayMode) {
				continue
			}
			limit := 1.0
			if c.id == "performance" {
				limit = 0.9 // Lighthouse's own "passed" line for metrics and diagnostics
			} else if ref.Weight == 0 {
				continue // does not count towards the score
			}
			if *a.Score >= limit {
				continue
			}
			item := fmt.Sprintf("`%s`", a.ID)
			if a.DisplayValue != "" {
				item += " (" + a.DisplayValue + ")"
			}
			if ref.Weight > 0 && c.id == "performance" {
				item += fmt.Sprintf(" score %.2f, weight %.0f", *a.Score, ref.Weight)
			}
			ids = append(ids, item)
		}
		if len(ids) > 0 {
			failing = append(failing, c.name+": "+strings.Join(ids, ", "))
		}
	}
	tbt, tbtOK := res.Audits["total-blocking-time"]
	metrics := []string{}
	for _, id := range []string{"first-contentful-paint", "largest-contentful-paint", "speed-index", "cumulative-layout-shift", "interactive", "max-potential-fid"} {
		if a, ok := res.Audits[id]; ok && a.DisplayValue != "" {
			metrics = append(metrics, id+" "+a.DisplayValue)
		}
	}
	var errored []string
	for id, a := range res.Audits {
		if a.ScoreDisplayMode == "error" {
			errored = append(errored, "`"+id+"`")
		}
	}
	slices.Sort(errored)
	n := ""
	if len(failing) > 0 || len(res.RunWarnings) > 0 || len(errored) > 0 {
		below := strings.Join(failing, "; ")
		if below == "" {
			below = "none"
		}
		text := fmt.Sprintf("Lighthouse %s on %s, audits below their passing score: %s. Metrics: %s.", res.LighthouseVersion, path, below, strings.Join(metrics, ", "))
		if len(res.RunWarnings) > 0 {
			text += " Warnings: " + strings.Join(res.RunWarnings, " ")
		}
		if len(errored) > 0 {
			text += " Audits that could not run with this Chromium (unscored): " + strings.Join(errored, ", ") + "."
		}
		n = " " + r.note("%s (Full report: %s.)", text, keep)
	}
	if !tbtOK || tbt.ScoreDisplayMode == "error" {
		r.fail(g, "lh"+path+".tbt", path+" Total Blocking Time"+n, "≤ 200 ms", "the report has no total-blocking-time figure")
		return
	}
	r.add(g, "lh"+path+".tbt", path+" Total Blocking Time"+n, tbt.NumericValue, ms(tbt.NumericValue), "≤ 200 ms", tbt.NumericValue <= 200)
}
