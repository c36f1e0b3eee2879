package ui

import (
	"testing"
	"time"

	"fivecalls/app/story"
)

func TestToTimeAtEachPlace(t *testing.T) {
	start := time.Date(2017, 1, 28, 22, 5, 0, 0, time.UTC) // 5:05 p.m. in Washington
	tests := []struct {
		zone, want string
	}{
		{"Australia/Sydney", "Sun 9:05 a.m."},
		{"Asia/Tokyo", "Sun 7:05 a.m."},
		{"Europe/Moscow", "Sun 1:05 a.m."},
		{"Europe/Berlin", "Sat 11:05 p.m."},
		{"America/New_York", "Sat 5:05 p.m."},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			c := Call{Call: &story.Call{}, atTo: InZone(start, tt.zone)}
			if got := c.ToTime(); got != tt.want {
				t.Errorf("ToTime in %s = %q, want %q", tt.zone, got, tt.want)
			}
		})
	}
}

func TestClockText(t *testing.T) {
	tests := map[string]string{
		"00:05": "12:05 a.m.",
		"09:05": "9:05 a.m.",
		"12:00": "12:00 p.m.",
		"20:00": "8:00 p.m.",
	}
	for in, want := range tests {
		tm, err := time.Parse("15:04", in)
		if err != nil {
			t.Fatal(err)
		}
		if got := ClockText(tm); got != want {
			t.Errorf("ClockText(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestDurationText(t *testing.T) {
	tests := []struct {
		d    story.Duration
		want string
	}{
		{story.Duration{Unknown: true}, "not reported"},
		{story.Duration{Minutes: 42, Approx: true}, "about 42 min"},
		{story.Duration{Minutes: 45}, "45 min"},
	}
	for _, tt := range tests {
		if got := durationText(tt.d); got != tt.want {
			t.Errorf("durationText(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestFromTime(t *testing.T) {
	start := time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC)
	c := Call{Call: &story.Call{StartApprox: true}, atFrom: InZone(start, "America/New_York")}
	if got, want := c.FromTime(), "about 11:00 a.m. EST"; got != want {
		t.Errorf("FromTime = %q, want %q", got, want)
	}
}

// The default story's calls, as every part of the widget tells them.
func TestDefaultStoryTexts(t *testing.T) {
	s := story.Default()
	cs := CallsOf(s)
	if len(cs) != 5 {
		t.Fatalf("%d calls, want 5", len(cs))
	}
	for i, c := range cs {
		if c.Step != i+1 || c.From.ID != s.Origin {
			t.Errorf("call %d: step %d from %s", i, c.Step, c.From.ID)
		}
	}
	for _, tt := range []struct{ got, want string }{
		{OverviewTitle(cs), "5 calls from Washington"},
		{OverviewSpan(cs), "9:05 a.m. EST to 5:05 p.m. EST"},
		{OverviewClock(cs), "9:05 a.m.–5:05 p.m. EST"},
		{cs[2].Announcement(len(cs)), "3 of 5: Vladimir Putin, Moscow, 8:00 p.m. local"},
		{cs[0].RadioLabel(), "Shinzo Abe, Tokyo, 9:05 a.m. EST in Washington"},
		{cs[1].Position(len(cs)), "Call 2 of 5"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	berlin, short := PlaceLabel(s.Place("berlin"), cs)
	if berlin != "2 Berlin" || short != "2" {
		t.Errorf("PlaceLabel(berlin) = %q, %q", berlin, short)
	}
	if label, short := PlaceLabel(s.Place(s.Origin), cs); label != "Washington" || short != "" {
		t.Errorf("PlaceLabel(origin) = %q, %q", label, short)
	}
}
