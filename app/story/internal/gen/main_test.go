package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestISO6709 reads the coordinate forms the .tab files use. It fails if
// the sign of either half is lost, or seconds are read as minutes.
func TestISO6709(t *testing.T) {
	for _, tt := range []struct {
		in       string
		lat, lon float64
	}{
		{"-1808+17825", -(18 + 8.0/60), 178 + 25.0/60},                 // Pacific/Fiji
		{"+4043-07400", 40 + 43.0/60, -74},                             // minutes only
		{"-720041+0023206", -(72 + 41.0/3600), 2 + 32.0/60 + 6.0/3600}, // Antarctica/Troll
	} {
		lat, lon, err := iso6709(tt.in)
		if err != nil || math.Abs(lat-tt.lat) > 1e-9 || math.Abs(lon-tt.lon) > 1e-9 {
			t.Errorf("iso6709(%q) = %v, %v, %v; want %v, %v", tt.in, lat, lon, err, tt.lat, tt.lon)
		}
	}
	for _, bad := range []string{"+4043", "4043-07400", "+404-07400", "+4043-0740x", "+", ""} {
		if _, _, err := iso6709(bad); err == nil {
			t.Errorf("iso6709(%q) gave no error", bad)
		}
	}
}

// TestReadTab checks that a zone listed in both files at different places
// is refused rather than written at either.
func TestReadTab(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	zones := map[string]zone{}
	if err := readTab(write("a.tab", "# comment\nFJ\t-1808+17825\tPacific/Fiji\n"), zones); err != nil {
		t.Fatal(err)
	}
	if err := readTab(write("b.tab", "FJ\t-1808+17825\tPacific/Fiji\tSuva\n"), zones); err != nil {
		t.Errorf("the same zone at the same place: %v", err)
	}
	err := readTab(write("c.tab", "FJ\t-1809+17825\tPacific/Fiji\n"), zones)
	if err == nil || !strings.Contains(err.Error(), "c.tab:1") {
		t.Errorf("the same zone elsewhere: err = %v, want one naming c.tab:1", err)
	}
}
