package story

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// edit replaces the first occurrence of old in a test story.
type edit struct{ old, new string }

// TestValidationRules breaks testdata/small.json one rule at a time and checks
// that exactly that problem is reported, at the value's path, line and column.
func TestValidationRules(t *testing.T) {
	base := string(mustRead(t, "testdata/small.json"))
	if _, err := Load([]byte(base)); err != nil {
		t.Fatalf("testdata/small.json must be valid:\n%v", err)
	}
	tests := []struct {
		name      string
		edits     []edit
		path      string
		line, col int
		msg       string
	}{
		{"id empty", []edit{{"\"id\": \"two-calls\"", "\"id\": \"\""}}, "id", 2, 9, "the story needs an id"},
		{"id with capitals and spaces", []edit{{"\"id\": \"two-calls\"", "\"id\": \"Two Calls\""}}, "id", 2, 9, "may use only lowercase letters"},
		{"id missing", []edit{{"  \"id\": \"two-calls\",\n", ""}}, "id", 1, 1, "the story needs an id (the story has no \"id\")"},
		{"title blank", []edit{{"\"title\": \"Two calls\"", "\"title\": \"  \""}}, "title", 3, 12, "the title is empty"},
		{"title too long", []edit{{`"title": "Two calls"`, `"title": "` + strings.Repeat("a", 2001) + `"`}}, "title", 3, 12, "the title is 2,001 characters long; the limit is 2,000"},
		{"title with control character", []edit{{"\"title\": \"Two calls\"", "\"title\": \"Two\\u0007calls\""}}, "title", 3, 12, "control character (U+0007) at character 4"},
		{"title with NUL", []edit{{"\"title\": \"Two calls\"", "\"title\": \"Two\\u0000calls\""}}, "title", 3, 12, "control character (U+0000)"},
		{"title with newline", []edit{{"\"title\": \"Two calls\"", "\"title\": \"Two\\ncalls\""}}, "title", 3, 12, "control character (U+000A)"},
		{"title with bidi override", []edit{{"\"title\": \"Two calls\"", "\"title\": \"Two \\u202ecalls\""}}, "title", 3, 12, "invisible direction mark (U+202E)"},
		{"title with line separator", []edit{{"\"title\": \"Two calls\"", "\"title\": \"Two\\u2028calls\""}}, "title", 3, 12, "line or paragraph separator (U+2028)"},
		{"title not UTF-8", []edit{{"\"title\": \"Two calls\"", "\"title\": \"Two \xffcalls\""}}, "title", 3, 17, "not valid UTF-8 (byte 0xFF)"},
		{"dek empty", []edit{{"\"dek\": \"A small valid story that the tests break one rule at a time.\"", "\"dek\": \"\""}}, "dek", 4, 10, "the dek is empty"},
		{"language not a tag", []edit{{"\"language\": \"en\"", "\"language\": \"English\""}}, "language", 5, 15, "is not a language tag"},
		{"credit empty", []edit{{"[\"Five Calls team\"]", "[\"\"]"}}, "credits[0]", 6, 15, "this credit is empty"},
		{"article not a source", []edit{{"\"article\": \"wire\"", "\"article\": \"ap\""}}, "article", 7, 14, "there is no source with the id \"ap\""},
		{"origin not a place", []edit{{"\"origin\": \"washington\"", "\"origin\": \"dc\""}}, "origin", 8, 13, "there is no place with the id \"dc\""},
		{"latitude out of range", []edit{{"\"lat\": 35.6762", "\"lat\": 135.6762"}}, "places[1].lat", 22, 14, "the latitude 135.6762 is out of range; it must be between -90 and 90 degrees"},
		{"place at a pole", []edit{{"\"lat\": 35.6762", "\"lat\": -90"}}, "places[1].lat", 22, 14, "a place exactly at a pole (-90) has no longitude"},
		{"longitude out of range", []edit{{"\"lon\": 139.6503", "\"lon\": 239.6503"}}, "places[1].lon", 23, 14, "the longitude 239.6503 is out of range; it must be between -180 and 180 degrees"},
		{"latitude overflows", []edit{{"\"lat\": 35.6762", "\"lat\": 1e999"}}, "places[1].lat", 22, 14, "the number 1e999 is too large"},
		{"time zone misspelt", []edit{{"\"timezone\": \"Asia/Tokyo\"", "\"timezone\": \"Asia/Tokio\""}}, "places[1].timezone", 24, 19, "\"Asia/Tokio\" is not a time zone this system knows; did you mean \"Asia/Tokyo\"?"},
		{"time zone with a space", []edit{{"\"timezone\": \"America/New_York\"", "\"timezone\": \"America/New York\""}}, "places[0].timezone", 16, 19, "\"America/New York\" is not a time zone this system knows; did you mean \"America/New_York\"?"},
		{"time zone in lower case, far from the place", []edit{{"\"timezone\": \"Asia/Tokyo\"", "\"timezone\": \"europe/berlin\""}}, "places[1].timezone", 24, 19, "\"europe/berlin\" is not a time zone this system knows; did you mean \"Europe/Berlin\", or \"Asia/Tokyo\", the zone nearest the place's coordinates (9 km from its principal city)?"},
		{"time zone unknown, place near a zone", []edit{{"\"lat\": 35.6762", "\"lat\": -18.14"}, {"\"lon\": 139.6503", "\"lon\": 178.44"}, {"\"timezone\": \"Asia/Tokyo\"", "\"timezone\": \"Pacific/Suva\""}}, "places[1].timezone", 24, 19,
			"\"Pacific/Suva\" is not a time zone this system knows; the zone nearest the place's coordinates is \"Pacific/Fiji\" (3 km from its principal city): write \"Pacific/Fiji\" if the place's clocks follow it"},
		{"time zone unknown, place mid-ocean", []edit{{"\"lat\": 35.6762", "\"lat\": 30"}, {"\"lon\": 139.6503", "\"lon\": -45"}, {"\"timezone\": \"Asia/Tokyo\"", "\"timezone\": \"Nowhere/Atlantis\""}}, "places[1].timezone", 24, 19,
			"\"Nowhere/Atlantis\" is not a time zone this system knows; give an IANA name such as \"Europe/Berlin\""},
		{"time zone Local", []edit{{"\"timezone\": \"Asia/Tokyo\"", "\"timezone\": \"Local\""}}, "places[1].timezone", 24, 19, "\"Local\" depends on the machine"},
		{"place id repeated", []edit{{"\"id\": \"tokyo\"", "\"id\": \"washington\""}, {"\"to\": \"tokyo\"", "\"to\": \"washington\""}, {"\"to\": \"tokyo\"", "\"to\": \"washington\""}}, "places[1].id", 19, 13, "another place already has the id \"washington\""},
		{"call id repeated", []edit{{"\"id\": \"abe-again\"", "\"id\": \"abe\""}}, "calls[1].id", 42, 13, "another call already has the id \"abe\""},
		{"call order wrong", []edit{{"\"order\": 2", "\"order\": 3"}}, "calls[1].order", 43, 16, "the order is 3 but this is call 2 in the list"},
		{"order as text", []edit{{"\"order\": 2", "\"order\": \"2\""}}, "calls[1].order", 43, 16, "expected a whole number, found text \"2\""},
		{"order not whole", []edit{{"\"order\": 2", "\"order\": 2.5"}}, "calls[1].order", 43, 16, "expected a whole number, found 2.5"},
		{"order whole with a decimal point", []edit{{"\"order\": 2", "\"order\": 2.0"}}, "calls[1].order", 43, 16, "write the whole number 2 without a decimal point or exponent (found 2.0)"},
		{"order whole with an exponent", []edit{{"\"order\": 2", "\"order\": 2e0"}}, "calls[1].order", 43, 16, "write the whole number 2 without a decimal point or exponent (found 2e0)"},
		{"order too large", []edit{{"\"order\": 2", "\"order\": 99999999999999999999"}}, "calls[1].order", 43, 16, "the number 99999999999999999999 is too large"},
		{"calls out of order", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"2017-01-28T08:00:00-05:00\""}}, "calls[1].start", 47, 16, "starts before the call listed above it"},
		{"start not RFC 3339", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"2017-01-28T25:00\""}}, "calls[1].start", 47, 16, "\"2017-01-28T25:00\" is not an RFC 3339 time"},
		{"start without offset", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"2017-01-28T11:00:00\""}}, "calls[1].start", 47, 16, "\"2017-01-28T11:00:00\" has no UTC offset; at Washington (America/New_York) the clocks were then at UTC-05:00: write \"2017-01-28T11:00:00-05:00\""},
		{"start offset +00:00, not the place's", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"2017-01-28T16:00:00+00:00\""}}, "calls[1].start", 47, 16, "says the clocks were at UTC+00:00, but at Washington (America/New_York) they were at UTC-05:00 then: if 16:00 is the time on its clocks, write \"2017-01-28T16:00:00-05:00\""},
		{"start offset not the place's", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"2017-01-28T11:00:00-08:00\""}}, "calls[1].start", 47, 16, "says the clocks were at UTC-08:00, but at Washington (America/New_York) they were at UTC-05:00 then: if 11:00 is the time on its clocks, write \"2017-01-28T11:00:00-05:00\""},
		{"start offset wrong across daylight saving", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"2017-07-28T11:00:00-05:00\""}}, "calls[1].start", 47, 16, "they were at UTC-04:00 then: if 11:00 is the time on its clocks, write \"2017-07-28T11:00:00-04:00\""},
		{"end before start", []edit{{"\"duration\": {\"minutes\": 10}", "\"end\": \"2017-01-29T00:30:00+09:00\""}}, "calls[1].end", 48, 14, "ends at 2017-01-29T00:30:00+09:00, not after its start"},
		{"end offset not the place's", []edit{{"\"duration\": {\"minutes\": 10}", "\"end\": \"2017-01-29T01:10:00-05:00\""}}, "calls[1].end", 48, 14, "at Tokyo (Asia/Tokyo) they were at UTC+09:00 then"},
		{"end and minutes disagree", []edit{{"\"duration\": {\"minutes\": 10}", "\"end\": \"2017-01-29T01:30:00+09:00\", \"duration\": {\"minutes\": 10}"}}, "calls[1].duration.minutes", 48, 67, "10 minutes does not agree with the start and end, 30m0s apart"},
		{"end and unknown", []edit{{"\"duration\": {\"minutes\": 10}", "\"end\": \"2017-01-29T01:30:00+09:00\", \"duration\": {\"unknown\": true}"}}, "calls[1].duration", 48, 55, "the duration is \"unknown\" but \"end\" gives the end"},
		{"duration over ten years", []edit{{"{\"minutes\": 10}", "{\"minutes\": 6000000}"}}, "calls[1].duration.minutes", 48, 31, "6,000,000 minutes is over ten years"},
		{"start missing", []edit{{"\"start\": \"2017-01-28T11:00:00-05:00\",\n", ""}}, "calls[1].start", 41, 5, "the start time is empty; write it like \"2017-01-28T09:05:00-05:00\" (calls[1] has no \"start\")"},
		{"title without name", []edit{{"{\"name\": \"Shinzo Abe\", \"title\": \"Prime Minister of Japan\"},\n      \"start\": \"2017-01-28T09:05", "{\"title\": \"Prime Minister of Japan\"},\n      \"start\": \"2017-01-28T09:05"}}, "calls[0].leader.name", 33, 17, "a title needs the name it belongs to (calls[0].leader has no \"name\")"},
		{"start empty", []edit{{"\"2017-01-28T11:00:00-05:00\"", "\"\""}}, "calls[1].start", 47, 16, "the start time is empty"},
		{"from not a place", []edit{{"\"id\": \"abe\",\n      \"order\": 1,\n      \"from\": \"washington\"", "\"id\": \"abe\",\n      \"order\": 1,\n      \"from\": \"dc\""}}, "calls[0].from", 31, 15, "there is no place with the id \"dc\""},
		{"to not a place", []edit{{"\"to\": \"tokyo\",\n      \"leader\": {\"name\": \"Shinzo Abe\", \"title\": \"Prime Minister of Japan\"},\n      \"start\": \"2017-01-28T09:05", "\"to\": \"tokio\",\n      \"leader\": {\"name\": \"Shinzo Abe\", \"title\": \"Prime Minister of Japan\"},\n      \"start\": \"2017-01-28T09:05"}}, "calls[0].to", 32, 13, "there is no place with the id \"tokio\""},
		{"leader name empty", []edit{{"{\"name\": \"Shinzo Abe\", \"title\": \"Prime Minister of Japan\"},\n      \"start\": \"2017-01-28T09:05", "{\"name\": \"\", \"title\": \"Prime Minister of Japan\"},\n      \"start\": \"2017-01-28T09:05"}}, "calls[0].leader.name", 33, 26, "the leader's name is empty"},
		{"duration both minutes and unknown", []edit{{"{\"minutes\": 10}", "{\"minutes\": 10, \"unknown\": true}"}}, "calls[1].duration", 48, 19, "gives both minutes and \"unknown\""},
		{"duration neither", []edit{{"{\"minutes\": 10}", "{}"}}, "calls[1].duration", 48, 19, "the duration needs \"minutes\", or \"unknown\": true"},
		{"duration minutes not whole", []edit{{"{\"minutes\": 10}", "{\"minutes\": 42.5}"}}, "calls[1].duration.minutes", 48, 31, "expected a whole number, found 42.5"},
		{"duration minutes as text", []edit{{"{\"minutes\": 10}", "{\"minutes\": \"10\"}"}}, "calls[1].duration.minutes", 48, 31, "expected a whole number, found text \"10\""},
		{"duration unknown as text", []edit{{"{\"minutes\": 10}", "{\"unknown\": \"yes\"}"}}, "calls[1].duration.unknown", 48, 31, "expected true or false, found text \"yes\""},
		{"duration zero", []edit{{"{\"minutes\": 10}", "{\"minutes\": 0}"}}, "calls[1].duration.minutes", 48, 31, "the length must be more than 0 minutes, not 0; if no source gives it, write \"unknown\": true instead"},
		{"start offset of a local mean time", []edit{{"\"2017-01-28T09:05:00-05:00\"", "\"1880-01-28T09:05:00-04:56\""}}, "calls[0].start", 34, 16,
			"says the clocks were at UTC-04:56, but at Washington (America/New_York) they were at UTC-04:56:02 then: if 09:05 is the time on its clocks, write \"1880-01-28T14:01:02Z\""},
		{"start of a local mean time without offset", []edit{{"\"2017-01-28T09:05:00-05:00\"", "\"1880-01-28T09:05:00\""}}, "calls[0].start", 34, 16,
			"at Washington (America/New_York) the clocks were then at UTC-04:56:02: write \"1880-01-28T14:01:02Z\""},
		{"duration negative", []edit{{"{\"minutes\": 10}", "{\"minutes\": -5}"}}, "calls[1].duration.minutes", 48, 31, "the length must be more than 0 minutes, not -5"},
		{"duration unknown but approx", []edit{{"{\"minutes\": 10}", "{\"approx\": true, \"unknown\": true}"}}, "calls[1].duration", 48, 19, "\"approx\" applies only to a length in minutes"},
		{"certainty not a grade", []edit{{"\"certainty\": \"high\",\n      \"summary\": \"A second call.\"", "\"certainty\": \"sure\",\n      \"summary\": \"A second call.\""}}, "calls[1].certainty", 49, 20, "the certainty \"sure\" is not one of \"high\", \"medium\" or \"low\""},
		{"summary empty", []edit{{"\"summary\": \"A second call.\"", "\"summary\": \"\""}}, "calls[1].summary", 50, 18, "the summary is empty"},
		{"point without sources", []edit{{"\"sources\": [\"wire\"]}]", "\"sources\": []}]"}}, "calls[0].points[0].sources", 38, 62, "no source is given; every fact needs at least one"},
		{"point source unknown", []edit{{"\"sources\": [\"wire\"]}]", "\"sources\": [\"reuters\"]}]"}}, "calls[0].points[0].sources[0]", 38, 63, "there is no source with the id \"reuters\""},
		{"source listed twice", []edit{{"\"sources\": [\"wire\"]}]", "\"sources\": [\"wire\", \"wire\"]}]"}}, "calls[0].points[0].sources[1]", 38, 71, "the source \"wire\" is listed twice"},
		{"call without sources", []edit{{"\"sources\": [\"wire\"]\n    }\n  ],", "\"sources\": []\n    }\n  ],"}}, "calls[1].sources", 52, 18, "no source is given"},
		{"note text empty", []edit{{"\"text\": \"Something the article gets wrong.\"", "\"text\": \"\""}}, "notes[0].text", 55, 41, "the note's text is empty"},
		{"question id not allowed", []edit{{"\"id\": \"q1\"", "\"id\": \"Q 1\""}}, "quiz.questions[0].id", 60, 15, "may use only lowercase letters"},
		{"two correct choices", []edit{{"{\"id\": \"c\", \"text\": \"3\"}", "{\"id\": \"c\", \"text\": \"3\", \"correct\": true}"}}, "quiz.questions[0].choices", 62, 20, "exactly one choice must be correct; 2 are"},
		{"no correct choice", []edit{{"\"text\": \"2\", \"correct\": true}", "\"text\": \"2\"}"}}, "quiz.questions[0].choices", 62, 20, "exactly one choice must be correct; 0 are"},
		{"correct as text", []edit{{"\"text\": \"2\", \"correct\": true}", "\"text\": \"2\", \"correct\": \"true\"}"}}, "quiz.questions[0].choices[1].correct", 64, 47, "expected true or false, found text \"true\""},
		{"one choice only", []edit{{"{\"id\": \"a\", \"text\": \"1\"},\n          {\"id\": \"b\", \"text\": \"2\", \"correct\": true},\n          {\"id\": \"c\", \"text\": \"3\"}", "{\"id\": \"b\", \"text\": \"2\", \"correct\": true}"}}, "quiz.questions[0].choices", 62, 20, "a question needs 2 to 8 choices, not 1"},
		{"choice id repeated", []edit{{"{\"id\": \"c\", \"text\": \"3\"}", "{\"id\": \"b\", \"text\": \"3\"}"}}, "quiz.questions[0].choices[2].id", 65, 18, "another choice already has the id \"b\""},
		{"choice text empty", []edit{{"{\"id\": \"c\", \"text\": \"3\"}", "{\"id\": \"c\", \"text\": \"\"}"}}, "quiz.questions[0].choices[2].text", 65, 31, "the choice text is empty"},
		{"explanation empty", []edit{{"\"explanation\": \"The story lists two calls.\"", "\"explanation\": \"\""}}, "quiz.questions[0].explanation", 67, 24, "the explanation is empty"},
		{"question call unknown", []edit{{"\"call\": \"abe\"", "\"call\": \"nobody\""}}, "quiz.questions[0].call", 69, 17, "there is no call with the id \"nobody\""},
		{"source id repeated", []edit{{"\"sources\": [\n    {\n      \"id\": \"wire\",", "\"sources\": [\n    {\"id\": \"wire\", \"publisher\": \"P\", \"headline\": \"H\", \"url\": \"https://example.com/\"},\n    {\n      \"id\": \"wire\","}}, "sources[1].id", 76, 13, "another source already has the id \"wire\""},
		{"publisher empty", []edit{{"\"publisher\": \"A wire service\"", "\"publisher\": \"\""}}, "sources[0].publisher", 76, 20, "the publisher is empty"},
		{"headline empty", []edit{{"\"headline\": \"Two calls\"", "\"headline\": \"\""}}, "sources[0].headline", 77, 19, "the headline is empty"},
		{"javascript URL", []edit{{"https://example.com/news/two-calls", "javascript:alert(document.cookie)"}}, "sources[0].url", 78, 14, "uses javascript:, but only http and https links are allowed"},
		{"javascript URL in capitals", []edit{{"https://example.com/news/two-calls", "JavaScript:alert(1)"}}, "sources[0].url", 78, 14, "uses javascript:, but only http and https links are allowed"},
		{"data URL", []edit{{"https://example.com/news/two-calls", "data:text/html,<script>alert(1)</script>"}}, "sources[0].url", 78, 14, "uses data:"},
		{"relative URL", []edit{{"https://example.com/news/two-calls", "/news/two-calls"}}, "sources[0].url", 78, 14, "is not a full web address"},
		{"protocol-relative URL", []edit{{"https://example.com/news/two-calls", "//example.com/news"}}, "sources[0].url", 78, 14, "is not a full web address"},
		{"URL without host", []edit{{"https://example.com/news/two-calls", "https:///news/two-calls"}}, "sources[0].url", 78, 14, "has no host name"},
		{"URL with backslashes", []edit{{"https://example.com/news/two-calls", "https:\\\\\\\\evil.example"}}, "sources[0].url", 78, 14, "has no host name"},
		{"URL with user name", []edit{{"https://example.com/news/two-calls", "https://example.com@evil.example/"}}, "sources[0].url", 78, 14, "contains a user name"},
		{"URL with space", []edit{{"https://example.com/news/two-calls", "https://example.com/two calls"}}, "sources[0].url", 78, 14, "contains a space or control character"},
		{"ftp URL", []edit{{"https://example.com/news/two-calls", "ftp://example.com/x"}}, "sources[0].url", 78, 14, "uses ftp:"},
		{"date with no such month", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017-13-01\""}}, "sources[0].date", 79, 15, "\"2017-13-01\" is written YYYY-MM-DD, but there is no month 13"},
		{"date with no such day", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017-02-30\""}}, "sources[0].date", 79, 15, "\"2017-02-30\" is written YYYY-MM-DD, but there is no 30 February 2017"},
		{"date on 29 February of a common year", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017-02-29\""}}, "sources[0].date", 79, 15, "\"2017-02-29\" is written YYYY-MM-DD, but there is no 29 February 2017"},
		{"date on day 0", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017-01-00\""}}, "sources[0].date", 79, 15, "\"2017-01-00\" is written YYYY-MM-DD, but there is no day 0"},
		{"date in another format", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"28/01/2017\""}}, "sources[0].date", 79, 15, "is not a date written YYYY-MM-DD"},
		{"month not a month", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017-13\""}}, "sources[0].date", 79, 15, "\"2017-13\" is written YYYY-MM, but there is no month 13"},
		{"month in another format", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017/01\""}}, "sources[0].date", 79, 15, "\"2017/01\" is not a date written YYYY-MM-DD (or YYYY-MM when only the month is known)"},
		{"year alone", []edit{{"\"date\": \"2017-01-28\"", "\"date\": \"2017\""}}, "sources[0].date", 79, 15, "is not a date written YYYY-MM-DD"},
		{"byline with control character", []edit{{"\"headline\": \"Two calls\"", "\"headline\": \"Two calls\", \"byline\": \"A.\\u0007Writer\""}}, "sources[0].byline", 77, 42, "control character (U+0007)"},
		{"byline as a list", []edit{{"\"headline\": \"Two calls\"", "\"headline\": \"Two calls\", \"byline\": [\"A. Writer\"]"}}, "sources[0].byline", 77, 42, "expected text"},
		{"colour short", []edit{{"\"color\": \"#1d3557\"", "\"color\": \"#1d355\""}}, "theme.color", 82, 22, "\"#1d355\" is not a colour written #rrggbb"},
		{"colour named", []edit{{"\"background\": \"#f1faee\"", "\"background\": \"white\""}}, "theme.background", 82, 47, "is not a colour written #rrggbb"},
		{"map centre out of range", []edit{{"\"background\": \"#f1faee\"}", "\"background\": \"#f1faee\"},\n  \"map\": {\"center\": 200}"}}, "map.center", 83, 21, "the map's centre longitude 200 is out of range; it must be between -180 and 180 degrees"},
		{"map centre as text", []edit{{"\"background\": \"#f1faee\"}", "\"background\": \"#f1faee\"},\n  \"map\": {\"center\": \"90W\"}"}}, "map.center", 83, 21, "expected a number, found text \"90W\""},
		{"map centre misspelt", []edit{{"\"background\": \"#f1faee\"}", "\"background\": \"#f1faee\"},\n  \"map\": {\"centre\": -90}"}}, "map.centre", 83, 11, "unknown field \"centre\"; did you mean \"center\"?"},
		{"unknown field", []edit{{"\"summary\": \"A second call.\",", "\"speaker\": \"Sean Spicer\",\n      \"summary\": \"A second call.\","}}, "calls[1].speaker", 50, 7, "unknown field \"speaker\""},
		{"field misspelt", []edit{{"\"summary\": \"A second call.\",", "\"sumary\": \"x\",\n      \"summary\": \"A second call.\","}}, "calls[1].sumary", 50, 7, "unknown field \"sumary\"; did you mean \"summary\"?"},
		{"field in wrong case", []edit{{"\"dek\": \"A small", "\"Dek\": \"x\",\n  \"dek\": \"A small"}}, "Dek", 4, 3, "unknown field \"Dek\"; did you mean \"dek\"?"},
		{"field repeated", []edit{{"\"title\": \"Two calls\",", "\"title\": \"Two calls\",\n  \"title\": \"Three calls\","}}, "title", 4, 3, "the field \"title\" appears twice in this object; keep one"},
		{"list where text goes", []edit{{"\"title\": \"Two calls\"", "\"title\": [\"Two calls\"]"}}, "title", 3, 12, "expected text, found a list"},
		{"trailing data", []edit{{"\n}\n", "\n}\n{}\n"}}, "(root)", 84, 1, "there is more after the end of the story"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := base
			for _, e := range tt.edits {
				if !strings.Contains(data, e.old) {
					t.Fatalf("edit does not apply: %q", e.old)
				}
				data = strings.Replace(data, e.old, e.new, 1)
			}
			s, err := Load([]byte(data))
			if s != nil {
				t.Errorf("Load returned a story along with problems")
			}
			ps := mustProblems(t, err)
			if len(ps) != 1 {
				t.Fatalf("want 1 problem, got %d:\n%v", len(ps), ps)
			}
			p := ps[0]
			if p.Path != tt.path || p.Line != tt.line || p.Col != tt.col {
				t.Errorf("problem at %s line %d col %d, want %s line %d col %d\n%v", p.Path, p.Line, p.Col, tt.path, tt.line, tt.col, p)
			}
			if !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", p.Msg, tt.msg)
			}
		})
	}
}

