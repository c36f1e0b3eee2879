package server_test

// A forged Host header changes nothing. go-app v9's ProxyResources would GET
// http://<request Host>/web/robots.txt and cache the first answer for
// everyone (a cache poisoning and a small SSRF); the server serves
// /robots.txt itself and never lets a request reach go-app's Handler. These
// tests send forged Host (and forwarding) headers first, then normal
// requests, and watch a second loopback server that would receive any
// request the widget made to the forged host.

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

const ourRobots = "User-agent: *\nDisallow: /api/\n"

// poisonServer is a loopback server that serves a poisoned robots.txt,
// sitemap and ads.txt at every path, and counts the requests it gets.
func poisonServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	ps := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nDisallow: /\n# POISONED\n")
	}))
	t.Cleanup(ps.Close)
	return ps, &hits
}

// hostServer serves the default story with the configuration changed by
// configure, with no store (pages, files and oEmbed only).
func hostServer(t *testing.T, configure func(*server.Config)) *httptest.Server {
	t.Helper()
	cfg := server.Config{Story: story.Default(), WebDir: mustWebDir(t)}
	if configure != nil {
		configure(&cfg)
	}
	h, err := server.New(zerolog.Nop(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// getWithHost sends GET path to the server with the Host header (and any
// extra headers) given; it returns the status and body.
func getWithHost(t *testing.T, base, path, host string, extra map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range extra {
		req.Header.Set(k, v)
	}
	client := &http.Client{
		Timeout: 10 * time.Second,
		// A redirect is an answer to check, not to follow (it might point at the forged host).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", path, host, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(b)
}

// forgedHeaders are forwarding headers a proxy-trusting server would use
// to build absolute URLs.
func forgedHeaders(host string) map[string]string {
	return map[string]string{
		"X-Forwarded-Host":  host,
		"X-Forwarded-Proto": "https",
		"Forwarded":         "host=" + host + ";proto=https",
		"X-Original-Host":   host,
	}
}

// TestForgedHostCannotPoisonRobotsTxt: the very first requests carry forged
// Hosts (a made-up name, and another loopback server that serves a
// poisoned robots.txt). Nothing reaches that server, /robots.txt stays ours
// for every later reader, and /sitemap.xml and /ads.txt are not proxied.
func TestForgedHostCannotPoisonRobotsTxt(t *testing.T) {
	ps, hits := poisonServer(t)
	ts := hostServer(t, nil)
	poisonHost := strings.TrimPrefix(ps.URL, "http://")
	paths := []string{"/robots.txt", "/sitemap.xml", "/ads.txt", "/web/robots.txt", "/web/sitemap.xml", "/web/ads.txt",
		"/", "/embed", "/manifest.webmanifest", "/state.css", "/radio-steps.css", "/app-worker.js", "/web/page.js", "/wasm_exec.js", "/story.json",
		"/oembed?url=" + url.QueryEscape("http://"+poisonHost+"/embed")}
	for _, host := range []string{poisonHost, "evil.example", "evil.example:80", fmt.Sprintf("localhost:%d", ps.Listener.Addr().(*net.TCPAddr).Port)} {
		for _, p := range paths {
			status, _, body := getWithHost(t, ts.URL, p, host, forgedHeaders(host))
			if strings.Contains(body, "POISONED") {
				t.Errorf("GET %s with Host %s answered the other server's content", p, host)
			}
			switch p {
			case "/robots.txt":
				if status != http.StatusOK || body != ourRobots {
					t.Errorf("GET /robots.txt with Host %s = %d %q, want ours", host, status, body)
				}
			case "/sitemap.xml", "/ads.txt", "/web/robots.txt", "/web/sitemap.xml", "/web/ads.txt":
				if status != http.StatusNotFound {
					t.Errorf("GET %s with Host %s = %d, want 404 (not proxied)", p, host, status)
				}
			}
		}
	}
	// Concurrent forged requests, in case a proxy cache is filled lazily.
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, ts.URL+[]string{"/robots.txt", "/sitemap.xml", "/ads.txt"}[i%3], nil)
			req.Host = poisonHost
			if res, err := http.DefaultClient.Do(req); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}()
	}
	wg.Wait()

	// Later, ordinary readers and crawlers get our robots.txt.
	for range 3 {
		status, _, body := getWithHost(t, ts.URL, "/robots.txt", "", nil)
		if status != http.StatusOK || body != ourRobots {
			t.Errorf("after forged requests, GET /robots.txt = %d %q, want ours", status, body)
		}
		for _, p := range []string{"/sitemap.xml", "/ads.txt"} {
			if status, _, body := getWithHost(t, ts.URL, p, "", nil); status != http.StatusNotFound || strings.Contains(body, "POISONED") {
				t.Errorf("after forged requests, GET %s = %d %q, want 404", p, status, body)
			}
		}
	}
	time.Sleep(100 * time.Millisecond) // a background fetch would have arrived by now
	if n := hits.Load(); n != 0 {
		t.Errorf("the widget server made %d requests to the forged host", n)
	}
}

// ogURLTag matches an og:url meta tag as the server writes it.
var ogURLTag = regexp.MustCompile(`<meta property="og:url" content="([^"]*)">`)

// TestForgedHostIsNotInPages: pages are rendered once and cached, so a
// forged Host on the first request would reach every later reader if the
// page used it (go-app's og:url does). Neither the Host nor forwarding
// headers appear in any page or generated file.
func TestForgedHostIsNotInPages(t *testing.T) {
	for _, public := range []string{"", "https://news.example/five-calls/"} {
		t.Run("public="+public, func(t *testing.T) {
			ts := hostServer(t, func(c *server.Config) {
				if public != "" {
					c.PublicURL, _ = url.Parse(public)
				}
			})
			const forged = "evil.example"
			paths := []string{"/", "/embed", "/?call=2", "/?embed=1", "/embed?theme=dark&call=3",
				"/manifest.webmanifest", "/state.css", "/app-worker.js", "/story.json", "/thumbnail.svg", "/preview.png?call=2"}
			for _, p := range paths {
				// First request for the variant: forged; second: honest.
				for _, host := range []string{forged + ":8080", ""} {
					status, h, body := getWithHost(t, ts.URL, p, host, forgedHeaders(forged))
					if status != http.StatusOK {
						t.Errorf("GET %s (Host %q) = %d", p, host, status)
					}
					if strings.Contains(body, forged) {
						i := strings.Index(body, forged)
						t.Errorf("GET %s (Host %q): the body names the forged host: …%s…", p, host, body[max(0, i-80):min(len(body), i+40)])
					}
					for k, vs := range h {
						for _, v := range vs {
							if strings.Contains(v, forged) {
								t.Errorf("GET %s (Host %q): header %s: %s names the forged host", p, host, k, v)
							}
						}
					}
					if strings.HasSuffix(p, ".webmanifest") || strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".svg") || strings.Contains(p, ".png") {
						continue
					}
					// go-app's own og:url comes from the request's Host; the
					// server's comes from the public URL, and only with one.
					for _, m := range ogURLTag.FindAllStringSubmatch(body, -1) {
						if public == "" || !strings.HasPrefix(html.UnescapeString(m[1]), public) {
							t.Errorf("GET %s: og:url %q is not under the public URL %q", p, m[1], public)
						}
					}
				}
			}
		})
	}
}

