package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

const chromeAcceptEncoding = "gzip, deflate, br, zstd"

// client sees the bytes as sent: no transparent decompression.
var client = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{DisableCompression: true},
}

type response struct {
	status int
	header http.Header
	body   []byte // as on the wire (still compressed)
}

func get(ctx context.Context, url string, headers ...string) (*response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &response{status: res.StatusCode, header: res.Header, body: b}, nil
}

// measureWasmBytes: the build outputs on disk.
func measureWasmBytes(ctx context.Context, r *report) {
	const g = "1 Bytes"
	size := func(name string) (int64, error) {
		fi, err := os.Stat("web/" + name)
		if err != nil {
			return 0, err
		}
		return fi.Size(), nil
	}
	raw, err := size("app.wasm")
	if err != nil {
		r.fail(g, "wasm.raw", "app.wasm raw", "", "web/app.wasm is missing (make build)")
		return
	}
	r.add(g, "wasm.raw", "app.wasm raw", float64(raw), mb(raw), "", false)
	if gz, err := size("app.wasm.gz"); err == nil {
		r.add(g, "wasm.gzip", "app.wasm gzip", float64(gz), mb(gz), "", false)
	} else {
		r.fail(g, "wasm.gzip", "app.wasm gzip", "", "web/app.wasm.gz is missing (make build)")
	}
	if br, err := size("app.wasm.br"); err == nil {
		r.add(g, "wasm.br", "app.wasm brotli (wire)", float64(br), mb(br), "≤ 1.6 MB", br <= 1_600_000)
	} else {
		r.fail(g, "wasm.br", "app.wasm brotli (wire)", "≤ 1.6 MB", "web/app.wasm.br is missing (make build)")
	}
}

var (
	reTag  = regexp.MustCompile(`(?is)<(link|script)\b[^>]*>`)
	reAttr = regexp.MustCompile(`(?is)\b(rel|href|src|as)\s*=\s*"([^"]*)"`)
)

