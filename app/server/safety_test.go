package server_test

// Content safety: story text is rendered as text, never as HTML, and comes
// out as itself (quotes, non-breaking spaces, emoji, right-to-left text) in
// text nodes, attributes, the JSON data block, the manifest, the thumbnail
// and oEmbed. The HTML is decoded without a tokenizer: tags are found with a
// quote-aware pattern (escaped text holds no raw "<"), attributes are split
// by the same rules a browser uses for quoted values, and html.UnescapeString
// gives back what a reader sees.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/server"
	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

// Pieces of hostile or merely awkward news text.
const (
	safetyScript   = `<script>alert(1)</script>`
	safetyImg      = `<img src=x onerror=alert(1)>`
	safetyBreakout = `x" onfocus="alert(1)" autofocus="`
	safetySingle   = `x' onmouseover='alert(1)`
	safetyQuotes   = `He said "no", she said 'yes' & left\ it`
	safetyNBSP     = "10\u00a0km"
	safetyEmoji    = "📞🌍👍🏽"
	safetyRTL      = "שלום مرحبا"
	safetyEnd      = `</SCRIPT><!-- </script --> <![CDATA[`
)

// safetyText is a story text for one field: a unique label, then every
// piece above.
func safetyText(label string) string {
	return "[" + label + "] " + strings.Join([]string{safetyScript, safetyImg, safetyBreakout, safetySingle,
		safetyQuotes, safetyNBSP, safetyEmoji, safetyRTL, safetyEnd}, " ")
}

// safetyStory returns the default story with hostile text in every text
// field a reader sees, and the list of those texts.
func safetyStory(tb testing.TB) (*story.Story, []string) {
	tb.Helper()
	s := story.Default()
	var texts []string
	set := func(p *string, label string) {
		*p = safetyText(label)
		texts = append(texts, *p)
	}
	// hidden sets a text the widget does not show by design (the origin's
	// country and note, the certainty note of a call graded high): it must
	// be safe, but need not appear.
	hidden := func(p *string, label string) {
		*p = safetyText(label)
		safetyHidden[*p] = true
		texts = append(texts, *p)
	}
	set(&s.Title, "title")
	set(&s.Dek, "dek")
	for i := range s.Credits {
		set(&s.Credits[i], fmt.Sprintf("credit%d", i))
	}
	for i := range s.Places {
		p := &s.Places[i]
		set(&p.Name, "place"+p.ID)
		if p.ID == s.Origin {
			hidden(&p.Country, "country"+p.ID)
			if p.Note != "" {
				hidden(&p.Note, "placenote"+p.ID)
			}
			continue
		}
		set(&p.Country, "country"+p.ID)
		if p.Note != "" {
			set(&p.Note, "placenote"+p.ID)
		}
	}
	for i := range s.Calls {
		c := &s.Calls[i]
		set(&c.Leader.Name, "leader"+c.ID)
		set(&c.Leader.Title, "role"+c.ID)
		set(&c.Summary, "summary"+c.ID)
		switch {
		case c.CertaintyNote != "" && c.Certainty == story.High:
			hidden(&c.CertaintyNote, "certainty"+c.ID)
		case c.CertaintyNote != "":
			set(&c.CertaintyNote, "certainty"+c.ID)
		}
		for j := range c.Points {
			set(&c.Points[j].Text, fmt.Sprintf("point%s%d", c.ID, j))
		}
		for j := range c.Conflicts {
			set(&c.Conflicts[j].Text, fmt.Sprintf("conflict%s%d", c.ID, j))
		}
	}
	for i := range s.Notes {
		set(&s.Notes[i].Title, fmt.Sprintf("notetitle%d", i))
		set(&s.Notes[i].Text, fmt.Sprintf("note%d", i))
	}
	set(&s.Quiz.Title, "quiztitle")
	for i := range s.Quiz.Questions {
		q := &s.Quiz.Questions[i]
		set(&q.Prompt, "prompt"+q.ID)
		set(&q.Explanation, "explanation"+q.ID)
		for j := range q.Choices {
			set(&q.Choices[j].Text, "choice"+q.ID+q.Choices[j].ID)
		}
	}
	for i := range s.Sources {
		set(&s.Sources[i].Publisher, "publisher"+s.Sources[i].ID)
		set(&s.Sources[i].Headline, "headline"+s.Sources[i].ID)
	}
	// The hostile story is a valid story: the validator does not (and must
	// not) refuse news text for containing <, quotes or other scripts.
	if err := story.Validate(s); err != nil {
		tb.Fatalf("the hostile story does not validate, so this test would prove nothing: %v", err)
	}
	return s, texts
}

