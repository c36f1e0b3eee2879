// Package locale is the widget's languages: for each language it ships, a
// catalogue of every word the widget shows or speaks that is not the
// story's own (messages/*.json), and how that language writes dates, times,
// time zones, numbers and percentages (CLDR's data, generated into cldr.go
// from the CLDR JSON packages). A story picks its language, and may
// override any message with its own words (a newsroom's house style, or the
// words for its kind of items).
//
// Messages are formatted, and their plural forms chosen, by
// golang.org/x/text's message catalogue and CLDR plural rules. The package
// depends on nothing of ours but cldrtime, which the WebAssembly shares.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

//go:embed messages/*.json messages/kinds/*.json
var catalogueFiles embed.FS

// Shipped are the languages whose catalogue ships, as BCP 47 tags.
var Shipped = []string{"de", "en", "es", "fr", "ja", "ru"}

// Known lists the languages whose CLDR data is built in, sorted: the
// shipped ones, and those a story may use by giving every message itself.
func Known() []string {
	out := make([]string, 0, len(cldrData))
	for lang := range cldrData {
		out = append(out, lang)
	}
	slices.Sort(out)
	return out
}

// Message is one message of a catalogue or of a story's overrides: a text
// with fmt verbs (%[1]s, %[2]d), or, when it depends on a number, the texts
// of the plural categories the language uses (CLDR's: zero, one, two, few,
// many, other) or of exact numbers (=0), chosen by the Plural-th argument.
type Message struct {
	Text   string
	Plural int               // 1-based argument the forms depend on; 0: Text alone
	Forms  map[string]string // by category or "=N"
}

// UnmarshalJSON reads a message as the catalogues and story files write
// it: a string, or an object {"plural": 1, "one": "…", "other": "…"}.
func (m *Message) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*m = Message{}
		return json.Unmarshal(b, &m.Text)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("a message is a text, or an object of plural forms")
	}
	out := Message{Forms: map[string]string{}}
	for k, v := range raw {
		if k == "plural" {
			if err := json.Unmarshal(v, &out.Plural); err != nil || out.Plural < 1 {
				return fmt.Errorf(`"plural" is the number of the argument the forms depend on, 1 or more`)
			}
			continue
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("the form %q is not a text", k)
		}
		out.Forms[k] = s
	}
	if out.Plural == 0 {
		return fmt.Errorf(`a message with forms says which argument they depend on: "plural": 1`)
	}
	*m = out
	return nil
}

// MarshalJSON writes a message as UnmarshalJSON reads it.
func (m Message) MarshalJSON() ([]byte, error) {
	if m.Plural == 0 {
		return json.Marshal(m.Text)
	}
	out := map[string]any{"plural": m.Plural}
	for k, v := range m.Forms {
		out[k] = v
	}
	return json.Marshal(out)
}

// catalogues are the shipped catalogues, by language.
var catalogues = func() map[string]map[Key]Message {
	out := map[string]map[Key]Message{}
	for _, lang := range Shipped {
		b, err := catalogueFiles.ReadFile(path.Join("messages", lang+".json"))
		if err != nil {
			panic(fmt.Sprintf("locale: the %s catalogue is not embedded: %v", lang, err))
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			panic(fmt.Sprintf("locale: messages/%s.json: %v", lang, err))
		}
		cat := map[Key]Message{}
		for k, v := range raw {
			if strings.HasPrefix(k, "$") {
				continue // a comment for translators
			}
			var m Message
			if err := json.Unmarshal(v, &m); err != nil {
				panic(fmt.Sprintf("locale: messages/%s.json: %s: %v", lang, k, err))
			}
			cat[Key(k)] = m
		}
		out[lang] = cat
	}
	return out
}()

// DefaultKind is what a story's items are when it does not say: calls.
const DefaultKind = "calls"

