package ui

import (
	"testing"
	"time"
)

// The worker's rehearsal must finish promptly: go-app's test engine waits for
// every timer the components start (Play's dwell is 4 s a call), and a
// rehearsal that starts one keeps the page waiting for nothing.
func TestRehearseFinishes(t *testing.T) {
	old := current()
	t.Cleanup(func() { SetContent(old) })
	done := make(chan error, 1)
	go func() { done <- Rehearse(&Content{Story: copyStory(t)}) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * playDwell):
		t.Fatal("the rehearsal is still running: it waits on a timer")
	}
}
