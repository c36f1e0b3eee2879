package main

import (
	"context"
	"fmt"
	"io"
)

const usage = `fivecalls tells a news story as a world map, an animated timeline and a reader quiz.

Usage:
  fivecalls serve [flags]     serve the widget (the default story unless --story names one, or
                              --stories DIR a folder of them; --watch for an author's preview)
  fivecalls check FILE...     validate story files; every problem is listed with its JSON path
                              and line:column; exits 1 if any file has a problem
  fivecalls story             print the default story as JSON, a starting point for a new story
  fivecalls schema            print the JSON Schema of the story format, for editors' completion and checks
  fivecalls export DIR        write the widget as a static site, of one story or (--stories DIR) all
  fivecalls version           print the version, the commit and the Go version of this binary
  fivecalls recount           check the stats counters against the stored answers (--repair fixes them)
  fivecalls help              show this help

Run "fivecalls COMMAND -h" for the flags of a command.
`

// run is the whole program: it parses args, reads the environment through
// getenv and writes only to stdout and stderr. It returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], getenv, stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "story":
		return runStory(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		return runVersion(args[1:], stdout, stderr)
	case "recount":
		return runRecount(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "fivecalls: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}
