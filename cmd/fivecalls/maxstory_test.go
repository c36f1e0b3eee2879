package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"fivecalls/app/story"
)

// maximalStory is a valid story as large as the rules allow where it costs
// the server most: every list at its limit where a page shows it (50
// places, 50 calls of 50 points with conflicts, 50 notes, 50 questions of 8
// choices, 200 sources), then texts lengthened towards 2,000 characters
// until the file is just under story.MaxFileSize. Every page variant of it
// is as large as a page can be.
func maximalStory(tb testing.TB) []byte {
	tb.Helper()
	s := story.Default()
	origin := s.Origin
	zones := []string{"Asia/Tokyo", "Europe/Berlin", "Europe/Moscow", "Europe/Paris", "Australia/Sydney", "America/Sao_Paulo", "Africa/Nairobi", "Asia/Kolkata"}

	s.Sources = s.Sources[:0]
	for i := range story.MaxSources {
		s.Sources = append(s.Sources, story.Source{
			ID: fmt.Sprintf("s%d", i), Publisher: fmt.Sprintf("Publisher %d", i), Headline: fmt.Sprintf("Headline %d", i),
			URL: fmt.Sprintf("https://news.example.com/%d", i), Date: "2017-01-28",
		})
	}
	s.Article = "s0"
	cite := func(i int) []string {
		return []string{fmt.Sprintf("s%d", i%story.MaxSources), fmt.Sprintf("s%d", (i+1)%story.MaxSources)}
	}

	s.Places = s.Places[:1]
	s.Places[0].ID, s.Places[0].Sources = origin, cite(0)
	for i := 1; i < story.MaxPlaces; i++ {
		s.Places = append(s.Places, story.Place{
			ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Place %d", i), Country: fmt.Sprintf("Country %d", i),
			Lat: float64(i%120) - 60, Lon: float64(i*7%360) - 180, TimeZone: zones[i%len(zones)],
			Note: "n", Sources: cite(i),
		})
	}

	s.Calls = s.Calls[:0]
	for i := range story.MaxCalls {
		c := story.Call{
			ID: fmt.Sprintf("c%d", i+1), Order: i + 1, From: origin, To: s.Places[1+i%(story.MaxPlaces-1)].ID,
			Leader:   story.Leader{Name: fmt.Sprintf("Leader %d", i+1), Title: "Head of government"},
			Start:    fmt.Sprintf("2017-01-28T%02d:%02d:00-05:00", i/3, i%3*20),
			Duration: story.Duration{Minutes: 15}, Certainty: story.Medium, CertaintyNote: "n",
			Summary: "s", Sources: cite(i),
		}
		for j := range 50 {
			c.Points = append(c.Points, story.Point{Text: "p", Sources: cite(i + j)})
		}
		for j := range 3 {
			c.Conflicts = append(c.Conflicts, story.Conflict{Text: "c", Sources: cite(i + j)})
		}
		s.Calls = append(s.Calls, c)
	}

	s.Notes = s.Notes[:0]
	for i := range 50 {
		s.Notes = append(s.Notes, story.Note{Title: fmt.Sprintf("Note %d", i), Text: "t", Sources: cite(i)})
	}
	s.Quiz.Questions = s.Quiz.Questions[:0]
	for i := range story.MaxQuestions {
		q := story.Question{ID: fmt.Sprintf("q%d", i), Prompt: "q", Explanation: "e", Sources: cite(i), Call: s.Calls[i].ID}
		for j := range story.MaxChoices {
			q.Choices = append(q.Choices, story.Choice{ID: fmt.Sprintf("c%d", j), Text: "c", Correct: j == 0})
		}
		s.Quiz.Questions = append(s.Quiz.Questions, q)
	}

	// The texts a page shows, lengthened in turns by up to 400 characters
	// until the file is full.
	var texts []*string
	for i := range s.Calls {
		c := &s.Calls[i]
		texts = append(texts, &c.Summary, &c.CertaintyNote)
		for j := range c.Points {
			texts = append(texts, &c.Points[j].Text)
		}
		for j := range c.Conflicts {
			texts = append(texts, &c.Conflicts[j].Text)
		}
	}
	for i := range s.Notes {
		texts = append(texts, &s.Notes[i].Text)
	}
	for i := range s.Quiz.Questions {
		q := &s.Quiz.Questions[i]
		texts = append(texts, &q.Prompt, &q.Explanation)
		for j := range q.Choices {
			texts = append(texts, &q.Choices[j].Text)
		}
	}
	for i := range s.Places {
		texts = append(texts, &s.Places[i].Note)
	}
	const words = "the call was reported by several outlets and the accounts differ on when it began and how long it lasted "
	b, err := json.Marshal(s)
	if err != nil {
		tb.Fatal(err)
	}
	// Plain ASCII without escapes: each step adds exactly step bytes.
	const step = 400
	room := story.MaxFileSize - 2048 - len(b)
	for grown := true; grown && room >= step; {
		grown = false
		for _, t := range texts {
			if room < step {
				break
			}
			if len(*t)+step > story.MaxTextRunes {
				continue
			}
			*t += " " + strings.Repeat(words, step/len(words)+1)[:step-1]
			room -= step
			grown = true
		}
	}
	data, err := json.Marshal(s)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := story.Load(data); err != nil {
		tb.Fatalf("the maximal story is not valid: %v", err)
	}
	if len(data) < story.MaxFileSize*9/10 {
		tb.Fatalf("the maximal story is %d bytes, not near the limit %d", len(data), story.MaxFileSize)
	}
	return data
}
