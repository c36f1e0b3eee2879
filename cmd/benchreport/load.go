package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// wrkResult is what one bounded wrk run reports.
type wrkResult struct {
	rps      float64
	transfer string // per second, as wrk prints it
	p99      string
	non2xx   int
	errors   string
}

var (
	reRPS      = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	reTransfer = regexp.MustCompile(`Transfer/sec:\s+(\S+)`)
	reP99      = regexp.MustCompile(`(?m)^\s+99%\s+(\S+)`)
	reNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	reSockErr  = regexp.MustCompile(`Socket errors:[^\n]*`)
)

func runWrk(ctx context.Context, wrk string, args ...string) (*wrkResult, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, wrk, append([]string{"--latency"}, args...)...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("wrk: %v: %s", err, lastLine(string(out)))
	}
	m := reRPS.FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("wrk printed no Requests/sec: %s", lastLine(string(out)))
	}
	res := &wrkResult{}
	res.rps, _ = strconv.ParseFloat(string(m[1]), 64)
	if m := reTransfer.FindSubmatch(out); m != nil {
		res.transfer = string(m[1])
	}
	if m := reP99.FindSubmatch(out); m != nil {
		res.p99 = string(m[1])
	}
	if m := reNon2xx.FindSubmatch(out); m != nil {
		res.non2xx, _ = strconv.Atoi(string(m[1]))
	}
	if m := reSockErr.Find(out); m != nil {
		res.errors = string(m)
	}
	return res, nil
}

func (w *wrkResult) detail() string {
	s := fmt.Sprintf("p99 %s, %s/s", w.p99, w.transfer)
	if w.non2xx > 0 {
		s += fmt.Sprintf(", %d non-2xx", w.non2xx)
	}
	if w.errors != "" {
		s += ", " + w.errors
	}
	return s
}

// measureThroughput: / and the brotli wasm with wrk, and the same wasm file
// from nginx, one after the other on the same machine.
func measureThroughput(ctx context.Context, r *report, s *server) {
	const g = "6 Server"
	const pageArgs = "-t2 -c64 -d10s"
	const staticArgs = "-t2 -c32 -d8s"
	wrk, err := ensureTool(ctx, "wrk", "wrk")
	if err != nil {
		r.fail(g, "rps.page", "GET / requests/s (wrk "+pageArgs+")", "≥ 10,000/s", err.Error())
		r.fail(g, "static.ratio", "GET /web/app.wasm (br) vs nginx", "≥ 0.8× nginx", err.Error())
		return
	}
	res, err := runWrk(ctx, wrk, append(strings.Fields(pageArgs), "-H", "Accept-Encoding: gzip, deflate, br, zstd", s.url+"/")...)
	if err != nil {
		r.fail(g, "rps.page", "GET / requests/s (wrk "+pageArgs+")", "≥ 10,000/s", err.Error())
	} else {
		r.add(g, "rps.page", "GET / requests/s (wrk "+pageArgs+", gzip)", res.rps, perSec(res.rps)+" ("+res.detail()+")", "≥ 10,000/s", res.rps >= 10000 && res.non2xx == 0)
	}

	br := "Accept-Encoding: br"
	ours, errOurs := runWrk(ctx, wrk, append(strings.Fields(staticArgs), "-H", br, s.url+wasmURL(ctx, s))...)
	if errOurs != nil {
		r.fail(g, "rps.static", "GET /web/app.wasm (br) requests/s", "", errOurs.Error())
	} else {
		r.add(g, "rps.static", "GET /web/app.wasm (br) requests/s (wrk "+staticArgs+")", ours.rps, perSec(ours.rps)+" ("+ours.detail()+")", "", false)
	}
	nginx, err := ensureTool(ctx, "nginx", "nginx-light", "nginx")
	if err != nil {
		r.fail(g, "static.ratio", "app.wasm (br) throughput vs nginx", "≥ 0.8× nginx", err.Error())
		return
	}
	ng, err := startNginx(ctx, nginx)
	if err != nil {
		r.fail(g, "static.ratio", "app.wasm (br) throughput vs nginx", "≥ 0.8× nginx", err.Error())
		return
	}
	theirs, err := runWrk(ctx, wrk, append(strings.Fields(staticArgs), "-H", br, ng.url+"/web/app.wasm")...)
	ng.stop()
	if err != nil {
		r.fail(g, "static.ratio", "app.wasm (br) throughput vs nginx", "≥ 0.8× nginx", err.Error())
		return
	}
	r.add(g, "rps.nginx", "nginx, same app.wasm.br, requests/s", theirs.rps, perSec(theirs.rps)+" ("+theirs.detail()+")", "", false)
	if errOurs == nil && theirs.rps > 0 {
		ratio := ours.rps / theirs.rps
		r.add(g, "static.ratio", "app.wasm (br) throughput vs nginx", ratio, fmt.Sprintf("%.2f×", ratio), "≥ 0.8× nginx", ratio >= 0.8)
	}
}

type nginxProc struct {
	url  string
	cmd  *exec.Cmd
	dir  string
	done chan struct{}
}

// startNginx serves web/app.wasm.br at /web/app.wasm with the headers our
// server sends, from a temporary prefix, in the foreground.
func startNginx(ctx context.Context, bin string) (*nginxProc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "benchreport-nginx-")
	if err != nil {
		return nil, err
	}
	for _, d := range []string{"logs", "tmp"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	wasm, _ := filepath.Abs("web/app.wasm.br")
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // the workers must read the file wherever the checkout is
	}
	conf := fmt.Sprintf(`%s
worker_processes auto;
pid %[2]s/nginx.pid;
error_log %[2]s/logs/error.log;
events { worker_connections 1024; }
http {
	access_log %[2]s/logs/access.log;
	client_body_temp_path %[2]s/tmp/body;
	proxy_temp_path %[2]s/tmp/proxy;
	fastcgi_temp_path %[2]s/tmp/fastcgi;
	uwsgi_temp_path %[2]s/tmp/uwsgi;
	scgi_temp_path %[2]s/tmp/scgi;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	server {
		listen 127.0.0.1:%[3]d;
		location = /web/app.wasm {
			default_type application/wasm;
			alias %[4]s;
			add_header Content-Encoding br;
			add_header Vary Accept-Encoding;
			add_header Cache-Control no-cache;
		}
	}
}
`, user, dir, port, wasm)
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-g", "daemon off;")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	n := &nginxProc{url: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, dir: dir, done: make(chan struct{})}
	go func() { cmd.Wait(); close(n.done) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-n.done:
			b, _ := os.ReadFile(filepath.Join(dir, "logs", "error.log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("nginx exited: %s %s", lastLine(out.String()), lastLine(string(b)))
		default:
		}
		if res, err := get(ctx, n.url+"/web/app.wasm", "Accept-Encoding", "br"); err == nil && res.status == 200 {
			return n, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	n.stop()
	return nil, fmt.Errorf("nginx did not answer on %s", n.url)
}

// stop ends nginx (SIGQUIT: graceful), then for good.
func (n *nginxProc) stop() {
	select {
	case <-n.done:
	default:
		n.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-n.done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL) // its own process group: master and workers
			<-n.done
		}
	}
	os.RemoveAll(n.dir)
}
