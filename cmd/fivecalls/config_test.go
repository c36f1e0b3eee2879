package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"fivecalls/app/store"
	"fivecalls/app/store/postgres/pgtest"
)

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// TestServeFlagsReadTheEnvironment: every flag has its variable, and a flag
// on the command line wins over it.
func TestServeFlagsReadTheEnvironment(t *testing.T) {
	env := map[string]string{
		"FIVECALLS_ADDR":                 "0.0.0.0:9000",
		"FIVECALLS_STORY":                "/srv/story.json",
		"FIVECALLS_STORIES":              "/srv/stories",
		"FIVECALLS_WATCH":                "true",
		"FIVECALLS_LOG_FORMAT":           "json",
		"FIVECALLS_DB":                   "postgres://fivecalls@db/fivecalls",
		"DATABASE_URL":                   "postgres://ignored@elsewhere/x",
		"FIVECALLS_WEB":                  "/srv/web",
		"FIVECALLS_EMBED_ORIGINS":        "https://news.example.com",
		"FIVECALLS_PUBLIC_URL":           "https://fivecalls.example.com/",
		"FIVECALLS_SITE_NAME":            "Example Graphics",
		"FIVECALLS_RATE_LIMIT":           "25",
		"FIVECALLS_BEHIND_HTTPS":         "true",
		"FIVECALLS_TRUSTED_PROXIES":      "10.0.0.0/8,127.0.0.1",
		"FIVECALLS_PROXY_HEADER":         "Forwarded",
		"FIVECALLS_METRICS_ADDR":         "127.0.0.1:9100",
		"FIVECALLS_DRAIN_DELAY":          "5s",
		"FIVECALLS_SHUTDOWN_TIMEOUT":     "20s",
		"FIVECALLS_MAX_CONNS":            "1000",
		"FIVECALLS_MAX_CONNS_PER_CLIENT": "50",
		"FIVECALLS_MIN_DOWNLOAD_RATE":    "8192",
	}
	f, err := parseServeFlags(nil, envOf(env), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	want := serveFlags{
		addr: "0.0.0.0:9000", storyPath: "/srv/story.json", storiesDir: "/srv/stories", watch: true, logFormat: "json", db: "postgres://fivecalls@db/fivecalls",
		webDir: "/srv/web", embedOrigins: "https://news.example.com", publicURL: "https://fivecalls.example.com/", siteName: "Example Graphics",
		rateLimit: 25, behindHTTPS: true, trustedProxies: "10.0.0.0/8,127.0.0.1", proxyHeader: "Forwarded",
		metricsAddr: "127.0.0.1:9100", drainDelay: 5 * time.Second, shutdownTimeout: 20 * time.Second,
		maxConns: 1000, maxConnsPer: 50, minDownloadRate: 8192,
	}
	if f != want {
		t.Errorf("from the environment:\n got %+v\nwant %+v", f, want)
	}
	// Every flag is covered above, so a new flag without a test fails here.
	var f2 serveFlags
	newServeFlagSet(&f2, 0, &bytes.Buffer{}).VisitAll(func(fl *flag.Flag) {
		if _, ok := env[envName(fl.Name)]; !ok {
			t.Errorf("flag --%s: its variable %s is not tested", fl.Name, envName(fl.Name))
		}
	})

	f, err = parseServeFlags([]string{"--addr", "127.0.0.1:0", "--rate-limit", "0", "--behind-https=false", "--db", "sqlite:x.db"}, envOf(env), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if f.addr != "127.0.0.1:0" || f.rateLimit != 0 || f.behindHTTPS || f.db != "sqlite:x.db" || f.metricsAddr != "127.0.0.1:9100" {
		t.Errorf("flags did not win over the environment: %+v", f)
	}
}

func TestServeDatabaseURL(t *testing.T) {
	f, err := parseServeFlags(nil, envOf(map[string]string{"DATABASE_URL": "postgres://app@db/app"}), &bytes.Buffer{})
	if err != nil || f.db != "postgres://app@db/app" {
		t.Errorf("DATABASE_URL alone: db %q, %v", f.db, err)
	}
	f, err = parseServeFlags(nil, envOf(nil), &bytes.Buffer{})
	if err != nil || f.db != "sqlite:./data/fivecalls.db" || f.addr != "127.0.0.1:8080" {
		t.Errorf("no environment: %+v, %v", f, err)
	}
}

func TestServeRefusesBadEnvironment(t *testing.T) {
	var stderr bytes.Buffer
	_, err := parseServeFlags(nil, envOf(map[string]string{"FIVECALLS_RATE_LIMIT": "lots-s3cret"}), &stderr)
	if err == nil || !strings.Contains(stderr.String(), "FIVECALLS_RATE_LIMIT") || strings.Contains(stderr.String(), "s3cret") {
		t.Errorf("bad FIVECALLS_RATE_LIMIT: %v, stderr %q: want the variable named, its value not repeated", err, stderr.String())
	}
	// A public address under a path: the pages' files, named from /,
	// would not load behind a proxy at /five-calls/.
	for _, u := range []string{"https://graphics.example.com/five-calls/", "https://graphics.example.com/five-calls"} {
		var errOut strings.Builder
		_, err := parseServeFlags([]string{"--public-url", u}, envOf(nil), &errOut)
		if err == nil || !strings.Contains(errOut.String(), "has a path, /five-calls") || !strings.Contains(errOut.String(), "export DIR --base-path /five-calls") {
			t.Errorf("serve --public-url %s: %v, %q: want it refused, with the static export offered", u, err, errOut.String())
		}
	}
	for _, u := range []string{"https://fivecalls.example.com/", "https://fivecalls.example.com"} {
		if _, err := parseServeFlags([]string{"--public-url", u}, envOf(nil), io.Discard); err != nil {
			t.Errorf("serve --public-url %s: %v", u, err)
		}
	}
	code, _, errOut := runArgs(t, "serve", "stray")
	if code != 2 || !strings.Contains(errOut, `unexpected argument "stray"`) {
		t.Errorf("serve stray: exit %d, %q", code, errOut)
	}
}

func TestServeHelpListsTheEnvironment(t *testing.T) {
	code, _, help := runArgs(t, "serve", "-h")
	if code != 0 {
		t.Fatalf("serve -h: exit %d", code)
	}
	var f serveFlags
	newServeFlagSet(&f, 0, &bytes.Buffer{}).VisitAll(func(fl *flag.Flag) {
		if !strings.Contains(help, "-"+fl.Name) || !strings.Contains(help, envName(fl.Name)) {
			t.Errorf("serve -h lacks --%s or %s", fl.Name, envName(fl.Name))
		}
	})
	for _, want := range []string{"DATABASE_URL", "PGPASSWORD", "PGPASSFILE"} {
		if !strings.Contains(help, want) {
			t.Errorf("serve -h lacks %s", want)
		}
	}
}

// TestServeInProcessFromTheEnvironment: run reads the environment through
// getenv, and the server comes up where it says.
func TestServeInProcessFromTheEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env", "answers.db")
	env := envOf(map[string]string{
		"FIVECALLS_ADDR":       "127.0.0.1:0",
		"FIVECALLS_DB":         "sqlite:" + db,
		"FIVECALLS_WEB":        mustServeWebDir(t),
		"FIVECALLS_LOG_FORMAT": "json",
	})
	ctx, cancel := context.WithCancel(t.Context())
	stdout := &lineWatcher{}
	addrc := make(chan string, 1)
	stdout.onLine = func(line string) {
		if m := servingLine.FindStringSubmatch(line); m != nil {
			addrc <- m[1]
		}
	}
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- run(ctx, []string{"serve"}, env, stdout, &syncWriter{w: &stderr}) }()
	select {
	case addr := <-addrc:
		if res, err := http.Get("http://" + addr + "/healthz"); err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("GET /healthz: %v", err)
		}
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not listen within 30 s")
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d after cancel", code)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("FIVECALLS_DB was not used: %v", err)
	}
}

