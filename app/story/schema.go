package story

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"fivecalls/app/locale"
)

// Schema returns a JSON Schema (draft 2020-12) of the story file, for
// editors: completion, descriptions and inline errors while a story is
// written ("fivecalls schema" prints it).
//
// It is generated: its shape from the Go types by reflection (every field,
// with its JSON type, so a new field appears by itself), its descriptions
// from the types' doc comments (fieldDocs, generated from the source), and
// its constraints from the validator's rules, written below in a schema's
// words with the validator's own limits (MaxTextRunes, MaxPlaces…).
// Validate stays the authority: what a schema cannot say (a reference to
// an id that exists, ids unique in a list, calls in order) only it checks,
// and the schema is never stricter than it (TestSchemaAgreesWithValidator
// feeds both every story of testdata/corpus).
func Schema() []byte {
	g := &schemaGen{defs: map[string]any{}, docs: fieldDocs(), rules: schemaRules()}
	root := g.object(reflect.TypeFor[Story]())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["title"] = "Five Calls story"
	for name, def := range schemaDefs() {
		g.defs[name] = def
	}
	root["$defs"] = g.defs
	b, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic("story: the schema does not encode: " + err.Error()) // ours, not input
	}
	return append(b, '\n')
}

// schemaGen walks the types.
type schemaGen struct {
	defs  map[string]any
	docs  map[string]string
	rules map[string]fieldRule
}

// fieldRule is what the validator asks of one field ("Type.Field"), in a
// schema's words: whether it must be there, and the constraints its value
// meets (merged into the schema its Go type gives).
type fieldRule struct {
	required bool
	schema   map[string]any
}

// object is a struct's schema: its fields as properties, no others.
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.value(f.Type)
		key := t.Name() + "." + f.Name
		if doc := g.docs[key]; doc != "" {
			s["description"] = doc
		}
		if r, ok := g.rules[key]; ok {
			for k, v := range r.schema {
				s[k] = v
			}
			if r.required {
				required = append(required, name)
			}
		}
		props[name] = s
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		slices.Sort(required)
		s["required"] = required
	}
	if doc := g.docs[t.Name()]; doc != "" {
		s["description"] = doc
	}
	for k, v := range g.rules[t.Name()].schema {
		s[k] = v
	}
	return s
}

