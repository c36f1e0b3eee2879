package server

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"fivecalls/app/story"
)

// The list of stories at / when a server tells several (Config.Several):
// each story's title, dek, map and links, and in an author's preview
// (Config.Watch) the problems of every file, those with no story to tell
// included, and the warnings of each story's. Its links are relative, so the same page serves as a static
// export's index.html under any base path.

// indexCSSPath is the list's stylesheet, beside it.
const indexCSSPath = "index.css"

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Five Calls: the stories</title>
<meta name="robots" content="noindex">
<link rel="stylesheet" href="index.css">
</head>
<body>
<main>
<h1>The stories</h1>
{{- if .Broken}}
<section class="problems">
<h2>Files with no story to tell</h2>
{{- range .Broken}}
<p>{{.Path}}</p>
<ol>{{range .Lines}}<li>{{.}}</li>{{end}}</ol>
{{- end}}
</section>
{{- end}}
{{- if .Stories}}
<ul class="stories">
{{- range .Stories}}
<li lang="{{.Language}}">
<a href="{{.ID}}/" tabindex="-1" aria-hidden="true"><img src="{{.ID}}/thumbnail.svg{{if .Version}}?v={{.Version}}{{end}}" alt="" width="1200" height="630"></a>
<div>
<h2><a href="{{.ID}}/">{{.Title}}</a></h2>
<p>{{.Dek}}</p>
<p class="links"><a href="{{.ID}}/">The widget</a> <a href="{{.Embed}}">The embed</a> <a href="{{.ID}}/story.json">story.json</a></p>
{{- if .Lines}}
<div class="problems"><p>{{.Path}} has problems; this is its last good version:</p>
<ol>{{range .Lines}}<li>{{.}}</li>{{end}}</ol></div>
{{- end}}
{{- if .Warnings}}
<details class="warnings"><summary>{{.Path}}: {{len .Warnings}} {{if eq (len .Warnings) 1}}warning{{else}}warnings{{end}} to check before publishing</summary>
<ol>{{range .Warnings}}<li>{{.}}</li>{{end}}</ol></details>
{{- end}}
</div>
</li>
{{- end}}
</ul>
{{- else}}
<p>No story is being told: add a story file to the folder.</p>
{{- end}}
</main>
</body>
</html>
`))

// indexCSS styles the list: plain, readable, on any screen.
const indexCSS = `body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #ffffff; }
main { max-width: 60em; margin: 0 auto; padding: 16px; }
.stories { list-style: none; margin: 0; padding: 0; }
.stories > li { display: flex; flex-wrap: wrap; gap: 16px; padding: 16px 0; border-top: 1px solid #d0d4da; }
.stories img { width: 240px; height: auto; border: 1px solid #d0d4da; border-radius: 4px; }
.stories > li > div { flex: 1 1 20em; }
h2 { margin: 0 0 4px; font-size: 1.25rem; }
.links a { margin-right: 1em; }
.problems { margin: 8px 0; padding: 8px 12px; border: 2px solid #b3261e; border-radius: 8px; background: #fff4f2; }
.warnings { margin: 8px 0; padding: 8px 12px; border: 2px solid #8a5a00; border-radius: 8px; background: #fff8e6; }
.warnings summary { cursor: pointer; }
:is(.problems, .warnings) ol { font: 0.85rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
@media (prefers-color-scheme: dark) {
  body { color: #e8eaed; background: #14171a; }
  .problems, .warnings { color: #1a1a1a; }
  a { color: #8ab4f8; }
}
`

// indexEntry is one story in the list.
type indexEntry struct {
	ID, Title, Dek, Language, Version, Embed string
	Path                                     string   // its file
	Lines                                    []string // its file's problems, under Watch
	Warnings                                 []string // its story's weak spots, under Watch
}

// indexBroken is a file with no story to tell.
type indexBroken struct {
	Path  string
	Lines []string
}

// newIndexEntry is a story's entry in the list; a static host serves its
// embed as a folder.
func newIndexEntry(s *story.Story, version string, static bool) indexEntry {
	e := indexEntry{ID: s.ID, Title: s.Title, Dek: s.Dek, Language: s.Language, Version: version, Embed: s.ID + "/embed"}
	if static {
		e.Embed += "/"
	}
	return e
}

// indexOf writes the list of a set's stories. Problems are listed under
// Watch only: readers have no use for them.
func indexOf(set *siteSet, watch bool) []byte {
	var entries []indexEntry
	var broken []indexBroken
	for _, st := range set.list {
		e := newIndexEntry(st.story, st.version, false)
		if l := st.live.Load(); watch && l != nil {
			e.Path, e.Lines, e.Warnings = l.File, problemLines(l.Problems), problemLines(l.Warnings)
		}
		entries = append(entries, e)
	}
	if watch {
		for _, f := range set.broken {
			broken = append(broken, indexBroken{Path: fileName(f), Lines: problemLines(f.Problems)})
		}
	}
	return renderIndex(entries, broken)
}

// renderIndex writes the list.
func renderIndex(entries []indexEntry, broken []indexBroken) []byte {
	data := struct {
		Stories []indexEntry
		Broken  []indexBroken
	}{entries, broken}
	var b bytes.Buffer
	if err := indexPage.Execute(&b, data); err != nil {
		// The template and its data are ours: this is a bug.
		panic("render the list of stories: " + err.Error())
	}
	return b.Bytes()
}

func problemLines(ps story.Problems) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Error()
	}
	return out
}

// handleIndex serves the list of the stories told now.
func (s *srv) handleIndex() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.current().index.serve(w, r, "no-cache")
	})
}

func handleIndexCSS() http.Handler {
	f := newCachedFile("text/css; charset=utf-8", []byte(indexCSS))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.serve(w, r, "no-cache")
	})
}

// handleOEmbedOfAnyStory answers GET /oembed for an address of any story
// told here (the first segment of its path under the public URL names the
// story), so that a CMS can be given one endpoint for all of them; each
// story's own /ID/oembed answers too. An address of no story gets the
// answer any story's oEmbed gives a stranger's: 404.
func (s *srv) handleOEmbedOfAnyStory() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set := s.current()
		base := s.cfg.PublicURL
		if base == nil {
			base = requestBase(r)
		}
		st := set.byID[storyOfURL(r.URL.Query().Get("url"), normalizeBase(base))]
		if st == nil && len(set.list) > 0 {
			st = set.list[0] // refuses the address as not its own, or the request as malformed
		}
		if st == nil {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			writeJSON(w, http.StatusNotFound, struct {
				Error string `json:"error"`
			}{"This URL is not a Five Calls widget served from here."})
			return
		}
		st.oembed.ServeHTTP(w, r)
	})
}

// storyOfURL is the story id an address names under base: the first
// segment of its path below base's; "" when it names none.
func storyOfURL(raw string, base *url.URL) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	rest, ok := strings.CutPrefix(u.Path, base.Path)
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	return id
}