// TestOEmbedIgnoresForgedHostWithPublicURL: with a PublicURL, oEmbed
// answers only URLs under it, whatever Host the request names, and never
// echoes the forged host.
func TestOEmbedIgnoresForgedHostWithPublicURL(t *testing.T) {
	public, _ := url.Parse("https://news.example/five-calls/")
	ts := hostServer(t, func(c *server.Config) { c.PublicURL = public })
	const forged = "evil.example"
	for _, tc := range []struct {
		target string
		want   int
	}{
		{"http://evil.example/embed", http.StatusNotFound},
		{"https://evil.example/embed", http.StatusNotFound},
		{"https://evil.example/five-calls/embed", http.StatusNotFound},
		{"http://evil.example/five-calls/", http.StatusNotFound},
		{"https://news.example.evil.example/five-calls/embed", http.StatusNotFound},
		{"https://news.example@evil.example/five-calls/embed", http.StatusNotFound},
		{"https://evil.example/five-calls/embed?u=https://news.example/five-calls/", http.StatusNotFound},
		{"https://news.example/five-calls/embed", http.StatusOK},
		{"https://news.example/five-calls/?call=2", http.StatusOK},
	} {
		for _, host := range []string{forged, forged + ":443", "news.example"} {
			status, _, body := getWithHost(t, ts.URL, "/oembed?url="+url.QueryEscape(tc.target), host, forgedHeaders(forged))
			if status != tc.want {
				t.Errorf("oEmbed for %s with Host %s = %d, want %d", tc.target, host, status, tc.want)
			}
			if strings.Contains(body, forged) {
				t.Errorf("oEmbed for %s with Host %s echoes the forged host: %s", tc.target, host, clipForLog(body))
			}
			if status == http.StatusOK && !strings.Contains(body, `https://news.example/five-calls/embed`) {
				t.Errorf("oEmbed for %s does not point at the public URL: %s", tc.target, clipForLog(body))
			}
		}
	}
}