// pageAssets lists the stylesheets and scripts a page asks for in its HTML.
func pageAssets(html string) []string {
	var out []string
	for _, tag := range reTag.FindAllStringSubmatch(html, -1) {
		attrs := map[string]string{}
		for _, a := range reAttr.FindAllStringSubmatch(tag[0], -1) {
			attrs[strings.ToLower(a[1])] = a[2]
		}
		var u string
		switch strings.ToLower(tag[1]) {
		case "script":
			u = attrs["src"]
		case "link":
			rel := strings.ToLower(attrs["rel"])
			if rel == "stylesheet" || (rel == "preload" && (attrs["as"] == "style" || attrs["as"] == "script")) || rel == "modulepreload" {
				u = attrs["href"]
			}
		}
		if u != "" && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// measureWireBytes: / as gzip, and everything a browser fetches before the
// wasm (HTML, CSS, JS), with Chromium's Accept-Encoding.
func measureWireBytes(ctx context.Context, r *report, s *server) {
	const g = "1 Bytes"
	res, err := get(ctx, s.url+"/", "Accept-Encoding", "gzip")
	if err != nil || res.status != 200 {
		r.fail(g, "page.gzip", "/ HTML, gzip", "", fmt.Sprintf("GET /: %v %d", err, statusOf(res)))
		return
	}
	enc := res.header.Get("Content-Encoding")
	name := "/ HTML on the wire (Accept-Encoding: gzip)"
	if enc == "gzip" {
		r.add(g, "page.gzip", name, float64(len(res.body)), kib(int64(len(res.body))), "gzip", true)
	} else {
		r.add(g, "page.gzip", name, float64(len(res.body)), kib(int64(len(res.body)))+" uncompressed", "gzip", false)
	}

	for _, path := range []string{"/", "/embed"} {
		page, err := get(ctx, s.url+path, "Accept-Encoding", chromeAcceptEncoding)
		if err != nil || page.status != 200 {
			r.fail(g, "firstload"+path, "first load before wasm "+path, "", fmt.Sprintf("GET %s: %v %d", path, err, statusOf(page)))
			continue
		}
		raw, _ := get(ctx, s.url+path)
		total := int64(len(page.body))
		parts := []string{fmt.Sprintf("%s %s %s", path, kib(int64(len(page.body))), encName(page))}
		for _, a := range pageAssets(string(raw.body)) {
			res, err := get(ctx, s.url+a, "Accept-Encoding", chromeAcceptEncoding)
			if err != nil || res.status != 200 {
				parts = append(parts, fmt.Sprintf("%s: %v %d", a, err, statusOf(res)))
				continue
			}
			total += int64(len(res.body))
			parts = append(parts, fmt.Sprintf("%s %s %s", a, kib(int64(len(res.body))), encName(res)))
		}
		n := r.note("First load of %s before the wasm (Chromium's Accept-Encoding; HTML of %s uncompressed): %s.", path, kib(int64(len(raw.body))), strings.Join(parts, "; "))
		r.add(g, "firstload"+path, "first load before wasm, "+path+" (HTML+CSS+JS) "+n, float64(total), kib(total), "", false)
	}

	// Everything text-like should be compressed.
	var plain []string
	for _, p := range []string{"/", "/embed", "/web/app.css", "/state.css", "/radio-steps.css", "/wasm_exec.js", "/web/page.js", "/app-worker.js",
		"/story.json", "/thumbnail.svg", "/web/icon.svg", "/manifest.webmanifest", "/web/embed.js"} {
		res, err := get(ctx, s.url+p, "Accept-Encoding", chromeAcceptEncoding)
		if err != nil || res.status != 200 {
			plain = append(plain, fmt.Sprintf("%s (%v %d)", p, err, statusOf(res)))
			continue
		}
		if res.header.Get("Content-Encoding") == "" && len(res.body) > 1024 {
			plain = append(plain, fmt.Sprintf("%s (%s)", p, kib(int64(len(res.body)))))
		}
	}
	if len(plain) == 0 {
		r.addText(g, "compressed", "HTML, CSS, JS, JSON, SVG compressed", "all", "all over 1 KiB", met)
	} else {
		r.addText(g, "compressed", "HTML, CSS, JS, JSON, SVG compressed", "not: "+strings.Join(plain, ", "), "all over 1 KiB", notMet)
	}
}

func encName(res *response) string {
	if e := res.header.Get("Content-Encoding"); e != "" {
		return e
	}
	return "identity"
}

func statusOf(res *response) int {
	if res == nil {
		return 0
	}
	return res.status
}

// wasmURL is the address the page's script fetches the wasm from
// (versioned or not), which it names relative to itself (web/).
func wasmURL(ctx context.Context, s *server) string {
	page, err := get(ctx, s.url+"/")
	if err != nil {
		return "/web/app.wasm"
	}
	for _, a := range pageAssets(string(page.body)) {
		if !strings.Contains(a, "page.js") {
			continue
		}
		if js, err := get(ctx, s.url+a); err == nil {
			if m := regexp.MustCompile(`"WasmURL":"([^"]*app\.wasm[^"]*)"`).FindSubmatch(js.body); m != nil {
				return "/web/" + string(m[1])
			}
		}
	}
	return "/web/app.wasm"
}

// measureCaching checks the headers a browser relies on.
func measureCaching(ctx context.Context, r *report, s *server) {
	const g = "2 Caching"
	wasm := wasmURL(ctx, s)
	sizes := map[string]int64{}
	for _, n := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz"} {
		if fi, err := os.Stat("web/" + n); err == nil {
			sizes[n] = fi.Size()
		}
	}
	// Content negotiation for the wasm.
	var problems []string
	var seen []string
	for _, c := range []struct{ accept, enc, file string }{
		{chromeAcceptEncoding, "br", "app.wasm.br"},
		{"gzip", "gzip", "app.wasm.gz"},
		{"", "", "app.wasm"},
	} {
		hdr := []string{}
		if c.accept != "" {
			hdr = []string{"Accept-Encoding", c.accept}
		} else {
			hdr = []string{"Accept-Encoding", "identity"}
		}
		res, err := get(ctx, s.url+wasm, hdr...)
		if err != nil || res.status != 200 {
			problems = append(problems, fmt.Sprintf("Accept-Encoding %q: %v %d", c.accept, err, statusOf(res)))
			continue
		}
		enc := res.header.Get("Content-Encoding")
		cl := res.header.Get("Content-Length")
		label := c.accept
		if label == "" {
			label = "identity"
		}
		n, _ := strconv.ParseInt(cl, 10, 64)
		seen = append(seen, fmt.Sprintf("%s → %s, Content-Length %s", label, encName(res), group3(n)))
		if enc != c.enc {
			problems = append(problems, fmt.Sprintf("Accept-Encoding %q gave Content-Encoding %q, want %q", c.accept, enc, c.enc))
		}
		if want, ok := sizes[c.file]; ok && cl != strconv.FormatInt(want, 10) {
			problems = append(problems, fmt.Sprintf("Content-Length %q for %s, want %d", cl, c.file, want))
		}
		if int64(len(res.body)) != sizes[c.file] {
			problems = append(problems, fmt.Sprintf("%d body bytes for %s, want %d", len(res.body), c.file, sizes[c.file]))
		}
		if !headerHas(res.header, "Vary", "Accept-Encoding") {
			problems = append(problems, fmt.Sprintf("no Vary: Accept-Encoding with %q", c.accept))
		}
	}
	if len(problems) == 0 {
		r.addText(g, "wasm.negotiation", "wasm Content-Encoding, Vary, Content-Length ("+wasm+")", strings.Join(seen, "; "), "br/gzip/identity, Vary, exact lengths", met)
	} else {
		r.addText(g, "wasm.negotiation", "wasm Content-Encoding, Vary, Content-Length ("+wasm+")", strings.Join(problems, "; "), "br/gzip/identity, Vary, exact lengths", notMet)
	}

	// Immutable caching for versioned assets: what the page links to, and
	// the wasm that app.js fetches.
	page, err := get(ctx, s.url+"/")
	if err != nil || page.status != 200 {
		r.fail(g, "immutable", "versioned assets immutable", "public, max-age=31536000, immutable", fmt.Sprintf("GET /: %v", err))
	} else {
		assets := append(pageAssets(string(page.body)), wasm)
		var good int
		var rows []string
		for _, a := range assets {
			res, err := get(ctx, s.url+a, "Accept-Encoding", chromeAcceptEncoding)
			if err != nil {
				rows = append(rows, fmt.Sprintf("%s: %v", a, err))
				continue
			}
			cc := res.header.Get("Cache-Control")
			versioned := regexp.MustCompile(`[?&](v|version|h)=|[.-][0-9a-f]{8,}\.`).MatchString(a)
			ok := versioned && strings.Contains(cc, "immutable") && strings.Contains(cc, "max-age=31536000")
			if ok {
				good++
			}
			v := "unversioned URL"
			if versioned {
				v = "versioned URL"
			}
			rows = append(rows, fmt.Sprintf("`%s` (%s): `Cache-Control: %s`", a, v, orDash(cc)))
		}
		n := r.note("Cache-Control sent today: %s.", strings.Join(rows, "; "))
		text := fmt.Sprintf("%d of %d versioned and immutable %s", good, len(assets), n)
		st := notMet
		if good == len(assets) {
			st = met
		}
		r.addText(g, "immutable", "static assets: versioned URL + immutable", text, "public, max-age=31536000, immutable", st)
	}

	// Content ETags and 304s for the HTML and the story.
	etags := map[string]string{}
	for _, p := range []string{"/", "/embed", "/story.json"} {
		key := "etag" + p
		res, err := get(ctx, s.url+p, "Accept-Encoding", "gzip")
		if err != nil || res.status != 200 {
			r.fail(g, key, "ETag 304 on "+p, "304 on a match", fmt.Sprintf("GET %s: %v %d", p, err, statusOf(res)))
			continue
		}
		et := res.header.Get("ETag")
		etags[p] = et
		if et == "" {
			r.addText(g, key, "ETag 304 on "+p, "no ETag ("+orDash(res.header.Get("Cache-Control"))+")", "304 on a match", notMet)
			continue
		}
		again, err := get(ctx, s.url+p, "Accept-Encoding", "gzip", "If-None-Match", et)
		if err != nil {
			r.fail(g, key, "ETag 304 on "+p, "304 on a match", err.Error())
			continue
		}
		text := fmt.Sprintf("%d with `If-None-Match: %s`; `Cache-Control: %s`", again.status, et, orDash(res.header.Get("Cache-Control")))
		st := notMet
		if again.status == http.StatusNotModified {
			st = met
		}
		r.addText(g, key, "ETag 304 on "+p, text, "304 on a match", st)
	}
	// go-app answers 304 to any path whose ETag matches its Version: a
	// content ETag must not revalidate another page.
	if a, b := etags["/"], etags["/embed"]; a != "" && b != "" {
		res, err := get(ctx, s.url+"/embed", "Accept-Encoding", "gzip", "If-None-Match", a)
		switch {
		case err != nil:
			r.fail(g, "etag.content", "ETags by content, not by version", "distinct; no cross-page 304", err.Error())
		case a == b || res.status == http.StatusNotModified:
			r.addText(g, "etag.content", "ETags by content, not by version", fmt.Sprintf("/ and /embed share ETag or /'s ETag revalidates /embed (%d)", res.status), "distinct; no cross-page 304", notMet)
		default:
			r.addText(g, "etag.content", "ETags by content, not by version", fmt.Sprintf("distinct; /'s ETag on /embed → %d", res.status), "distinct; no cross-page 304", met)
		}
	}
}

func headerHas(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
