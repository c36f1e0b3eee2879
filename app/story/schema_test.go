package story

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpusDir holds story files of every shape, valid/ and broken/, that the
// schema and the validator must agree on; add files, the test takes them
// all.
const corpusDir = "testdata/corpus"

// TestSchemaAgreesWithValidator feeds every story of the corpus (and the
// default story) to the validator (Load) and to the schema (schemaCheck,
// below), and asks them to agree wherever a schema can say it:
//
//   - a valid story passes both;
//   - the schema flags nothing the validator lets through: each of its
//     errors is at, above or below a path the validator has a problem at;
//   - the validator flags nothing the schema could have said and did not:
//     each problem of a kind a schema can express has a schema error at,
//     above or below its path. What a schema cannot say (inexpressible,
//     below) only the validator checks.
//
// Breaking a rule of schemaRules (a pattern that accepts "Tokyo time", a
// range left out, a required field dropped) fails the broken file that
// tests it; making one stricter than the validator fails a valid one.
func TestSchemaAgreesWithValidator(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema(), &schema); err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	if schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", schema["$schema"])
	}
	if err := knownKeywords(schema, ""); err != nil {
		t.Fatalf("the schema uses a keyword this test cannot check: %v", err)
	}

	files := map[string][]byte{"default.json": DefaultJSON()}
	for _, kind := range []string{"valid", "broken"} {
		names, err := filepath.Glob(filepath.Join(corpusDir, kind, "*.json"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no %s stories in %s: %v", kind, corpusDir, err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Join(kind, filepath.Base(name))] = b
		}
	}
	if n := len(files); n < 40 {
		t.Fatalf("only %d stories in the corpus", n)
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			valid := !strings.HasPrefix(name, "broken")
			_, err := Load(data)
			var problems Problems
			if err != nil && !errors.As(err, &problems) {
				t.Fatalf("Load: %v", err)
			}
			if valid != (err == nil) {
				t.Fatalf("valid=%v, but the validator says: %v", valid, err)
			}
			var instance any
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			if dec.Decode(&instance) != nil || !json.Valid(data) {
				if valid {
					t.Fatal("a valid story that is not JSON")
				}
				return // not JSON: nothing for a schema to read
			}
			errs := schemaCheck(schema, schema, instance, "")
			for _, e := range errs {
				if !slices.ContainsFunc(problems, func(p Problem) bool { return related(p.Path, e.path) }) {
					t.Errorf("the schema flags what the validator lets through: %s: %s", e.path, e.msg)
				}
			}
			for _, p := range problems {
				if why := inexpressible(p, instance); why != "" {
					continue
				}
				if !slices.ContainsFunc(errs, func(e schemaError) bool { return related(p.Path, e.path) }) {
					t.Errorf("the schema does not say what the validator does: %s (schema errors: %v)", p, errs)
				}
			}
		})
	}
}

// related reports whether two paths name the same value or one holds the
// other.
func related(a, b string) bool {
	return a == b || within(a, b) || within(b, a) || a == RootPath && b == "" || b == RootPath && a == ""
}

// inexpressible says why a schema cannot say a problem, or "" when it can:
// a reference to an id that exists, ids unique in a list, calls numbered
// and listed in order, a time zone or a calendar day that exists (the
// schema checks their form), a character beyond the Basic Multilingual
// Plane, a URL's host name, a key given twice (gone once the JSON is
// read).
func inexpressible(p Problem, instance any) string {
	value, _ := valueAt(instance, p.Path).(string)
	switch m := p.Msg; {
	case strings.HasPrefix(m, "there is no ") && strings.Contains(m, " with the id "):
		return "a reference"
	case strings.HasPrefix(m, "another ") && strings.Contains(m, " already has the id "):
		return "ids unique in a list"
	case strings.HasPrefix(m, "the order is "):
		return "the call's position"
	case strings.Contains(m, "starts before the call listed above"):
		return "the calls' order"
	case strings.Contains(m, "appears twice in this object"):
		return "a key given twice"
	case strings.Contains(m, "has no host name"), strings.Contains(m, "is not a valid URL"):
		return "a URL's parts"
	case strings.Contains(m, "is not a time zone this system knows") && regexp.MustCompile(`^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$`).MatchString(value):
		return "which time zones exist"
	case strings.Contains(m, "is not an RFC 3339 time") && regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`).MatchString(value),
		regexp.MustCompile(`^"[^"]*" is written YYYY-MM(-DD)?, but there is no `).MatchString(m):
		return "which days exist"
	}
	if m := regexp.MustCompile(`U\+([0-9A-F]{4,6})`).FindStringSubmatch(p.Msg); m != nil && strings.HasPrefix(p.Msg, "the text contains") {
		if r, _ := strconv.ParseUint(m[1], 16, 32); r > 0xffff {
			return "a character beyond the BMP"
		}
	}
	return ""
}

