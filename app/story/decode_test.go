package story

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestDecodeRejects covers files that are not stories at all: each must give
// one clear problem at the right place, never a panic or a partial story.
func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		path      string
		line, col int
		msg       string
	}{
		{"empty", "", "(root)", 1, 1, "the file is empty"},
		{"only spaces", " \n\t ", "(root)", 1, 1, "the file is empty"},
		{"HTML", "<!doctype html>\n<p>hi", "(root)", 1, 1, "this is not valid JSON: invalid character '<' looking for beginning of value"},
		{"plain text", "five calls", "(root)", 1, 2, "this is not valid JSON: invalid character 'i' in literal false"},
		{"a list", "[1, 2]", "(root)", 1, 1, "expected an object, found a list"},
		{"a string", `"story"`, "(root)", 1, 1, `expected an object, found text "story"`},
		{"null", "null", "(root)", 1, 1, ""},
		{"cut off", "{\n  \"id\": \"x\",\n", "(root)", 3, 1, "the file ends in the middle of the story"},
		{"cut off in a string", "{\"id\": \"x", "id", 1, 10, "the file ends in the middle of the story"},
		{"missing comma", "{\n  \"id\": \"x\"\n  \"title\": \"y\"\n}", "(root)", 3, 3, "this is not valid JSON: a comma is missing here, between two fields (or the text before this point lacks its closing quote)"},
		{"missing comma in a list", "{\"credits\": [\"a\" \"b\"]}", "credits[1]", 1, 18, "this is not valid JSON: a comma is missing here, between two items of a list"},
		{"comment", "{\n  // a story\n}", "(root)", 2, 3, "this is not valid JSON: JSON has no comments (// or /* */); remove the comment"},
		{"block comment", "{\"id\": \"x\" /* the id */}", "(root)", 1, 12, "JSON has no comments"},
		{"curly quotes", "{\n  \u201cid\u201d: \"x\"\n}", "(root)", 2, 3, "this is not valid JSON: \u201c is a curly quotation mark, as a word processor or a phone's keyboard writes them, where JSON needs a straight double quote (\"): put \" around names and texts"},
		{"curly quotes around a value", "{\"id\": \u201cx\u201d}", "id", 1, 8, "\u201c is a curly quotation mark"},
		{"a text without its closing quote", "{\n  \"id\": \"x,\n  \"title\": \"y\"\n}", "id", 2, 12, "this is not valid JSON: a text runs on to the end of its line without its closing quote (\"); add the quote where the text ends"},
		{"trailing comma", "{\"id\": \"x\",}", "(root)", 1, 11, "there is a trailing comma after the last field of this object, which JSON does not allow; remove it"},
		{"trailing comma in a list", "{\"credits\": [\"a\",]}", "credits", 1, 17, "there is a trailing comma after the last item of this list, which JSON does not allow; remove it"},
		{"trailing comma on its own line", "{\n  \"credits\": [\n    \"a\",\n    \"b\",\n  ],\n  \"id\": \"x\"\n}", "credits", 4, 8, "there is a trailing comma after the last item of this list"},
		{"trailing comma in an inner object", "{\"map\": {\"center\": 1 , },\n \"id\": \"x\"}", "map", 1, 22, "there is a trailing comma after the last field of this object"},
		{"trailing comma after an object in a list", "{\"places\": [{\"id\": \"a\"},\n]}", "places", 1, 24, "there is a trailing comma after the last item of this list"},
		{"a comma, then the wrong bracket", "{\"credits\": [\"a\",}", "credits[1]", 1, 18, "this is not valid JSON: invalid character '}' looking for beginning of value"},
		{"two commas", "{\"credits\": [\"a\",,\"b\"]}", "credits[1]", 1, 18, "this is not valid JSON: invalid character ','"},
		{"two objects", "{}\n{}", "(root)", 2, 1, "there is more after the end of the story"},
		{"byte order mark", "\xEF\xBB\xBF{}", "(root)", 1, 1, "byte order mark"},
		{"UTF-16, little-endian, with its byte order mark", "\xFF\xFE{\x00}\x00", "(root)", 1, 1, "the file is saved as UTF-16 (little-endian); save it as UTF-8 (without BOM)"},
		{"UTF-16, big-endian, with its byte order mark", "\xFE\xFF\x00{\x00}", "(root)", 1, 1, "the file is saved as UTF-16 (big-endian); save it as UTF-8"},
		{"UTF-16, little-endian, without one", "{\x00\n\x00}\x00", "(root)", 1, 1, "the file is saved as UTF-16 (little-endian)"},
		{"UTF-16, big-endian, without one", "\x00{\x00}", "(root)", 1, 1, "the file is saved as UTF-16 (big-endian)"},
		{"UTF-32, little-endian, with its byte order mark", "\xFF\xFE\x00\x00{\x00\x00\x00", "(root)", 1, 1, "the file is saved as UTF-32 (little-endian)"},
		{"UTF-32, big-endian, without one", "\x00\x00\x00{\x00\x00\x00}", "(root)", 1, 1, "the file is saved as UTF-32 (big-endian)"},
		{"raw control character in a string", "{\"id\": \"a\x01b\"}", "id", 1, 10, "invalid character '\\x01' in string literal"},
		{"deep nesting", "{\"credits\": " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", "credits" + strings.Repeat("[0]", 32), 1, 45, "nests lists and objects more than 32 levels deep"},
		{"not UTF-8 outside strings", "{\"id\": \"x\"}\xff", "(root)", 1, 12, "there is more after the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Decode([]byte(tt.data))
			if tt.name == "null" {
				// null decodes to an empty story, which Load then rejects.
				if _, err := Load([]byte(tt.data)); err == nil {
					t.Error("Load(null) = nil error")
				}
				return
			}
			if s != nil {
				t.Error("Decode returned a story along with problems")
			}
			ps := mustProblems(t, err)
			p := ps[0]
			for _, q := range ps {
				if tt.msg != "" && strings.Contains(q.Msg, tt.msg) {
					p = q
				}
			}
			if p.Path != tt.path || p.Line != tt.line || p.Col != tt.col || !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("got  %v\nwant %s: line %d col %d: …%s…", p, tt.path, tt.line, tt.col, tt.msg)
			}
		})
	}
}

