package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/store"
	"fivecalls/app/story"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
)

// shutdownTimeout bounds how long in-flight requests may take to finish
// after SIGINT or SIGTERM.
const shutdownTimeout = 10 * time.Second

type serveFlags struct {
	addr         string
	storyPath    string
	logFormat    string
	db           string
	webDir       string
	embedOrigins string
	publicURL    string
	rateLimit    float64
	behindHTTPS  bool
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var f serveFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	fs.StringVar(&f.storyPath, "story", "", "story file to serve (default: the embedded story of 28 January 2017)")
	fs.StringVar(&f.logFormat, "log-format", "auto", "log format: auto (console on a terminal, JSON otherwise), json or console")
	fs.StringVar(&f.db, "db", "sqlite:./data/fivecalls.db", "where quiz answers are stored: sqlite:PATH (created on first run) or postgres://…")
	fs.StringVar(&f.webDir, "web", "web", "folder with app.wasm, the CSS and the icons (built by make build)")
	fs.StringVar(&f.embedOrigins, "embed-origins", "*", "space-separated origins allowed to frame /embed, or * for any")
	fs.StringVar(&f.publicURL, "public-url", "", "the address readers use, e.g. https://graphics.example.com/five-calls/ (default: http://localhost:PORT/)")
	fs.Float64Var(&f.rateLimit, "rate-limit", 10, "answers API requests per second per client (burst: twice that); 0 turns the limit off")
	fs.BoolVar(&f.behindHTTPS, "behind-https", false, "readers reach the server over HTTPS (directly or via a proxy): send Strict-Transport-Security")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: fivecalls serve [flags]\n\nServes the widget, its embed page and the quiz API until SIGINT or SIGTERM.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
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

func serve(ctx context.Context, logger zerolog.Logger, f serveFlags, stdout io.Writer) error {
	s := story.Default()
	if f.storyPath != "" {
		var err error
		if s, err = loadStoryFile(f.storyPath); err != nil {
			return fmt.Errorf("story %s: %w", f.storyPath, err)
		}
	}
	st, err := store.Open(ctx, f.db)
	if err != nil {
		return fmt.Errorf("open answers store: %w", err)
	}
	defer st.Close()

	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	public, err := publicURL(f.publicURL, ln.Addr())
	if err != nil {
		return err
	}
	h, err := server.New(logger, server.Config{
		Story:        s,
		WebDir:       f.webDir,
		Basemap:      server.BasemapMarkup(),
		EmbedOrigins: strings.Fields(f.embedOrigins),
		PublicURL:    public,
		RateLimit:    f.rateLimit,
		RateBurst:    int(2*f.rateLimit) + 1,
		BehindHTTPS:  f.behindHTTPS,
	}, st)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
	logger.Info().Str("addr", "http://"+ln.Addr().String()).Str("story", s.ID).Msg("serving")
	fmt.Fprintf(stdout, "Five Calls is serving %q on http://%s\n", s.Title, ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info().Msg("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// publicURL is --public-url, or http://localhost:PORT/ for a loopback
// listener (what a developer types), or http://ADDR/.
func publicURL(flagValue string, addr net.Addr) (*url.URL, error) {
	if flagValue != "" {
		u, err := url.Parse(flagValue)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--public-url %q is not an http(s) address", flagValue)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
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
