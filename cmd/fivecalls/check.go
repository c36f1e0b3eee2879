package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"
	"fivecalls/app/ui/page"
)

// runCheck validates story files and lists every problem of every file,
// then, for a valid file, its warnings: weak spots (placeholder headlines,
// unconfirmed headlines, missing dates) that an editor should see but that
// do not stop the story being served; and how many points rest on sources
// outside the article alone, which the widget marks as such.
//
// It stops when ctx ends (SIGINT, SIGTERM), within the file it is checking.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls check FILE|FOLDER|-...

Validates each story file and prints every problem at once, as
"FILE: path: line L col C: message". A valid file gets its warnings, weak
spots an editor should see (placeholder headlines, sources without a date
or known only by a description), as "FILE: warning: path: line L col C:
message"; a note of how many points rest on sources outside the article
alone (the widget marks them "Outside the article"); then a one-line
summary. A folder stands for its *.json files, as "serve --stories" reads
it; "-" reads one story from the standard input (an editor's buffer, a
pipe), named "<standard input>" in the output; with several files, a last
line counts them. Warnings do not fail a
file. Exits 0 when every file is valid, 1 if any file
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
	// A folder stands for its story files, as serve --stories reads them.
	var names []string
	for _, arg := range fs.Args() {
		if fi, err := os.Stat(arg); err != nil || !fi.IsDir() {
			names = append(names, arg)
			continue
		}
		files, err := storyfiles.Files(arg)
		if err == nil && len(files) == 0 {
			err = fmt.Errorf("no story files (*%s) in the folder", storyfiles.Ext)
		}
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", arg, err)
			code = 1
			continue
		}
		names = append(names, files...)
	}
	valid := 0
	defer func() {
		if len(names) > 1 {
			fmt.Fprintf(stdout, "%s checked: %d valid, %d with problems\n", plural(len(names), "file", "files"), valid, len(names)-valid)
		}
	}()
	for _, name := range names {
		var (
			s        *story.Story
			warnings []story.Problem
			outside  []string
			data     []byte
			err      error
		)
		if name == "-" {
			name = "<standard input>"
			// As a file's: one byte over the limit is enough for
			// the size's problem.
			data, err = io.ReadAll(io.LimitReader(stdin, story.MaxFileSize+1))
		} else {
			data, err = readStoryFile(name)
		}
		if err == nil {
			err = untilDone(ctx, func() error {
				var err error
				if s, err = loadStory(data); err == nil {
					warnings = story.Locate(data, storyWarnings(s))
					outside = story.OutsidePoints(s)
				}
				return err
			})
		}
		if errors.Is(err, errStopped) {
			fmt.Fprintf(stderr, "fivecalls check: %s: %v\n", name, err)
			return 1
		}
		if err != nil {
			code = 1
			var problems story.Problems
			if errors.As(err, &problems) {
				for _, p := range problems {
					fmt.Fprintf(stdout, "%s: %s\n", name, p)
				}
				fmt.Fprintf(stdout, "%s: %s\n", name, plural(len(problems), "problem", "problems"))
				continue
			}
			fmt.Fprintf(stdout, "%s: %v\n", name, err)
			continue
		}
		if len(warnings) > 0 {
			for _, w := range warnings {
				fmt.Fprintf(stdout, "%s: warning: %s\n", name, w)
			}
			fmt.Fprintf(stdout, "%s: %s; the story is valid, these are weak spots to look at\n", name, plural(len(warnings), "warning", "warnings"))
		}
		if len(outside) > 0 {
			fmt.Fprintf(stdout, "%s: note: %s on sources outside the article alone (the first: %s); the widget marks each %q\n", name, plural(len(outside), "point rests", "points rest"), outside[0], s.WidgetSays(locale.OutsideArticle))
		}
		fmt.Fprintf(stdout, "%s: ok: %s\n", name, story.Summary(s))
		valid++
	}
	return code
}

