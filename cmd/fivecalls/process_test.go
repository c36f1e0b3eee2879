package main

// Helpers to run the real fivecalls binary in tests: build it, start
// `fivecalls serve` on a free loopback port, find its address, signal it.

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// mustBuildFivecalls builds this command into a temporary folder.
func mustBuildFivecalls(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "fivecalls")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// mustServeWebDir makes a web folder like the one `make build` fills: the
// repository's static files and a stand-in app.wasm (the server treats the
// wasm as opaque bytes).
func mustServeWebDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	const src = "../../web"
	entries, err := os.ReadDir(src)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "app.wasm") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm\x01\x00\x00\x00 stand-in"), 0o644); err != nil {
		tb.Fatal(err)
	}
	// make build copies the toolchain's wasm_exec.js; a fresh clone has none.
	if _, err := os.Stat(filepath.Join(dir, "wasm_exec.js")); err != nil {
		if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), []byte(wasmExecJS(tb)), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// serveFlagsOf returns the flags `fivecalls serve -h` lists, so a test can
// pass one only when this build has it.
func serveFlagsOf(tb testing.TB, bin string) map[string]bool {
	tb.Helper()
	out, _ := exec.Command(bin, "serve", "-h").CombinedOutput()
	flags := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+-([a-z][a-z0-9-]*)`).FindAllSubmatch(out, -1) {
		flags[string(m[1])] = true
	}
	if !flags["addr"] || !flags["db"] {
		tb.Fatalf("cannot read the flags of fivecalls serve -h:\n%s", out)
	}
	return flags
}

// serveProc is a running `fivecalls serve`.
type serveProc struct {
	cmd        *exec.Cmd
	addr       string // host:port it listens on
	url        string // http://addr
	metricsURL string // http://host:port of --metrics-addr, if given
	logs       *tailBuffer

	done    chan struct{} // closed when the process has exited
	waitErr error         // set before done is closed
}

// startServe starts `fivecalls serve` with args and waits until it listens.
// The process is killed when the test ends, if it is still running.
func startServe(tb testing.TB, bin string, args ...string) *serveProc {
	tb.Helper()
	return startServeWith(tb, bin, "", nil, append([]string{"--addr", "127.0.0.1:0", "--log-format", "json"}, args...)...)
}

// startServeWith starts `fivecalls serve args...` in the folder dir (""
// for this one) with env added to the environment, and waits until it
// listens.
func startServeWith(tb testing.TB, bin, dir string, env []string, args ...string) *serveProc {
	tb.Helper()
	return startServeCommand(tb, dir, env, bin, append([]string{"serve"}, args...)...)
}

// startServeCommand runs name with args, a command that runs fivecalls
// serve (the binary itself, or a wrapper such as prlimit), and waits until
// it listens.
func startServeCommand(tb testing.TB, dir string, env []string, name string, args ...string) *serveProc {
	tb.Helper()
	p := &serveProc{logs: &tailBuffer{max: 64 << 10}, done: make(chan struct{})}
	addrc := make(chan string, 1)
	p.cmd = exec.Command(name, args...)
	p.cmd.Dir = dir
	p.cmd.Env = append(os.Environ(), env...)
	var metricsURL string // written before the serving line is seen
	p.cmd.Stdout = &lineWatcher{onLine: func(line string) {
		if m := metricsLine.FindStringSubmatch(line); m != nil {
			metricsURL = "http://" + m[1]
		}
		if m := servingLine.FindStringSubmatch(line); m != nil {
			select {
			case addrc <- m[1]:
			default:
			}
		}
	}}
	p.cmd.Stderr = p.logs
	if err := p.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.done)
	}()
	tb.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
		if tb.Failed() {
			tb.Logf("fivecalls serve (pid %d) stderr, last %d bytes:\n%s", p.cmd.Process.Pid, p.logs.max, p.logs.String())
		}
	})
	select {
	case p.addr = <-addrc:
	case <-p.done:
		tb.Fatalf("fivecalls serve exited before listening: %v\n%s", p.waitErr, p.logs.String())
	case <-time.After(30 * time.Second):
		tb.Fatalf("fivecalls serve did not listen within 30 s\n%s", p.logs.String())
	}
	p.url = "http://" + p.addr
	p.metricsURL = metricsURL // the line before the serving line, so set
	return p
}

// servingLine is what serve prints on stdout once it listens; metricsLine
// comes before it with --metrics-addr.
var (
	servingLine = regexp.MustCompile(`^fivecalls is serving .* on http://(\S+:\d+)\s*$`)
	metricsLine = regexp.MustCompile(`^Metrics, /healthz and /readyz are served on http://(\S+:\d+)\s*$`)
)

// kill9 kills the process with SIGKILL and waits for it to be gone.
func (p *serveProc) kill9(tb testing.TB) {
	tb.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		tb.Fatalf("kill -9: %v", err)
	}
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		tb.Fatal("the process outlived SIGKILL by 10 s")
	}
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		tb.Fatalf("the process ended otherwise than by SIGKILL: %v", p.waitErr)
	}
}

// signal sends sig to the process.
func (p *serveProc) signal(tb testing.TB, sig syscall.Signal) {
	tb.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		tb.Fatalf("signal %v: %v", sig, err)
	}
}

// wait waits up to timeout for the process to exit and returns its exit
// code, or -1 and an error if it is still running or was killed by a signal.
func (p *serveProc) wait(timeout time.Duration) (int, error) {
	select {
	case <-p.done:
	case <-time.After(timeout):
		return -1, errors.New("still running")
	}
	if code := p.cmd.ProcessState.ExitCode(); code >= 0 {
		return code, nil
	}
	return -1, p.waitErr
}

// exited reports whether the process has exited.
func (p *serveProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// lineWatcher is an io.Writer that calls onLine with each complete line.
type lineWatcher struct {
	mu     sync.Mutex
	buf    []byte
	onLine func(string)
}

func (w *lineWatcher) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, b...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.onLine(strings.TrimRight(string(w.buf[:i]), "\r"))
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > 64<<10 { // a line that never ends is not the one we want
		w.buf = w.buf[:0]
	}
	return len(b), nil
}

// tailBuffer keeps the last max bytes written to it: enough of the server's
// log to explain a failure, without holding every access line of a load test.
// It also counts the JSON lines by message, over the whole log.
type tailBuffer struct {
	mu       sync.Mutex
	max      int
	buf      []byte
	messages map[string]int
}

// messageField starts the message of a JSON log line.
var messageField = []byte(`"message":"`)

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for line := range bytes.Lines(b) {
		if i := bytes.Index(line, messageField); i >= 0 {
			msg := line[i+len(messageField):]
			if j := bytes.IndexByte(msg, '"'); j >= 0 {
				if t.messages == nil {
					t.messages = map[string]int{}
				}
				t.messages[string(msg[:j])]++
			}
		}
	}
	t.buf = append(t.buf, b...)
	if len(t.buf) > 2*t.max { // trim now and then, not on every write
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(b), nil
}

// count is the number of lines logged with the message.
func (t *tailBuffer) count(message string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.messages[message]
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf[max(0, len(t.buf)-t.max):])
}
