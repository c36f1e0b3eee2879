package main

import (
	"fmt"
	"io"
	"io/fs"
	"runtime"

	"fivecalls/app/server"
	"fivecalls/web"
)

// runVersion prints what the binary is: its version, commit and Go version
// (as debug.ReadBuildInfo has them; fivecalls_build_info carries the same)
// and whether it carries the built web files.
func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprint(stderr, "Usage: fivecalls version\n\nPrints the version, the commit and the Go version of this binary.\n")
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
			return 0
		}
		return 2
	}
	b := server.ReadBuildInfo()
	commit := b.Commit
	if b.Modified {
		commit += " (with uncommitted changes)"
	}
	if b.Time != "" {
		commit += ", " + b.Time
	}
	fmt.Fprintf(stdout, "fivecalls %s\ncommit:    %s\ngo:        %s %s/%s\n", b.Version, commit, b.GoVersion, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(stdout, "web files: %s\n", describeWeb(web.Files()))
	return 0
}

// describeWeb says what the embedded web folder holds, naming the built
// files it lacks.
func describeWeb(files fs.FS) string {
	wasm, err := fs.Stat(files, "app.wasm")
	if err != nil {
		return "built in, but without app.wasm: build the binary with make build"
	}
	var missing []string
	for _, name := range append(webNeeds, "app.wasm.br", "app.wasm.gz") {
		if _, err := fs.Stat(files, name); err != nil {
			missing = append(missing, name)
		}
	}
	s := fmt.Sprintf("built in (app.wasm %d bytes)", wasm.Size())
	if len(missing) > 0 {
		s += fmt.Sprintf(", without %v", missing)
	}
	return s
}
