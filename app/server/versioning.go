package server

import (
	"net/http"
	"regexp"
)

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

// localAsset matches src and href attributes that name one of the app's own
// files in the prerendered page.
var localAsset = regexp.MustCompile(`((?:src|href)=")(/[^"?#:]*\.(?:js|css|png|svg|webmanifest))(")`)

// versionAssetURLs adds ?v=VERSION to the app's files in a page.
func versionAssetURLs(page []byte, version string) []byte {
	return localAsset.ReplaceAll(page, []byte("${1}${2}?"+versionParm+"="+version+"${3}"))
}
