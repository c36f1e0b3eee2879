package main

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// figureByKey finds a figure by its key.
func figureByKey(t *testing.T, r *report, key string) figure {
	t.Helper()
	for _, f := range r.figures {
		if f.Key == key {
			return f
		}
	}
	t.Fatalf("no figure %q among %d", key, len(r.figures))
	return figure{}
}

func statusName(s status) string {
	return map[status]string{info: "info", met: "met", notMet: "not met", missing: "missing"}[s]
}

// wantStatus checks the verdicts of figures by key.
func wantStatus(t *testing.T, r *report, want map[string]status) {
	t.Helper()
	for key, st := range want {
		if f := figureByKey(t, r, key); f.Status != st {
			t.Errorf("%s (%s = %q): %s, want %s", key, f.Name, f.Text, statusName(f.Status), statusName(st))
		}
	}
}

// A figure with a target is met or not met by its verdict; without one it
// is context; one not measured says why and counts as a failure.
func TestReportVerdicts(t *testing.T) {
	r := &report{}
	r.add("1 Bytes", "a", "with target, ok", 1, "1", "≤ 2", true)
	r.add("1 Bytes", "b", "with target, not ok", 3, "3", "≤ 2", false)
	r.add("1 Bytes", "c", "no target", 3, "3", "", true)
	r.addText("2 Caching", "d", "text", "all", "all", met)
	r.fail("2 Caching", "e", "could not", "≤ 2", "no server")
	wantStatus(t, r, map[string]status{"a": met, "b": notMet, "c": info, "d": met, "e": missing})
	if f := figureByKey(t, r, "e"); f.Text != "not measured: no server" || !math.IsNaN(f.Value) {
		t.Errorf("failed figure = %+v", f)
	}
	if r.allMet() {
		t.Error("allMet with a figure not met and one not measured")
	}
	ok := &report{}
	ok.add("1 Bytes", "a", "a", 1, "1", "≤ 2", true)
	ok.add("1 Bytes", "c", "c", 3, "3", "", false)
	if !ok.allMet() {
		t.Error("allMet false with every target met (an informative row is not a target)")
	}
}

// The Markdown report: commit, machine, the previous run beside each
// figure, a mark per verdict, | escaped inside cells, the list of what
// failed, footnotes.
func TestReportPrint(t *testing.T) {
	r := &report{
		started: time.Date(2026, 12, 4, 21, 36, 0, 0, time.UTC),
		took:    3*time.Minute + 47*time.Second,
		commit:  "787136f1a2b3",
		machine: machine{nproc: 2, cpu: "Test CPU", memGiB: 23.5, goVer: "go1.26.8", load: "6.39"},
	}
	n := r.note("First load of %s.", "/")
	r.add("2 Caching", "etag", "ETag 304 on /", 304, "304", "304 on a match", true)
	r.add("1 Bytes", "wasm.br", "app.wasm brotli "+n, 1.4e6, "1.4 MB", "≤ 1.6 MB", true)
	r.add("1 Bytes", "wasm.raw", "app.wasm raw", 7.7e6, "7.7 MB", "", false)
	r.add("6 Server", "rps.page", "GET / requests/s", 9000, "9,000/s (a|b)", "≥ 10,000/s", false)
	r.fail("7 Answers", "answers.rps", "POST /api/answers stored/s", "≥ 10,000/s", "no PostgreSQL")
	r.skippedSections = []string{"lighthouse"}
	prev := &last{Date: "2026-12-01T19:18:14Z", Machine: "an older machine", Figures: map[string]lastFig{"wasm.br": {Text: "1.5 MB"}}}

	var b bytes.Buffer
	r.print(&b, prev)
	out := b.String()
	for _, want := range []string{
		"## Performance, 2026-12-04 21:36 UTC",
		"- Commit: 787136f1a2b3.",
		"- Machine: 2 CPUs (nproc), Test CPU, 23.5 GiB memory, go1.26.8, load average 6.39 at the start.",
		"- **Warning:** the machine was busy (load average 6.39 on 2 CPUs",
		"- Previous run: 2026-12-01T19:18:14Z (an older machine).",
		"|  | figure | now | previous | target | met |",
		"| 1 Bytes | app.wasm brotli [1] | 1.4 MB | 1.5 MB | ≤ 1.6 MB | yes |",
		"|  | app.wasm raw | 7.7 MB | — |  |  |",
		"| 2 Caching | ETag 304 on / | 304 | — | 304 on a match | yes |",
		`| 6 Server | GET / requests/s | 9,000/s (a\|b) | — | ≥ 10,000/s | **NO** |`,
		"| 7 Answers | POST /api/answers stored/s | not measured: no PostgreSQL | — | ≥ 10,000/s | **?** |",
		"Not met or not measured (2): GET / requests/s; POST /api/answers stored/s.",
		"Skipped on request: lighthouse.",
		"1. First load of /.",
		"Measured by `go run ./cmd/benchreport` in 3m47s.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// Groups in the order, whatever the order of measurement.
	if strings.Index(out, "| 1 Bytes |") > strings.Index(out, "| 2 Caching |") {
		t.Errorf("groups out of order:\n%s", out)
	}

	// Without a previous run: no previous column; with every target met,
	// it says so; a quiet machine gets no warning.
	quiet := &report{started: r.started, machine: machine{nproc: 2, load: "0.40"}}
	quiet.add("1 Bytes", "wasm.br", "app.wasm brotli", 1.4e6, "1.4 MB", "≤ 1.6 MB", true)
	b.Reset()
	quiet.print(&b, nil)
	out = b.String()
	for _, want := range []string{"|  | figure | now | target | met |", "| 1 Bytes | app.wasm brotli | 1.4 MB | ≤ 1.6 MB | yes |", "Every target is met."} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Warning") || strings.Contains(out, "Commit:") {
		t.Errorf("a quiet run without a commit got a warning or a commit line:\n%s", out)
	}
}

