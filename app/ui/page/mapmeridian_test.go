package page

import (
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo"
)

func TestMapMeridian(t *testing.T) {
	// Round the equator in three calls: no meridian is free.
	roundTheWorld := func(t *testing.T) *story.Story {
		s := copyStory(t)
		for i, lon := range []float64{0, 120, -120} {
			s.Places[i].Lon, s.Places[i].Lat = lon, 0
		}
		s.Calls = s.Calls[:3]
		for i := range s.Calls {
			s.Calls[i].From, s.Calls[i].To = s.Places[i].ID, s.Places[(i+1)%3].ID
		}
		s.Places = s.Places[:3]
		return s
	}
	centred := func(lon float64) func(t *testing.T) *story.Story {
		return func(t *testing.T) *story.Story {
			s := copyStory(t)
			s.Map.Center = &lon
			return s
		}
	}
	for _, tc := range []struct {
		name  string
		story func(t *testing.T) *story.Story
		want  float64
		whole bool // every arc in one piece
	}{
		{"default story", func(*testing.T) *story.Story { return story.Default() }, -90, true},
		{"the story sets Greenwich", centred(0), 0, false},
		{"the story sets the Pacific", centred(150), 150, false},
		{"arcs round the world", roundTheWorld, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.story(t)
			got := MapMeridian(s)
			if got != tc.want {
				t.Fatalf("MapMeridian = %v, want %v", got, tc.want)
			}
			f := ui.MapFrame().WithCentralMeridian(got)
			whole := true
			for _, c := range s.Calls {
				d := geo.ArcPath(f, lonLat(s.Place(c.From)), lonLat(s.Place(c.To)))
				whole = whole && strings.Count(d, "M") == 1
			}
			if whole != tc.whole {
				t.Errorf("every arc whole: %v, want %v", whole, tc.whole)
			}
		})
	}
}
