package main

// Connection floods and slow readers against the real binary, on loopback
// only, bounded in count and time: one address opening thousands of
// connections (idle keep-alive ones and silent ones) while a reader from
// another address (127.0.0.2) must still get / within a second; the same
// without the per-address cap, against the total cap; the open-file limit
// reached with the caps off, where net/http's errors must come out as JSON
// lines, a few rather than one per failure; and a reader of the wasm slower
// than the minimum rate, who is cut off.

import (
	"bufio"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// flood holds the connections one address opened.
type flood struct {
	mu      sync.Mutex
	conns   []net.Conn
	refused map[int]int // status of the responses to connections refused at once
}

// openFlood opens n connections from local to addr: with idle, every other
// one sends one request and stays open, idle (keep-alive); the others send
// nothing. A connection the server refuses answers at once with a status
// line, which is counted. It stops early after 2 s of dialing.
func openFlood(tb testing.TB, local, addr string, n int, idle bool) *flood {
	tb.Helper()
	f := &flood{refused: map[int]int{}}
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: time.Second}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 256)
	stop := time.Now().Add(2 * time.Second)
	for i := range n {
		if time.Now().After(stop) {
			break
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			c, err := d.Dial("tcp", addr)
			if err != nil {
				return
			}
			f.mu.Lock()
			f.conns = append(f.conns, c)
			f.mu.Unlock()
			c.SetDeadline(time.Now().Add(300 * time.Millisecond))
			if idle && i%2 == 0 {
				fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
			}
			// A refused connection is answered without being asked; an
			// accepted silent one says nothing.
			res, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					f.mu.Lock()
					f.refused[res.StatusCode]++
					f.mu.Unlock()
					if res.Header.Get("Retry-After") == "" {
						tb.Errorf("refused with %d without Retry-After", res.StatusCode)
					}
				}
			}
			c.SetDeadline(time.Time{})
		})
	}
	wg.Wait()
	tb.Cleanup(f.close)
	return f
}

func (f *flood) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		c.Close()
	}
	f.conns = nil
}

// readerGets fetches / from local on a new connection, n times, and returns
// the slowest time, failing the test on anything but 200.
func readerGets(tb testing.TB, local, baseURL string, n int) time.Duration {
	tb.Helper()
	tr := &http.Transport{
		DialContext:       (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}).DialContext,
		DisableKeepAlives: true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var slowest time.Duration
	for range n {
		start := time.Now()
		res, err := client.Get(baseURL + "/")
		if err != nil {
			tb.Errorf("the reader from %s: %v", local, err)
			continue
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		took := time.Since(start)
		slowest = max(slowest, took)
		if res.StatusCode != http.StatusOK {
			tb.Errorf("the reader from %s: status %d", local, res.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return slowest
}

// openFiles counts the process's open descriptors.
func openFiles(tb testing.TB, pid int) int {
	tb.Helper()
	entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		tb.Fatal(err)
	}
	return len(entries)
}

func TestConnectionFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and floods it with connections; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	web := mustServeWebDir(t)
	db := func() string { return "sqlite:" + filepath.Join(t.TempDir(), "answers.db") }

	t.Run("per-address cap", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db(), "--max-conns", "1000", "--max-conns-per-client", "100")
		f := openFlood(t, "127.0.0.1", p.addr, 2000, true)
		slowest := readerGets(t, "127.0.0.2", p.url, 5)
		fds := openFiles(t, p.cmd.Process.Pid)
		open := metricValueFrom(t, p.url, "127.0.0.2", "fivecalls_connections_open")
		t.Logf("%d connections opened, refused %v; the other reader's slowest / %v; %d descriptors open, %v connections",
			len(f.conns), f.refused, slowest.Round(time.Millisecond), fds, open)
		if f.refused[http.StatusTooManyRequests] < 1000 {
			t.Errorf("refused %v, want most of the 2,000 past the first 100 refused with 429", f.refused)
		}
		if open > 101 {
			t.Errorf("%v connections open, want at most the address's 100 and the metrics scrape", open)
		}
		if fds > 100+50 {
			t.Errorf("%d descriptors open, want about 100 connections and the files", fds)
		}
		if slowest > time.Second {
			t.Errorf("the other reader waited %v for /, want under a second", slowest)
		}
	})

	t.Run("total cap", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db(), "--max-conns", "200", "--max-conns-per-client", "0")
		// Idle ones first, which are closed to make room; then silent ones,
		// young, which may not be: past those, 503.
		f := openFlood(t, "127.0.0.1", p.addr, 1000, true)
		silent := openFlood(t, "127.0.0.1", p.addr, 1000, false)
		for code, n := range silent.refused {
			f.refused[code] += n
		}
		time.Sleep(1100 * time.Millisecond) // the silent ones pass the second after which they may be closed
		slowest := readerGets(t, "127.0.0.2", p.url, 5)
		fds := openFiles(t, p.cmd.Process.Pid)
		closedEarly := metricValueFrom(t, p.url, "127.0.0.2", `fivecalls_connections_closed_early_total{reason="at_cap"}`)
		t.Logf("%d connections opened, refused %v; the other reader's slowest / %v; %d descriptors open; %v closed to make room",
			len(f.conns)+len(silent.conns), f.refused, slowest.Round(time.Millisecond), fds, closedEarly)
		if fds > 200+50 {
			t.Errorf("%d descriptors open, want about the 200 allowed and the files", fds)
		}
		if f.refused[http.StatusServiceUnavailable] == 0 {
			t.Errorf("refused %v, want 503s once every connection was young and busy", f.refused)
		}
		if closedEarly < 5 {
			t.Errorf("%v connections closed to make room, want at least the reader's 5 and its scrape", closedEarly)
		}
		if slowest > time.Second {
			t.Errorf("the other reader waited %v for /, want under a second", slowest)
		}
	})

	t.Run("open-file limit without caps", func(t *testing.T) {
		requirePrlimit(t)
		// 150 descriptors, the caps off: the flood runs the process out of
		// them, and net/http's accept errors must be JSON, and few.
		p := startServeCommand(t, "", nil, "prlimit", "--nofile=150:150", bin, "serve", "--addr", "127.0.0.1:0", "--log-format", "json",
			"--web", web, "--db", db(), "--max-conns", "0", "--max-conns-per-client", "0")
		openFlood(t, "127.0.0.1", p.addr, 400, true)
		time.Sleep(500 * time.Millisecond)
		logs := p.logs.String()
		if p.logs.count("http server error") < 1 || !strings.Contains(logs, "too many open files") {
			t.Fatalf("no http server error about open files in the log:\n%s", tail(logs))
		}
		if n := p.logs.count("http server error"); n > 3 {
			t.Errorf("%d http server error lines, want the first and a count per 10 s", n)
		}
		for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
			if !json.Valid([]byte(line)) {
				t.Errorf("a log line is not JSON: %q", line)
			}
			if strings.Contains(line, "http server error") && strings.Contains(line, "127.0.0.1:") {
				t.Errorf("an http server error line holds an address: %q", line)
			}
		}
	})

	t.Run("open-file limit with the default cap", func(t *testing.T) {
		requirePrlimit(t)
		p := startServeCommand(t, "", nil, "prlimit", "--nofile=150:150", bin, "serve", "--addr", "127.0.0.1:0", "--log-format", "json",
			"--web", web, "--db", db(), "--max-conns-per-client", "0")
		openFlood(t, "127.0.0.1", p.addr, 400, true)
		time.Sleep(1100 * time.Millisecond)
		slowest := readerGets(t, "127.0.0.2", p.url, 3)
		if strings.Contains(p.logs.String(), "too many open files") {
			t.Errorf("the default cap under a 150-file limit still ran out of files:\n%s", tail(p.logs.String()))
		}
		if slowest > time.Second {
			t.Errorf("the other reader waited %v for /, want under a second", slowest)
		}
	})
}