// safetyHidden holds the texts safetyStory sets that the widget does not
// show by design.
var safetyHidden = map[string]bool{}

// safetyServer serves the story without a store (pages only).
func safetyServer(tb testing.TB, s *story.Story, configure func(*server.Config)) *httptest.Server {
	tb.Helper()
	cfg := server.Config{Story: s, WebDir: mustWebDir(tb)}
	if configure != nil {
		configure(&cfg)
	}
	h, err := server.New(zerolog.Nop(), cfg, nil)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	return ts
}

var (
	// safetyTag matches one tag, start, end, comment or doctype, honouring
	// quoted attribute values that may hold ">".
	safetyTag = regexp.MustCompile(`<[a-zA-Z/!?][^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>`)
	// safetyAttr splits a start tag's attributes as a browser would.
	safetyAttr    = regexp.MustCompile(`\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
	safetyTagName = regexp.MustCompile(`^</?([a-zA-Z][a-zA-Z0-9-]*)`)
	safetyAnyData = regexp.MustCompile(`(?is)(<script\b[^>]*>)(.*?)(</script\s*>)`)
)

type safetyElement struct {
	name  string
	attrs map[string]string // decoded values
	raw   string
}

// safetyDecode splits a page into its start tags (with decoded attributes)
// and its decoded text, leaving out the contents of script elements.
func safetyDecode(page string) (tags []safetyElement, text string) {
	page = safetyAnyData.ReplaceAllString(page, "$1$3")
	for _, raw := range safetyTag.FindAllString(page, -1) {
		if strings.HasPrefix(raw, "</") || strings.HasPrefix(raw, "<!") || strings.HasPrefix(raw, "<?") {
			continue
		}
		m := safetyTagName.FindStringSubmatch(raw)
		if m == nil {
			continue
		}
		el := safetyElement{name: strings.ToLower(m[1]), attrs: map[string]string{}, raw: raw}
		inner := strings.TrimSuffix(raw[len(m[0]):], ">")
		for _, a := range safetyAttr.FindAllStringSubmatch(inner, -1) {
			el.attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2] + a[3] + a[4])
		}
		tags = append(tags, el)
	}
	text = html.UnescapeString(safetyTag.ReplaceAllString(page, "\x00"))
	return tags, text
}

// checkPageSafety checks one served page and returns what it decoded to.
func checkPageSafety(t *testing.T, path, page string, s *story.Story, texts []string) (attrValues map[string]bool, text string) {
	t.Helper()
	lower := strings.ToLower(page)
	for _, bad := range []string{"<script>alert", "<img src=x", "<![cdata["} {
		if strings.Contains(lower, bad) {
			t.Errorf("%s: the page holds unescaped %q: story text became markup", path, bad)
		}
	}

	tags, text := safetyDecode(page)
	attrValues = map[string]bool{}
	scripts := 0
	for _, el := range tags {
		for name, v := range el.attrs {
			attrValues[v] = true
			if strings.HasPrefix(name, "on") || name == "autofocus" || name == "srcdoc" || name == "formaction" {
				t.Errorf("%s: <%s> has a %s attribute, opened by story text: %s", path, el.name, name, clipForLog(el.raw))
			}
			if strings.Contains(v, "alert(1)") && !containsWhole(texts, v) {
				t.Errorf("%s: <%s %s> holds a fragment of story text, not the whole text: %q", path, el.name, name, v)
			}
			if name == "href" || name == "src" || name == "action" {
				u := strings.ToLower(strings.TrimSpace(v))
				if strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "vbscript:") {
					t.Errorf("%s: <%s %s=%q>", path, el.name, name, v)
				}
			}
		}
		switch el.name {
		case "script":
			scripts++
			if el.attrs["src"] == "" && el.attrs["type"] != "application/json" {
				t.Errorf("%s: inline executable script: %s", path, clipForLog(el.raw))
			}
		case "img", "iframe", "object", "embed", "base", "form", "svg:script":
			if el.name == "form" && el.attrs["id"] == "fc-quiz" {
				continue // the quiz, whose state is its radios
			}
			if src := el.attrs["src"]; src == "x" {
				t.Errorf("%s: an <%s src=x> element was made from story text", path, el.name)
			}
			if el.name == "base" || el.name == "object" || el.name == "embed" || el.name == "form" {
				t.Errorf("%s: unexpected <%s> element: %s", path, el.name, clipForLog(el.raw))
			}
		}
	}
	if scripts == 0 {
		t.Errorf("%s: no <script> tags found: the page decoder is broken", path)
	}
	// Go string quoting must not leak into the page (outside the JSON block).
	noData := safetyAnyData.ReplaceAllString(page, "$1$3")
	for _, bad := range []string{`\u00a0`, `\"`, `\\`, `\u003c`, `\x`} {
		if strings.Contains(noData, bad) {
			i := strings.Index(noData, bad)
			t.Errorf("%s: Go-quoted %s in the page: …%s…", path, bad, clipForLog(noData[max(0, i-60):min(len(noData), i+60)]))
		}
	}
	return attrValues, text
}

