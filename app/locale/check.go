package locale

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Problem is what is wrong with a story's language (Key empty, Kind
// false), its kind of items (Kind) or one of its messages (Key).
type Problem struct {
	Key     Key
	Kind    bool
	Message string
}

func (p Problem) Error() string {
	switch {
	case p.Kind:
		return "items: " + p.Message
	case p.Key == "":
		return p.Message
	}
	return "messages." + string(p.Key) + ": " + p.Message
}

// Check reports whether a story's language and its overrides of the
// catalogue can be used: the language is well formed and served (by its
// catalogue, or by overrides that give every message, when CLDR's data for
// it is there), every override names a key of the catalogue, uses only the
// arguments its message is given, and the plural forms of the language.
// The error is a Problems of every problem.
func Check(tag, kind string, overrides map[Key]Message) error {
	if ps := Find(tag, kind, overrides); len(ps) > 0 {
		return ps
	}
	return nil
}

// Problems is every problem Check finds.
type Problems []Problem

func (ps Problems) Error() string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Error()
	}
	return strings.Join(out, "\n")
}

// Find lists what Check finds: the language's problem alone, or the
// kind's and each message's, in the order of their keys.
func Find(tag, kind string, overrides map[Key]Message) Problems {
	var problems Problems
	lang, err := Match(tag)
	if err != nil {
		t, perr := language.Parse(tag)
		if perr != nil || tag == "" {
			return Problems{{Message: err.Error()}}
		}
		base, _ := t.Base()
		if cldrData[base.String()] == nil {
			return Problems{{Message: fmt.Sprintf("the widget does not know how %q writes dates and numbers: its languages are %s", tag, strings.Join(Shipped, ", "))}}
		}
		var missing []string
		for _, k := range Keys() {
			if _, ok := overrides[k]; !ok {
				missing = append(missing, string(k))
			}
		}
		if len(missing) > 0 {
			return Problems{{Message: fmt.Sprintf("the widget does not speak %q yet (its languages are %s): a story in it gives every message itself, and %d are missing (%s)",
				tag, strings.Join(Shipped, ", "), len(missing), strings.Join(first(missing, 5), ", "))}}
		}
		lang = base.String()
	}
	if kind != "" && kind != DefaultKind && kinds[lang][kind] == nil {
		var missing []string
		for _, k := range KindKeys {
			if _, ok := overrides[k]; !ok {
				missing = append(missing, string(k))
			}
		}
		if len(missing) > 0 {
			problems = append(problems, Problem{Kind: true, Message: fmt.Sprintf("the widget has no words for %q in %q (it has %s): give the messages that name the items (%s), or pick one of those and override what differs",
				kind, tag, strings.Join(Kinds(lang), ", "), strings.Join(missing, ", "))})
		}
	}
	categories := PluralCategories(lang)
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, string(k))
	}
	slices.Sort(keys)
	for _, ks := range keys {
		k, m := Key(ks), overrides[Key(ks)]
		en, ok := catalogues["en"][k]
		if !ok {
			p := fmt.Sprintf("%q is not a message of the widget", ks)
			if s := Suggest(ks); s != "" {
				p += fmt.Sprintf(" (did you mean %q?)", s)
			}
			problems = append(problems, Problem{Key: k, Message: p})
			continue
		}
		for _, p := range checkMessage(m, en, categories) {
			problems = append(problems, Problem{Key: k, Message: p})
		}
	}
	return problems
}

// verb matches a message's arguments: %[2]d.
var verb = regexp.MustCompile(`%\[(\d+)\]([a-z])`)

// checkMessage checks an override against the catalogue's message of its
// key: the same arguments at most, with the same verbs, and plural forms
// of the language.
func checkMessage(m, catalogue Message, categories []string) []string {
	var problems []string
	allowed := map[string]string{}
	for _, t := range texts(catalogue) {
		for _, v := range verb.FindAllStringSubmatch(t, -1) {
			allowed[v[1]] = v[2]
		}
	}
	// The number a message's forms depend on is given to it even where no
	// form shows it ("All calls", or "Overview" for a story of one call).
	if catalogue.Plural > 0 {
		allowed[fmt.Sprint(catalogue.Plural)] = "d"
	}
	for _, t := range texts(m) {
		if strings.Contains(regexp.MustCompile(`%\[\d+\][a-z]|%%`).ReplaceAllString(t, ""), "%") {
			problems = append(problems, fmt.Sprintf("%q has a %% that is not an argument such as %%[1]s (write %%%% for a percent sign)", t))
			continue
		}
		for _, v := range verb.FindAllStringSubmatch(t, -1) {
			if want, ok := allowed[v[1]]; !ok || want != v[2] {
				problems = append(problems, fmt.Sprintf("%q uses %s, which this message is not given (it is given %s)", t, v[0], givenText(allowed)))
			}
		}
	}
	if m.Plural > 0 {
		if v, ok := allowed[fmt.Sprint(m.Plural)]; !ok {
			problems = append(problems, fmt.Sprintf("its forms depend on argument %d, which this message is not given", m.Plural))
		} else if v != "d" {
			problems = append(problems, fmt.Sprintf("its forms depend on argument %d, which is not a number (%%[%d]%s)", m.Plural, m.Plural, v))
		}
		if _, ok := m.Forms["other"]; !ok {
			problems = append(problems, "plural forms need \"other\"")
		}
		for f := range m.Forms {
			if !strings.HasPrefix(f, "=") && !slices.Contains(categories, f) {
				problems = append(problems, fmt.Sprintf("%q is not a plural form of this language (its forms are %s)", f, strings.Join(categories, ", ")))
			}
		}
	}
	return problems
}

// texts are a message's texts: its text, or each of its forms.
func texts(m Message) []string {
	if m.Plural == 0 {
		return []string{m.Text}
	}
	out := make([]string, 0, len(m.Forms))
	for _, t := range m.Forms {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

func givenText(allowed map[string]string) string {
	if len(allowed) == 0 {
		return "no argument"
	}
	var out []string
	for n, v := range allowed {
		out = append(out, "%["+n+"]"+v)
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}
