package main

// The binary as a newsroom runs it: built with its web files inside, from
// any folder, configured by the environment, behind a load balancer.

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"fivecalls/app/story"
)

// standInWasm is what the test binaries carry as app.wasm: the server
// treats the wasm as opaque bytes.
const standInWasm = "\x00asm\x01\x00\x00\x00 stand-in built into the binary"

// mustBuildWithWeb builds the binary as the Makefile does (CGO_ENABLED=0,
// -trimpath), with web/ changed by an overlay: files maps a name in web/ to
// its content, or to nil to leave it out. The checkout is not touched.
func mustBuildWithWeb(tb testing.TB, files map[string]*string) string {
	tb.Helper()
	webDir, err := filepath.Abs("../../web")
	if err != nil {
		tb.Fatal(err)
	}
	tmp := tb.TempDir()
	replace := map[string]string{}
	for name, content := range files {
		if content == nil {
			replace[filepath.Join(webDir, name)] = ""
			continue
		}
		f := filepath.Join(tmp, "overlay-"+name)
		if err := os.WriteFile(f, []byte(*content), 0o644); err != nil {
			tb.Fatal(err)
		}
		replace[filepath.Join(webDir, name)] = f
	}
	overlay, _ := json.Marshal(map[string]any{"Replace": replace})
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		tb.Fatal(err)
	}
	bin := filepath.Join(tmp, "fivecalls")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-overlay", overlayFile, "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// wasmExecJS is the toolchain's wasm_exec.js, which make build copies into
// web/.
func wasmExecJS(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// mustBuildComplete builds a binary carrying the checkout's web files, a
// stand-in app.wasm (no .br or .gz) and wasm_exec.js, as if after make build.
func mustBuildComplete(tb testing.TB) string {
	tb.Helper()
	wasm, js := standInWasm, wasmExecJS(tb)
	return mustBuildWithWeb(tb, map[string]*string{"app.wasm": &wasm, "app.wasm.br": nil, "app.wasm.gz": nil, "wasm_exec.js": &js})
}

func httpGet(tb testing.TB, url string, headers ...string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, string(b)
}

// TestBinaryServesTheWidgetFromAnEmptyFolder: nothing but the binary is
// needed, configured through the environment alone.
func TestBinaryServesTheWidgetFromAnEmptyFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := mustBuildComplete(t)
	empty := t.TempDir()
	p := startServeWith(t, bin, empty, []string{
		"FIVECALLS_ADDR=127.0.0.1:0",
		"FIVECALLS_LOG_FORMAT=json",
		"FIVECALLS_DB=sqlite:" + filepath.Join(t.TempDir(), "answers.db"),
	})

	res, page := httpGet(t, p.url+"/", "Accept-Encoding", "identity")
	if res.StatusCode != http.StatusOK || !strings.Contains(page, html.EscapeString(story.Default().Title)) {
		t.Errorf("GET / = %d, without the story's title", res.StatusCode)
	}
	res, wasm := httpGet(t, p.url+"/web/app.wasm", "Accept-Encoding", "identity")
	if res.StatusCode != http.StatusOK || wasm != standInWasm || res.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("GET /web/app.wasm = %d %q (%d bytes), want the built-in wasm", res.StatusCode, res.Header.Get("Content-Type"), len(wasm))
	}
	for _, path := range []string{"/wasm_exec.js", "/web/app.css", "/web/embed.js", "/web/icon.svg", "/web/page.js", "/embed"} {
		if res, _ := httpGet(t, p.url+path); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", path, res.StatusCode)
		}
	}
	if res, _ := httpGet(t, p.url+"/web/embed.go"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /web/embed.go = %d: Go source is served", res.StatusCode)
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("serve wrote into its working folder: %v", entries)
	}
	mustStopCleanly(t, p)

	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.Contains(string(out), "web files: built in (app.wasm ") || !strings.Contains(string(out), runtime.Version()) {
		t.Errorf("fivecalls version: %v\n%s", err, out)
	}
}

// TestBinaryWithoutWasmSaysWhatIsMissing: go build before make build gives a
// binary that says what it lacks and how to get it, instead of serving a
// widget that cannot start.
func TestBinaryWithoutWasmSaysWhatIsMissing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := mustBuildWithWeb(t, map[string]*string{"app.wasm": nil, "app.wasm.br": nil, "app.wasm.gz": nil})
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
	cmd.Dir = t.TempDir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit %d (%v), want 1", code, err)
	}
	for _, want := range []string{"carries no app.wasm", "make build", "--web DIR"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	out, _ := exec.Command(bin, "version").Output()
	if !strings.Contains(string(out), "without app.wasm") {
		t.Errorf("fivecalls version does not say the wasm is missing:\n%s", out)
	}
}

// TestMetricsListenerAndDrain: with --metrics-addr the metrics leave the
// public listener; after SIGTERM /readyz says 503 on both listeners for the
// drain delay while readers are still served, then the process exits 0.
func TestMetricsListenerAndDrain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := mustBuildComplete(t)
	const drain = 3 * time.Second
	p := startServeWith(t, bin, t.TempDir(), []string{"FIVECALLS_DRAIN_DELAY=" + drain.String()},
		"--addr", "127.0.0.1:0", "--log-format", "json", "--metrics-addr", "127.0.0.1:0",
		"--db", "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
	if p.metricsURL == "" {
		t.Fatal("serve did not say where the metrics are")
	}
	if res, _ := httpGet(t, p.url+"/metrics"); res.StatusCode != http.StatusNotFound {
		t.Errorf("public /metrics = %d, want 404", res.StatusCode)
	}
	res, body := httpGet(t, p.metricsURL+"/metrics")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("metrics listener /metrics = %d", res.StatusCode)
	}
	for _, want := range []string{"\ngo_goroutines ", "\nprocess_resident_memory_bytes ", "\nfivecalls_build_info{", `route="/metrics",status="404"`} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", strings.TrimSpace(want))
		}
	}
	for _, u := range []string{p.url, p.metricsURL} {
		if res, body := httpGet(t, u+"/readyz"); res.StatusCode != http.StatusOK {
			t.Errorf("%s/readyz = %d %q before SIGTERM", u, res.StatusCode, body)
		}
	}

	sigterm := time.Now()
	p.signal(t, syscall.SIGTERM)
	deadline := sigterm.Add(drain - 500*time.Millisecond)
	var publicDraining, metricsDraining bool
	for time.Now().Before(deadline) && !(publicDraining && metricsDraining) {
		if res, _ := httpGet(t, p.url+"/readyz"); res.StatusCode == http.StatusServiceUnavailable {
			publicDraining = true
		}
		if res, _ := httpGet(t, p.metricsURL+"/readyz"); res.StatusCode == http.StatusServiceUnavailable {
			metricsDraining = true
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !publicDraining || !metricsDraining {
		t.Errorf("/readyz during the drain delay: 503 on the public listener %v, on the metrics listener %v", publicDraining, metricsDraining)
	}
	if time.Since(sigterm) < drain-500*time.Millisecond {
		if res, _ := httpGet(t, p.url+"/", "Accept-Encoding", "identity"); res.StatusCode != http.StatusOK {
			t.Errorf("GET / while draining = %d, want 200", res.StatusCode)
		}
	}
	code, err := p.wait(drain + shutdownTimeout + 5*time.Second)
	if err != nil || code != 0 {
		t.Fatalf("after SIGTERM: exit %d, %v", code, err)
	}
	if took := time.Since(sigterm); took < drain {
		t.Errorf("exited %v after SIGTERM, before the %v drain delay", took, drain)
	}
}