// containsWhole reports whether the attribute value v holds some story
// text whole (a label may put several together); a text broken out of its
// attribute would leave only a fragment in each.
func containsWhole(texts []string, v string) bool {
	for _, x := range texts {
		if strings.Contains(x, "alert(1)") && strings.Contains(v, x) {
			return true
		}
	}
	return false
}

func clipForLog(s string) string {
	if len(s) > 240 {
		return s[:240] + "…"
	}
	return s
}

func safetyGet(tb testing.TB, u string) string {
	tb.Helper()
	res, body := mustGet(tb, u)
	if res.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s = %d", u, res.StatusCode)
	}
	return body
}

// TestStoryTextIsRenderedAsText serves a story whose every text holds
// markup, quotes, a backslash, NBSP, emoji and right-to-left text, and
// checks every page variant: no element or attribute is made from story
// text, and every text reads back exactly as written.
func TestStoryTextIsRenderedAsText(t *testing.T) {
	s, texts := safetyStory(t)
	ts := safetyServer(t, s, nil)

	seenText := map[string]bool{}
	seenAttr := map[string]bool{}
	paths := []string{"/", "/embed", "/?embed=1", "/?theme=dark", "/embed?theme=light"}
	for i := range s.Calls {
		paths = append(paths, fmt.Sprintf("/?call=%d", i+1), fmt.Sprintf("/embed?call=%d", i+1))
	}
	for _, p := range paths {
		page := safetyGet(t, ts.URL+p)
		attrs, text := checkPageSafety(t, p, page, s, texts)
		for v := range attrs {
			seenAttr[v] = true
		}
		for _, x := range texts {
			if strings.Contains(text, x) {
				seenText[x] = true
			}
		}
		// The <title> is the story's title, as written.
		if m := regexp.MustCompile(`(?s)<title>(.*?)</title>`).FindStringSubmatch(page); m == nil || html.UnescapeString(m[1]) != s.Title {
			t.Errorf("%s: <title> does not read back as the story title: %q", p, m)
		}
		// The description meta (rewritten by pages.go) is the dek, as written.
		descOK := false
		for _, m := range regexp.MustCompile(`<meta [^>]*name="description"[^>]*>`).FindAllString(page, -1) {
			tags, _ := safetyDecode(m)
			if len(tags) == 1 && tags[0].attrs["content"] == s.Dek {
				descOK = true
			}
		}
		if !descOK {
			t.Errorf("%s: no description meta reads back as the dek", p)
		}
	}
	// Everything a reader can read comes out as itself somewhere. Place
	// names and countries go into the map and card as parts of longer
	// strings, so they are looked for as substrings too.
	for _, x := range texts {
		if !seenText[x] && !safetyHidden[x] {
			t.Errorf("text %.40q… is not in any prerendered page as itself", x)
		}
	}
	// Source headlines are link titles: attributes, through go-app's
	// strconv.Quote, must still read back exactly (for a headline in
	// another language, what it says, as the editors' words).
	loc, err := locale.New(s.Language, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range s.Sources {
		title := src.Headline
		if src.Language != "" {
			title = loc.T(locale.OurDescription, src.Description)
		}
		if src.Language != "" && src.Description == "" {
			continue // no title: nothing to say in the story's language
		}
		if !seenAttr[title] {
			t.Errorf("source %s: no attribute reads back as its title %.40q…", src.ID, title)
		}
	}
}

// TestAttributeValuesSurviveGoQuoting: go-app v9 prints attribute values with
// strconv.Quote. Quotes, backslashes, NBSP and the other runes Go would
// escape must come out as themselves, in the served HTML, in every
// attribute that carries story text.
func TestAttributeValuesSurviveGoQuoting(t *testing.T) {
	s := story.Default()
	cases := []string{
		`"`, `""`, `\`, `\"`, `"\`, "\u00a0", "a\u00a0b", `'`, `&amp;`, `&#34;`, `&`, `<`, `>`, "\u200b", "\u00ad", "é", "😀",
		`x" onfocus="alert(1)`, `x\" onfocus=\"alert(1)`, `\u0022 onfocus=\u0022alert(1)`,
	}
	// Sources cited by the notes and the quiz are linked (with the headline
	// as the link's title) on every page.
	var cited []int
	seen := map[string]bool{}
	cite := func(ids []string) {
		for _, id := range ids {
			for i := range s.Sources {
				if s.Sources[i].ID == id && !seen[id] {
					seen[id] = true
					cited = append(cited, i)
				}
			}
		}
	}
	for _, n := range s.Notes {
		cite(n.Sources)
	}
	for _, q := range s.Quiz.Questions {
		cite(q.Sources)
	}
	if len(cited) < 4 {
		t.Fatalf("only %d cited sources", len(cited))
	}
	headlines := map[int][]string{}
	for i, c := range cases {
		headlines[cited[i%len(cited)]] = append(headlines[cited[i%len(cited)]], fmt.Sprintf("h%d %s end", i, c))
	}
	var want []string
	for i, hs := range headlines {
		s.Sources[i].Headline = strings.Join(hs, " | ")
		want = append(want, s.Sources[i].Headline)
	}
	if err := story.Validate(s); err != nil {
		t.Fatal(err)
	}
	ts := safetyServer(t, s, nil)
	page := safetyGet(t, ts.URL+"/")
	tags, _ := safetyDecode(page)
	titles := map[string]bool{}
	for _, el := range tags {
		if el.name == "a" {
			if v, ok := el.attrs["title"]; ok {
				titles[v] = true
			}
			for name := range el.attrs {
				if strings.HasPrefix(name, "on") {
					t.Errorf("a link has a %s attribute: %s", name, el.raw)
				}
			}
		}
	}
	for _, w := range want {
		if !titles[w] {
			t.Errorf("headline %q does not come out as itself in a title attribute", w)
		}
	}
}

// TestManifestCarriesStoryTextAsJSON: go-app v9 builds manifest.webmanifest
// with text/template and no escaping, so the story title and dek go into
// JSON strings as they are: a quote or backslash makes the manifest invalid
// JSON, and a crafted title can add members (start_url, scope).
func TestManifestCarriesStoryTextAsJSON(t *testing.T) {
	s, _ := safetyStory(t)
	ts := safetyServer(t, s, nil)
	body := safetyGet(t, ts.URL+"/manifest.webmanifest")
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("manifest.webmanifest is not valid JSON when the story title holds quotes or a backslash: %v\n"+
			"(fix: generate the manifest with encoding/json in generated.go instead of go-app's text/template)\n%s", err, clipForLog(body))
	}
	if m["name"] != s.Title || m["description"] != s.Dek {
		t.Errorf("manifest name %q / description %q, want the story's title and dek", m["name"], m["description"])
	}

	// A title built to add members to the manifest.
	s2 := story.Default()
	s2.Title = `Five calls", "start_url": "https://evil.example/", "scope": "https://evil.example/`
	if err := story.Validate(s2); err != nil {
		t.Fatal(err)
	}
	body = safetyGet(t, safetyServer(t, s2, nil).URL+"/manifest.webmanifest")
	dec := json.NewDecoder(strings.NewReader(body))
	var m2 map[string]any
	if err := dec.Decode(&m2); err != nil {
		t.Errorf("manifest is not valid JSON for title %q: %v", s2.Title, err)
	} else if m2["name"] != s2.Title || strings.Contains(fmt.Sprint(m2["start_url"], m2["scope"]), "evil") {
		t.Errorf("a story title rewrote the manifest: name %q, start_url %q, scope %q", m2["name"], m2["start_url"], m2["scope"])
	}
}

