package main

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// median of vs (the upper one of an even count).
func median(vs []float64) float64 {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	return vs[len(vs)/2]
}

// postgresDSN is the database the store tests use: FIVECALLS_TEST_POSTGRES,
// or the one .ci/setup wrote to .ci/env. The answers load works in
// databases it creates on that server, dropped afterwards.
func postgresDSN() string {
	if dsn := os.Getenv("FIVECALLS_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	f, err := os.Open(filepath.Join(".ci", "env"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "export FIVECALLS_TEST_POSTGRES="); ok {
			return strings.Trim(v, `'"`)
		}
	}
	return ""
}