// TestSlowWasmReaderIsCut: a reader of the wasm slower than
// --min-download-rate is cut off after the grace period, and counted; a
// fast one gets it whole.
func TestSlowWasmReaderIsCut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and reads slowly for 15 s; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	web := mustServeWebDir(t)
	wasm := make([]byte, 3<<20) // incompressible, served raw
	rand.Read(wasm)
	if err := os.WriteFile(filepath.Join(web, "app.wasm"), wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	p := startServe(t, bin, "--web", web, "--db", "sqlite:"+filepath.Join(t.TempDir(), "answers.db"), "--min-download-rate", "1000000")

	res, body := httpGet(t, p.url+"/web/app.wasm", "Accept-Encoding", "identity")
	if res.StatusCode != http.StatusOK || len(body) != len(wasm) {
		t.Fatalf("a fast reader: %d, %d bytes, want 200 and %d", res.StatusCode, len(body), len(wasm))
	}

	// 10 KB/s, with a small receive window so that the kernel does not read
	// ahead for it.
	d := net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		return rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
	}}
	c, err := d.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET /web/app.wasm HTTP/1.1\r\nHost: %s\r\nAccept-Encoding: identity\r\n\r\n", p.addr)
	start := time.Now()
	var got int
	buf := make([]byte, 1024)
	var readErr error
	for time.Since(start) < 30*time.Second {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := c.Read(buf)
		got += n
		if err != nil {
			readErr = err
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	took := time.Since(start)
	t.Logf("the slow reader got %d of %d bytes in %v, then %v", got, len(wasm), took.Round(time.Millisecond), readErr)
	if readErr == nil || got >= len(wasm) {
		t.Fatalf("the slow reader was not cut off in %v (%d bytes)", took, got)
	}
	if took < 10*time.Second {
		t.Errorf("cut after %v, before the 10 s of grace", took)
	}
	if v := metricValue(t, p.url, "fivecalls_downloads_cut_total"); v != 1 {
		t.Errorf("fivecalls_downloads_cut_total = %v, want 1", v)
	}
}

// metricValueFrom reads a metric as metricValue does, from a connection
// made from the local address (to stay clear of the flooder's cap).
func metricValueFrom(tb testing.TB, baseURL, local, name string) float64 {
	tb.Helper()
	tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}).DialContext, DisableKeepAlives: true}
	return metricValueVia(tb, &http.Client{Transport: tr, Timeout: 10 * time.Second}, baseURL, name)
}

func requirePrlimit(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("prlimit"); err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1" {
			tb.Fatal("prlimit (util-linux) is needed here")
		}
		tb.Skip("prlimit (util-linux) is not installed")
	}
}

func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}
