// Command gen writes the embedded basemap of package basemap from
// world-atlas@2.0.2 (see package build). It is run by go generate in
// geo/basemap and needs npm the first time, to pack the exact tarball into
// the ignored cache directory.
package main

import (
	"flag"
	"fmt"
	"os"

	"fivecalls/geo/basemap/internal/build"
)

func main() {
	out := flag.String("out", "ne110m.bin", "file to write")
	cache := flag.String("cache", ".cache", "directory for the npm tarball")
	flag.Parse()
	if err := run(*out, *cache); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, cache string) error {
	src, err := build.Fetch(cache)
	if err != nil {
		return err
	}
	data, err := build.Generate(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write basemap: %w", err)
	}
	fmt.Printf("gen: wrote %s (%d bytes) from %s\n", out, len(data), build.Package)
	return nil
}