// value is the schema of a Go type: a struct by reference to its
// definition, written once.
func (g *schemaGen) value(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if _, ok := g.defs[t.Name()]; !ok {
			g.defs[t.Name()] = nil // being written: a recursive type refers to it
			g.defs[t.Name()] = g.object(t)
		}
		return map[string]any{"$ref": "#/$defs/" + t.Name()}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.value(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// The validator's checks of texts, as patterns. A pattern is written with
// the characters themselves rather than escapes, so that it means the same
// to every engine an editor may use (ECMAScript, Java) and to Go's
// (TestSchemaAgreesWithValidator).
const (
	// forbidden are the characters badText refuses that a pattern can name
	// (the Basic Multilingual Plane's: those beyond it are left to the
	// validator): control characters, line and paragraph separators,
	// direction marks, the byte order mark, non-characters, private use,
	// and U+FFFD.
	forbidden = "\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\ufdd0-\ufdef\ufffe\uffff\ufffd\ue000-\uf8ff"
	// spaces are unicode.IsSpace's: a text of nothing else is empty.
	spaces = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
	// textPattern is a text with at least one character that is not a
	// space, and none forbidden; optionalTextPattern also allows "".
	textPattern         = "^[^" + forbidden + "]*[^" + forbidden + spaces + "][^" + forbidden + "]*$"
	optionalTextPattern = "^$|" + textPattern
)

// schemaDefs are the definitions the rules refer to: the kinds of value
// the validator checks alike wherever they are.
func schemaDefs() map[string]any {
	return map[string]any{
		"text": map[string]any{
			"type":        "string",
			"description": "A text shown to readers: not empty, on one line, without control characters or invisible direction marks.",
			"pattern":     textPattern,
			"maxLength":   MaxTextRunes,
		},
		"optionalText": map[string]any{
			"type":      "string",
			"pattern":   optionalTextPattern,
			"maxLength": MaxTextRunes,
		},
		"id": map[string]any{
			"type":        "string",
			"description": "An id: lowercase letters, digits, \"-\" and \"_\", starting with a letter or digit; unique in its list.",
			"pattern":     "^[a-z0-9][a-z0-9_-]*$",
			"maxLength":   MaxIDLen,
		},
		"ref": map[string]any{
			"type":        "string",
			"description": "The id of an item of the story (a place, a call or a source, as the field says).",
			"minLength":   1,
		},
		"sourceIDs": map[string]any{
			"type":        "array",
			"description": "Ids of sources, each once.",
			"items":       map[string]any{"$ref": "#/$defs/ref"},
			"uniqueItems": true,
			"maxItems":    maxListLen,
		},
		"colour": map[string]any{
			"type":        "string",
			"description": "A CSS colour written #rrggbb.",
			"pattern":     "^#[0-9A-Fa-f]{6}$",
		},
	}
}

// languagePattern matches the BCP 47 tags of the languages the widget
// knows how to write (locale.Known), in any case, as the validator takes
// them: a shipped language, or one whose messages the story gives.
func languagePattern() string {
	var langs []string
	for _, l := range locale.Known() {
		var b strings.Builder
		for _, r := range l {
			b.WriteString("[" + string(unicode.ToLower(r)) + string(unicode.ToUpper(r)) + "]")
		}
		langs = append(langs, b.String())
	}
	return "^(" + strings.Join(langs, "|") + ")(-[A-Za-z0-9]{1,8})*$"
}

// ref is a field's schema by reference to a definition.
func ref(def string) map[string]any { return map[string]any{"$ref": "#/$defs/" + def} }

// schemaRules are the validator's rules (validate.go), field by field and
// for a type as a whole (by its name), in a schema's words. A field not
// named here has only the schema of its Go type: a new field is never
// refused by the schema before the validator has a rule for it.
func schemaRules() map[string]fieldRule {
	text := fieldRule{required: true, schema: ref("text")}
	optionalText := fieldRule{schema: ref("optionalText")}
	id := fieldRule{required: true, schema: ref("id")}
	reference := fieldRule{required: true, schema: ref("ref")}
	sources := fieldRule{required: true, schema: map[string]any{"$ref": "#/$defs/sourceIDs", "minItems": 1}}
	list := func(minItems, maxItems int) fieldRule {
		s := map[string]any{"maxItems": maxItems}
		if minItems > 0 {
			s["minItems"] = minItems
		}
		return fieldRule{required: minItems > 0, schema: s}
	}
	between := func(limit float64) fieldRule {
		return fieldRule{schema: map[string]any{"minimum": -limit, "maximum": limit}}
	}
	minutes := map[string]any{"required": []string{"minutes"}, "properties": map[string]any{"minutes": map[string]any{"minimum": 1}, "unknown": map[string]any{"const": false}}}
	unknown := map[string]any{"required": []string{"unknown"}, "properties": map[string]any{"unknown": map[string]any{"const": true}, "minutes": map[string]any{"const": 0}, "approx": map[string]any{"const": false}}}
	date := "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
	// RFC 3339 as time.Parse reads it (which also takes an hour of one
	// digit, and judges the offset's range itself). Whether the offset is
	// the place's, only the validator knows.
	instant := "^" + date + "T([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
	nonEmpty := func(field string) map[string]any {
		return map[string]any{"required": []string{field}, "properties": map[string]any{field: map[string]any{"minLength": 1}}}
	}
	return map[string]fieldRule{
		"Story.ID":       id,
		"Story.Title":    text,
		"Story.Dek":      text,
		"Story.Language": {required: true, schema: map[string]any{"pattern": languagePattern(), "maxLength": 35}},
		"Story.Credits":  {schema: map[string]any{"items": ref("text"), "maxItems": maxListLen}},
		// The widget's messages by key: a text, or plural forms by
		// category. Which arguments and forms fit, only the validator knows.
		"Story.Messages": {schema: map[string]any{
			"type":          "object",
			"propertyNames": map[string]any{"enum": locale.Keys()},
			"additionalProperties": map[string]any{"anyOf": []any{
				map[string]any{"type": "string"},
				map[string]any{
					"type": "object", "required": []string{"plural", "other"},
					"properties":           map[string]any{"plural": map[string]any{"type": "integer", "minimum": 1}},
					"additionalProperties": map[string]any{"type": "string"},
				},
			}},
		}},
		"Story.Article": {schema: ref("ref")},
		"Story.Origin":  reference,
		"Story.Places":  list(1, MaxPlaces),
		"Story.Calls":   list(1, MaxCalls),
		"Story.Notes":   list(0, maxListLen),
		"Story.Sources": list(1, MaxSources),
		"Story.Theme":   {required: true},

		"StoryMap.Center":       between(180),
		"StoryTheme.Color":      {required: true, schema: ref("colour")},
		"StoryTheme.Background": {required: true, schema: ref("colour")},

		"Place.ID":      id,
		"Place.Name":    text,
		"Place.Country": text,
		"Place.Lat":     {schema: map[string]any{"exclusiveMinimum": -90, "exclusiveMaximum": 90}}, // a pole has no longitude
		"Place.Lon":     between(180),
		// An IANA name; which names exist, only the validator knows.
		"Place.TimeZone": {required: true, schema: map[string]any{"pattern": "^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$", "not": map[string]any{"const": "Local"}}},
		"Place.Note":     optionalText,
		"Place.Sources":  {schema: ref("sourceIDs")},

		"Call.ID":            id,
		"Call.Order":         {required: true, schema: map[string]any{"minimum": 1}},
		"Call.From":          {schema: ref("ref")},
		"Call.To":            reference,
		"Call.Start":         {required: true, schema: map[string]any{"pattern": instant}},
		"Call.Arrival":       {schema: map[string]any{"pattern": instant}},
		"Call.Certainty":     {required: true, schema: map[string]any{"enum": []Certainty{High, Medium, Low}}},
		"Call.CertaintyNote": optionalText,
		"Call.Summary":       text,
		"Call.Points":        list(0, maxListLen),
		"Call.Conflicts":     list(0, maxListLen),
		"Call.Sources":       sources,
		"Leader.Name":        optionalText,
		"Leader.Title":       optionalText,
		// Minutes, or "unknown": true, never both; "approx" goes with
		// minutes only. (None at all, when the call gives its end.)
		"Duration.Minutes": {schema: map[string]any{"minimum": 0, "maximum": MaxMinutes}},
		"Duration": {schema: map[string]any{"anyOf": []any{minutes, unknown,
			map[string]any{"properties": map[string]any{"unknown": map[string]any{"const": false}, "minutes": map[string]any{"const": 0}, "approx": map[string]any{"const": false}}},
		}}},
		// Without its end, a call gives its length, or says it is unknown.
		"Call": {schema: map[string]any{
			"if":   map[string]any{"not": map[string]any{"required": []string{"end"}}},
			"then": map[string]any{"required": []string{"duration"}, "properties": map[string]any{"duration": map[string]any{"anyOf": []any{minutes, unknown}}}},
		}},

		"Point.Text":       text,
		"Point.Sources":    sources,
		"Point.Reported":   {schema: map[string]any{"pattern": "^(" + date + ")?$"}},
		"Conflict.Text":    text,
		"Conflict.Sources": sources,
		"Note.Title":       text,
		"Note.Text":        text,
		"Note.Sources":     sources,

		"Quiz.Title":     optionalText,
		"Quiz.Questions": list(0, MaxQuestions),
		// A quiz with questions has a title.
		"Quiz": {schema: map[string]any{
			"if":   map[string]any{"required": []string{"questions"}, "properties": map[string]any{"questions": map[string]any{"minItems": 1}}},
			"then": nonEmpty("title"),
		}},
		"Question.ID":     id,
		"Question.Prompt": text,
		// 2 to MaxChoices choices, exactly one of them correct.
		"Question.Choices": {required: true, schema: map[string]any{
			"minItems": 2, "maxItems": MaxChoices,
			"contains":    map[string]any{"required": []string{"correct"}, "properties": map[string]any{"correct": map[string]any{"const": true}}},
			"minContains": 1, "maxContains": 1,
		}},
		"Question.Explanation": text,
		"Question.Sources":     sources,
		"Choice.ID":            id,
		"Choice.Text":          text,

		"Source.ID":          id,
		"Source.Publisher":   text,
		"Source.Headline":    optionalText,
		"Source.Language":    {schema: map[string]any{"pattern": "^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$", "maxLength": 35}},
		"Source.Description": optionalText,
		"Source.Byline":      optionalText,
		"Source.URL": {required: true, schema: map[string]any{
			"pattern":   "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@\u0000-\u0020\u007f]+([/?#][^\u0000-\u0020\u007f]*)?$",
			"maxLength": MaxURLLen,
		}},
		"Source.Date": {schema: map[string]any{"pattern": "^([0-9]{4}-(0[1-9]|1[0-2])|" + date + ")?$"}},
		// A headline, or when it cannot be confirmed a description; a
		// language only with a headline, whose language it is.
		"Source": {schema: map[string]any{
			"anyOf": []any{nonEmpty("headline"), nonEmpty("description")},
			"if":    map[string]any{"not": nonEmpty("headline")},
			"then":  map[string]any{"not": nonEmpty("language")},
		}},
	}
}
