package pagetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fivecalls/app/story"
)

// TestStorageGuard: where the browser blocks storage (a third-party
// iframe, where merely reading localStorage throws; a full or read-only
// store, where writing throws), page.js puts a memory stand-in in its
// place: the page and go-app read it without an exception, and the
// reader's progress and token are kept for the page's life.
// Fails with page.js's guard removed (localStorage throws for whoever
// reads it next, and unsent() forgets the answer).
func TestStorageGuard(t *testing.T) {
	for _, c := range []struct{ name, block string }{
		{"reading throws", `for (const name of ["localStorage", "sessionStorage"]) {
			Object.defineProperty(window, name, {configurable: true, get() { throw new DOMException("The operation is insecure.", "SecurityError"); }});
		}`},
		{"writing throws", `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			tb.recordEvents()
			tb.beforeScripts(c.block)
			tb.open("/")
			if got := eval[string](tb, `(() => { try { localStorage.setItem("x", "1"); sessionStorage.setItem("y", "2"); return localStorage.getItem("x") + sessionStorage.getItem("y"); } catch (e) { return String(e); } })()`); got != "12" {
				t.Errorf("storage after page.js: %s, want a working stand-in", got)
			}
			tb.answer(1, rightChoice(1))
			q := question(1)
			want := fmt.Sprintf(`[{"question":%q,"choice":%q}]`, q.ID, q.Choices[rightChoice(1)].ID)
			if got := eval[string](tb, `JSON.stringify(window[N.PageAPI].unsent())`); got != want {
				t.Errorf("unsent() = %s, want %s", got, want)
			}
			token := eval[string](tb, `window[N.PageAPI].reader()`)
			if len(token) != 22 || token != eval[string](tb, `window[N.PageAPI].reader()`) {
				t.Errorf("reader() = %q, then %q: want one token, kept", token, eval[string](tb, `window[N.PageAPI].reader()`))
			}
			tb.settle()
			if got := tb.events(); got == "[]" {
				t.Error("the answer fired no event")
			}
		})
	}
}

// TestLegacyStorageMoved: an earlier version kept the reader's token, the
// unsent answers (a queue) and each story's progress under other keys.
// page.js moves them over once, every answer of every source kept, as
// unsent (the server stores each once, however often it is sent), and
// removes the old keys; the page then shows the answers.
// Here the old queue holds two answers the story's old record no longer
// has (the reader pressed Retry, then answered question 3 offline).
// Fails with page.js's migrate not run; and failed before the fix of the
// commit that added this case: migrate's add started again from storage
// for each answer it moved, so only question 3 survived.
func TestLegacyStorageMoved(t *testing.T) {
	tb := newTab(t)
	// Any page of the origin, without page.js, to write the old keys on.
	tb.open("/manifest.webmanifest")
	id := story.Default().ID
	choice := func(n int) string { return question(n).Choices[rightChoice(n)].ID }
	q1, q2, q3 := question(1).ID, question(2).ID, question(3).ID
	pending, _ := json.Marshal([]map[string]string{
		{"story": id, "question": q1, "choice": choice(1), "reader": "legacy-reader", "answer": "a1"},
		{"story": id, "question": q2, "choice": choice(2), "reader": "legacy-reader", "answer": "a2"},
	})
	tb.run(fmt.Sprintf(`localStorage.setItem(N.LegacyReaderKey, "legacy-reader");
		localStorage.setItem(N.LegacyPendingKey, %s);
		localStorage.setItem(N.LegacyPostedKey, '["a0"]');
		localStorage.setItem(N.LegacyProgressKeyPrefix + %s, JSON.stringify({answers: {[%s]: %s}, question: 3, all: false}));
		localStorage.setItem(N.LegacyProgressKeyPrefix + "another-story", JSON.stringify({answers: {x1: "b"}, question: 1, all: false}));`,
		quote(string(pending)), quote(id), quote(q3), quote(choice(3))))

	tb.open("/")
	if got := eval[string](tb, `String(localStorage.getItem(N.ReaderKey))`); got != "legacy-reader" {
		t.Errorf("the reader's token is %q, want the old one", got)
	}
	if got := eval[[]string](tb, `Object.keys(localStorage).filter(k => k.startsWith("fivecalls:")).sort()`); len(got) != 0 {
		t.Errorf("old keys left: %q", got)
	}
	want := map[string]string{q1: choice(1), q2: choice(2), q3: choice(3)}
	if got := tb.progress(); !reflect.DeepEqual(got.Answers, want) || len(got.Sent) != 0 {
		t.Errorf("the moved progress is %+v, want the answers %v, none sent", got, want)
	}
	if got := tb.checkedAnswers(); !reflect.DeepEqual(got, want) {
		t.Errorf("the page shows the answers %v, want %v", got, want)
	}
	if got := eval[int](tb, `window[N.PageAPI].unsent().length`); got != 3 {
		t.Errorf("%d answers unsent, want the 3 moved", got)
	}
	if got := eval[string](tb, `localStorage.getItem(N.ProgressKeyPrefix + "another-story")`); got != `{"answers":{"x1":"b"},"sent":{}}` {
		t.Errorf("another story's progress moved to %s", got)
	}

	// Once: a token of this version is not replaced by an old one.
	tb.run(`localStorage.setItem(N.LegacyReaderKey, "older")`)
	tb.open("/")
	if got := eval[string](tb, `localStorage.getItem(N.ReaderKey) + " " + localStorage.getItem(N.LegacyReaderKey)`); got != "legacy-reader null" {
		t.Errorf("token and old token after a second visit: %s, want legacy-reader null", got)
	}
}

// TestHeadLeavesStorageAlone: the first touch of the browser's storage is
// a synchronous round trip to another process, so page.js, which runs in
// the head before the first paint, leaves it to a task of its own; the
// storage is open all the same by the time the page has loaded.
// Fails with the guard or migrate run at page.js's top level again.
func TestHeadLeavesStorageAlone(t *testing.T) {
	tb := newTab(t)
	tb.beforeScripts(`window.__storageTouches = [];
		for (const name of ["localStorage", "sessionStorage"]) {
			const real = Object.getOwnPropertyDescriptor(window, name) || Object.getOwnPropertyDescriptor(Window.prototype, name);
			Object.defineProperty(window, name, {configurable: true, get() {
				const s = document.currentScript;
				window.__storageTouches.push(name + (s && s.src.includes("/web/page.js") ? " in the head" : ""));
				return real.get.call(window);
			}});
		}`)
	tb.open("/")
	touches := eval[[]string](tb, `window.__storageTouches`)
	for _, touch := range touches {
		if strings.HasSuffix(touch, " in the head") {
			t.Errorf("page.js touched storage in the head: %q", touches)
			break
		}
	}
	if !slices.Contains(touches, "localStorage") || !slices.Contains(touches, "sessionStorage") {
		t.Errorf("storage touched as %q: want both opened (and guarded) after the head", touches)
	}
}