// valueAt is the value at a problem's path, or nil.
func valueAt(v any, path string) any {
	if path == RootPath {
		return v
	}
	for _, step := range regexp.MustCompile(`\["[^"]*"\]|\[\d+\]|[^.\[]+`).FindAllString(path, -1) {
		switch {
		case strings.HasPrefix(step, `["`):
			m, _ := v.(map[string]any)
			v = m[step[2:len(step)-2]]
		case strings.HasPrefix(step, "["):
			i, _ := strconv.Atoi(step[1 : len(step)-1])
			a, _ := v.([]any)
			if i >= len(a) {
				return nil
			}
			v = a[i]
		default:
			m, _ := v.(map[string]any)
			v = m[step]
		}
	}
	return v
}

// schemaError is one thing the schema says of an instance, at its path
// (written as the validator writes paths).
type schemaError struct{ path, msg string }

func (e schemaError) String() string { return e.path + ": " + e.msg }

// checkedKeywords are the keywords schemaCheck understands, and the
// annotations it may skip.
var checkedKeywords = []string{
	"$ref", "type", "properties", "additionalProperties", "required", "items", "minItems", "maxItems",
	"uniqueItems", "contains", "minContains", "maxContains", "minLength", "maxLength", "pattern", "enum",
	"const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "not", "if", "then", "propertyNames",
	"$schema", "$defs", "title", "description",
}