// plural writes a count with its noun: "1 problem", "2 problems".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// loadStoryFile reads and validates a story file, giving up when ctx ends.
func loadStoryFile(ctx context.Context, name string) (*story.Story, error) {
	data, err := readStoryFile(name)
	if err != nil {
		return nil, err
	}
	var s *story.Story
	err = untilDone(ctx, func() error {
		var err error
		s, err = loadStory(data)
		return err
	})
	return s, err
}

// loadStory is story.Load; a test replaces it to hold a check running for
// as long as it needs, as a hostile story once did for minutes.
var loadStory = story.Load

// errStopped is what a story check returns when the process is asked to
// stop while it runs.
var errStopped = errors.New("stopped before the story was checked")

// untilDone runs check and returns its error, or errStopped as soon as ctx
// ends: a process asked to stop (SIGTERM from an orchestrator, Ctrl-C)
// stops at once, whatever file it was given. The checks are linear and a
// story is at most 1 MiB, so they take milliseconds; this is the guarantee
// should one ever not be. check then runs on, unobserved, until the process
// exits.
func untilDone(ctx context.Context, check func() error) error {
	if ctx.Err() != nil {
		return errStopped
	}
	done := make(chan error, 1)
	go func() { done <- check() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return errStopped
	}
}

// stdin is what "check -" reads; a variable so that tests can give one.
var stdin io.Reader = os.Stdin

// readStoryFile reads a story file, refusing oversized files before reading
// them whole.
var readStoryFile = storyfiles.ReadFile

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

// runSchema prints the story format's JSON Schema.
func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls schema > story.schema.json

Prints a JSON Schema (draft 2020-12) of the story format, generated from its
types, its documentation and the checks of "fivecalls check", for editors:
name it in a story file ("$schema": "./story.schema.json") or in the editor's
settings for completion, descriptions and errors while typing (see
docs/story-format.md). "fivecalls check" stays the authority: it also checks
what a schema cannot (references, unique ids, the calls' order).
`)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	stdout.Write(story.Schema())
	return 0
}

// storyWarnings lists a story's weak spots, as check prints them and as an
// author's preview (serve --watch) shows them: app/story's and the map's.
func storyWarnings(s *story.Story) story.Problems {
	return append(story.Warnings(s), mapCenterWarnings(s)...)
}

// mapCenterWarnings says which calls' arcs a story's own map.center cuts at
// the map's edge (each then leaves one edge and comes back at the other),
// and, when there is one, the centre the widget picks without it, which
// keeps every arc whole. The validator cannot: the arcs are the map's
// geometry (app/ui/page and geo), which app/story knows nothing of.
func mapCenterWarnings(s *story.Story) story.Problems {
	lon, set := s.MapCenter()
	if !set {
		return nil
	}
	cut := page.CutArcs(s, lon)
	if len(cut) == 0 {
		return nil
	}
	which := "the arc of call " + strconv.Itoa(cut[0])
	if len(cut) > 1 {
		steps := make([]string, len(cut))
		for i, n := range cut {
			steps[i] = strconv.Itoa(n)
		}
		which = "the arcs of calls " + strings.Join(steps[:len(steps)-1], ", ") + " and " + steps[len(steps)-1]
	}
	msg := fmt.Sprintf("the map centred on %s cuts %s at its edge, in two pieces", degrees(lon), which)
	auto := *s
	auto.Map.Center = nil
	if lon0 := page.MapMeridian(&auto); len(page.CutArcs(s, lon0)) == 0 {
		msg += fmt.Sprintf("; without map.center the map is centred on %s, where every arc is whole", degrees(lon0))
	}
	return story.Problems{{Path: "map.center", Msg: msg}}
}

// degrees writes a meridian as an author reads it: "0°", "90°W", "150°E".
func degrees(lon float64) string {
	v := strconv.FormatFloat(math.Abs(lon), 'f', -1, 64) + "°"
	switch {
	case lon < 0:
		return v + "W"
	case lon > 0:
		return v + "E"
	}
	return v
}
