package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"fivecalls/app/ui"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// WordPress (6.x) keeps, of the html in an oEmbed answer from a provider
// it does not trust, these tags and attributes, and drops the rest
// (wp_filter_oembed_result, through wp_kses).
var wpAllowed = map[string]map[string]bool{
	"a":          {"href": true},
	"blockquote": {},
	"iframe": {"src": true, "width": true, "height": true, "frameborder": true,
		"marginwidth": true, "marginheight": true, "scrolling": true, "title": true},
}

var (
	wpTag   = regexp.MustCompile(`<(/?)([a-zA-Z0-9]+)([^>]*)>`)
	wpAttr  = regexp.MustCompile(`([a-zA-Z-]+)="([^"]*)"`)
	wpEmbed = regexp.MustCompile(`(?s)(<blockquote>.*?</blockquote>)?.*(<iframe.*?></iframe>)`)
	wpSrc   = regexp.MustCompile(` src="(.*?)"`)
)

// wpFilter does to an oEmbed answer's html what WordPress does before it
// puts it in a post: only the allowed tags and attributes stay; a
// blockquote and an iframe are picked out (no iframe: no embed); both get
// a secret, added to the iframe's address as #?secret=; when there is a
// blockquote, the iframe is hidden behind it until the embed speaks; and
// the iframe is sandboxed (scripts only: an opaque origin).
func wpFilter(markup, secret string) (string, bool) {
	kses := func(s string) string {
		return wpTag.ReplaceAllStringFunc(s, func(tag string) string {
			m := wpTag.FindStringSubmatch(tag)
			allowed, ok := wpAllowed[strings.ToLower(m[2])]
			if !ok {
				return ""
			}
			if m[1] == "/" {
				return "</" + m[2] + ">"
			}
			var b strings.Builder
			b.WriteString("<" + m[2])
			for _, a := range wpAttr.FindAllStringSubmatch(m[3], -1) {
				if allowed[strings.ToLower(a[1])] {
					fmt.Fprintf(&b, ` %s="%s"`, a[1], a[2])
				}
			}
			b.WriteString(">")
			return b.String()
		})
	}
	m := wpEmbed.FindStringSubmatch(kses(markup))
	if m == nil || m[2] == "" {
		return "", false
	}
	h := m[1] + m[2]
	if s := wpSrc.FindStringSubmatch(h); s != nil {
		h = strings.Replace(h, s[0], fmt.Sprintf(` src="%s#?secret=%s" data-secret="%s"`, s[1], secret, secret), 1)
		h = strings.Replace(h, "<blockquote", `<blockquote data-secret="`+secret+`"`, 1)
	}
	if m[1] != "" {
		h = strings.Replace(h, "<iframe", `<iframe style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"`, 1)
		h = strings.Replace(h, "<blockquote", `<blockquote class="wp-embedded-content"`, 1)
	}
	h = strings.Replace(h, "<iframe", `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"`, 1)
	return h, true
}

// wpEmbedJS is a stand-in for WordPress's wp-embed.js, following its
// rules: a message must carry an alphanumeric secret; every blockquote
// with that secret is hidden; an iframe with that secret that is the
// message's source is shown, a "height" message sets its height, clamped
// to 200–1000 px, and a "link" message to the iframe's own host, while the
// iframe has focus, takes the post's tab there. Once the post is loaded it sends each embed
// {message: "ready", secret}, as wp-embed.js does for an embed whose page
// told its height before the script listened.
const wpEmbedJS = `function ready() {
	document.querySelectorAll("iframe.wp-embedded-content").forEach(function (f) {
		if (f.contentWindow) f.contentWindow.postMessage({message: "ready", secret: f.getAttribute("data-secret")}, "*");
	});
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
addEventListener("message", function (e) {
	var d = e.data;
	if (!d || !(d.secret || d.message || d.value) || /[^a-zA-Z0-9]/.test(d.secret)) return;
	window.__wp = (window.__wp || 0) + 1;
	document.querySelectorAll('blockquote[data-secret="' + d.secret + '"]').forEach(function (b) { b.style.display = "none"; });
	document.querySelectorAll('iframe[data-secret="' + d.secret + '"]').forEach(function (f) {
		if (e.source !== f.contentWindow) return;
		f.removeAttribute("style");
		if (d.message === "link") {
			var from = new URL(f.getAttribute("src"), location.href), to = new URL(d.value);
			if (/^https?:$/.test(to.protocol) && to.host === from.host && document.activeElement === f) top.location.href = d.value;
			return;
		}
		if (d.message !== "height") return;
		var h = parseInt(d.value, 10);
		f.height = h > 1000 ? 1000 : (~~h < 200 ? 200 : h);
	});
});`