// TestBrokenStory is the file the check command's test uses: every mistake in
// it must be listed, in file order, with its path and line.
func TestBrokenStory(t *testing.T) {
	_, err := Load(mustRead(t, "testdata/broken.json"))
	ps := mustProblems(t, err)
	want := []struct {
		path string
		line int
		msg  string
	}{
		{"places[1].lat", 22, "the latitude 135.6762 is out of range"},
		{"calls[0].to", 32, `there is no place with the id "tokio"`},
		{"calls[1].start", 47, `"2017-01-28T25:00" is not an RFC 3339 time`},
		{"calls[1].speaker", 53, `unknown field "speaker"`},
		{"quiz.questions[0].choices", 63, "exactly one choice must be correct; 2 are"},
		{"sources[0].url", 79, "only http and https links are allowed"},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(want), ps)
	}
	for i, w := range want {
		if p := ps[i]; p.Path != w.path || p.Line != w.line || !strings.Contains(p.Msg, w.msg) {
			t.Errorf("problem %d = %v\nwant %s at line %d: …%s…", i, p, w.path, w.line, w.msg)
		}
	}
	if got, want := ps[2].Error(), `calls[1].start: line 47 col 16: "2017-01-28T25:00" is not an RFC 3339 time; write it like "2017-01-28T09:05:00-05:00"`; got != want {
		t.Errorf("Error() = %q\nwant    %q", got, want)
	}
	if n := strings.Count(err.Error(), "\n"); n != len(want)-1 {
		t.Errorf("Problems.Error has %d lines, want one per problem:\n%s", n+1, err)
	}
}