// syncWriter serializes writes from the server's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// freshDatabase creates an empty PostgreSQL database next to the one in
// FIVECALLS_TEST_POSTGRES and returns the admin connection's DSN and the new
// database's DSN without its password. The database is dropped at the end.
func freshDatabase(t *testing.T) (admin *pgx.Conn, dsn *url.URL, password string) {
	t.Helper()
	pgtest.DSN(t) // skips, or fails under CI=true, without PostgreSQL
	base, err := url.Parse(os.Getenv(pgtest.Env))
	if err != nil || base.Scheme == "" {
		t.Fatalf("%s must be a postgres:// URL for this test", pgtest.Env)
	}
	ctx := t.Context()
	admin, err = pgx.Connect(ctx, base.String())
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("fivecalls_ready_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close(ctx)
		t.Fatalf("create database (the test user needs CREATEDB): %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close(ctx)
	})
	password, _ = base.User.Password()
	u := *base
	u.User = url.User(base.User.Username())
	u.Path = "/" + name
	return admin, &u, password
}

// TestReadyzFailsWhenTheDatabaseIsGone, with the password from PGPASSWORD,
// as the README advises.
func TestReadyzFailsWhenTheDatabaseIsGone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	admin, dsn, password := freshDatabase(t)
	bin := mustBuildComplete(t)
	p := startServeWith(t, bin, t.TempDir(), []string{"PGPASSWORD=" + password},
		"--addr", "127.0.0.1:0", "--log-format", "json", "--db", dsn.String())
	if _, ok := dsn.User.Password(); ok {
		t.Fatal("the password is on the command line")
	}
	if res, body := httpGet(t, p.url+"/readyz"); res.StatusCode != http.StatusOK {
		t.Fatalf("/readyz = %d %q with the database up", res.StatusCode, body)
	}
	if _, err := admin.Exec(t.Context(), "DROP DATABASE "+strings.TrimPrefix(dsn.Path, "/")+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	var last int
	for start := time.Now(); time.Since(start) < 15*time.Second; time.Sleep(100 * time.Millisecond) {
		res, _ := httpGet(t, p.url+"/readyz")
		if last = res.StatusCode; last == http.StatusServiceUnavailable {
			break
		}
	}
	if last != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with the database dropped, want 503", last)
	}
	if res, _ := httpGet(t, p.url+"/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz = %d: liveness must not follow the database", res.StatusCode)
	}
	if !strings.Contains(p.logs.String(), `"message":"not ready"`) {
		t.Errorf("no log line says the server is not ready:\n%s", p.logs.String())
	}
}

