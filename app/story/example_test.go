package story_test

import (
	"errors"
	"fmt"

	"fivecalls/app/story"
)

// Load reports every problem in a story file at once, each with its JSON path
// and the line and column of the value, so an editor can fix the file in one
// pass.
func ExampleLoad() {
	file := []byte(`{
  "id": "one-call",
  "title": "One call",
  "dek": "A story with mistakes.",
  "language": "en",
  "article": "wire",
  "origin": "washington",
  "places": [
    {"id": "washington", "name": "Washington", "country": "United States",
     "lat": 38.9072, "lon": -77.0369, "timezone": "America/New_York"},
    {"id": "tokyo", "name": "Tokyo", "country": "Japan",
     "lat": 135.6762, "lon": 139.6503, "timezone": "Asia/Tokio"}
  ],
  "calls": [
    {"id": "abe", "order": 1, "from": "washington", "to": "tokyo",
     "leader": {"name": "Shinzo Abe", "title": "Prime Minister"},
     "start": "2017-01-28T25:00", "duration": {"minutes": 42},
     "certainty": "high", "summary": "The first call.", "sources": ["wire"]}
  ],
  "sources": [
    {"id": "wire", "publisher": "A wire", "headline": "Calls",
     "url": "javascript:alert(1)", "date": "2017-01-28", "author": "?"}
  ],
  "theme": {"color": "#1d3557", "background": "#f1faee"}
}`)
	_, err := story.Load(file)
	var problems story.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p)
		}
	}
	// Output:
	// places[1].lat: line 12 col 13: the latitude 135.6762 is out of range; it must be between -90 and 90 degrees
	// places[1].timezone: line 12 col 52: "Asia/Tokio" is not a time zone this system knows; did you mean "Asia/Tokyo"?
	// calls[0].start: line 17 col 15: "2017-01-28T25:00" is not an RFC 3339 time; write it like "2017-01-28T09:05:00-05:00"
	// sources[0].url: line 22 col 13: the URL "javascript:alert(1)" uses javascript:, but only http and https links are allowed
	// sources[0].author: line 22 col 58: unknown field "author"
}

// Summary gives the one line "fivecalls check" prints for a valid story.
func ExampleSummary() {
	fmt.Println(story.Summary(story.Default()))
	// Output:
	// five-calls-2017: 6 places, 5 calls, 13 questions, 42 sources
}
