package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/store"
	"fivecalls/web"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
)

type serveFlags struct {
	addr            string
	storyPath       string
	storiesDir      string
	watch           bool
	logFormat       string
	db              string
	webDir          string
	embedOrigins    string
	publicURL       string
	siteName        string
	rateLimit       float64
	behindHTTPS     bool
	trustedProxies  string
	proxyHeader     string
	metricsAddr     string
	drainDelay      time.Duration
	shutdownTimeout time.Duration
	maxConns        int
	maxConnsPer     int
	minDownloadRate float64
}

// envPrefix starts the environment variable of every serve flag:
// --rate-limit is also FIVECALLS_RATE_LIMIT.
const envPrefix = "FIVECALLS_"

// envName is the environment variable that sets flag name.
func envName(name string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

const serveUsage = `Usage: fivecalls serve [flags]

Serves the widget, its embed page and the quiz API until SIGINT or SIGTERM:
one story at /, or with --stories DIR every story of a folder, each at /ID/.
SIGHUP reads the story files again; --watch does so whenever they change.

Every flag can also be set in the environment, as FIVECALLS_ and the flag's
name in capitals with _ for -, e.g. FIVECALLS_RATE_LIMIT=20; a flag given on
the command line wins. --db is also read from DATABASE_URL.

Flags:
`

const serveUsageFooter = `
PostgreSQL: keep the password out of --db, where ps shows it. Leave it out of
the URL and set PGPASSWORD, or name a password file (lines of
host:port:db:user:password, mode 0600) in PGPASSFILE (default ~/.pgpass), as
libpq does; PGHOST, PGUSER, PGDATABASE, PGSSLMODE and the other libpq
variables fill what the URL leaves out. FIVECALLS_DB or DATABASE_URL may hold
the whole URL instead.
`

// newServeFlagSet declares the flags of serve into f. nofile is the
// open-file limit, which sets the default connection cap.
func newServeFlagSet(f *serveFlags, nofile uint64, stderr io.Writer) *flag.FlagSet {
	set := flag.NewFlagSet("serve", flag.ContinueOnError)
	set.SetOutput(stderr)
	set.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	set.Var(&onceValue{p: &f.storyPath}, "story", "story file to serve at / (default: the embedded story of 28 January 2017); for several, use --stories")
	set.StringVar(&f.storiesDir, "stories", "", "serve every story file (*.json) of this folder, each at /ID/ (its story's id), with a list of them at /; a file with problems is reported and left out")
	set.BoolVar(&f.watch, "watch", false, "an author's preview: read the story files again when they change; open pages offer a reload and show the problems of a broken file, whose last good version stays (not for readers: no offline copy)")
	set.StringVar(&f.logFormat, "log-format", "auto", "log format: auto (console on a terminal, JSON otherwise), json or console")
	set.StringVar(&f.db, "db", "sqlite:./data/fivecalls.db", "where quiz answers are stored: sqlite:PATH (created on first run) or postgres://…")
	set.StringVar(&f.webDir, "web", "", "read the web files (app.wasm, CSS, scripts, icons) from this folder instead of the copy built into the binary, for development")
	set.StringVar(&f.embedOrigins, "embed-origins", "*", "space-separated origins allowed to frame the embeds, or * for any")
	set.StringVar(&f.siteName, "site-name", "", "who publishes the widget, for the home-screen name of the installed app, link previews and oEmbed (default: each story's own, messages.site-name, else \"Five Calls\")")
	set.StringVar(&f.publicURL, "public-url", "", "the address readers use, the root of a host, e.g. https://fivecalls.example.com/ (default: http://localhost:PORT/)")
	set.Float64Var(&f.rateLimit, "rate-limit", 10, "answers API requests per second per reader (burst: twice that); 0 turns the limit off")
	set.BoolVar(&f.behindHTTPS, "behind-https", false, "readers reach the server over HTTPS (directly or via a proxy): send Strict-Transport-Security")
	set.StringVar(&f.trustedProxies, "trusted-proxies", "", "reverse proxies (CIDR prefixes or addresses, comma-separated) whose --proxy-header names the reader, for the rate limit and the log")
	set.StringVar(&f.proxyHeader, "proxy-header", server.HeaderXForwardedFor, "the header the trusted proxies write: X-Forwarded-For or Forwarded (only that one is read)")
	set.StringVar(&f.metricsAddr, "metrics-addr", "", "serve /metrics, /healthz and /readyz on this address of their own (host:port); the public listener then answers 404 at /metrics")
	set.DurationVar(&f.drainDelay, "drain-delay", 0, "after SIGTERM, answer /readyz with 503 and keep serving this long before closing the listener, so load balancers stop sending readers first (e.g. 5s)")
	set.DurationVar(&f.shutdownTimeout, "shutdown-timeout", 10*time.Second, "after the drain delay, how long requests in flight may take to finish")
	set.IntVar(&f.maxConns, "max-conns", defaultMaxConns(nofile), "most connections open at once on the public listener; at the cap the longest idle one is closed to make room, and with none idle a new one gets 503; 0 turns the cap off (default: 4096, less under a low open-file limit)")
	set.IntVar(&f.maxConnsPer, "max-conns-per-client", 256, "most connections open at once from one address (IPv4, or IPv6 /64), past which a new one gets 429; connections from --trusted-proxies are not counted (limit readers at the proxy); 0 turns the cap off")
	set.Float64Var(&f.minDownloadRate, "min-download-rate", server.DefaultMinDownloadRate, "slowest average rate, in bytes per second, at which a reader may download the WebAssembly (after 10 s of grace) before the download is ended")
	set.Usage = func() {
		fmt.Fprint(stderr, serveUsage)
		printFlagsWithEnv(stderr, set)
		fmt.Fprint(stderr, serveUsageFooter)
	}
	return set
}

// printFlagsWithEnv prints the flags as flag.PrintDefaults does, with the
// environment variable of each.
func printFlagsWithEnv(w io.Writer, set *flag.FlagSet) {
	set.VisitAll(func(fl *flag.Flag) {
		typ, usage := flag.UnquoteUsage(fl)
		fmt.Fprintf(w, "  -%s", fl.Name)
		if typ != "" {
			fmt.Fprintf(w, " %s", typ)
		}
		fmt.Fprintf(w, "\n    \t%s", strings.ReplaceAll(usage, "\n", "\n    \t"))
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0s" {
			fmt.Fprintf(w, " (default %q)", fl.DefValue)
		}
		env := envName(fl.Name)
		if fl.Name == "db" {
			env += ", or DATABASE_URL"
		}
		fmt.Fprintf(w, "\n    \tenvironment: %s\n", env)
	})
}

