package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// status of a figure against its target.
type status int

const (
	info    status = iota // no target: context for the others
	met                   // the target is met
	notMet                // measured, and the target is not met
	missing               // could not be measured: Text says why
)

// figure is one row of the table.
type figure struct {
	Key    string  `json:"key"`   // stable name, for last.json
	Group  string  `json:"group"` // the section
	Name   string  `json:"name"`
	Value  float64 `json:"value"` // NaN when not numeric
	Text   string  `json:"text"`  // what the table shows
	Target string  `json:"-"`
	Status status  `json:"status"`
}

type report struct {
	started         time.Time
	took            time.Duration // the whole run; until set, the time since started
	commit          string        // the code measured (gitCommit)
	machine         machine
	figures         []figure
	notes           []string // footnotes, numbered in order
	skippedSections []string
}

// add records a numeric figure; ok reports whether the target is met.
func (r *report) add(group, key, name string, v float64, text, target string, ok bool) {
	st := info
	if target != "" {
		st = notMet
		if ok {
			st = met
		}
	}
	r.figures = append(r.figures, figure{Key: key, Group: group, Name: name, Value: v, Text: text, Target: target, Status: st})
}

// addText records a figure whose value is a sentence.
func (r *report) addText(group, key, name, text, target string, st status) {
	r.figures = append(r.figures, figure{Key: key, Group: group, Name: name, Value: math.NaN(), Text: text, Target: target, Status: st})
}

// fail records a figure that could not be measured, and why.
func (r *report) fail(group, key, name, target, why string) {
	r.figures = append(r.figures, figure{Key: key, Group: group, Name: name, Value: math.NaN(), Text: "not measured: " + why, Target: target, Status: missing})
}

// unavailable records a whole section that could not run.
func (r *report) unavailable(group, key, why string) {
	r.fail(group, key+".unavailable", "all of this section", "", why)
}

// note adds a footnote and returns its marker, e.g. "[3]".
func (r *report) note(format string, args ...any) string {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
	return fmt.Sprintf("[%d]", len(r.notes))
}

func (r *report) allMet() bool {
	for _, f := range r.figures {
		if f.Status == notMet || f.Status == missing {
			return false
		}
	}
	return true
}

// last is what .bench/last.json keeps of a run.
type last struct {
	Date    string             `json:"date"`
	Machine string             `json:"machine"`
	Figures map[string]lastFig `json:"figures"`
}

type lastFig struct {
	Value *float64 `json:"value,omitempty"`
	Text  string   `json:"text"`
}

func loadLast(path string) (*last, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var l last
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

func (r *report) save(path string) error {
	l := last{Date: r.started.UTC().Format(time.RFC3339), Machine: r.machine.String(), Figures: map[string]lastFig{}}
	for _, f := range r.figures {
		if f.Status == missing {
			continue
		}
		lf := lastFig{Text: f.Text}
		if !math.IsNaN(f.Value) {
			v := f.Value
			lf.Value = &v
		}
		l.Figures[f.Key] = lf
	}
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// print writes the report as Markdown: when, the commit and the machine,
// then the table (docs/bench.md under make bench).
func (r *report) print(w io.Writer, prev *last) {
	fmt.Fprintf(w, "\n## Performance, %s\n\n", r.started.UTC().Format("2006-01-02 15:04 MST"))
	if r.commit != "" {
		fmt.Fprintf(w, "- Commit: %s.\n", r.commit)
	}
	fmt.Fprintf(w, "- Machine: %s.\n", r.machine)
	if l, err := strconv.ParseFloat(r.machine.load, 64); err == nil && l > 0.5*float64(r.machine.nproc) {
		fmt.Fprintf(w, "- **Warning:** the machine was busy (load average %s on %d CPUs; %s at the end): throughput and timings are pessimistic.\n", r.machine.load, r.machine.nproc, loadAverage())
	}
	if prev != nil {
		fmt.Fprintf(w, "- Previous run: %s (%s).\n", prev.Date, prev.Machine)
	}
	fmt.Fprintln(w)
	head := []string{"", "figure", "now", "target", "met"}
	if prev != nil {
		head = []string{"", "figure", "now", "previous", "target", "met"}
	}
	fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
	fmt.Fprintln(w, "|"+strings.Repeat("---|", len(head)))
	// The order; within a group, the order of measurement.
	slices.SortStableFunc(r.figures, func(a, b figure) int { return strings.Compare(a.Group, b.Group) })
	group := ""
	for _, f := range r.figures {
		g := ""
		if f.Group != group {
			group, g = f.Group, f.Group
		}
		row := []string{g, f.Name, f.Text}
		if prev != nil {
			p := "—"
			if lf, ok := prev.Figures[f.Key]; ok {
				p = lf.Text
			}
			row = append(row, p)
		}
		mark := map[status]string{info: "", met: "yes", notMet: "**NO**", missing: "**?**"}[f.Status]
		row = append(row, f.Target, mark)
		for i := range row {
			row[i] = strings.ReplaceAll(row[i], "|", "\\|")
		}
		fmt.Fprintln(w, "| "+strings.Join(row, " | ")+" |")
	}
	fmt.Fprintln(w)
	var failed []string
	for _, f := range r.figures {
		if f.Status == notMet || f.Status == missing {
			failed = append(failed, f.Name)
		}
	}
	failed = slices.Compact(failed)
	if len(failed) == 0 {
		fmt.Fprintln(w, "Every target is met.")
	} else {
		fmt.Fprintf(w, "Not met or not measured (%d): %s.\n", len(failed), strings.Join(failed, "; "))
	}
	if len(r.skippedSections) > 0 {
		fmt.Fprintf(w, "Skipped on request: %s.\n", strings.Join(r.skippedSections, ", "))
	}
	if len(r.notes) > 0 {
		fmt.Fprintln(w)
		for i, n := range r.notes {
			fmt.Fprintf(w, "%d. %s\n", i+1, n)
		}
	}
	took := r.took
	if took == 0 {
		took = time.Since(r.started)
	}
	fmt.Fprintf(w, "\nMeasured by `go run ./cmd/benchreport` in %s.\n", took.Round(time.Second))
}

// Formatting helpers.

func kib(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB (%s B)", float64(n)/(1<<20), group3(n))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB (%s B)", float64(n)/(1<<10), group3(n))
	}
	return fmt.Sprintf("%d B", n)
}

// mb is decimal megabytes, the unit of the byte targets.
func mb(n int64) string {
	return fmt.Sprintf("%.3f MB (%s B)", float64(n)/1e6, group3(n))
}

func group3(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
		s = s[1:]
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func ms(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

func perSec(v float64) string {
	return group3(int64(math.Round(v))) + "/s"
}
