package ui

import (
	"testing"
	"time"

	"fivecalls/app/story"
)

func TestLocalText(t *testing.T) {
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
			if got := localText(start, tt.zone); got != tt.want {
				t.Errorf("localText(%s) = %q, want %q", tt.zone, got, tt.want)
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
		if got := clockText(tm); got != want {
			t.Errorf("clockText(%s) = %q, want %q", in, got, want)
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

func TestOriginText(t *testing.T) {
	start := time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC)
	if got, want := originText(start, "America/New_York", true), "about 11:00 a.m. EST"; got != want {
		t.Errorf("originText = %q, want %q", got, want)
	}
}
