// Command gen writes package story's table of time zones (zonetab.go) from
// the tz database's zone1970.tab and zone.tab, as Debian's tzdata package
// installs them in /usr/share/zoneinfo (apt-get install tzdata): each zone's
// name and the coordinates of its principal location, nothing else. The
// validator uses it to suggest a zone when a place's "timezone" is not one
// the system knows. It is run by go generate in app/story. With -check it
// writes nothing and fails unless zonetab.go is exactly what the installed
// tzdata gives: make check-zones.
//
// zone1970.tab lists the zones that have differed since 1970; zone.tab
// also lists, for each country, the name its people write (Europe/Oslo,
// Europe/Amsterdam), which zone1970.tab folds into a neighbour's zone. An
// editor writes those names, so the table holds both.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	out := flag.String("out", "zonetab.go", "file to write")
	dir := flag.String("dir", "/usr/share/zoneinfo", "directory holding tzdata.zi, zone1970.tab and zone.tab")
	check := flag.Bool("check", false, "check that -out is what would be written, instead of writing it")
	flag.Parse()
	if err := run(*out, *dir, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, dir string, check bool) error {
	version, err := readVersion(filepath.Join(dir, "tzdata.zi"))
	if err != nil {
		return err
	}
	zones := map[string]zone{}
	for _, name := range []string{"zone1970.tab", "zone.tab"} {
		if err := readTab(filepath.Join(dir, name), zones); err != nil {
			return err
		}
	}
	src, err := generate(version, zones)
	if err != nil {
		return err
	}
	if check {
		committed, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(committed, src) {
			if was := committedVersion(committed); was != version {
				return fmt.Errorf("%s is from tzdata %s, but %s has %s: run go generate ./app/story to update it", out, was, dir, version)
			}
			return fmt.Errorf("%s differs from what tzdata %s gives: run go generate ./app/story", out, version)
		}
		fmt.Printf("gen: %s is exactly what tzdata %s gives\n", out, version)
		return nil
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: wrote %s (%d zones, %d bytes) from tzdata %s\n", out, len(zones), len(src), version)
	return nil
}

// committedVersion reads the tz release a generated file names in its
// first line, or "?".
func committedVersion(src []byte) string {
	_, rest, ok := bytes.Cut(src, []byte(" from tzdata "))
	v, _, _ := bytes.Cut(rest, []byte(" "))
	if !ok || len(v) == 0 {
		return "?"
	}
	return string(v)
}

// zone is one line of a .tab file: a zone and its principal location.
type zone struct {
	lat, lon float64
	from     string // the file and line, for errors
}

// readVersion reads the tz release ("2025b") from tzdata.zi's first line,
// "# version 2025b".
func readVersion(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%w (install Debian's tzdata package, or give -dir)", err)
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	v, ok := strings.CutPrefix(strings.TrimSpace(line), "# version ")
	if !ok || v == "" {
		return "", fmt.Errorf("%s: the first line is %q, not \"# version …\"", path, strings.TrimSpace(line))
	}
	return v, nil
}

// readTab adds a .tab file's zones: tab-separated country codes,
// coordinates (ISO 6709) and zone name, then an optional comment. A zone
// already read must have the same coordinates.
func readTab(path string, zones map[string]zone) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		at := fmt.Sprintf("%s:%d", filepath.Base(path), i+1)
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return fmt.Errorf("%s: %d fields, want at least 3", at, len(f))
		}
		lat, lon, err := iso6709(f[1])
		if err != nil {
			return fmt.Errorf("%s: %w", at, err)
		}
		z := zone{lat: lat, lon: lon, from: at}
		if prev, ok := zones[f[2]]; ok {
			if prev.lat != z.lat || prev.lon != z.lon {
				return fmt.Errorf("%s: %s is at %s here but elsewhere at %.4f%+.4f (%s)", at, f[2], f[1], prev.lat, prev.lon, prev.from)
			}
			continue
		}
		zones[f[2]] = z
	}
	return nil
}

// iso6709 reads "+DDMM+DDDMM" or "+DDMMSS+DDDMMSS" as degrees.
func iso6709(s string) (lat, lon float64, err error) {
	if len(s) < 2 {
		return 0, 0, fmt.Errorf("coordinates %q are not ISO 6709", s)
	}
	split := strings.IndexAny(s[1:], "+-") + 1
	if split == 0 {
		return 0, 0, fmt.Errorf("coordinates %q are not ISO 6709", s)
	}
	if lat, err = degrees(s[:split], 2); err != nil {
		return 0, 0, err
	}
	if lon, err = degrees(s[split:], 3); err != nil {
		return 0, 0, err
	}
	return lat, lon, nil
}

// degrees reads a signed ±DD[D]MM[SS] with digits digits of degrees.
func degrees(s string, digits int) (float64, error) {
	rest := s[1:]
	if s[0] != '+' && s[0] != '-' || len(rest) != digits+2 && len(rest) != digits+4 {
		return 0, fmt.Errorf("%q is not a coordinate ±%sMM[SS]", s, strings.Repeat("D", digits))
	}
	var parts []float64
	for _, p := range []string{rest[:digits], rest[digits : digits+2], rest[digits+2:]} {
		if p == "" {
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return 0, fmt.Errorf("%q is not a coordinate: %w", s, err)
		}
		parts = append(parts, float64(n))
	}
	d := parts[0] + parts[1]/60
	if len(parts) == 3 {
		d += parts[2] / 3600
	}
	if s[0] == '-' {
		d = -d
	}
	return d, nil
}

func generate(version string, zones map[string]zone) ([]byte, error) {
	names := make([]string, 0, len(zones))
	for n := range zones {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by app/story/internal/gen from tzdata %s (zone1970.tab and zone.tab, as Debian's\n// tzdata package installs them); DO NOT EDIT. go generate ./app/story writes it, make check-zones checks it.\n\npackage story\n\n", version)
	fmt.Fprintf(&b, "// zoneTab is every zone of tzdata %s's zone1970.tab and zone.tab, by name,\n// at its principal location (degrees, to 4 places: about 10 m).\nvar zoneTab = [...]zonePlace{\n", version)
	for _, n := range names {
		z := zones[n]
		fmt.Fprintf(&b, "{%q, %s, %s},\n", n, round4(z.lat), round4(z.lon))
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// round4 writes degrees to 4 decimal places, without trailing zeros.
func round4(d float64) string {
	return strconv.FormatFloat(math.Round(d*1e4)/1e4, 'f', -1, 64)
}