// parseServeFlags reads the flags: first the environment, then args, which
// win.
func parseServeFlags(args []string, getenv func(string) string, stderr io.Writer) (serveFlags, error) {
	var f serveFlags
	set := newServeFlagSet(&f, openFileLimit(), stderr)
	var envErr error
	set.VisitAll(func(fl *flag.Flag) {
		name := envName(fl.Name)
		v := getenv(name)
		if v == "" && fl.Name == "db" {
			name, v = "DATABASE_URL", getenv("DATABASE_URL")
		}
		if v == "" || envErr != nil {
			return
		}
		if err := set.Set(fl.Name, v); err != nil {
			// The value is not repeated: it may be a DSN with a password.
			envErr = fmt.Errorf("environment variable %s: %v", name, err)
		}
	})
	if envErr != nil {
		fmt.Fprintf(stderr, "fivecalls serve: %v\n", envErr)
		return f, envErr
	}
	set.Lookup("story").Value.(*onceValue).given = false // the command line may name its own, once
	err := set.Parse(args)
	if err != nil {
		return f, err
	}
	if set.NArg() > 0 {
		fmt.Fprintf(stderr, "fivecalls serve: unexpected argument %q\n", set.Arg(0))
		set.Usage()
		return f, errors.New("unexpected argument")
	}
	switch {
	case f.maxConns < 0:
		err = errors.New("--max-conns must be 0 (no cap) or more")
	case f.maxConnsPer < 0:
		err = errors.New("--max-conns-per-client must be 0 (no cap) or more")
	case !(f.minDownloadRate > 0):
		err = errors.New("--min-download-rate must be more than 0 bytes per second")
	case f.publicURL != "":
		_, err = publicURL(f.publicURL, nil)
	}
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls serve: %v\n", err)
	}
	return f, err
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	f, err := parseServeFlags(args, getenv, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := checkStoryFlags(f); err != nil {
		fmt.Fprintf(stderr, "fivecalls serve: %v\n", err)
		return 2
	}
	logger, err := newLogger(f.logFormat, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "fivecalls serve: %v\n", err)
		return 2
	}
	if err := serve(ctx, logger, f, stdout); err != nil {
		logger.Error().Err(err).Msg("serve failed")
		return 1
	}
	return 0
}

