package server

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

func TestParseWidgetURL(t *testing.T) {
	base := &url.URL{Scheme: "https", Host: "widget.example", Path: "/"}
	tests := []struct {
		raw   string
		call  int
		theme string
		ok    bool
	}{
		{"https://widget.example/", 0, "", true},
		{"https://widget.example/embed?call=5&theme=auto", 5, "", true},
		{"https://widget.example/embed?call=6&theme=dark", 0, "dark", true}, // the story has 5 calls
		{"https://widget.example:443/embed.html?call=99", 0, "", false},     // no page is served there
		{"https://widget.example:443/embed/quiz/?call=9", 0, "", true},
		{"https://widget.example/?call=-1&theme=Dark", 0, "", true},
		{"https://widget.example/?call=+3", 0, "", true}, // "+" is a space in a query
		{"https://widget.example/%65mbed", 0, "", true},  // percent-encoded "e"
		{"https://widget.example/embed%2Fx", 0, "", false},
		{"https://widget.example/embed/", 0, "", true}, // a static export's embed page
		{"https://widget.example/index.htm", 0, "", false},
		{"https://widget.example./embed", 0, "", false},
		{"https://widget.example/ embed", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		a, err := parseWidgetURL(tt.raw, base, 5)
		if (err == nil) != tt.ok || a.Step != tt.call || a.Theme != tt.theme {
			t.Errorf("parseWidgetURL(%q) = %+v, %v; want call %d, theme %q, ok=%v", tt.raw, a, err, tt.call, tt.theme, tt.ok)
		}
	}
	if _, err := parseWidgetURL("https://widget.example/", nil, 5); err == nil {
		t.Error("accepted a URL with no base to compare it to")
	}
}

func TestHandleThumbnail(t *testing.T) {
	svg := ThumbnailSVG("Map of the calls", nil, nil, time.Time{}, 0, nil)
	h := handleThumbnail(svg)

	req := httptest.NewRequest(http.MethodGet, "/thumbnail.svg", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	for k, want := range map[string]string{
		"Content-Type":                "image/svg+xml",
		"Content-Encoding":            "gzip",
		"Access-Control-Allow-Origin": "*",
	} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil || string(body) != string(svg) {
		t.Fatalf("body is not the thumbnail (%v)", err)
	}

	etag := rec.Header().Get("ETag")
	req = httptest.NewRequest(http.MethodGet, "/thumbnail.svg", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("revalidation with %s: status %d, want 304", etag, rec.Code)
	}
}