// TestThumbnailAndOEmbedCarryStoryTextSafely: the thumbnail SVG (place
// names) stays well-formed XML without script, and oEmbed's JSON, the
// page's discovery link and its link-preview tags carry the title as
// itself; the preview card draws it.
func TestThumbnailAndOEmbedCarryStoryTextSafely(t *testing.T) {
	s, texts := safetyStory(t)
	public, _ := url.Parse("https://news.example/five-calls/")
	ts := safetyServer(t, s, func(c *server.Config) { c.PublicURL = public })

	svg := safetyGet(t, ts.URL+"/thumbnail.svg")
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("thumbnail.svg is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if strings.EqualFold(se.Name.Local, "script") || strings.EqualFold(se.Name.Local, "foreignObject") {
				t.Errorf("thumbnail.svg has a <%s> element", se.Name.Local)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("thumbnail.svg: <%s %s=%q>", se.Name.Local, a.Name.Local, a.Value)
				}
			}
		}
	}

	res, body := mustGet(t, ts.URL+"/oembed?url="+url.QueryEscape("https://news.example/five-calls/embed"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("oembed = %d %s", res.StatusCode, body)
	}
	var o struct{ Title, HTML string }
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatal(err)
	}
	if o.Title != s.Title {
		t.Errorf("oEmbed title %q, want the story title", o.Title)
	}
	tags, text := safetyDecode(o.HTML)
	if len(tags) != 3 || tags[0].name != "blockquote" || tags[1].name != "a" || tags[2].name != "iframe" || tags[2].attrs["title"] != s.Title {
		t.Errorf("oEmbed html is not a blockquote with a link, then one iframe titled with the story title: %q", o.HTML)
	}
	if strings.Trim(text, "\x00 \n") != s.Title {
		t.Errorf("the blockquote's link reads %q, want the story title", text)
	}
	for _, tag := range tags {
		for name := range tag.attrs {
			if strings.HasPrefix(name, "on") || name == "srcdoc" {
				t.Errorf("oEmbed <%s> has a %s attribute", tag.name, name)
			}
		}
	}

	page := safetyGet(t, ts.URL+"/")
	var link *safetyElement
	pageTags, _ := safetyDecode(page)
	for i, el := range pageTags {
		if el.name == "link" && el.attrs["type"] == "application/json+oembed" {
			link = &pageTags[i]
		}
	}
	if link == nil {
		t.Fatal("no oEmbed discovery link in the page")
	}
	if link.attrs["title"] != s.Title || !strings.HasPrefix(link.attrs["href"], "https://news.example/five-calls/oembed?") {
		t.Errorf("discovery link: title %q, href %q", link.attrs["title"], link.attrs["href"])
	}

	// The link-preview tags carry the title, places and leaders in the
	// image's description, escaped; the card draws the same text as pixels.
	for _, call := range []int{0, 1, 3} { // the call shown, 0 the overview
		p := "/"
		if call > 0 {
			p = fmt.Sprintf("/?call=%d", call)
		}
		page := safetyGet(t, ts.URL+p)
		checkPageSafety(t, p+" (public URL)", page, s, texts)
		tags, _ := safetyDecode(page)
		var alt string
		for _, el := range tags {
			if el.name == "meta" && el.attrs["property"] == "og:image:alt" {
				alt = el.attrs["content"]
			}
		}
		if !strings.Contains(alt, s.Title) || (call > 0 && !strings.Contains(alt, s.Calls[call-1].Leader.Name)) {
			t.Errorf("%s: og:image:alt %q does not carry the title and leaders whole", p, alt)
		}
	}
	res, body = mustGet(t, ts.URL+"/preview.png?call=3")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("preview of hostile text: status %d, %s", res.StatusCode, body)
	}
}

