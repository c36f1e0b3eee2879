package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// benchDocHeader opens docs/bench.md: what wrote it and where the figures
// are explained.
const benchDocHeader = `# Benchmarks: the latest ` + "`make bench`" + `

<!-- Written by make bench (go run ./cmd/benchreport -out docs/bench.md). Do not edit: the next run replaces it. -->

Each figure of the last run of ` + "`make bench`" + ` against its target, with the run before it beside it. What the
figures measure and how much they move between runs: [testing.md](testing.md#benchmarks).
`

// writeBenchDoc writes the report as a Markdown page at path (docs/bench.md
// under make bench), replacing the previous one whole: a reader never finds
// half a page.
func writeBenchDoc(path string, r *report, prev *last) error {
	var b bytes.Buffer
	b.WriteString(benchDocHeader)
	r.print(&b, prev)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".bench-*.md")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// gitCommit names the code measured: the commit checked out in dir, and
// whether tracked files differ from it (the page written by the previous
// run aside). Without git, it says so.
func gitCommit(dir string) string {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown (not a git checkout, or no git)"
	}
	commit := strings.TrimSpace(string(out))
	changed, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)docs/bench.md").Output()
	switch {
	case err != nil:
		return commit + " (whether files were changed is unknown: " + err.Error() + ")"
	case len(bytes.TrimSpace(changed)) > 0:
		n := len(strings.Split(strings.TrimSpace(string(changed)), "\n"))
		return fmt.Sprintf("%s with uncommitted changes to %d tracked file(s)", commit, n)
	}
	return commit
}
