package main

// A maximal story's page variants against the real binary: every variant
// is requested while the process's memory is watched. Before the cache was
// bounded, 376 of the (then) 612 variants took 872 MB.

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/ui"
)

// Bounds of the page-variant load.
const (
	variantWorkers     = 32 // more than the render queue, so some are shed
	variantLoadFor     = 12 * time.Second
	pageMemoryBoundMB  = 300
	minVariantsRedrawn = 30 // more than the 64 MB cache holds of this story's pages (about 18)
)

// TestPageVariantsOfAMaximalStoryStayInMemoryBound requests every page
// variant of a maximal valid story (both pages, every set of parts, every
// call and theme: 19,278 addresses) from 32 clients for 12 s, going round
// them again after the first pass, while a reader asks for / every 200 ms.
// The process's peak resident memory must stay under 300 MB; variants past
// the render queue are answered 503 with Retry-After, never an error; the
// reader gets / within a second each time; and more variants are rendered
// than the page cache can hold, so eviction is part of what is measured.
func TestPageVariantsOfAMaximalStoryStayInMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it for 12 s; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	data := maximalStory(t)
	path := writeStoryFile(t, t.TempDir(), "maximal.json", string(data))
	p := startServe(t, bin, "--web", mustServeWebDir(t), "--story", path, "--db", "sqlite:"+filepath.Join(t.TempDir(), "answers.db"))
	pid := p.cmd.Process.Pid

	var urls []string
	calls := 50
	for _, embed := range []bool{false, true} {
		for parts := ui.Part(1); parts <= ui.AllParts; parts++ {
			for call := 0; call <= calls; call++ {
				for _, theme := range []string{"", "light", "dark"} {
					a := ui.Address{Embed: embed, Parts: parts, Step: call, Theme: theme}
					u := p.url + a.Path()
					if q := a.Query().Encode(); q != "" {
						u += "?" + q
					}
					urls = append(urls, u)
				}
			}
		}
	}
	if want := 2 * int(ui.AllParts) * (calls + 1) * 3; len(urls) != want {
		t.Fatalf("%d addresses, want %d", len(urls), want)
	}
	rand.Shuffle(len(urls), func(i, j int) { urls[i], urls[j] = urls[j], urls[i] })

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: variantWorkers + 1}}
	defer client.CloseIdleConnections()
	get := func(u string) (int, string, error) {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer res.Body.Close()
		io.Copy(io.Discard, res.Body)
		return res.StatusCode, res.Header.Get("Retry-After"), nil
	}
	if code, _, err := get(p.url + "/"); err != nil || code != http.StatusOK {
		t.Fatalf("GET /: %d %v", code, err)
	}

	var (
		next, requests, served, shed atomic.Int64
		mu                           sync.Mutex
		problems                     []string
		readerSlowest                time.Duration
		peakRSS                      int64
	)
	problem := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 10 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	deadline := time.Now().Add(variantLoadFor)
	var wg sync.WaitGroup
	for range variantWorkers {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				u := urls[int(next.Add(1)-1)%len(urls)]
				code, retry, err := get(u)
				requests.Add(1)
				switch {
				case err != nil:
					problem("%s: %v", u, err)
				case code == http.StatusOK:
					served.Add(1)
				case code == http.StatusServiceUnavailable && retry != "":
					shed.Add(1)
					time.Sleep(5 * time.Millisecond) // a client backs off a little
				default:
					problem("%s: status %d, Retry-After %q", u, code, retry)
				}
			}
		})
	}
	wg.Go(func() { // the reader of the front page
		for time.Now().Before(deadline) {
			start := time.Now()
			code, _, err := get(p.url + "/")
			took := time.Since(start)
			mu.Lock()
			readerSlowest = max(readerSlowest, took)
			mu.Unlock()
			if err != nil || code != http.StatusOK {
				problem("the reader's GET /: %d %v", code, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
	wg.Go(func() { // the resident memory, sampled
		for time.Now().Before(deadline) {
			if rss := procStatusKB(t, pid, "VmRSS"); rss > peakRSS {
				mu.Lock()
				peakRSS = rss
				mu.Unlock()
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	wg.Wait()

	hwm := procStatusKB(t, pid, "VmHWM") // the kernel's own peak
	renders := metricValue(t, p.url, "fivecalls_page_renders_total")
	cacheBytes := metricValue(t, p.url, "fivecalls_page_cache_bytes")
	t.Logf("%d requests (every one of the %d addresses at least once: %v), %d served, %d shed with 503; %.0f variants rendered, %.1f MB cached; "+
		"peak resident memory %.0f MB (sampled %.0f MB); the reader's slowest / took %v",
		requests.Load(), len(urls), next.Load() >= int64(len(urls)), served.Load(), shed.Load(), renders, cacheBytes/1e6,
		float64(hwm)/1024, float64(peakRSS)/1024, readerSlowest.Round(time.Millisecond))
	for _, pr := range problems {
		t.Error(pr)
	}
	if next.Load() < int64(len(urls)) {
		t.Errorf("only %d of the %d addresses were requested in %v", next.Load(), len(urls), variantLoadFor)
	}
	if hwm/1024 >= pageMemoryBoundMB {
		t.Errorf("peak resident memory %d MB, want under %d MB", hwm/1024, pageMemoryBoundMB)
	}
	if renders < minVariantsRedrawn {
		t.Errorf("%.0f variants rendered, want at least %d (more than the cache holds)", renders, minVariantsRedrawn)
	}
	if cacheBytes > 64<<20 {
		t.Errorf("the page cache holds %.0f bytes, over its 64 MB bound", cacheBytes)
	}
	if readerSlowest > time.Second {
		t.Errorf("the reader of / waited %v, want under a second", readerSlowest)
	}
}

// procStatusKB reads a "kB" field of /proc/PID/status (VmRSS, VmHWM).
func procStatusKB(tb testing.TB, pid int, field string) int64 {
	tb.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatalf("read the process's memory: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				tb.Fatalf("%s: %q", field, line)
			}
			return n
		}
	}
	tb.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// metricValue reads one sample without labels, or with the labels given
// inside name (`x{kind="a"}`), from the server's /metrics.
func metricValue(tb testing.TB, baseURL, name string) float64 {
	tb.Helper()
	return metricValueVia(tb, http.DefaultClient, baseURL, name)
}

// metricValueVia reads a metric as metricValue does, with the client.
func metricValueVia(tb testing.TB, client *http.Client, baseURL, name string) float64 {
	tb.Helper()
	res, err := client.Get(baseURL + "/metrics")
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil {
				tb.Fatalf("%s: %q", name, line)
			}
			return v
		}
	}
	tb.Fatalf("no %s in /metrics", name)
	return 0
}