// TestRawForgedHostRequests sends requests a client library would refuse:
// a Host with a path, with CRLF-looking bytes, absolute-form request
// targets naming another host, and two Host headers. The server answers
// each without using the host, and stays up.
func TestRawForgedHostRequests(t *testing.T) {
	ps, hits := poisonServer(t)
	ts := hostServer(t, nil)
	poisonHost := strings.TrimPrefix(ps.URL, "http://")
	for _, raw := range []string{
		"GET /robots.txt HTTP/1.1\r\nHost: " + poisonHost + "/web\r\nConnection: close\r\n\r\n",
		"GET http://" + poisonHost + "/robots.txt HTTP/1.1\r\nHost: " + poisonHost + "\r\nConnection: close\r\n\r\n",
		"GET http://" + poisonHost + "/sitemap.xml HTTP/1.1\r\nHost: " + poisonHost + "\r\nConnection: close\r\n\r\n",
		"GET /robots.txt HTTP/1.1\r\nHost: a\r\nHost: " + poisonHost + "\r\nConnection: close\r\n\r\n",
		"GET /robots.txt HTTP/1.0\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
	} {
		status, body := rawExchange(t, ts.Listener.Addr().String(), raw)
		if strings.Contains(body, "POISONED") || strings.Contains(body, "evil.example") {
			t.Errorf("%q: the response carries the forged host's content or name", raw)
		}
		if strings.HasPrefix(raw, "GET /robots.txt") || strings.Contains(raw, "/robots.txt HTTP/1.1\r\nHost: "+poisonHost+"\r\n") {
			if status == http.StatusOK && !strings.HasSuffix(body, ourRobots) {
				t.Errorf("%q: 200 with a robots.txt that is not ours: %q", raw, body)
			}
		}
	}
	if status, _, body := getWithHost(t, ts.URL, "/robots.txt", "", nil); status != 200 || body != ourRobots {
		t.Errorf("after raw forged requests, /robots.txt = %d %q", status, body)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the widget server made %d requests to the forged host", n)
	}
}

// rawExchange writes a raw request and returns the first response's status
// and the whole response text (0 if the server closed without answering).
func rawExchange(t *testing.T, addr, raw string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(conn)
	var status int
	fmt.Sscanf(string(b), "HTTP/1.1 %d", &status)
	if status == 0 {
		fmt.Sscanf(string(b), "HTTP/1.0 %d", &status)
	}
	return status, string(b)
}

// The tests below are the security review's other findings about how the
// server answers hostile requests.

// TestPageCacheIsBoundedByTheStory: pageKey keeps only call (1–99), theme
// and embed from the query, but every call number from 1 to 99 is its own
// cache entry even when the story has five calls: the page for ?call=6 …
// ?call=99 is the last call's page again. With themes, embed and both
// paths that is 1,200 entries of ~130 KB plus gzip, about 230 MB of heap
// that one client can pin in twenty seconds of unauthenticated GETs (pages
// are not rate limited). Out-of-range calls must share the in-range entry.
func TestPageCacheIsBoundedByTheStory(t *testing.T) {
	ts := hostServer(t, nil)
	calls := len(story.Default().Calls)
	etags := map[string][]int{}
	for c := 0; c <= 99; c++ {
		status, h, _ := getWithHost(t, ts.URL, fmt.Sprintf("/?call=%d", c), "", nil)
		if status != http.StatusOK {
			t.Fatalf("GET /?call=%d = %d", c, status)
		}
		etags[h.Get("ETag")] = append(etags[h.Get("ETag")], c)
	}
	if len(etags) > calls+1 {
		t.Errorf("GET /?call=0…99 made %d distinct cached pages for a story of %d calls (want at most %d): "+
			"every out-of-range call number pins another ~130 KB page in memory "+
			"(fix: in pageKey, keep call only when 1 <= call <= len(story.Calls), or clamp it as the page does)",
			len(etags), calls, calls+1)
	}
}

