// Command gen writes package locale's CLDR tables (cldr.go) from the CLDR
// JSON packages on npm, at the exact versions and integrities below: how
// each locale writes dates, times, time zones and numbers. It is run by go
// generate in app/locale and needs npm the first time, to pack the
// tarballs into the ignored cache directory. With -check it writes nothing
// and fails unless cldr.go is exactly what it would write: make check-cldr,
// run by CI (not by go test, which must not download).
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

// The exact inputs: npm packages and the integrity npm reports for each
// (`npm view PACKAGE dist.integrity`). Changing a version means changing
// its integrity, and regenerating.
var packages = []struct{ name, version, integrity string }{
	{"cldr-core", "48.2.0", "sha512-zfmLothncSwfv2jlevoSrgI2VGgH8SDGHXst6jUEotHA8nq9Igeg9jzdJDFtBso9pgJuG89DK16TzrmZDdo2Bg=="},
	{"cldr-dates-full", "48.2.0", "sha512-zMrKvjMO414HDftLr6vKH1fNQHakFNe+F1h4S0eg+zmL4WRi9pI41fxB3UrTJDY42MEM87jCuAw/qlqCgYKcAQ=="},
	{"cldr-numbers-full", "48.2.0", "sha512-0EQ+UkVDsyXOlxnWnL1RIENVZFqCnb04D1Yrku0obnOyttbuZz8tHmUd5c5AEvhGS/Gg2zI4fTaCm51LSGITog=="},
}

// locales are the locales whose data is written: the widget's, and ar, a
// right-to-left one its tests render.
var locales = []string{"ar", "de", "en", "es", "fr", "ja", "ru"}