// KindKeys are the messages that name a story's items ("Next call", "The
// calls, in order"): what a kind of items changes. A language ships a kind
// (messages/kinds/LANG.json) by giving each of them; a story whose items
// are of another kind gives them itself.
var KindKeys = []Key{
	StoryRegion, StepsLegend, OverviewTitle, OverviewLabel, MapTitle, MapSummary, MapSummaryRoutes,
	PreviousItem, NextItem, FirstItem, AllItems, ItemPosition, ListTitle, EmbedList,
	CardAlt, CardAltRoutes, CardAltOverview, EndInPlace,
	// Words that fit calls only in some languages: "What was said", the
	// Japanese for a call's length, "the current call".
	Length, TimeAndLength, MorePoints, MoreConflicts, EmbedCompact,
}

// kinds are the kinds of items each language ships besides calls (its
// catalogue's own), by language and kind.
var kinds = func() map[string]map[string]map[Key]Message {
	out := map[string]map[string]map[Key]Message{}
	for _, lang := range Shipped {
		b, err := catalogueFiles.ReadFile(path.Join("messages", "kinds", lang+".json"))
		if err != nil {
			continue // the language ships calls only
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			panic(fmt.Sprintf("locale: messages/kinds/%s.json: %v", lang, err))
		}
		out[lang] = map[string]map[Key]Message{}
		for kind, v := range raw {
			if strings.HasPrefix(kind, "$") {
				continue // a comment for translators
			}
			var msgs map[string]json.RawMessage
			if err := json.Unmarshal(v, &msgs); err != nil {
				panic(fmt.Sprintf("locale: messages/kinds/%s.json: %s: %v", lang, kind, err))
			}
			out[lang][kind] = map[Key]Message{}
			for k, v := range msgs {
				var m Message
				if err := json.Unmarshal(v, &m); err != nil {
					panic(fmt.Sprintf("locale: messages/kinds/%s.json: %s: %s: %v", lang, kind, k, err))
				}
				out[lang][kind][Key(k)] = m
			}
		}
	}
	return out
}()

// Kinds lists the kinds of items a shipped language has words for,
// sorted: calls, and those of messages/kinds/LANG.json.
func Kinds(lang string) []string {
	out := []string{DefaultKind}
	for kind := range kinds[lang] {
		out = append(out, kind)
	}
	slices.Sort(out)
	return out
}

// Keys returns every key of the catalogues, sorted.
func Keys() []Key {
	keys := make([]Key, 0, len(catalogues["en"]))
	for k := range catalogues["en"] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// HasKey reports whether the catalogues have the key.
func HasKey(k Key) bool {
	_, ok := catalogues["en"][k]
	return ok
}

// Catalogue returns a copy of a shipped language's catalogue.
func Catalogue(lang string) (map[Key]Message, bool) {
	cat, ok := catalogues[lang]
	if !ok {
		return nil, false
	}
	out := make(map[Key]Message, len(cat))
	for k, v := range cat {
		out[k] = v
	}
	return out, true
}

// Match finds the shipped language that serves a BCP 47 tag: "de-AT" is
// served by de. It fails, naming the languages that ship, for a tag that
// is not well formed or whose language does not ship.
func Match(tag string) (string, error) {
	t, err := language.Parse(tag)
	if err != nil || tag == "" {
		return "", fmt.Errorf("%q is not a BCP 47 language tag such as \"en\", \"de\" or \"pt-BR\"", tag)
	}
	base, _ := t.Base()
	if slices.Contains(Shipped, base.String()) {
		return base.String(), nil
	}
	return "", fmt.Errorf("the widget does not speak %q yet: its languages are %s (a story may still give every message itself, in its messages)", tag, strings.Join(Shipped, ", "))
}

// Suggest returns the key nearest to an unknown one, or "".
func Suggest(k string) Key {
	var best Key
	bestD := len(k)/3 + 1
	keys := Keys()
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, c := range keys {
		if d := distance(k, string(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