// TestDecodeSizeLimit checks that an oversized file is refused before it is
// parsed: the message names both sizes, and a file at the limit still loads.
func TestDecodeSizeLimit(t *testing.T) {
	huge := bytes.Repeat([]byte("{"), 10_000_000) // would also be far too deep to parse
	_, err := Load(huge)
	ps := mustProblems(t, err)
	if len(ps) != 1 || ps[0].Error() != "(root): the file is 10.0 MB; a story file may be at most 1 MiB" {
		t.Errorf("got %v", err)
	}
	if _, err := Decode(make([]byte, MaxFileSize+1)); err == nil {
		t.Error("a file one byte over the limit was accepted")
	}
	atLimit := DefaultJSON()
	atLimit = append(atLimit, bytes.Repeat([]byte(" "), MaxFileSize-len(atLimit))...)
	if _, err := Load(atLimit); err != nil {
		t.Errorf("a valid file of exactly MaxFileSize bytes: %v", err)
	}
}

// TestDecodeIsNotValidate: Decode checks form only, so a well-formed story
// with bad content decodes, and Load reports the content.
func TestDecodeIsNotValidate(t *testing.T) {
	data := bytes.Replace(mustRead(t, "testdata/small.json"), []byte(`"lat": 35.6762`), []byte(`"lat": 135.6762`), 1)
	s, err := Decode(data)
	if err != nil || s == nil || s.Places[1].Lat != 135.6762 {
		t.Fatalf("Decode = %v, %v", s, err)
	}
	if _, err := Load(data); err == nil {
		t.Error("Load accepted a latitude of 135")
	}
	if _, err := Decode(mustRead(t, "testdata/broken.json")); err == nil {
		t.Error("Decode accepted an unknown field")
	}
}

// TestQuotesDecode: news text is full of quotation marks, and they must come
// out of the file exactly as written, with no escaping left behind.
func TestQuotesDecode(t *testing.T) {
	data := bytes.Replace(mustRead(t, "testdata/small.json"),
		[]byte(`"summary": "The first call of the day."`),
		[]byte(`"summary": "He said \"a very nice letter\" \u2014 \u201cquoted\u201d, it's\u00a0<here> & \\ there."`), 1)
	s, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Calls[0].Summary, "He said \"a very nice letter\" — “quoted”, it's\u00a0<here> & \\ there."; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{
		{Path: "calls[2].start", Line: 41, Col: 16, Msg: `"2017-01-28T25:00" is not an RFC 3339 time`},
		{Path: "places[0].lat", Msg: "the latitude NaN is out of range"},
		{Msg: "the file is empty"},
	}
	want := `calls[2].start: line 41 col 16: "2017-01-28T25:00" is not an RFC 3339 time
places[0].lat: the latitude NaN is out of range
(root): the file is empty`
	if got := ps.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var err error = ps
	var back Problems
	if !errors.As(err, &back) || len(back) != 3 {
		t.Error("errors.As cannot recover Problems")
	}
}

// TestProblemCap checks that a file with thousands of mistakes reports a
// bounded number of them and says how many more there are.
func TestProblemCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"credits": [`)
	for i := range 1000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("1")
	}
	b.WriteString("]}")
	_, err := Decode([]byte(b.String()))
	ps := mustProblems(t, err)
	if len(ps) != maxProblems+1 || !strings.Contains(ps[maxProblems].Msg, "800 more problems not shown") {
		t.Errorf("got %d problems, last %v", len(ps), ps[len(ps)-1])
	}
}

// TestMessagesEscapeText: values echoed in messages are quoted and clipped,
// so a hostile story cannot write control characters into a terminal or log.
func TestMessagesEscapeText(t *testing.T) {
	data := bytes.Replace(mustRead(t, "testdata/small.json"), []byte(`"date": "2017-01-28"`),
		[]byte(`"date": "\u001b[2J`+strings.Repeat("x", 500)+`"`), 1)
	_, err := Load(data)
	msg := err.Error()
	if strings.ContainsRune(msg, 0x1b) || len(msg) > 200 {
		t.Errorf("message not escaped or clipped: %q", msg)
	}
	if !strings.Contains(msg, `"\x1b[2Jxxx`) {
		t.Errorf("message does not show the escaped value: %q", msg)
	}
}

// TestNotAnObjectIsOneProblem: a file holding a list, a text or null is
// not a story, said once: its fields were all reported missing too, eleven
// problems at line 1.
func TestNotAnObjectIsOneProblem(t *testing.T) {
	for data, want := range map[string]string{
		"[]":      "expected an object, found a list",
		"null":    "expected an object, found null: a story file is one JSON object",
		`"story"`: `expected an object, found text "story"`,
		"42":      "expected an object, found",
	} {
		_, err := Load([]byte(data))
		ps := mustProblems(t, err)
		if len(ps) != 1 || !strings.Contains(ps[0].Msg, want) {
			t.Errorf("%s: %v, want one problem: …%s…", data, ps, want)
		}
	}
}
