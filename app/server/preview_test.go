package server_test

import (
	"bytes"
	"encoding/json"
	"html"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fivecalls/app/locale"
	"fivecalls/app/server"
	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

const previewPublic = "https://news.example/five-calls/"

// previewServer is a server for the default story at previewPublic.
func previewServer(tb testing.TB, public string) *httptest.Server {
	tb.Helper()
	cfg := server.Config{Story: story.Default(), WebDir: mustWebDir(tb)}
	if public != "" {
		cfg.PublicURL = mustURL(tb, public)
	}
	h, err := server.New(zerolog.Nop(), cfg, nil)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	return ts
}

// local turns a URL under previewPublic into the same path on the test
// server.
func local(tb testing.TB, ts *httptest.Server, public string) string {
	tb.Helper()
	rest, ok := strings.CutPrefix(public, previewPublic)
	if !ok {
		tb.Fatalf("%s is not under %s", public, previewPublic)
	}
	return ts.URL + "/" + rest
}

// getPNG fetches an image and decodes it.
func getPNG(tb testing.TB, u string, header http.Header) (*http.Response, []byte, image.Image) {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for k, v := range header {
		req.Header[k] = v
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
	if res.StatusCode != http.StatusOK {
		return res, b, nil
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("GET %s: not a PNG: %v", u, err)
	}
	return res, b, img
}

// headMeta returns the content of each <meta property|name=key> of a page.
func headMeta(page string) map[string][]string {
	out := map[string][]string{}
	for _, m := range regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		out[m[1]] = append(out[m[1]], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`<meta content="([^"]*)" (?:property|name)="([^"]+)">`).FindAllStringSubmatch(page, -1) {
		out[m[2]] = append(out[m[2]], html.UnescapeString(m[1]))
	}
	return out
}

func canonical(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// TestPagesCarryLinkPreviewTags: every page's head names its call's image,
// absolutely, with its size and a description, the page's canonical URL,
// the site and the large-image card; the image it names is served.
func TestPagesCarryLinkPreviewTags(t *testing.T) {
	ts := previewServer(t, previewPublic)
	for _, tc := range []struct {
		path, url, canonical, callQuery, alt string
	}{
		// Without a call, the page and its card are the overview.
		{"/", previewPublic, previewPublic, "", "Every arc is drawn in red"},
		{"/?call=1", previewPublic + "?call=1", previewPublic + "?call=1", "call=1", "Call 1 of 5, with Shinzo Abe in Tokyo at 9:05\u00a0a.m. EST, is marked in red"},
		{"/?call=3", previewPublic + "?call=3", previewPublic + "?call=3", "call=3", "Call 3 of 5, with Vladimir Putin in Moscow"},
		// A shared embed links to the widget with its page around it; its
		// canonical URL is its own; the theme changes colours only.
		{"/embed?call=2&theme=dark", previewPublic + "?call=2", previewPublic + "embed?call=2", "call=2", "Angela Merkel in Berlin"},
		{"/?embed=1", previewPublic, previewPublic + "embed", "", "Every arc"},
		// An embed of other parts is its own page, as docs/embedding.md
		// says (it pointed at /embed).
		{"/embed/quiz", previewPublic, previewPublic + "embed/quiz", "", "Every arc"},
		{"/embed?parts=map,timeline&call=4", previewPublic + "?call=4", previewPublic + "embed?call=4&parts=map%2Ctimeline", "call=4", "François Hollande in Paris"},
		{"/?call=99", previewPublic, previewPublic, "", "Every arc"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, page := mustGet(t, ts.URL+tc.path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			meta := headMeta(page)
			one := func(key string) string {
				t.Helper()
				if len(meta[key]) != 1 {
					t.Fatalf("%s: %q, want one", key, meta[key])
				}
				return meta[key][0]
			}
			if got := one("og:url"); got != tc.url {
				t.Errorf("og:url %s, want %s", got, tc.url)
			}
			if got := canonical(page); len(got) != 1 || got[0] != tc.canonical {
				t.Errorf("canonical %q, want %s", got, tc.canonical)
			}
			img := mustURL(t, one("og:image"))
			if img.Scheme != "https" || img.Host != "news.example" || img.Path != "/five-calls/preview.png" {
				t.Errorf("og:image %s, want https://news.example/five-calls/preview.png", img)
			}
			q := img.Query()
			if q.Get("v") == "" {
				t.Errorf("og:image %s is not versioned", img)
			}
			q.Del("v")
			if q.Encode() != tc.callQuery {
				t.Errorf("og:image %s names %q, want %q", img, q.Encode(), tc.callQuery)
			}
			if one("og:image:width") != "1200" || one("og:image:height") != "630" || one("og:image:type") != "image/png" {
				t.Errorf("og:image size %s×%s, type %s", one("og:image:width"), one("og:image:height"), one("og:image:type"))
			}
			alt := one("og:image:alt")
			for _, want := range []string{story.Default().Title, "world map", "Washington to Tokyo, Berlin, Moscow, Paris and Canberra", tc.alt} {
				if !strings.Contains(alt, want) {
					t.Errorf("og:image:alt %q lacks %q", alt, want)
				}
			}
			if one("twitter:image:alt") != alt {
				t.Errorf("twitter:image:alt %q, want og:image:alt's %q", one("twitter:image:alt"), alt)
			}
			if one("og:site_name") != "Five Calls" || one("twitter:card") != "summary_large_image" {
				t.Errorf("og:site_name %q, twitter:card %q", one("og:site_name"), one("twitter:card"))
			}

			// The image named is served, as a versioned asset.
			res, _, png := getPNG(t, local(t, ts, img.String()), nil)
			if png == nil || png.Bounds().Size() != image.Pt(1200, 630) {
				t.Fatalf("og:image: status %d, image %v", res.StatusCode, png)
			}
			if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
				t.Errorf("og:image Cache-Control %q, want immutable", cc)
			}
		})
	}
}

// TestPagesWithoutPublicURLOmitRelativePreviews: with no public URL there is
// no absolute address, so the tags that need one are left out.
func TestPagesWithoutPublicURLOmitRelativePreviews(t *testing.T) {
	ts := previewServer(t, "")
	_, page := mustGet(t, ts.URL+"/?call=2")
	meta := headMeta(page)
	for _, key := range []string{"og:url", "og:image", "og:image:alt", "twitter:card", "twitter:image:alt"} {
		if v, ok := meta[key]; ok {
			t.Errorf("%s = %q without a public URL", key, v)
		}
	}
	if got := canonical(page); got != nil {
		t.Errorf("canonical %q without a public URL", got)
	}
	if got := meta["og:site_name"]; len(got) != 1 || got[0] != "Five Calls" {
		t.Errorf("og:site_name %q", got)
	}
}

// TestPreviewImage: /preview.png is a 1200×630 PNG per call, with a content
// ETag, revalidated unless the URL carries the version, and the smaller
// sizes oEmbed offers.
func TestPreviewImage(t *testing.T) {
	ts := previewServer(t, previewPublic)
	res1, b1, img1 := getPNG(t, ts.URL+"/preview.png?call=1", nil)
	if img1 == nil {
		t.Fatalf("status %d: %s", res1.StatusCode, b1)
	}
	if img1.Bounds().Size() != image.Pt(1200, 630) {
		t.Errorf("image %v, want 1200×630", img1.Bounds())
	}
	for k, want := range map[string]string{
		"Content-Type":                "image/png",
		"Cache-Control":               "no-cache",
		"Access-Control-Allow-Origin": "*",
		"Content-Encoding":            "",
	} {
		if got := res1.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	etag := res1.Header.Get("ETag")
	if !regexp.MustCompile(`^"[0-9a-f]{16}"$`).MatchString(etag) {
		t.Errorf("ETag %q", etag)
	}

	res2, b2, _ := getPNG(t, ts.URL+"/preview.png?call=2", nil)
	if bytes.Equal(b1, b2) || res2.Header.Get("ETag") == etag {
		t.Error("call 2's image is call 1's")
	}
	if _, b, _ := getPNG(t, ts.URL+"/preview.png?call=1&theme=dark&utm=1", nil); !bytes.Equal(b, b1) {
		t.Error("other parameters changed call 1's image")
	}
	// No call, or one the story does not have: the overview, as the page.
	_, overview, _ := getPNG(t, ts.URL+"/preview.png", nil)
	if bytes.Equal(overview, b1) || bytes.Equal(overview, b2) {
		t.Error("the overview's image is a call's")
	}
	for _, q := range []string{"?call=0", "?call=6", "?call=x"} {
		if _, b, _ := getPNG(t, ts.URL+"/preview.png"+q, nil); !bytes.Equal(b, overview) {
			t.Errorf("/preview.png%s is not the overview's image", q)
		}
	}
	// Revalidation by content.
	res, _, _ := getPNG(t, ts.URL+"/preview.png?call=1", http.Header{"If-None-Match": {etag}})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %s: status %d, want 304", etag, res.StatusCode)
	}
	res, _, _ = getPNG(t, ts.URL+"/preview.png?call=2", http.Header{"If-None-Match": {etag}})
	if res.StatusCode != http.StatusOK {
		t.Errorf("call 1's ETag on call 2: status %d, want 200", res.StatusCode)
	}
	// HEAD answers the headers only.
	head, err := http.Head(ts.URL + "/preview.png?call=2")
	if err != nil {
		t.Fatal(err)
	}
	head.Body.Close()
	if head.StatusCode != http.StatusOK || head.Header.Get("Content-Length") != jsonNumber(len(b2)) {
		t.Errorf("HEAD: status %d, Content-Length %q, want %d", head.StatusCode, head.Header.Get("Content-Length"), len(b2))
	}

	for width, size := range map[string]image.Point{"600": {600, 315}, "300": {300, 158}, "1200": {1200, 630}, "800": {1200, 630}, "-1": {1200, 630}} {
		if _, _, img := getPNG(t, ts.URL+"/preview.png?call=3&width="+width, nil); img == nil || img.Bounds().Size() != size {
			t.Errorf("width=%s: %v, want %v", width, img, size)
		}
	}
}

// TestOEmbedThumbnailIsThePreview: the thumbnail oEmbed names is the call's
// PNG, it is served, and its real size is the size announced, within
// maxwidth and maxheight.
func TestOEmbedThumbnailIsThePreview(t *testing.T) {
	ts := previewServer(t, previewPublic)
	for _, tc := range []struct {
		maxwidth, maxheight string
		width, height       int
	}{
		{"", "", 1200, 630},
		{"600", "900", 600, 315},
		{"640", "300", 300, 158},
	} {
		q := url.Values{"url": {previewPublic + "embed?call=4"}}
		if tc.maxwidth != "" {
			q.Set("maxwidth", tc.maxwidth)
		}
		if tc.maxheight != "" {
			q.Set("maxheight", tc.maxheight)
		}
		res := oembedResult{}
		r, body := mustGet(t, ts.URL+"/oembed?"+q.Encode())
		if r.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", r.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), &res.body); err != nil {
			t.Fatal(err)
		}
		thumb := jsonString(t, res.body, "thumbnail_url")
		u := mustURL(t, thumb)
		if u.Path != "/five-calls/preview.png" || u.Query().Get("call") != "4" || u.Query().Get("v") == "" {
			t.Errorf("thumbnail_url %s, want call 4's versioned preview", thumb)
		}
		w, h := jsonInt(t, res.body, "thumbnail_width"), jsonInt(t, res.body, "thumbnail_height")
		if w != tc.width || h != tc.height {
			t.Errorf("maxwidth %q maxheight %q: thumbnail %d×%d, want %d×%d", tc.maxwidth, tc.maxheight, w, h, tc.width, tc.height)
		}
		_, _, img := getPNG(t, local(t, ts, thumb), nil)
		if img == nil || img.Bounds().Size() != image.Pt(w, h) {
			t.Errorf("%s: image %v, want %d×%d", thumb, img, w, h)
		}
	}
}

// TestExportWritesPreviewImages: a static export has the page's preview
// (the overview) and one per call, since a static host cannot tell ?call=N
// apart.
func TestExportWritesPreviewImages(t *testing.T) {
	dir := t.TempDir()
	s := story.Default()
	if err := server.Export(server.Config{Story: s, WebDir: mustWebDir(t)}, dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil || img.Bounds().Size() != image.Pt(1200, 630) {
			t.Fatalf("%s: %v, %v", name, err, img)
		}
		return b
	}
	// preview.png is the overview, which the page opens on; each call has
	// its own.
	seen := map[string]int{string(read("preview.png")): 0}
	for n := 1; n <= len(s.Calls); n++ {
		b := read("preview-call-" + jsonNumber(n) + ".png")
		if m, ok := seen[string(b)]; ok {
			t.Errorf("call %d has the same image as %d (0: the overview)", n, m)
		}
		seen[string(b)] = n
	}
}

// TestSiteName: who publishes the widget is the story's own words
// (messages.site-name) or, for a newsroom serving every story under its
// name, Config.SiteName: the home screen's name (the manifest's
// short_name), og:site_name and oEmbed's provider_name all say it (break
// it: leave SiteName out of page.Options in site.go).
func TestSiteName(t *testing.T) {
	for _, tt := range []struct {
		name, flag, story, want string
	}{
		{"default", "", "", "Five Calls"},
		{"the story's", "", "The Relay Desk", "The Relay Desk"},
		{"the server's", "Example Graphics", "The Relay Desk", "Example Graphics"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := story.Default()
			if tt.story != "" {
				s.Messages = story.Messages{locale.SiteName: {Text: tt.story}}
			}
			h, err := server.New(zerolog.Nop(), server.Config{Story: s, WebDir: mustWebDir(t), SiteName: tt.flag, PublicURL: mustURL(t, previewPublic)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(h)
			defer ts.Close()
			_, page := mustGet(t, ts.URL+"/")
			if got := headMeta(page)["og:site_name"]; len(got) != 1 || got[0] != tt.want {
				t.Errorf("og:site_name %q, want %q", got, tt.want)
			}
			_, manifest := mustGet(t, ts.URL+"/manifest.webmanifest")
			var m struct {
				ShortName string `json:"short_name"`
			}
			if err := json.Unmarshal([]byte(manifest), &m); err != nil || m.ShortName != tt.want {
				t.Errorf("short_name %q (%v), want %q", m.ShortName, err, tt.want)
			}
			_, oembed := mustGet(t, ts.URL+"/oembed?url="+url.QueryEscape(previewPublic+"embed"))
			var o struct {
				ProviderName string `json:"provider_name"`
			}
			if err := json.Unmarshal([]byte(oembed), &o); err != nil || o.ProviderName != tt.want {
				t.Errorf("provider_name %q (%v), want %q", o.ProviderName, err, tt.want)
			}
		})
	}
}

// TestOEmbedNamesTheQuizFrame: the quiz's frame is named by the quiz's
// heading, the other embeds' by the story's title, so that an article
// with both frames tells them apart by name (both were the story's title).
func TestOEmbedNamesTheQuizFrame(t *testing.T) {
	ts := previewServer(t, previewPublic)
	for path, want := range map[string]string{
		"embed/quiz": `title="Quiz: Did you read it closely?"`,
		"embed":      `title="` + html.EscapeString(story.Default().Title) + `"`,
	} {
		res, body := mustGet(t, ts.URL+"/oembed?url="+url.QueryEscape(previewPublic+path))
		var answer struct {
			HTML string `json:"html"`
		}
		if err := json.Unmarshal([]byte(body), &answer); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", path, res.StatusCode, body)
		}
		if !strings.Contains(answer.HTML, "<iframe") || !strings.Contains(answer.HTML[strings.Index(answer.HTML, "<iframe"):], want) {
			t.Errorf("%s: the iframe is not named %s: %s", path, want, answer.HTML)
		}
	}
}
