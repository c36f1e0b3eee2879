// Command gen writes the embedded basemap of package basemap from
// world-atlas@2.0.2 (see package build). It is run by go generate in
// geo/basemap and needs npm the first time, to pack the exact tarball into
// the ignored cache directory. With -check it writes nothing and fails
// unless the file is exactly what it would write: make check-basemap, run
// by CI (not by go test, which must not download).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"fivecalls/geo/basemap/internal/build"
)

func main() {
	out := flag.String("out", "ne110m.bin", "file to write")
	cache := flag.String("cache", ".cache", "directory for the npm tarball")
	check := flag.Bool("check", false, "check that -out is what would be written, instead of writing it")
	flag.Parse()
	if err := run(*out, *cache, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, cache string, check bool) error {
	src, err := build.Fetch(cache)
	if err != nil {
		return err
	}
	data, err := build.Generate(src)
	if err != nil {
		return err
	}
	if check {
		committed, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(committed, data) {
			return fmt.Errorf("%s (%d bytes) differs from what %s gives (%d bytes): run make generate", out, len(committed), build.Package, len(data))
		}
		fmt.Printf("gen: %s is exactly what %s gives\n", out, build.Package)
		return nil
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write basemap: %w", err)
	}
	fmt.Printf("gen: wrote %s (%d bytes) from %s\n", out, len(data), build.Package)
	return nil
}
