package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"fivecalls/app/story"
)

// runCheck validates story files and lists every problem of every file,
// then, for a valid file, its warnings: weak spots (placeholder headlines,
// missing dates, points resting on outside sources alone) that an editor
// should see but that do not stop the story being served.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls check FILE...

Validates each story file and prints every problem at once, as
"FILE: path: line L col C: message". A valid file gets its warnings, weak
spots an editor should see (placeholder headlines, sources without a date
or known only by a description, points resting on outside sources alone),
as "FILE: warning: path: line L col C: message", then a one-line summary.
Warnings do not fail a file. Exits 0 when every file is valid, 1 if any file
has a problem, 2 on a usage error.
`)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	code := 0
	for _, name := range fs.Args() {
		data, err := readStoryFile(name)
		var s *story.Story
		if err == nil {
			s, err = story.Load(data)
		}
		if err != nil {
			code = 1
			var problems story.Problems
			if errors.As(err, &problems) {
				for _, p := range problems {
					fmt.Fprintf(stdout, "%s: %s\n", name, p)
				}
				fmt.Fprintf(stdout, "%s: %d problem(s)\n", name, len(problems))
				continue
			}
			fmt.Fprintf(stdout, "%s: %v\n", name, err)
			continue
		}
		if ws := story.Locate(data, story.Warnings(s)); len(ws) > 0 {
			for _, w := range ws {
				fmt.Fprintf(stdout, "%s: warning: %s\n", name, w)
			}
			fmt.Fprintf(stdout, "%s: %d warning(s); the story is valid, these are weak spots to look at\n", name, len(ws))
		}
		fmt.Fprintf(stdout, "%s: ok: %s\n", name, story.Summary(s))
	}
	return code
}

// loadStoryFile reads and validates a story file.
func loadStoryFile(name string) (*story.Story, error) {
	data, err := readStoryFile(name)
	if err != nil {
		return nil, err
	}
	return story.Load(data)
}

// readStoryFile reads a story file, refusing oversized files before reading
// them whole.
func readStoryFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > story.MaxFileSize {
		return nil, fmt.Errorf("the file is %.1f MB; a story file may be at most 1 MiB", float64(fi.Size())/1e6)
	}
	return io.ReadAll(io.LimitReader(f, story.MaxFileSize+1))
}

// runStory prints the default story.
func runStory(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("story", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls story > my-story.json

Prints the default story (Saturday 28 January 2017: five calls from
Washington) as JSON. Edit it, check it with "fivecalls check", and serve it
with "fivecalls serve --story my-story.json".
`)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	stdout.Write(story.DefaultJSON())
	return 0
}