// .bench/last.json keeps what the next run shows beside its figures:
// measured figures only, numbers where there are numbers.
func TestReportSaveAndLoad(t *testing.T) {
	r := &report{started: time.Date(2026, 12, 4, 21, 36, 0, 0, time.UTC), machine: machine{nproc: 2, cpu: "Test CPU"}}
	r.add("1 Bytes", "wasm.br", "app.wasm brotli", 1435389, "1.435 MB", "≤ 1.6 MB", true)
	r.addText("2 Caching", "compressed", "compressed", "all", "all over 1 KiB", met)
	r.fail("7 Answers", "answers.rps", "POST", "≥ 10,000/s", "no store")
	path := filepath.Join(t.TempDir(), ".bench", "last.json")
	if err := r.save(path); err != nil {
		t.Fatal(err)
	}
	l, err := loadLast(path)
	if err != nil {
		t.Fatal(err)
	}
	if l.Date != "2026-12-04T21:36:00Z" || l.Machine != r.machine.String() {
		t.Errorf("date %q, machine %q", l.Date, l.Machine)
	}
	if f := l.Figures["wasm.br"]; f.Value == nil || *f.Value != 1435389 || f.Text != "1.435 MB" {
		t.Errorf("wasm.br = %+v", f)
	}
	if f, ok := l.Figures["compressed"]; !ok || f.Value != nil || f.Text != "all" {
		t.Errorf("a text figure = %+v, %v (want no value)", f, ok)
	}
	if _, ok := l.Figures["answers.rps"]; ok {
		t.Error("a figure not measured was kept as the previous run's")
	}
	if _, err := loadLast(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("loadLast of a missing file: no error")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	if _, err := loadLast(bad); err == nil {
		t.Error("loadLast of a broken file: no error")
	}
}

func TestFormatting(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{group3(0), "0"},
		{group3(999), "999"},
		{group3(1000), "1,000"},
		{group3(1435389), "1,435,389"},
		{group3(-1234), "-1,234"},
		{group3(-123456), "-123,456"}, // was "-,123,456"
		{kib(289), "289 B"},
		{kib(46040), "45.0 KiB (46,040 B)"},
		{kib(3 << 20), "3.00 MiB (3,145,728 B)"},
		{mb(1435389), "1.435 MB (1,435,389 B)"},
		{ms(51.54), "51.5 ms"},
		{ms(0), "0.0 ms"},
		{ms(687.4), "687 ms"},
		{perSec(36485.4), "36,485/s"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// make bench's page: the header, then the report, replacing the old page.
func TestWriteBenchDoc(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docs", "bench.md")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("an old page, hand-edited\n"), 0o644)
	r := &report{started: time.Date(2026, 12, 4, 21, 36, 0, 0, time.UTC), took: time.Minute, commit: "abc123", machine: machine{nproc: 2}}
	r.add("1 Bytes", "wasm.br", "app.wasm brotli", 1.4e6, "1.4 MB", "≤ 1.6 MB", false)
	if err := writeBenchDoc(path, r, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	if !strings.HasPrefix(out, "# Benchmarks: the latest `make bench`\n") {
		t.Errorf("page starts %q", out[:min(len(out), 60)])
	}
	for _, want := range []string{"Do not edit", "[testing.md](testing.md#benchmarks)", "## Performance, 2026-12-04 21:36 UTC", "- Commit: abc123.",
		"| 1 Bytes | app.wasm brotli | 1.4 MB | ≤ 1.6 MB | **NO** |", "Not met or not measured (1): app.wasm brotli."} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "an old page") {
		t.Error("the old page was not replaced")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".bench-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// The commit line names HEAD, and says when tracked files differ from it,
// the page the last run wrote aside.
func TestGitCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1" {
			t.Fatal("git is not installed: the commit line cannot be checked")
		}
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if got := gitCommit(dir); !strings.HasPrefix(got, "unknown") {
		t.Errorf("outside a checkout: %q", got)
	}
	git("init", "-q")
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "docs", "bench.md"), []byte("old\n"), 0o644)
	git("add", ".")
	git("commit", "-q", "-m", "one")
	head := git("rev-parse", "--short=12", "HEAD")
	if got := gitCommit(dir); got != head {
		t.Errorf("clean: %q, want %q", got, head)
	}
	os.WriteFile(filepath.Join(dir, "docs", "bench.md"), []byte("new\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("untracked\n"), 0o644)
	if got := gitCommit(dir); got != head {
		t.Errorf("only bench.md changed and an untracked file: %q, want %q", got, head)
	}
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main // changed\n"), 0o644)
	if got, want := gitCommit(dir), head+" with uncommitted changes to 1 tracked file(s)"; got != want {
		t.Errorf("changed: %q, want %q", got, want)
	}
}
