package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fakeTool writes an executable script named name into a new folder that
// prints the file output (testdata) and exits with code, and returns its
// path: runWrk and goBench run programs, and parse what they print.
func fakeTool(t *testing.T, name, output string, code int) string {
	t.Helper()
	out, err := filepath.Abs(filepath.Join("testdata", output))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := "#!/bin/sh\ncat '" + out + "'\nexit " + strconv.Itoa(code) + "\n"
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunWrkParses(t *testing.T) {
	res, err := runWrk(context.Background(), fakeTool(t, "wrk", "wrk-page.txt", 0), "-t2", "-c16", "-d2s", "http://127.0.0.1:1/")
	if err != nil {
		t.Fatal(err)
	}
	if res.rps != 13294.13 || res.p99 != "147.30ms" || res.transfer != "594.02MB" || res.non2xx != 0 || res.errors != "" {
		t.Errorf("wrk = %+v", res)
	}
	if got := res.detail(); got != "p99 147.30ms, 594.02MB/s" {
		t.Errorf("detail = %q", got)
	}

	res, err = runWrk(context.Background(), fakeTool(t, "wrk", "wrk-non2xx.txt", 0), "http://127.0.0.1:1/nothing")
	if err != nil {
		t.Fatal(err)
	}
	if res.non2xx != 57949 || !strings.Contains(res.detail(), "57949 non-2xx") {
		t.Errorf("non-2xx run = %+v, %q", res, res.detail())
	}

	// Output without a rate (wrk could not connect) and a failed wrk are
	// errors, not a rate of 0.
	if _, err := runWrk(context.Background(), fakeTool(t, "wrk", "README.md", 0)); err == nil || !strings.Contains(err.Error(), "no Requests/sec") {
		t.Errorf("no rate: err = %v", err)
	}
	if _, err := runWrk(context.Background(), fakeTool(t, "wrk", "wrk-page.txt", 1)); err == nil {
		t.Error("wrk exiting 1: no error")
	}
}
