// Command fivecalls serves the Five Calls widget and checks story files.
//
//	fivecalls serve [flags]     serve the widget (default story embedded)
//	fivecalls check FILE...     validate story files, listing every problem
//	fivecalls story             print the default story, to start a new one
//	fivecalls schema            print the story format's JSON Schema, for editors
//	fivecalls export DIR        write the widget as a static site
//	fivecalls version           print the version, commit and Go version
//
// main only wires the process to run, which tests call directly.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	// The zone database, built in: the stories' places have time zones,
	// and a FROM scratch image has no /usr/share/zoneinfo.
	_ "time/tzdata"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