// TestNoOpenRedirect: paths that ServeMux cleans (double slashes,
// backslashes, dot segments) are redirected, if at all, to a path on this
// site, never to another host.
func TestNoOpenRedirect(t *testing.T) {
	ts := hostServer(t, nil)
	for _, target := range []string{
		"//evil.example", "//evil.example/", "///evil.example/", "/\\evil.example", "/%2F%2Fevil.example",
		"/web/..//evil.example", "/./evil.example", "/embed/../..//evil.example", "/web", "/web/../embed",
		"//evil.example/%2e%2e", "/%5Cevil.example", "/\\/evil.example/", "/oembed?url=//evil.example",
		"/?call=1&redirect=https://evil.example", "/embed?next=//evil.example",
	} {
		status, _, loc := rawRequest(t, ts.Listener.Addr().String(), "GET "+target+" HTTP/1.1\r\nHost: widget.example\r\nConnection: close\r\n\r\n")
		if status >= 300 && status < 400 {
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
				t.Errorf("GET %s = %d, Location %q leaves the site", target, status, loc)
			}
			if u, err := url.Parse(loc); err != nil || u.Host != "" {
				t.Errorf("GET %s = %d, Location %q names a host", target, status, loc)
			}
		}
	}
}

// rawRequest writes a raw request and returns the status and Location.
func rawRequest(t *testing.T, addr, raw string) (int, string, string) {
	t.Helper()
	status, text := rawExchange(t, addr, raw)
	var loc string
	for _, line := range strings.Split(text, "\r\n") {
		if l, ok := strings.CutPrefix(line, "Location: "); ok {
			loc = l
		}
		if line == "" {
			break
		}
	}
	return status, text, loc
}

// TestQueryAndHeadersAreNotReflected: nothing from the query string or the
// request headers ends up in a response header (no header injection, no
// cookie set), and no response allows credentialed cross-origin reads.
func TestQueryAndHeadersAreNotReflected(t *testing.T) {
	ts := hostServer(t, nil)
	const marker = "zq7marker"
	paths := []string{"/", "/embed", "/robots.txt", "/story.json", "/healthz", "/oembed", "/thumbnail.svg", "/preview.png",
		"/api/stats", "/api/answers", "/web/app.css", "/web/app.wasm", "/state.css", "/nope"}
	for _, p := range paths {
		q := "?call=1%0d%0aSet-Cookie:%20" + marker + "=1&theme=" + marker + "%0d%0aX-" + marker + ":1&url=http://" + marker + ".example/&story=" + marker
		req, _ := http.NewRequest(http.MethodGet, ts.URL+p+q, nil)
		req.Header.Set("Origin", "https://"+marker+".example")
		req.Header.Set("X-Request-Id", marker)
		req.Header.Set("Referer", "https://"+marker+".example/")
		req.Header.Set("Cookie", "session="+marker)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		for k, vs := range res.Header {
			for _, v := range vs {
				if strings.Contains(strings.ToLower(k+v), marker) {
					t.Errorf("GET %s: response header %s: %s reflects the request", p, k, v)
				}
			}
		}
		if res.Header.Get("Set-Cookie") != "" {
			t.Errorf("GET %s sets a cookie", p)
		}
		if res.Header.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("GET %s allows credentialed cross-origin reads", p)
		}
		if o := res.Header.Get("Access-Control-Allow-Origin"); o != "" && o != "*" {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q echoes the origin", p, o)
		}
	}
	// A preflight from any origin is answered without credentials and with
	// only the one request header the API needs.
	req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/api/answers", nil)
	req.Header.Set("Origin", "https://"+marker+".example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type, authorization, x-"+marker)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Access-Control-Allow-Credentials") != "" || res.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.EqualFold(res.Header.Get("Access-Control-Allow-Headers"), "Content-Type") {
		t.Errorf("preflight: %v", res.Header)
	}
}