// TestWordPressEmbed: a post that embeds the widget's address, as
// WordPress makes it from our oEmbed answer (asked with WordPress's
// default maxwidth and maxheight) and sizes it with wp-embed.js's rules:
// the iframe appears and takes the widget's whole height (the default and
// quiz embeds fit under WordPress's 1,000 px cap), the blockquote
// fallback hides, and on a phone the article never scrolls sideways.
func TestWordPressEmbed(t *testing.T) {
	// With a desktop's classic scrollbars: the frame opens shorter than
	// the widget and scrolls inside, which must not make the widget ask
	// for a narrower column's height (at 360 px, the post's column is
	// 305 px; the widget then asked for 1,095 px and was kept at 1,000).
	for _, width := range []int64{360, 1200} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			e := newEnvScrollbars(t, width, 900, true)
			for _, preset := range ui.EmbedPages[:2] {
				page := e.url + "/"
				q := url.Values{"url": {page}, "format": {"json"}, "maxwidth": {"500"}, "maxheight": {"750"}}
				if preset.Path != ui.EmbedPages[0].Path {
					q.Set("parts", preset.Parts.String())
				}
				res, err := http.Get(e.url + "/oembed?" + q.Encode())
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				var answer struct {
					HTML string `json:"html"`
				}
				if err := json.Unmarshal(body, &answer); err != nil || res.StatusCode != http.StatusOK {
					t.Fatalf("oEmbed: %d %s (%v)", res.StatusCode, body, err)
				}
				host := openWordPressPost(t, e, answer.HTML)
				what := fmt.Sprintf("%s at %d px", preset.Path, width)

				if shown := eval[bool](e, `getComputedStyle(document.querySelector('blockquote')).display !== 'none'`); shown {
					t.Errorf("%s: the blockquote fallback still shows beside the iframe", what)
				}
				// Both heights once the frame has settled: until the host
				// has sized it, the frame is short, its classic scrollbar
				// narrows the widget and the widget is taller (1,048 px
				// for 943, seen once in CI).
				inner, want, got := 0, 0, 0
				for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
					inner = wpFrameHeight(t, e, ui.Address{Embed: true, Parts: preset.Parts}.Path())
					want = min(max(inner, 200), 1000)
					got = eval[int](e, `Math.round(document.querySelector('iframe').getBoundingClientRect().height)`)
					if got == want || time.Now().After(deadline) {
						break
					}
				}
				if inner > 1000 {
					t.Errorf("%s: the widget is %d px tall, over WordPress's 1,000 px cap: it would be cut", what, inner)
				}
				if got != want {
					t.Errorf("%s: the iframe is %d px tall, the widget inside %d px", what, got, inner)
				}
				if sideways := eval[bool](e, `document.documentElement.scrollWidth > innerWidth`); sideways {
					t.Errorf("%s: the post scrolls sideways (%d px of content in %d)", what,
						eval[int](e, `document.documentElement.scrollWidth`), eval[int](e, `innerWidth`))
				}
				if over := eval[bool](e, `(() => { const c = document.getElementById('column'), f = document.querySelector('iframe');
					return f.getBoundingClientRect().right > c.getBoundingClientRect().right - parseFloat(getComputedStyle(c).paddingRight) + 0.5 })()`); over {
					t.Errorf("%s: the iframe runs out of the post's column", what)
				}
				host.Close()
			}
		})
	}
}

