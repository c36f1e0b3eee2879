package story

import (
	"encoding/json"
	"errors"
	"testing"
)

// FuzzDecodeStory feeds arbitrary bytes to Load. Whatever comes in, Load must
// not panic and must either return a story that validates (and survives a
// round trip) or Problems, each with a path and a message. Seeds live in
// testdata/fuzz/FuzzDecodeStory, so a plain go test replays them.
func FuzzDecodeStory(f *testing.F) {
	f.Add(DefaultJSON())
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load(data)
		if err != nil {
			if s != nil {
				t.Fatal("Load returned a story along with an error")
			}
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not Problems: %v", err)
			}
			for _, p := range ps {
				if p.Path == "" || p.Msg == "" || p.Line < 0 || p.Col < 0 || (p.Line == 0) != (p.Col == 0) {
					t.Fatalf("malformed problem %#v", p)
				}
			}
			return
		}
		if s == nil {
			t.Fatal("Load returned neither a story nor an error")
		}
		if err := Validate(s); err != nil {
			t.Fatalf("Load accepted a story that Validate rejects:\n%v", err)
		}
		if _, err := Decode(data); err != nil {
			t.Fatalf("Load accepted what Decode rejects:\n%v", err)
		}
		// The weak spots of any valid story can be listed and placed.
		for _, w := range Locate(data, Warnings(s)) {
			if w.Path == "" || w.Msg == "" || w.Line <= 0 || w.Col <= 0 {
				t.Fatalf("malformed warning %#v", w)
			}
		}
		again, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Load(again); err != nil {
			t.Fatalf("a valid story does not survive a round trip:\n%v", err)
		}
	})
}
