package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fivecalls/app/store"
	"fivecalls/app/store/counters"
)

// runRecount checks the stats counters against the stored answers, and
// repairs them on request.
func runRecount(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("recount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "sqlite:./data/fivecalls.db", "the answers database, as for serve: sqlite:PATH or postgres://…")
	repair := fs.Bool("repair", false, "when counters differ, rewrite them from the answers")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: fivecalls recount [--db DSN] [--repair]

Counts every stored answer again and compares the result with the counters
GET /api/stats reads: answers per choice, each reader's progress, and the
number of readers at each progress (the score distribution). Prints what
differs, without reader tokens. Exits 0 when the counters equal the recount,
1 when they differ (or on an error), 2 on a usage error.

--repair rewrites differing counters from the answers, in one transaction,
and then exits 0. Counters drift only when answers are edited or deleted by
hand, or when an older version of fivecalls (without counters) stored answers
after this one migrated the database: run it after either.

It is safe while servers run. On PostgreSQL a repair holds off new answers on
every instance until it commits (their requests wait; stats are still
served). On SQLite the check reads a snapshot; a repair holds the write lock,
and servers' answers that wait more than 5 s fail and are resent by the
browsers, so repair a large SQLite database when traffic is low.

Flags:
`)
		fs.PrintDefaults()
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
	// Opening an SQLite path creates the file; a recount of a database that
	// is not there is a mistake to report, not an empty database to make.
	if path, ok := strings.CutPrefix(*db, "sqlite:"); ok {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(stderr, "fivecalls recount: no database at %s: %v\n", path, errors.Unwrap(err))
			return 1
		}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls recount: %v\n", err)
		return 1
	}
	defer st.Close()
	checker, ok := st.(counters.Checker)
	if !ok {
		fmt.Fprintf(stderr, "fivecalls recount: this store keeps no counters\n")
		return 1
	}
	start := time.Now()
	r, err := checker.CheckCounters(ctx, *repair)
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls recount: %v\n", err)
		return 1
	}
	printRecount(stdout, r, time.Since(start))
	if r.OK() || r.Repaired {
		return 0
	}
	return 1
}

func printRecount(w io.Writer, r counters.Report, took time.Duration) {
	fmt.Fprintf(w, "recounted %d answers by %d readers in %s\n", r.Answers, r.Readers, took.Round(time.Millisecond))
	if r.OK() {
		fmt.Fprintln(w, "every counter equals the recount")
		return
	}
	for _, m := range r.Choices {
		fmt.Fprintf(w, "  choice count %s\n", m)
	}
	for _, m := range r.Scores {
		fmt.Fprintf(w, "  readers at %s\n", m)
	}
	if r.ReadersDiffering > 0 {
		fmt.Fprintf(w, "  progress of %d reader(s) differs from their answers\n", r.ReadersDiffering)
	}
	if r.Repaired {
		fmt.Fprintln(w, "repaired: the counters were rewritten from the answers")
	} else {
		fmt.Fprintln(w, "the counters differ from the answers; run fivecalls recount --repair to rewrite them")
	}
}