func main() {
	out := flag.String("out", "cldr.go", "file to write")
	cache := flag.String("cache", ".cache", "directory for the npm tarballs")
	check := flag.Bool("check", false, "check that -out is what would be written, instead of writing it")
	flag.Parse()
	if err := run(*out, *cache, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, cache string, check bool) error {
	files := map[string][]byte{} // by path inside the packages, e.g. "main/de/numbers.json"
	for _, p := range packages {
		tgz, err := fetch(p.name, p.version, p.integrity, cache)
		if err != nil {
			return err
		}
		if err := extract(tgz, files); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	src, err := generate(files)
	if err != nil {
		return err
	}
	if check {
		committed, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(committed, src) {
			return fmt.Errorf("%s differs from what the CLDR packages give: run make generate", out)
		}
		fmt.Printf("gen: %s is exactly what the CLDR packages give\n", out)
		return nil
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return err
	}
	fmt.Printf("gen: wrote %s (%d bytes)\n", out, len(src))
	return nil
}

// fetch returns a package's tarball, from the cache or packed by npm, once
// its sha512 matches the integrity.
func fetch(name, version, integrity, cache string) ([]byte, error) {
	path := filepath.Join(cache, name+"-"+version+".tgz")
	verify := func(b []byte) error {
		sum := sha512.Sum512(b)
		if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != integrity {
			return fmt.Errorf("%s: integrity %s, want %s", filepath.Base(path), got, integrity)
		}
		return nil
	}
	tgz, err := os.ReadFile(path)
	if err != nil || verify(tgz) != nil {
		if _, err := exec.LookPath("npm"); err != nil {
			return nil, fmt.Errorf("npm not found in PATH: it fetches %s@%s", name, version)
		}
		if err := os.MkdirAll(cache, 0o755); err != nil {
			return nil, err
		}
		cmd := exec.Command("npm", "pack", name+"@"+version, "--pack-destination", cache, "--silent")
		cmd.Stderr = os.Stderr
		if out, err := cmd.Output(); err != nil {
			return nil, fmt.Errorf("npm pack %s@%s: %w (%s)", name, version, err, bytes.TrimSpace(out))
		}
		if tgz, err = os.ReadFile(path); err != nil {
			return nil, err
		}
	}
	return tgz, verify(tgz)
}

// extract keeps the files the tables come from.
func extract(tgz []byte, files map[string][]byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(h.Name, "package/")
		keep := name == "supplemental/metaZones.json" || name == "supplemental/numberingSystems.json"
		for _, l := range locales {
			for _, f := range []string{"ca-gregorian.json", "timeZoneNames.json", "numbers.json"} {
				keep = keep || name == "main/"+l+"/"+f
			}
		}
		if keep {
			if files[name], err = io.ReadAll(tr); err != nil {
				return err
			}
		}
	}
}

// The parts of the CLDR JSON the tables use.
type (
	gregorian struct {
		RawMonths   map[string]map[string]map[string]string `json:"months"`
		RawDays     map[string]map[string]map[string]string `json:"days"`
		DayPeriods  map[string]map[string]map[string]string `json:"dayPeriods"`
		DateFormats map[string]string                       `json:"dateFormats"`
		TimeFormats map[string]string                       `json:"timeFormats"`
		DateTime    struct {
			Available map[string]string `json:"availableFormats"`
		} `json:"dateTimeFormats"`
	}
	zoneNames struct {
		HourFormat    string `json:"hourFormat"`
		GMTFormat     string `json:"gmtFormat"`
		GMTZeroFormat string `json:"gmtZeroFormat"`
		Metazone      map[string]struct {
			Short map[string]string `json:"short"`
		} `json:"metazone"`
	}
	numbers struct {
		DefaultNumberingSystem string `json:"defaultNumberingSystem"`
		Symbols                struct {
			Decimal     string `json:"decimal"`
			Group       string `json:"group"`
			PercentSign string `json:"percentSign"`
			MinusSign   string `json:"minusSign"`
		} `json:"symbols-numberSystem-latn"`
		Percent struct {
			Standard string `json:"standard"`
		} `json:"percentFormats-numberSystem-latn"`
	}
)

func load(files map[string][]byte, path string, v any, at ...string) error {
	b, ok := files[path]
	if !ok {
		return fmt.Errorf("no %s in the packages", path)
	}
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, k := range at {
		m, ok := raw.(map[string]any)
		if !ok || m[k] == nil {
			return fmt.Errorf("%s: no %s", path, strings.Join(at, "."))
		}
		raw = m[k]
	}
	b, _ = json.Marshal(raw)
	return json.Unmarshal(b, v)
}

func generate(files map[string][]byte) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by app/locale/internal/gen from CLDR 48.2.0 (the cldr-core, cldr-dates-full and\n// cldr-numbers-full npm packages); DO NOT EDIT. make generate writes it, make check-cldr checks it.\n\npackage locale\n\nimport \"fivecalls/app/locale/cldrtime\"\n\n")
	var systems map[string]struct {
		Digits string `json:"_digits"`
	}
	if err := load(files, "supplemental/numberingSystems.json", &systems, "supplemental", "numberingSystems"); err != nil {
		return nil, err
	}
	usedZones := map[string]bool{}
	b.WriteString("// cldrData is each locale's CLDR data, by its CLDR locale id.\nvar cldrData = map[string]*cldrLocale{\n")
	for _, l := range locales {
		var g gregorian
		if err := load(files, "main/"+l+"/ca-gregorian.json", &g, "main", l, "dates", "calendars", "gregorian"); err != nil {
			return nil, err
		}
		var z zoneNames
		if err := load(files, "main/"+l+"/timeZoneNames.json", &z, "main", l, "dates", "timeZoneNames"); err != nil {
			return nil, err
		}
		var n numbers
		if err := load(files, "main/"+l+"/numbers.json", &n, "main", l, "numbers"); err != nil {
			return nil, err
		}
		digits := systems[n.DefaultNumberingSystem].Digits
		if digits == "" {
			return nil, fmt.Errorf("%s: no digits for numbering system %q", l, n.DefaultNumberingSystem)
		}
		months := func(ctx, width string) string {
			var out []string
			for i := 1; i <= 12; i++ {
				out = append(out, fmt.Sprintf("%q", g.RawMonths[ctx][width][fmt.Sprint(i)]))
			}
			return "[12]string{" + strings.Join(out, ", ") + "}"
		}
		days := func(ctx, width string) string {
			var out []string
			for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
				out = append(out, fmt.Sprintf("%q", g.RawDays[ctx][width][d]))
			}
			return "[7]string{" + strings.Join(out, ", ") + "}"
		}
		fmt.Fprintf(&b, "%q: {\n", l)
		fmt.Fprintf(&b, "Words: cldrtime.Words{\nMonths: %s,\nMonthsShort: %s,\nStandaloneMonths: %s,\nStandaloneShort: %s,\nWeekdays: %s,\nWeekdaysWide: %s,\nStandaloneDays: %s,\nAM: %q, PM: %q, Digits: %q,\n},\n",
			months("format", "wide"), months("format", "abbreviated"), months("stand-alone", "wide"), months("stand-alone", "abbreviated"),
			days("format", "abbreviated"), days("format", "wide"), days("stand-alone", "abbreviated"),
			g.DayPeriods["format"]["abbreviated"]["am"], g.DayPeriods["format"]["abbreviated"]["pm"], digits)
		af := g.DateTime.Available
		hour := af["h"]
		if strings.Contains(g.TimeFormats["short"], "H") {
			hour = af["H"]
		}
		for _, f := range []struct{ name, v string }{
			{"Time", g.TimeFormats["short"]}, {"Hour", hour},
			{"DateLong", g.DateFormats["long"]}, {"DateMedium", g.DateFormats["medium"]},
			{"MonthDay", af["MMMd"]}, {"MonthDayWeekday", af["MMMEd"]}, {"DayWeekday", af["Ed"]},
			{"YearMonth", af["yMMMM"]}, {"YearMonthShort", af["yMMM"]}, {"Year", af["y"]},
			{"GMT", z.GMTFormat}, {"GMTZero", z.GMTZeroFormat}, {"HourFormat", z.HourFormat},
			{"Decimal", n.Symbols.Decimal}, {"Group", n.Symbols.Group}, {"PercentSign", n.Symbols.PercentSign},
			{"Minus", n.Symbols.MinusSign}, {"Percent", n.Percent.Standard},
		} {
			if f.v == "" {
				return nil, fmt.Errorf("%s: no %s", l, f.name)
			}
			fmt.Fprintf(&b, "%s: %q,\n", f.name, f.v)
		}
		var zones []string
		for mz, names := range z.Metazone {
			if len(names.Short) > 0 {
				zones = append(zones, mz)
				usedZones[mz] = true
			}
		}
		sort.Strings(zones)
		b.WriteString("Zones: map[string]zoneShort{\n")
		for _, mz := range zones {
			s := z.Metazone[mz].Short
			fmt.Fprintf(&b, "%q: {%q, %q, %q},\n", mz, s["standard"], s["daylight"], s["generic"])
		}
		b.WriteString("},\n},\n")
	}
	b.WriteString("}\n\n")

	// Which metazone each IANA zone used when, for the metazones that have
	// a short name in a locale above (the others are written as offsets).
	var mzInfo map[string]any
	if err := load(files, "supplemental/metaZones.json", &mzInfo, "supplemental", "metaZones", "metazoneInfo", "timezone"); err != nil {
		return nil, err
	}
	uses := map[string][]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case []any:
			var out []string
			keep := false
			for _, u := range v {
				m := u.(map[string]any)["usesMetazone"].(map[string]any)
				mz, _ := m["_mzone"].(string)
				from, to := cldrTime(m["_from"]), cldrTime(m["_to"])
				out = append(out, fmt.Sprintf("{%q, %d, %d}", mz, from, to))
				keep = keep || usedZones[mz]
			}
			if keep {
				uses[prefix] = out
			}
		case map[string]any:
			for k, c := range v {
				p := k
				if prefix != "" {
					p = prefix + "/" + k
				}
				walk(p, c)
			}
		}
	}
	walk("", mzInfo)
	names := make([]string, 0, len(uses))
	for k := range uses {
		names = append(names, k)
	}
	slices.Sort(names)
	b.WriteString("// metaZones are the metazones each IANA zone has used, in order, for the\n// metazones with a short name in one of the locales above.\nvar metaZones = map[string][]metaZoneUse{\n")
	for _, k := range names {
		fmt.Fprintf(&b, "%q: {%s},\n", k, strings.Join(uses[k], ", "))
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// cldrTime reads a metazone's bound, "1991-03-30 23:00" (UTC), as Unix
// seconds; 0 for none.
func cldrTime(v any) int64 {
	s, _ := v.(string)
	if s == "" {
		return 0
	}
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(fmt.Sprintf("metazone bound %q: %v", s, err))
	}
	return t.Unix()
}