// checkStoryFlags refuses flags that name the stories to tell in two
// ways, or watch what cannot change.
func checkStoryFlags(f serveFlags) error {
	switch {
	case f.storyPath != "" && f.storiesDir != "":
		return errors.New("--story and --stories both name what to serve: a folder's stories with --stories DIR, or one story at / with --story FILE")
	case f.watch && f.storyPath == "" && f.storiesDir == "":
		return errors.New("--watch reads story files again when they change: name them with --story FILE or --stories DIR (the embedded story never changes)")
	}
	return nil
}

// onceValue is a string flag given at most once: the flag package keeps the
// last of two silently, and two --story flags are a mistake, not a choice
// (several stories are --stories DIR).
type onceValue struct {
	p     *string
	given bool
}

func (v *onceValue) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	return *v.p
}

func (v *onceValue) Set(s string) error {
	if v.given {
		return fmt.Errorf("given twice (%q and %q); one server tells several stories with --stories DIR", *v.p, s)
	}
	*v.p, v.given = s, true
	return nil
}

func serve(ctx context.Context, logger zerolog.Logger, f serveFlags, stdout io.Writer) error {
	reader, files, err := storiesToServe(ctx, logger, f)
	if err != nil {
		return err
	}
	webFiles, err := openWeb(f.webDir)
	if err != nil {
		return err
	}
	trusted, err := server.ParsePrefixes(f.trustedProxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	st, err := store.Open(ctx, f.db)
	if err != nil {
		return fmt.Errorf("open answers store: %w", err)
	}
	defer st.Close()
	if l, ok := st.(interface{ SetLogger(zerolog.Logger) }); ok {
		l.SetLogger(logger) // its faults: a deleted file, a full disk
	}

	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	var metricsLn net.Listener
	if f.metricsAddr != "" {
		if metricsLn, err = net.Listen("tcp", f.metricsAddr); err != nil {
			return fmt.Errorf("--metrics-addr: %w", err)
		}
		defer metricsLn.Close()
	}
	public, err := publicURL(f.publicURL, ln.Addr())
	if err != nil {
		return err
	}
	cfg := server.Config{
		Several:         f.storiesDir != "",
		Watch:           f.watch,
		Web:             webFiles,
		EmbedOrigins:    strings.Fields(f.embedOrigins),
		PublicURL:       public,
		SiteName:        f.siteName,
		RateLimit:       f.rateLimit,
		RateBurst:       int(2*f.rateLimit) + 1,
		BehindHTTPS:     f.behindHTTPS,
		TrustedProxies:  trusted,
		ProxyHeader:     f.proxyHeader,
		SeparateMetrics: metricsLn != nil,
		Build:           server.ReadBuildInfo(),
		MinDownloadRate: f.minDownloadRate,
	}
	if cfg.Several {
		cfg.Stories = files
	} else {
		cfg.Story = files[0].Story
		cfg.StoryFile = files[0].Path
	}
	h, err := server.New(logger, cfg, st)
	if err != nil {
		return err
	}
	switch {
	case f.watch:
		wctx, stop := context.WithCancel(ctx)
		defer stop()
		go watchStories(wctx, logger, reader, files, h)
	case reader != nil:
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		hctx, stop := context.WithCancel(ctx)
		defer stop()
		go rereadOnSignal(hctx, logger, reader, files, h, hup)
	}
	limited := h.LimitConnections(ln, server.ConnLimits{Max: f.maxConns, PerClient: f.maxConnsPer})
	errorLog := server.NewHTTPErrorLog(logger)
	publicSrv := newHTTPServer(h, errorLog)
	publicSrv.ConnState = limited.ConnState
	publicSrv.ConnContext = limited.ConnContext
	servers := []*http.Server{publicSrv}
	listeners := []net.Listener{limited}
	ev := logger.Info().Str("addr", "http://"+ln.Addr().String()).Bool("watch", f.watch).
		Int("max_conns", f.maxConns).Int("max_conns_per_client", f.maxConnsPer).Uint64("open_file_limit", openFileLimit())
	if metricsLn != nil {
		servers = append(servers, newHTTPServer(h.AdminHandler(), errorLog))
		listeners = append(listeners, metricsLn)
		ev = ev.Str("metrics_addr", "http://"+metricsLn.Addr().String())
		// Before the serving line, which tells scripts the server is up.
		fmt.Fprintf(stdout, "Metrics, /healthz and /readyz are served on http://%s\n", metricsLn.Addr())
	}
	if cfg.Several {
		ev = ev.Str("stories", f.storiesDir).Int("stories_told", told(files))
	} else {
		ev = ev.Str("story", cfg.Story.ID)
	}
	ev.Msg("serving")
	if cfg.Several {
		stories := "stories"
		if told(files) == 1 {
			stories = "story"
		}
		fmt.Fprintf(stdout, "fivecalls is serving %d %s from %s on http://%s\n", told(files), stories, f.storiesDir, ln.Addr())
		for _, file := range files {
			if file.Story != nil {
				fmt.Fprintf(stdout, "  %s/  %s\n", public.JoinPath(file.Story.ID), file.Story.Title)
			}
		}
	} else {
		fmt.Fprintf(stdout, "fivecalls is serving %q on http://%s\n", cfg.Story.Title, ln.Addr())
	}

	errc := make(chan error, len(servers))
	for i, srv := range servers {
		go func() { errc <- srv.Serve(listeners[i]) }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Not ready from now on; keep serving while load balancers notice.
	h.Drain()
	if f.drainDelay > 0 {
		logger.Info().Float64("drain_delay_ms", float64(f.drainDelay.Milliseconds())).Msg("draining")
		select {
		case <-time.After(f.drainDelay):
		case err := <-errc:
			return err
		}
	}
	logger.Info().Msg("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), f.shutdownTimeout)
	defer cancel()
	// The public listener first: the metrics listener answers /readyz
	// (503) until the readers' requests are done.
	for _, srv := range servers {
		if err := srv.Shutdown(sctx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
	}
	return nil
}

// newHTTPServer sets the timeouts every listener needs against slow
// clients (the WebAssembly's download paces itself: --min-download-rate),
// and logs net/http's own errors as JSON.
func newHTTPServer(h http.Handler, errorLog *log.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          errorLog,
	}
}

// webNeeds are the built files a page cannot start without; git has the
// others.
var webNeeds = []string{"app.wasm", "wasm_exec.js"}

// openWeb returns the web files: the folder dir when given (--web), else
// the copy built into the binary. It fails, naming what is missing, when
// the built files are not there.
func openWeb(dir string) (fs.FS, error) {
	var files fs.FS = web.Files()
	if dir != "" {
		files = os.DirFS(dir)
	}
	var missing []string
	for _, name := range webNeeds {
		if _, err := fs.Stat(files, name); err != nil {
			missing = append(missing, name)
		}
	}
	switch {
	case len(missing) == 0:
		return files, nil
	case dir != "":
		return nil, fmt.Errorf("--web %s has no %s: run make build, or name a built web folder", dir, strings.Join(missing, " or "))
	default:
		return nil, fmt.Errorf("this fivecalls binary carries no %s: it was built before them. "+
			"Build it with make build (which builds web/ first, then the binary), or pass --web DIR naming a built web folder",
			strings.Join(missing, " or "))
	}
}

// publicURL is --public-url, or (when it is not given) http://localhost:PORT/
// for a loopback listener (what a developer types), or http://ADDR/.
func publicURL(flagValue string, addr net.Addr) (*url.URL, error) {
	if flagValue != "" {
		u, err := url.Parse(flagValue)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--public-url %q is not an http(s) address", flagValue)
		}
		if u.Path != "" && u.Path != "/" {
			// The pages name their files from / (/web/app.css, /state.css):
			// behind a proxy at a sub-path they would not load.
			return nil, fmt.Errorf("--public-url %q has a path, %s: the server's pages name their files from /, so serve it at the root of a host (such as https://fivecalls.example.com/); to host the widget under a path, export it as static files (fivecalls export DIR --base-path %s)", flagValue, u.Path, u.Path)
		}
		u.Path = "/"
		return u, nil
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		host = "localhost"
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port), Path: "/"}, nil
}

// newLogger builds the one logger of the process: readable on a terminal,
// JSON for log collectors.
func newLogger(format string, w io.Writer) (zerolog.Logger, error) {
	zerolog.TimeFieldFormat = time.RFC3339Nano
	switch format {
	case "json":
	case "console":
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
	case "auto":
		if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
			w = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
		}
	default:
		return zerolog.Logger{}, fmt.Errorf("unknown --log-format %q (want auto, json or console)", format)
	}
	return zerolog.New(w).With().Timestamp().Logger(), nil
}