// knownKeywords fails on a keyword schemaCheck would skip: a constraint
// this test does not check would make it pass for nothing.
func knownKeywords(s map[string]any, at string) error {
	for k, v := range s {
		if !slices.Contains(checkedKeywords, k) {
			return fmt.Errorf("%s/%s", at, k)
		}
		switch k {
		case "properties", "$defs":
			for name, sub := range v.(map[string]any) {
				if err := knownKeywords(sub.(map[string]any), at+"/"+k+"/"+name); err != nil {
					return err
				}
			}
		case "items", "contains", "not", "if", "then", "propertyNames":
			if err := knownKeywords(v.(map[string]any), at+"/"+k); err != nil {
				return err
			}
		case "additionalProperties":
			if sub, ok := v.(map[string]any); ok {
				if err := knownKeywords(sub, at+"/"+k); err != nil {
					return err
				}
			}
		case "anyOf":
			for i, sub := range v.([]any) {
				if err := knownKeywords(sub.(map[string]any), fmt.Sprintf("%s/anyOf/%d", at, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// schemaCheck validates an instance (as encoding/json decodes it, numbers
// as json.Number) against a schema node, as draft 2020-12 says for the
// keywords the story's schema uses, and returns every error. root holds
// the $defs.
func schemaCheck(root, s map[string]any, v any, path string) []schemaError {
	var errs []schemaError
	fail := func(format string, args ...any) { errs = append(errs, schemaError{path, fmt.Sprintf(format, args...)}) }
	if r, ok := s["$ref"].(string); ok {
		def := root["$defs"].(map[string]any)[strings.TrimPrefix(r, "#/$defs/")].(map[string]any)
		errs = append(errs, schemaCheck(root, def, v, path)...)
	}
	if typ, ok := s["type"].(string); ok && !hasType(v, typ) {
		fail("is not of type %s", typ)
		return errs
	}
	if c, ok := s["const"]; ok && !jsonEqual(c, v) {
		fail("is not %v", c)
	}
	if e, ok := s["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return jsonEqual(x, v) }) {
		fail("is not one of %v", e)
	}
	switch v := v.(type) {
	case string:
		n := utf8.RuneCountInString(v)
		if m, ok := s["minLength"]; ok && n < toInt(m) {
			fail("is shorter than %v", m)
		}
		if m, ok := s["maxLength"]; ok && n > toInt(m) {
			fail("is longer than %v", m)
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v) {
			fail("does not match %q", p)
		}
	case json.Number:
		f, _ := new(big.Float).SetString(v.String())
		if m, ok := s["minimum"]; ok && f.Cmp(toFloat(m)) < 0 {
			fail("is less than %v", m)
		}
		if m, ok := s["maximum"]; ok && f.Cmp(toFloat(m)) > 0 {
			fail("is more than %v", m)
		}
		if m, ok := s["exclusiveMinimum"]; ok && f.Cmp(toFloat(m)) <= 0 {
			fail("is not more than %v", m)
		}
		if m, ok := s["exclusiveMaximum"]; ok && f.Cmp(toFloat(m)) >= 0 {
			fail("is not less than %v", m)
		}
	case []any:
		if m, ok := s["minItems"]; ok && len(v) < toInt(m) {
			fail("has fewer than %v items", m)
		}
		if m, ok := s["maxItems"]; ok && len(v) > toInt(m) {
			fail("has more than %v items", m)
		}
		if u, _ := s["uniqueItems"].(bool); u {
			for i := range v {
				for j := range i {
					if jsonEqual(v[i], v[j]) {
						fail("has item %d twice", j)
					}
				}
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range v {
				errs = append(errs, schemaCheck(root, items, x, indexPath(path, i))...)
			}
		}
		if c, ok := s["contains"].(map[string]any); ok {
			n := 0
			for i, x := range v {
				if len(schemaCheck(root, c, x, indexPath(path, i))) == 0 {
					n++
				}
			}
			lo, hi := 1, len(v)
			if m, ok := s["minContains"]; ok {
				lo = toInt(m)
			}
			if m, ok := s["maxContains"]; ok {
				hi = toInt(m)
			}
			if n < lo || n > hi {
				fail("contains %d matching items, not %d to %d", n, lo, hi)
			}
		}
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, name := range toStrings(s["required"]) {
			if _, ok := v[name]; !ok {
				errs = append(errs, schemaError{fieldPath(path, name), "is required"})
			}
		}
		for name, x := range v {
			if names, ok := s["propertyNames"].(map[string]any); ok {
				errs = append(errs, schemaCheck(root, names, name, fieldPath(path, name))...)
			}
			sub, ok := props[name].(map[string]any)
			if !ok {
				switch ap := s["additionalProperties"].(type) {
				case bool:
					if !ap {
						errs = append(errs, schemaError{fieldPath(path, name), "is not allowed"})
					}
				case map[string]any:
					errs = append(errs, schemaCheck(root, ap, x, fieldPath(path, name))...)
				}
				continue
			}
			errs = append(errs, schemaCheck(root, sub, x, fieldPath(path, name))...)
		}
	}
	if alternatives, ok := s["anyOf"].([]any); ok {
		if !slices.ContainsFunc(alternatives, func(sub any) bool { return len(schemaCheck(root, sub.(map[string]any), v, path)) == 0 }) {
			fail("matches none of anyOf")
		}
	}
	if not, ok := s["not"].(map[string]any); ok && len(schemaCheck(root, not, v, path)) == 0 {
		fail("matches what it must not")
	}
	if cond, ok := s["if"].(map[string]any); ok && len(schemaCheck(root, cond, v, path)) == 0 {
		if then, ok := s["then"].(map[string]any); ok {
			errs = append(errs, schemaCheck(root, then, v, path)...)
		}
	}
	return errs
}

func hasType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, _ := new(big.Float).SetString(n.String())
		return f != nil && f.IsInt()
	}
	return false
}

// jsonEqual compares JSON values, numbers by value.
func jsonEqual(a, b any) bool {
	if an, ok := a.(json.Number); ok {
		a = toFloat(an)
	}
	if bn, ok := b.(json.Number); ok {
		b = toFloat(bn)
	}
	if af, ok := a.(*big.Float); ok {
		bf, ok := b.(*big.Float)
		return ok && af.Cmp(bf) == 0
	}
	if _, ok := a.(float64); ok {
		return jsonEqual(json.Number(fmt.Sprint(a)), b)
	}
	if _, ok := b.(float64); ok {
		return jsonEqual(a, json.Number(fmt.Sprint(b)))
	}
	return reflect.DeepEqual(a, b)
}

func toFloat(v any) *big.Float {
	f, _ := new(big.Float).SetString(fmt.Sprint(v))
	return f
}

func toInt(v any) int {
	n, _ := strconv.Atoi(fmt.Sprint(v))
	return n
}

func toStrings(v any) []string {
	var out []string
	for _, x := range toSlice(v) {
		out = append(out, x.(string))
	}
	return out
}

func toSlice(v any) []any {
	a, _ := v.([]any)
	return a
}

// TestSchemaTakesNewFieldsByThemselves: a field added to a type appears in
// the schema with its JSON type, its doc, and no constraint the validator
// has not got (schemaRules names none for it); a rule names only fields
// that exist.
func TestSchemaTakesNewFieldsByThemselves(t *testing.T) {
	type Week struct {
		Days   []Place `json:"days"`
		Number int     `json:"number,omitempty"`
		Label  *string `json:"label"`
		hidden bool
	}
	g := &schemaGen{defs: map[string]any{}, docs: map[string]string{"Week.Number": "The week of the year."}, rules: schemaRules()}
	s := g.object(reflect.TypeFor[Week]())
	props := s["properties"].(map[string]any)
	want := map[string]string{
		"days":   `{"items":{"$ref":"#/$defs/Place"},"type":"array"}`,
		"number": `{"description":"The week of the year.","type":"integer"}`,
		"label":  `{"type":"string"}`,
	}
	if len(props) != len(want) || s["required"] != nil || s["additionalProperties"] != false {
		t.Errorf("a new type's schema: %v", s)
	}
	for name, w := range want {
		if b, _ := json.Marshal(props[name]); string(b) != w {
			t.Errorf("%s: %s, want %s", name, b, w)
		}
	}
	if g.defs["Place"] == nil {
		t.Error("a type referred to is not defined")
	}

	fields := map[string]bool{}
	var walk func(reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || fields[rt.Name()] {
			return
		}
		fields[rt.Name()] = true
		for i := range rt.NumField() {
			fields[rt.Name()+"."+rt.Field(i).Name] = true
			walk(rt.Field(i).Type)
		}
	}
	walk(reflect.TypeFor[Story]())
	for key := range schemaRules() {
		if !fields[key] {
			t.Errorf("schemaRules names %s, which is no type or field of the story", key)
		}
	}
}
