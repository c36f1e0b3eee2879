package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"fivecalls/app/server"
	"fivecalls/app/story"
)

// runExport writes the widget as a static site.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	basePath := fs.String("base-path", "/", "the path the site will be served under, e.g. /interactives/five-calls/")
	storyPath := fs.String("story", "", "story file to export (default: the embedded story)")
	webDir := fs.String("web", "", "read the web files from this folder instead of the copy built into the binary")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls export DIR [flags]

Writes the widget as a complete static site into DIR, for any static host or
CDN serving it under --base-path. The quiz works without a server; readers'
figures ("62% of readers") are not shown. See the README for hosting.

Flags:
`)
		fs.PrintDefaults()
	}
	// Flags may come after DIR, as in "export out --base-path /x/".
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if dir == "" && fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if dir == "" || (fs.NArg() > 0 && dir != fs.Arg(0)) {
		fs.Usage()
		return 2
	}
	if !strings.HasPrefix(*basePath, "/") {
		fmt.Fprintf(stderr, "fivecalls export: --base-path %q must start with /\n", *basePath)
		return 2
	}
	s := story.Default()
	if *storyPath != "" {
		var err error
		if s, err = loadStoryFile(ctx, *storyPath); err != nil {
			fmt.Fprintf(stderr, "fivecalls export: story %s: %v\n", *storyPath, err)
			return 1
		}
	}
	webFiles, err := openWeb(*webDir)
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls export: %v\n", err)
		return 1
	}
	if err := server.Export(server.Config{
		Story:    s,
		Web:      webFiles,
		BasePath: *basePath,
	}, dir); err != nil {
		fmt.Fprintf(stderr, "fivecalls export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Exported %q to %s for %s\n", s.Title, dir, *basePath)
	return 0
}