// TestPipelinedRequestsStayFramed: the precompressed wasm handler and the
// cached files answer HEAD with the body's length but no body, ignore
// request bodies, and keep a keep-alive connection in step, so nothing
// sent in a body is ever taken as a request (no smuggling), and the
// ambiguous Content-Length + Transfer-Encoding form is refused.
func TestPipelinedRequestsStayFramed(t *testing.T) {
	dir := mustWebDir(t)
	// A wasm with real precompressed forms.
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	raw := []byte(strings.Repeat("\x00asm wasm body ", 4096))
	must(os.WriteFile(filepath.Join(dir, "app.wasm"), raw, 0o644))
	must(os.WriteFile(filepath.Join(dir, "app.wasm.br"), []byte("brotli body"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "app.wasm.gz"), []byte("gzip body!!"), 0o644))
	h, err := server.New(zerolog.Nop(), server.Config{Story: story.Default(), WebDir: dir}, nil)
	must(err)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)

	smuggled := "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
	reqs := []struct {
		method, raw string
	}{
		{"HEAD", "HEAD /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n"},
		{"HEAD", "HEAD /app.wasm HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"GET", "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nContent-Length: " + fmt.Sprint(len(smuggled)) + "\r\n\r\n" + smuggled},
		{"GET", "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nIf-None-Match: *\r\nContent-Length: " + fmt.Sprint(len(smuggled)) + "\r\n\r\n" + smuggled},
		{"HEAD", "HEAD / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"},
		{"GET", "GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
	}
	conn, err := net.DialTimeout("tcp", ts.Listener.Addr().String(), 5*time.Second)
	must(err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var all strings.Builder
	for _, r := range reqs {
		all.WriteString(r.raw)
	}
	_, err = io.WriteString(conn, all.String())
	must(err)
	br := bufio.NewReader(conn)
	for i, r := range reqs {
		res, err := http.ReadResponse(br, &http.Request{Method: r.method})
		if err != nil {
			t.Fatalf("response %d (%s): %v: the connection is out of step", i, strings.SplitN(r.raw, "\r\n", 2)[0], err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		if string(body) == "ok\n" {
			t.Errorf("response %d is /healthz's: a request smuggled in a body was served", i)
		}
		if r.method == "HEAD" && len(body) != 0 {
			t.Errorf("response %d to HEAD has a %d-byte body", i, len(body))
		}
		if i == len(reqs)-1 && string(body) != ourRobots {
			t.Errorf("last response = %d %q, want robots.txt", res.StatusCode, body)
		}
	}
	if rest, _ := io.ReadAll(br); len(rest) != 0 {
		t.Errorf("the server sent more responses than requests: %q", clipForLog(string(rest)))
	}

	// A chunked body holding a request is a body, not a request.
	_, text := rawExchange(t, ts.Listener.Addr().String(), "GET /robots.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"+
		fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(smuggled), smuggled)+"GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	if strings.Contains(text, "\r\n\r\nok\n") {
		t.Errorf("a request inside a chunked body was served: %q", clipForLog(text))
	}

	// Content-Length together with Transfer-Encoding is the classic
	// desync: a proxy in front that frames by Content-Length sees one
	// request, Go frames by Transfer-Encoding and serves the rest of the
	// bytes as a second request. RFC 9112 §6.1: the server MUST close the
	// connection after answering such a request; Go 1.26 keeps it open.
	smuggledClose := "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
	_, text = rawExchange(t, ts.Listener.Addr().String(),
		"POST /api/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "+fmt.Sprint(5+len(smuggledClose))+
			"\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"+smuggledClose)
	if n := strings.Count(text, "HTTP/1.1 "); n != 1 || strings.Contains(text, "\r\n\r\nok\n") {
		t.Errorf("a request with both Content-Length and Transfer-Encoding left the connection open: %d responses, "+
			"the bytes after the chunked body were served as another request (/healthz) — request smuggling behind a proxy "+
			"that frames by Content-Length (fix: in the outermost middleware, if len(r.TransferEncoding) > 0 set the response "+
			"header Connection: close, so Go closes the connection after the response; Go removes the Content-Length header, "+
			"so a handler cannot tell CL+TE from plain chunked)", n)
	}
}
