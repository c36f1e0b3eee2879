package server

import "net/http"

// Versioned URLs: the pages refer to the app's files with ?v=VERSION, and a
// request carrying the current version may be cached for a year, since that
// URL's content never changes. Without it (an old page, a hand-typed URL)
// the file revalidates by ETag as usual.
const (
	immutable   = "public, max-age=31536000, immutable"
	revalidate  = "no-cache"
	versionParm = "v"
)

// cacheControlFor says how long a client may keep a file of this version.
func cacheControlFor(r *http.Request, version string) string {
	if version != "" && r.URL.Query().Get(versionParm) == version {
		return immutable
	}
	return revalidate
}