// TestStoryLinksAndSizeAreLimited: only absolute http(s) links pass
// story.Load, in every disguise, and a 10 MB file is refused quickly.
// (`fivecalls check` and `fivecalls serve` refusing the same files is
// cmd/fivecalls/badstory_test.go.)
func TestStoryLinksAndSizeAreLimited(t *testing.T) {
	for _, u := range []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
		"javascript://example.com/%0Aalert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
		"//evil.example/x", "/relative", "https://user@evil.example/", "https:///nohost", "file:///etc/passwd",
		"https://example.com/\u00a0x",
	} {
		s := story.Default()
		s.Sources[0].URL = u
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := story.Load(b); err == nil {
			t.Errorf("story.Load accepted a source URL %q", u)
		}
		if err := story.Validate(s); err == nil {
			t.Errorf("story.Validate accepted a source URL %q", u)
		}
	}

	def := story.DefaultJSON()
	big := append(bytes.Clone(def), bytes.Repeat([]byte(" "), 10_000_000-len(def))...)
	start := time.Now()
	if _, err := story.Load(big); err == nil {
		t.Error("story.Load accepted a 10 MB file")
	} else if !strings.Contains(err.Error(), "at most") {
		t.Errorf("10 MB file refused without saying why: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing a 10 MB file took %v", d)
	}

	s := story.Default()
	s.Title = strings.Repeat("x", story.MaxTextRunes+1)
	if err := story.Validate(s); err == nil {
		t.Errorf("a %d-character title passed validation", story.MaxTextRunes+1)
	}
}