// TestAtLeastOne: a story with no calls says "at least one call", not "1
// calls".
func TestAtLeastOne(t *testing.T) {
	s := Default()
	s.Calls = nil
	ps := mustProblems(t, Validate(s))
	for _, p := range ps {
		if p.Path == "calls" {
			if p.Msg != "the story needs at least one call" {
				t.Errorf("%q, want %q", p.Msg, "the story needs at least one call")
			}
			return
		}
	}
	t.Errorf("no problem at calls:\n%v", ps)
}

// TestNoOffsetAdviceWithoutZone: a place whose time zone is missing (its
// key misspelt) gets no advice on the offsets of its times. An empty zone
// loads as UTC, and "write ...Z" would have moved the time by the place's
// offset once the key was mended.
func TestNoOffsetAdviceWithoutZone(t *testing.T) {
	data := strings.Replace(string(mustRead(t, "testdata/small.json")), `"timezone": "America/New_York"`, `"timzone": "America/New_York"`, 1)
	_, err := Load([]byte(data))
	ps := mustProblems(t, err)
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	if want := []string{"places[0].timezone", "places[0].timzone"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("problems at %v, want %v:\n%v", got, want, err)
	}
}

// TestOffsetAdviceDoubtsAWrongZone: when a time's offset disagrees with
// its place's zone and the zone itself is in doubt (Washington given
// Lisbon's), the advice to rewrite the time says the zone may be what is
// wrong, and which zone the place's coordinates suggest.
func TestOffsetAdviceDoubtsAWrongZone(t *testing.T) {
	data := strings.Replace(string(mustRead(t, "testdata/small.json")), `"timezone": "America/New_York"`, `"timezone": "Europe/Lisbon"`, 1)
	_, err := Load([]byte(data))
	ps := mustProblems(t, err)
	if len(ps) == 0 {
		t.Fatal("no problem")
	}
	want := `"2017-01-28T09:05:00-05:00" says the clocks were at UTC-05:00, but at Washington (Europe/Lisbon) they were at UTC+00:00 then: if 09:05 is the time on its clocks, write "2017-01-28T09:05:00+00:00"; unless the place's time zone is wrong: at 14:05 UTC on 2017-01-28, "Europe/Lisbon" reads UTC+00:00, but "America/New_York", the zone nearest the place's coordinates (`
	if p := ps[0]; p.Path != "calls[0].start" || !strings.HasPrefix(p.Msg, want) {
		t.Errorf("first problem %v\nwant at calls[0].start: %s…", p, want)
	}
}