// TestPostgresPasswordFromPGPASSFILE: the store finds the password in the
// file PGPASSFILE names, as libpq would.
func TestPostgresPasswordFromPGPASSFILE(t *testing.T) {
	_, dsn, password := freshDatabase(t)
	if password == "" {
		t.Skipf("%s has no password to move into a file", pgtest.Env)
	}
	passfile := filepath.Join(t.TempDir(), "pgpass")
	port := dsn.Port()
	if port == "" {
		port = "5432"
	}
	line := fmt.Sprintf("%s:%s:*:%s:%s\n", dsn.Hostname(), port, dsn.User.Username(), password)
	if err := os.WriteFile(passfile, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSWORD", "")
	os.Unsetenv("PGPASSWORD")
	t.Setenv("PGPASSFILE", passfile)
	st, err := store.Open(t.Context(), dsn.String())
	if err != nil {
		t.Fatalf("open with the password in PGPASSFILE: %v", err)
	}
	st.Close()

	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	if st, err := store.Open(t.Context(), dsn.String()); err == nil {
		st.Close()
		t.Error("opened without any password: the test proves nothing on this server (trust authentication?)")
	}
}

// TestConnectionCapDefaults: the cap stays under the open-file limit, with
// room for the database and files, and bad values are refused.
func TestConnectionCapDefaults(t *testing.T) {
	for _, tt := range []struct {
		nofile uint64
		want   int
	}{{0, 4096}, {1024, 768}, {20000, 4096}, {4200, 3944}, {256, 128}, {1 << 20, 4096}} {
		if got := defaultMaxConns(tt.nofile); got != tt.want {
			t.Errorf("defaultMaxConns(%d) = %d, want %d", tt.nofile, got, tt.want)
		}
	}
	if n := openFileLimit(); runtime.GOOS == "linux" && n == 0 {
		t.Error("openFileLimit() = 0 on Linux")
	}
	for _, args := range [][]string{{"--max-conns", "-1"}, {"--max-conns-per-client", "-5"}, {"--min-download-rate", "0"}} {
		var stderr bytes.Buffer
		if _, err := parseServeFlags(args, envOf(nil), &stderr); err == nil || !strings.Contains(stderr.String(), args[0]) {
			t.Errorf("%v: err %v, stderr %q; want it refused, naming the flag", args, err, stderr.String())
		}
	}
}