// TestServerRefusesAnInvalidStory: server.New documents that its story is
// validated, but nothing enforces it; a library caller (or a future
// hot-reload) that skips story.Load would serve javascript: links from the
// prerendered HTML. Defence in depth: server.New validates.
func TestServerRefusesAnInvalidStory(t *testing.T) {
	s := story.Default()
	s.Sources[0].URL = "javascript:alert(1)"
	_, err := server.New(zerolog.Nop(), server.Config{Story: s, WebDir: mustWebDir(t)}, nil)
	if err == nil {
		t.Errorf("server.New accepted a story with a javascript: source URL; it would be served as a link " +
			"(fix: call story.Validate(cfg.Story) in server.New and return its error)")
	}
}

// TestSafetyDecoderSeesBreakouts guards the checks above: the decoder finds
// attributes that Go-quoted values would have opened.
func TestSafetyDecoderSeesBreakouts(t *testing.T) {
	tags, text := safetyDecode(`<p>a &lt;b&gt;</p><a title="x\" onfocus=\"alert(1)" href='y'>z</a><img src=x onerror=alert(1)>`)
	if len(tags) != 3 || text != "\x00a <b>\x00\x00z\x00\x00" {
		t.Fatalf("decoded %d tags, text %q", len(tags), text)
	}
	if _, ok := tags[1].attrs["onfocus"]; !ok || tags[1].attrs["href"] != "y" {
		t.Errorf("a Go-quoted breakout is not seen: %v", tags[1].attrs)
	}
	if tags[2].name != "img" || tags[2].attrs["src"] != "x" || tags[2].attrs["onerror"] != "alert(1)" {
		t.Errorf("unquoted attributes are not seen: %v", tags[2].attrs)
	}
}