// TestManyMistakesAtOnce checks that problems from decoding (unknown fields,
// wrong types) and from validation all come out of one Load, in file order,
// and that a value reported as the wrong type is not reported again.
func TestManyMistakesAtOnce(t *testing.T) {
	data := string(mustRead(t, "testdata/small.json"))
	for _, e := range []edit{
		{`"language": "en"`, `"language": "en", "lang": "en"`},
		{`"lat": 38.9072`, `"lat": "38.9072"`},
		{`"timezone": "Asia/Tokyo"`, `"timezone": "Tokyo"`},
		{`"order": 2`, `"order": "two"`},
		{`"certainty": "high",
      "summary": "A second call."`, `"certainty": "certain",
      "summary": "A second call."`},
		{`"call": "abe"`, `"call": "merkel"`},
		{`"url": "https://example.com/news/two-calls"`, `"url": "example.com"`},
	} {
		data = strings.Replace(data, e.old, e.new, 1)
	}
	_, err := Load([]byte(data))
	ps := mustProblems(t, err)
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	want := []string{"lang", "places[0].lat", "places[1].timezone", "calls[1].order", "calls[1].certainty", "quiz.questions[0].call", "sources[0].url"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("problems at\n%v\nwant\n%v\n%v", got, want, err)
	}
}

