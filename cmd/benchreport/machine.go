package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type machine struct {
	load     string // 1-minute load average at the start
	nproc    int
	cpu      string
	memGiB   float64
	goVer    string
	chromium string
}

func (m machine) String() string {
	s := fmt.Sprintf("%d CPUs (nproc), %s, %.1f GiB memory, %s", m.nproc, m.cpu, m.memGiB, m.goVer)
	if m.load != "" {
		s += ", load average " + m.load + " at the start"
	}
	if m.chromium != "" {
		s += ", " + m.chromium
	}
	return s
}

func machineInfo() machine {
	m := machine{nproc: runtime.NumCPU(), cpu: "unknown CPU", goVer: runtime.Version()}
	if out, err := exec.Command("nproc").Output(); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil {
			m.nproc = n
		}
	}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if fields := strings.Fields(sc.Text()); len(fields) >= 2 && fields[0] == "MemTotal:" {
				kb, _ := strconv.ParseFloat(fields[1], 64)
				m.memGiB = kb / (1 << 20)
			}
		}
		f.Close()
	}
	m.load = loadAverage()
	if out, err := exec.Command(chromiumPath(), "--version").Output(); err == nil {
		m.chromium = strings.TrimSpace(string(out))
	}
	return m
}

func chromiumPath() string {
	if p := os.Getenv("FIVECALLS_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// server is a running bin/fivecalls serve on a loopback port.
type server struct {
	url  string
	cmd  *exec.Cmd
	dir  string
	done chan struct{}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// startServer runs the built binary as `make run` would, with the rate limit
// off and a fresh SQLite file, logging JSON to a file as in production.
func startServer(ctx context.Context, root string) (*server, error) {
	bin := filepath.Join(root, "bin", "fivecalls")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("%s is missing (make build)", bin)
	}
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		return nil, fmt.Errorf("web/app.wasm is missing (make build)")
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "benchreport-server-")
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--rate-limit", "0", "--log-format", "json",
		"--db", "sqlite:"+filepath.Join(dir, "answers.db"), "--web", filepath.Join(root, "web"))
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{url: "http://" + addr, cmd: cmd, dir: dir, done: make(chan struct{})}
	go func() { cmd.Wait(); logFile.Close(); close(s.done) }()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			b, _ := os.ReadFile(logFile.Name())
			return nil, fmt.Errorf("exited at start: %s", lastLine(string(b)))
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		default:
		}
		if res, err := http.Get(s.url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("no answer on %s/healthz within 20 s", s.url)
}

// stop ends the server gracefully (SIGTERM), then for good after 10 s.
func (s *server) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
	default:
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	os.RemoveAll(s.dir)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// ensureTool finds a command, installing its Debian package with apt-get
// when it is missing and we are root.
func ensureTool(ctx context.Context, name string, packages ...string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, dir := range []string{"/usr/sbin", "/sbin"} {
		if p := filepath.Join(dir, name); fileExists(p) {
			return p, nil
		}
	}
	if os.Geteuid() != 0 {
		return "", fmt.Errorf("%s is not installed (apt-get install %s, as root)", name, packages[0])
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		return "", fmt.Errorf("%s is not installed and there is no apt-get", name)
	}
	var lastErr error
	for attempt := range 2 {
		if attempt == 1 {
			logf("apt-get update")
			c := exec.CommandContext(ctx, "apt-get", "update")
			c.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
			c.Run()
		}
		for _, pkg := range packages {
			logf("apt-get install -y %s", pkg)
			c := exec.CommandContext(ctx, "apt-get", "install", "-y", "--no-install-recommends", pkg)
			c.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
			if out, err := c.CombinedOutput(); err != nil {
				lastErr = fmt.Errorf("apt-get install %s: %v: %s", pkg, err, lastLine(string(out)))
				continue
			}
			if p, err := exec.LookPath(name); err == nil {
				return p, nil
			}
			for _, dir := range []string{"/usr/sbin", "/sbin"} {
				if p := filepath.Join(dir, name); fileExists(p) {
					return p, nil
				}
			}
		}
	}
	return "", fmt.Errorf("%s could not be installed: %v", name, lastErr)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// loadAverage is the 1-minute load average: other work on the machine
// during a run makes every figure here worse.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return ""
}

// settle waits, at most for most, for the 1-minute load average (read)
// to fall to quiet or below, looking every so often, and says how long it
// waited. The browser benchmarks measure a page's main thread on this
// machine's few CPUs; the sections before them (the answers load most) can
// leave the machine busy for a minute or more, and their long tasks would
// count that.
func settle(ctx context.Context, quiet float64, most, every time.Duration, read func() string) time.Duration {
	t0 := time.Now()
	for {
		v, err := strconv.ParseFloat(read(), 64)
		if err != nil || v <= quiet || time.Since(t0) >= most {
			return time.Since(t0)
		}
		select {
		case <-ctx.Done():
			return time.Since(t0)
		case <-time.After(every):
		}
	}
}

// ensureChromium installs Debian's chromium when it is missing (as root).
func ensureChromium(ctx context.Context) error {
	if fileExists(chromiumPath()) {
		return nil
	}
	if os.Getenv("FIVECALLS_CHROMIUM") != "" {
		return fmt.Errorf("FIVECALLS_CHROMIUM=%s does not exist", chromiumPath())
	}
	_, err := ensureTool(ctx, "chromium", "chromium")
	return err
}
