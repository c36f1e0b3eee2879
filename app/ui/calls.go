package ui

import (
	"fmt"
	"sync"
	"time"

	"fivecalls/app/story"
)

// callInfo is a call with everything the components show about it, derived
// once from the story so that every component says the same thing.
type callInfo struct {
	Index  int
	Call   *story.Call
	Place  *story.Place // the capital called
	Origin *story.Place
	Start  time.Time
	End    time.Time // zero when the duration is unknown
}

// callsCache keeps the last story's calls: components ask on every render
// and the animation on every frame, and parsing times each time shows up in
// profiles of a throttled phone.
var callsCache struct {
	sync.Mutex
	story *story.Story
	calls []callInfo
}

// calls derives the callInfo of each call of the story, once per story.
func calls(s *story.Story) []callInfo {
	if s == nil {
		return nil
	}
	callsCache.Lock()
	defer callsCache.Unlock()
	if callsCache.story != s {
		callsCache.story, callsCache.calls = s, deriveCalls(s)
	}
	return callsCache.calls
}

func deriveCalls(s *story.Story) []callInfo {
	out := make([]callInfo, 0, len(s.Calls))
	for i := range s.Calls {
		c := &s.Calls[i]
		start, _ := c.StartTime()
		end, _ := c.End()
		from := s.Place(c.From)
		if from == nil {
			from = s.Place(s.Origin)
		}
		to := s.Place(c.To)
		if to == nil || from == nil {
			continue // validated stories always resolve
		}
		out = append(out, callInfo{Index: i, Call: c, Place: to, Origin: from, Start: start, End: end})
	}
	return out
}

// OriginTime is the start in the origin's time zone.
func (c callInfo) OriginTime() string {
	return originText(c.Start, c.Origin.TimeZone, c.Call.StartApprox)
}

// LocalTime is the start at the capital called, with weekday:
// "Sun 9:05 a.m.", or "Sat about 8:00 p.m." for a scheduled time.
func (c callInfo) LocalTime() string {
	lt := inZone(c.Start, c.Place.TimeZone)
	if c.Call.StartApprox {
		return lt.Format("Mon") + " about " + clockText(lt)
	}
	return localText(c.Start, c.Place.TimeZone)
}

// RadioLabel names the call's radio: who, where and when in the origin's
// zone. A screen reader adds the position ("1 of 5").
func (c callInfo) RadioLabel() string {
	return fmt.Sprintf("%s, %s, %s in %s", c.Call.Leader.Name, c.Place.Name, c.OriginTime(), c.Origin.Name)
}

// Announcement is what the live region says when the call becomes current:
// "3 of 5: Vladimir Putin, Moscow, 8:00 p.m. local".
func (c callInfo) Announcement(total int) string {
	return fmt.Sprintf("%d of %d: %s, %s, %s local", c.Index+1, total, c.Call.Leader.Name, c.Place.Name,
		clockText(inZone(c.Start, c.Place.TimeZone)))
}

// The timeline's steps are numbered 0, the overview (every call at once, the
// whole world: before the first call, after the last and on demand), and
// 1…n, the calls in order.
const overviewStep = 0

// overviewTitle heads the overview: "5 calls from Washington".
func overviewTitle(cs []callInfo) string {
	if len(cs) == 1 {
		return "1 call from " + cs[0].Origin.Name
	}
	return fmt.Sprintf("%d calls from %s", len(cs), cs[0].Origin.Name)
}

// overviewSpan is the day's span in the origin's time: "9:05 a.m. EST to
// about 5:05 p.m. EST".
func overviewSpan(cs []callInfo) string {
	first, last := cs[0], cs[len(cs)-1]
	if len(cs) == 1 {
		return first.OriginTime()
	}
	return first.OriginTime() + " to " + last.OriginTime()
}

// overviewLabel names the overview's radio and is what the live region says.
func overviewLabel(cs []callInfo) string {
	return "All " + overviewTitle(cs) + " on the map"
}

// clampStep keeps a call index inside the story.
func clampStep(i, n int) int {
	if i < 0 {
		return 0
	}
	if i >= n {
		return n - 1
	}
	return i
}