// openWordPressPost serves a post that embeds an oEmbed answer's html as
// WordPress would (wpFilter, wpEmbedJS), opens it, and waits for the
// widget to speak. The caller closes the server.
func openWordPressPost(t *testing.T, e *env, html string) *httptest.Server {
	t.Helper()
	const secret = "Ab3dE6gH9k"
	embed, ok := wpFilter(html, secret)
	if !ok {
		t.Fatalf("WordPress would find no iframe in %s", html)
	}
	if !strings.Contains(embed, "<blockquote") {
		t.Fatalf("no blockquote survives WordPress's filter, so wp-embed.js would not load: %s", embed)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/post", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Post</title></head>
<body style="margin:0"><main id="column" style="max-width:640px;margin:0 auto;padding:0 20px"><p>Article text above the widget.</p>
<figure class="wp-block-embed is-type-rich" style="margin:0"><div class="wp-block-embed__wrapper">%s</div></figure>
<p>Article text below.</p></main><script>%s</script></body></html>`, embed, wpEmbedJS)
	})
	host := httptest.NewServer(mux)
	e.do(30*time.Second, chromedp.Navigate(host.URL+"/post"))
	e.waitFor(`window.__wp > 0 && !document.querySelector('iframe').hasAttribute('style')`, 20*time.Second)
	return host
}

// TestWordPressOpensTheFullInteractive: in WordPress's sandbox a link
// that opens a tab does nothing; "Open the full interactive" asks
// wp-embed.js to follow it, which takes the post's tab to the widget.
// Fails without page.js's "link" message (the click is blocked as a popup
// and the post stays).
func TestWordPressOpensTheFullInteractive(t *testing.T) {
	e := newEnv(t, 1200, 900)
	res, err := http.Get(e.url + "/oembed?" + url.Values{"url": {e.url + "/"}, "format": {"json"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	var answer struct {
		HTML string `json:"html"`
	}
	err = json.NewDecoder(res.Body).Decode(&answer)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	host := openWordPressPost(t, e, answer.HTML)
	defer host.Close()
	// A real click on the link, sent to the frame's own target.
	path := ui.Address{Embed: true}.Path()
	at := wpFrameEval[[]float64](t, e, path, `(() => { const a = document.querySelector('.fc-full a');
		a.scrollIntoView({block: "center"}); const r = a.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2] })()`)
	ctx, cancel := context.WithTimeout(wpFrame(t, e, path), 10*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
		t.Fatal(err)
	}
	want := e.url + "/"
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if got, err := chromedp.Run(e.ctx, chromedp.Evaluate[string](`location.href`)); err == nil && got == want {
			return
		}
	}
	t.Errorf("after a click on the full interactive's link the post's tab is at %s, want %s", eval[string](e, `location.href`), want)
}

// wpFrameHeight is the height of the widget at path in the post's
// sandboxed iframe, read from the frame itself.
func wpFrameHeight(t *testing.T, e *env, path string) int {
	t.Helper()
	return int(wpFrameEval[float64](t, e, path, `document.querySelector('.fc').getBoundingClientRect().height`) + 0.999)
}

// wpFrameEval evaluates js in the post's sandboxed iframe showing the
// widget at path.
func wpFrameEval[T any](t *testing.T, e *env, path, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(wpFrame(t, e, path), 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("in the post's widget: %v", err)
	}
	return v
}

// wpFrame is a context for the post's sandboxed iframe showing the widget
// at path (an opaque origin, with a DevTools target of its own).
func wpFrame(t *testing.T, e *env, path string) context.Context {
	t.Helper()
	var frame *target.Info
	for deadline := time.Now().Add(10 * time.Second); frame == nil && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		targets, err := chromedp.Targets(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range targets {
			if u, err := url.Parse(ti.URL); err == nil && ti.Type == "iframe" && u.Path == path {
				frame = ti
			}
		}
	}
	if frame == nil {
		t.Fatal("no DevTools target for the post's widget")
	}
	// Cancelling a context attached to a target closes the target, which
	// would take the post's frame away: it ends with the test.
	fctx, cancel := chromedp.NewContext(e.ctx, chromedp.WithTargetID(frame.TargetID))
	t.Cleanup(cancel)
	return fctx
}

// TestWordPressFilterStandIn checks the stand-in against what WordPress
// is documented to do with an untrusted provider's html.
func TestWordPressFilterStandIn(t *testing.T) {
	in := `<blockquote class="x" style="display:none"><a href="https://w.example/" target="_blank">T</a></blockquote>` +
		`<script>alert(1)</script><iframe class="y" src="https://w.example/embed" width="100%" height="900" title="T" loading="lazy" allow="web-share" style="border:0"></iframe>`
	got, ok := wpFilter(in, "Ab3dE6gH9k")
	if !ok {
		t.Fatal("no embed found")
	}
	want := `<blockquote class="wp-embedded-content" data-secret="Ab3dE6gH9k"><a href="https://w.example/">T</a></blockquote>` +
		`<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" src="https://w.example/embed#?secret=Ab3dE6gH9k" data-secret="Ab3dE6gH9k" width="100%" height="900" title="T"></iframe>`
	if got != want {
		t.Errorf("filtered\n%s\nwant\n%s", got, want)
	}
	if _, ok := wpFilter(`<blockquote><a href="x">only a link</a></blockquote>`, "Ab3dE6gH9k"); ok {
		t.Error("without an iframe WordPress embeds nothing")
	}
}
