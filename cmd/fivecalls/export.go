package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fivecalls/app/server"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"
)

// runExport writes the widget as a static site.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	basePath := fs.String("base-path", "/", "the path the site will be served under, e.g. /interactives/five-calls/")
	var storyPath string
	fs.Var(&onceValue{p: &storyPath}, "story", "story file to export (default: the embedded story)")
	storiesDir := fs.String("stories", "", "export every story file (*.json) of this folder, each in DIR/ID/ (its story's id) under --base-path/ID/, with a list of them as DIR/index.html; any file with a problem stops the export")
	webDir := fs.String("web", "", "read the web files from this folder instead of the copy built into the binary")
	siteName := fs.String("site-name", "", "who publishes the widget, for the home-screen name of the installed app and link previews (default: each story's own, messages.site-name, else \"Five Calls\")")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls export DIR [flags]

Writes the widget as a complete static site into DIR, for any static host or
CDN serving it under --base-path: one story (--story, or the embedded one),
or every story of a folder (--stories), each in a folder of its own. The
quiz works without a server; readers' figures ("62% of readers") are not
shown. See docs/embedding.md for hosting.

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
	if storyPath != "" && *storiesDir != "" {
		fmt.Fprintln(stderr, "fivecalls export: --story and --stories both name what to export: one story with --story FILE, or a folder's with --stories DIR")
		return 2
	}
	if *storiesDir != "" {
		return exportStories(ctx, *storiesDir, *basePath, *webDir, *siteName, dir, stdout, stderr)
	}
	s := story.Default()
	if storyPath != "" {
		var err error
		if s, err = loadStoryFile(ctx, storyPath); err != nil {
			fmt.Fprintf(stderr, "fivecalls export: story %s: %v\n", storyPath, err)
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
		SiteName: *siteName,
	}, dir); err != nil {
		fmt.Fprintf(stderr, "fivecalls export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Exported %q to %s for %s\n", s.Title, dir, *basePath)
	return 0
}

// exportStories exports every story file of a folder, or, when any has a
// problem, nothing: a site missing a story it should have would be
// published without anyone noticing. Every problem of every file is
// printed, as "fivecalls check" prints them.
func exportStories(ctx context.Context, storiesDir, basePath, webDir, siteName, dir string, stdout, stderr io.Writer) int {
	r := storyfiles.NewReader(storyfiles.Folder(storiesDir))
	r.Load = loadStory
	files, err := readStories(ctx, r)
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls export: --stories %s: %v\n", storiesDir, err)
		return 1
	}
	var stories []*story.Story
	broken := 0
	for _, f := range files {
		for _, p := range f.Problems {
			fmt.Fprintf(stderr, "%s: %s\n", f.Path, p)
		}
		if len(f.Problems) > 0 {
			broken++
			continue
		}
		stories = append(stories, f.Story)
	}
	switch {
	case broken > 0:
		fmt.Fprintf(stderr, "fivecalls export: %d of %d story files have problems; nothing was exported\n", broken, len(files))
		return 1
	case len(stories) == 0:
		fmt.Fprintf(stderr, "fivecalls export: --stories %s has no story file (*%s)\n", storiesDir, storyfiles.Ext)
		return 1
	}
	webFiles, err := openWeb(webDir)
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls export: %v\n", err)
		return 1
	}
	if err := server.ExportStories(server.Config{Web: webFiles, BasePath: basePath, SiteName: siteName}, stories, dir); err != nil {
		fmt.Fprintf(stderr, "fivecalls export: %v\n", err)
		return 1
	}
	for _, s := range stories {
		fmt.Fprintf(stdout, "Exported %q to %s for %s/%s/\n", s.Title, filepath.Join(dir, s.ID), strings.TrimSuffix(basePath, "/"), s.ID)
	}
	fmt.Fprintf(stdout, "Exported the list of %d stories to %s\n", len(stories), filepath.Join(dir, "index.html"))
	return 0
}