// TestValidateWithoutFile checks stories built in code: paths, no lines, and
// the rules that JSON cannot reach (NaN coordinates, invalid UTF-8 in Go
// strings, counts over the limits).
func TestValidateWithoutFile(t *testing.T) {
	s := Default()
	s.Places[0].Lat = nan()
	s.Places[1].Name = "Tok\xffyo"
	s.Quiz.Questions = append(s.Quiz.Questions, make([]Question, MaxQuestions)...)
	ps := mustProblems(t, Validate(s))
	byPath := map[string]Problem{}
	for _, p := range ps {
		if p.Line != 0 || p.Col != 0 {
			t.Errorf("problem without a file has a position: %v", p)
		}
		if _, ok := byPath[p.Path]; !ok {
			byPath[p.Path] = p
		}
	}
	for path, msg := range map[string]string{
		"places[0].lat":  "the latitude NaN is out of range",
		"places[1].name": "not valid UTF-8",
		"quiz.questions": "63 questions are too many; the limit is 50",
	} {
		if p, ok := byPath[path]; !ok || !strings.Contains(p.Msg, msg) {
			t.Errorf("%s: got %v, want …%s…", path, p, msg)
		}
	}
	if got := byPath["places[0].lat"].Error(); got != "places[0].lat: the latitude NaN is out of range; it must be between -90 and 90 degrees" {
		t.Errorf("Error() without a position = %q", got)
	}
	if err := Validate(nil); err == nil {
		t.Error("Validate(nil) = nil")
	}
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// mustProblems asserts err lists problems, each with a path.
func mustProblems(tb testing.TB, err error) Problems {
	tb.Helper()
	var ps Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		tb.Fatalf("want Problems, got %v", err)
	}
	for _, p := range ps {
		if p.Path == "" || p.Msg == "" {
			tb.Errorf("problem without path or message: %#v", p)
		}
	}
	return ps
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

// TestSuggestOnlyNearNames: a key two letters from a field's name gets it
// suggested, one that is no slip of any gets nothing, and a short key only
// a one-letter slip ("to" is two letters from "id", and no slip of it).
func TestSuggestOnlyNearNames(t *testing.T) {
	call := jsonFields(reflect.TypeFor[Call]())
	for key, want := range map[string]string{
		"sumary":  "; did you mean \"summary\"?",
		"Summary": "; did you mean \"summary\"?",
		"sourcse": "; did you mean \"sources\"?",
		"speaker": "",
		"frm":     "; did you mean \"from\"?",
		"xy":      "",
	} {
		if got := suggest(key, call); got != want {
			t.Errorf("suggest(%q) = %q, want %q", key, got, want)
		}
	}
}
