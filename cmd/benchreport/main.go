// Command benchreport measures every performance target of the widget and
// prints one Markdown table: the figure now, the previous
// run's figure beside it (from .bench/last.json, which it then rewrites),
// the target and whether it is met. `make bench` runs it after `make build`,
// and writes the same report, with the commit measured, to docs/bench.md:
//
//	go run ./cmd/benchreport [-skip lighthouse,server] [-strict] [-no-save] [-out docs/bench.md]
//
// It measures, in this order, so that no two measurements share the CPU:
//
//  1. bytes: web/app.wasm raw, gzip and brotli, and the wire size of the
//     first load before the wasm (HTML, CSS and JS as a browser gets them);
//  2. caching: content negotiation and cache headers of a live
//     bin/fivecalls serve, over HTTP;
//  3. Lighthouse 12.2.3, mobile defaults, on / and /embed (installed with
//     npm into .bench/node, Chromium from /usr/bin/chromium);
//  4. server: requests/s for / with Debian's wrk, and /web/app.wasm (brotli)
//     against Debian's nginx serving the same file, in the same run;
//  5. answers: a sustained load of new answers with wrk on bin/fivecalls
//     serve, stats read alongside, with 0, 1M and 10M answers stored on
//     SQLite and 0 and 1M on PostgreSQL (answerload.go);
//  6. animation and first visit: BenchmarkAnimation and BenchmarkFirstTap
//     (app/e2e), Chromium under a 4× CPU throttle (and Slow 4G for the
//     first visit: a tap right after load, the takeover, the bytes);
//  7. a reader's session: BenchmarkSession (app/e2e), every long task and
//     every interaction's latency at 4× CPU (a mid-range phone) and 6×.
//
// A measurement that cannot run says why in its row; the others go on.
// Load goes to 127.0.0.1 only, bounded in time, and stops by itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	skip := flag.String("skip", "", "comma-separated sections to skip: bytes, wire, caching, lighthouse, server, answers, browser")
	strict := flag.Bool("strict", false, "exit 1 when a target is not met or could not be measured")
	noSave := flag.Bool("no-save", false, "do not write .bench/last.json")
	out := flag.String("out", "", "also write the report as a Markdown page to this file (make bench: docs/bench.md)")
	flag.Parse()

	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(2)
	}
	if err := os.Chdir(root); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(2)
	}
	skipped := map[string]bool{}
	for _, s := range strings.Split(*skip, ",") {
		if s = strings.TrimSpace(s); s != "" {
			skipped[s] = true
		}
	}

	r := &report{started: time.Now(), machine: machineInfo(), commit: gitCommit(root)}
	// Every section but answers shares this budget; answers has its own
	// (loadBudget), and the time it takes is added to the others' deadline.
	deadline := time.Now().Add(16 * time.Minute)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer func() { cancel() }()

	section := func(name string, f func(ctx context.Context, r *report)) {
		if skipped[name] {
			r.skippedSections = append(r.skippedSections, name)
			return
		}
		t0 := time.Now()
		logf("%s …", name)
		f(ctx, r)
		logf("%s done in %s", name, time.Since(t0).Round(time.Second))
	}

	section("bytes", measureWasmBytes)

	srv, srvErr := startServer(ctx, root)
	if srvErr != nil {
		logf("server: %v", srvErr)
	} else {
		defer srv.stop()
	}
	withServer := func(group, key string, f func(ctx context.Context, r *report, s *server)) func(ctx context.Context, r *report) {
		return func(ctx context.Context, r *report) {
			if srvErr != nil {
				r.unavailable(group, key, "bin/fivecalls serve did not start: "+srvErr.Error())
				return
			}
			f(ctx, r, srv)
		}
	}
	section("wire", withServer("1 Bytes", "wire", measureWireBytes))
	section("caching", withServer("2 Caching", "caching", measureCaching))
	section("lighthouse", withServer("4 Lighthouse", "lighthouse", measureLighthouse))
	section("server", withServer("6 Server", "server", measureThroughput))
	if srvErr == nil {
		srv.stop()
	}
	answersStart := time.Now()
	section("answers", measureAnswers)
	cancel()
	ctx, cancel = context.WithDeadline(context.Background(), deadline.Add(time.Since(answersStart)))
	section("browser", measureBrowser)

	prev, _ := loadLast(filepath.Join(root, ".bench", "last.json"))
	r.took = time.Since(r.started)
	r.print(os.Stdout, prev)
	var docErr error
	if *out != "" {
		if docErr = writeBenchDoc(*out, r, prev); docErr != nil {
			logf("write %s: %v", *out, docErr)
		} else {
			logf("wrote %s", *out)
		}
	}
	if !*noSave {
		if err := r.save(filepath.Join(root, ".bench", "last.json")); err != nil {
			logf("save: %v", err)
		}
	}
	logf("total %s", time.Since(r.started).Round(time.Second))
	if docErr != nil || (*strict && !r.allMet()) {
		os.Exit(1)
	}
}

// moduleRoot finds the fivecalls module's folder from the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(b), "module fivecalls") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the fivecalls module")
		}
		dir = parent
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchreport: "+format+"\n", args...)
}
