package pagetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"fivecalls/app/story"
)

// question is question n (1-based) of the default story.
func question(n int) story.Question { return story.Default().Quiz.Questions[n-1] }

// rightChoice and wrongChoice are the index of a right and of a wrong
// choice of question n.
func rightChoice(n int) int {
	for i, c := range question(n).Choices {
		if c.Correct {
			return i
		}
	}
	panic("no right choice")
}

func wrongChoice(n int) int {
	for i, c := range question(n).Choices {
		if !c.Correct {
			return i
		}
	}
	panic("no wrong choice")
}

// answer clicks choice index of question n and waits for its verdict.
func (tb *tab) answer(n, index int) {
	tb.t.Helper()
	tb.click(fmt.Sprintf(`.fc-q[data-q="%d"] .fc-choice:nth-child(%d)`, n, index+1))
	tb.waitFor(fmt.Sprintf(`!!document.querySelector('.fc-q[data-q="%d"] input:checked')`, n))
}

// answerAll answers every question, the first right of them right and the
// rest wrong: all but the last by script (checked, as the stylesheet sees
// them, with the change event page.js follows), the last by a click.
func (tb *tab) answerAll(right int) {
	tb.t.Helper()
	qs := story.Default().Quiz.Questions
	for n := 1; n <= len(qs); n++ {
		i := wrongChoice(n)
		if n <= right {
			i = rightChoice(n)
		}
		if n == len(qs) {
			tb.settle() // the answers' calls shown, the quiz where it stays
			tb.check(fmt.Sprintf("fc-question-%d", n), true)
			tb.answer(n, i)
			break
		}
		tb.run(fmt.Sprintf(`(r => { r.checked = true; r.dispatchEvent(new Event("change", {bubbles: true})); })(document.querySelector('input[name="fc-answer-%s"][value="%s"]'))`, qs[n-1].ID, qs[n-1].Choices[i].ID))
	}
}

// shownQuestions lists the questions the page shows, by position: "2".
func (tb *tab) shownQuestions() string {
	tb.t.Helper()
	return eval[string](tb, `[...document.querySelectorAll(".fc-q")].filter(q => q.checkVisibility({visibilityProperty: true})).map(q => q.getAttribute(N.QuestionAttr)).join(",")`)
}

// shownVerdicts is the verdict, explanation and Next question question n
// shows, the verdict by its first sentence: "✓ Right.|explanation|Next
// question".
func (tb *tab) shownVerdicts(n int) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] :is(.fc-verdict, .fc-explanation, .fc-next)')]
		.filter(el => el.checkVisibility({visibilityProperty: true}))
		.map(el => el.matches(".fc-verdict") ? el.textContent.trim().split(".")[0] + "." : el.matches(".fc-explanation") ? "explanation" : el.textContent.trim()).join("|")`, n))
}

// progress is the reader's progress record in this story, as stored.
type progress struct {
	Answers  map[string]string `json:"answers"`
	Sent     map[string]string `json:"sent"`
	Question int               `json:"question"`
	All      bool              `json:"all"`
}

func (tb *tab) progress() progress {
	tb.t.Helper()
	raw := eval[string](tb, `localStorage.getItem(N.ProgressKeyPrefix + `+quote(story.Default().ID)+`) || "null"`)
	var p progress
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		tb.t.Fatalf("progress record %s: %v", raw, err)
	}
	return p
}

// checkedAnswers is every answer the page shows checked, question id to
// choice id.
func (tb *tab) checkedAnswers() map[string]string {
	tb.t.Helper()
	return eval[map[string]string](tb, `Object.fromEntries([...document.querySelectorAll('input[name^="' + N.AnswerRadioPrefix + '"]:checked')]
		.map(r => [r.name.slice(N.AnswerRadioPrefix.length), r.value]))`)
}

// TestAnswer: an answer shows its verdict in words, the explanation and
// Next question, and locks the question; page.js fires fc:answer with the
// question and the choice, shows the call a question is about (quietly: the
// reader's focus is in the quiz) and keeps the reader's progress in one
// record per story, which window.fcPage reads (unsent, acknowledge, result,
// reader, step) and which a page opened later restores.
// page.js fires fc:answer after the next frame (afterPaint), so the test
// lets that pass (settle) before it reads the events.
// Fails with page.js's answered not calling saveProgress (the record), with
// its AnswerEvent detail's choice left out, with afterPaint never running
// what it is given, with acknowledge not keeping
// what it marks sent, and with restoreProgress not run.
func TestAnswer(t *testing.T) {
	tb := newTab(t)
	tb.recordEvents()
	tb.open("/")
	q1, q2 := question(1), question(2)
	right1, wrong2 := q1.Choices[rightChoice(1)].ID, q2.Choices[wrongChoice(2)].ID
	if q1.Call != "" || q2.Call == "" {
		t.Fatal("the test wants question 1 about no call and question 2 about one")
	}
	step2 := story.Default().CallIndex(q2.Call) + 1

	tb.answer(1, rightChoice(1))
	if got, want := tb.shownVerdicts(1), "✓ Right.|explanation|Next question"; got != want {
		t.Errorf("question 1 answered right shows %q, want %q", got, want)
	}
	tb.settle()
	if got, want := tb.events(), fmt.Sprintf(`[["answer",{"question":%q,"choice":%q}]]`, q1.ID, right1); got != want {
		t.Errorf("events %s, want %s", got, want)
	}
	if got, want := tb.progress(), (progress{Answers: map[string]string{q1.ID: right1}, Sent: map[string]string{}, Question: 1}); !reflect.DeepEqual(got, want) {
		t.Errorf("progress record %+v, want %+v", got, want)
	}
	// Answered means settled: the other choices' radios are hidden, and
	// another choice can no longer be picked.
	if got, want := eval[string](tb, `[...document.querySelectorAll('.fc-q[data-q="1"] .fc-choice input')].map(i => i.checked + ":" + getComputedStyle(i).visibility).join(" ")`),
		strings.TrimSpace(strings.Repeat("false:hidden ", rightChoice(1))+"true:visible "+strings.Repeat("false:hidden ", len(q1.Choices)-rightChoice(1)-1)); got != want {
		t.Errorf("question 1's radios once answered (checked:visibility): %s, want %s", got, want)
	}
	tb.click(fmt.Sprintf(`.fc-q[data-q="1"] .fc-choice:nth-child(%d)`, wrongChoice(1)+1))
	if got := tb.checkedAnswers(); !reflect.DeepEqual(got, map[string]string{q1.ID: right1}) {
		t.Errorf("a second click changed the answer: %v", got)
	}
	tb.settle()
	if got := tb.events(); got != "[]" {
		t.Errorf("a second click fired %s", got)
	}

	// Question 2 is about a call: answering shows it, without a word in
	// the live region.
	tb.click(`.fc-q[data-q="1"] .fc-next`)
	tb.answer(2, wrongChoice(2))
	if got := tb.shownVerdicts(2); got != "✗ Not quite.|explanation|Next question" {
		t.Errorf("question 2 answered wrong shows %q", got)
	}
	tb.settle()
	if got, want := tb.events(), fmt.Sprintf(`[["step",%d],["answer",{"question":%q,"choice":%q}]]`, step2, q2.ID, wrong2); got != want {
		t.Errorf("events %s, want %s", got, want)
	}
	tb.waitCard(step2)
	if got := eval[string](tb, `document.getElementById(N.AnnouncerID).textContent`); got != "" {
		t.Errorf("answering said %q in the live region", got)
	}

	api := func(expr string) string { return eval[string](tb, `JSON.stringify(window[N.PageAPI].`+expr+`)`) }
	if got, want := api(`result()`), `{"answered":2,"questions":13,"score":1}`; got != want {
		t.Errorf("result() = %s, want %s", got, want)
	}
	if got, want := api(`step()`), fmt.Sprint(step2); got != want {
		t.Errorf("step() = %s, want %s", got, want)
	}
	unsentBoth := fmt.Sprintf(`[{"question":%q,"choice":%q},{"question":%q,"choice":%q}]`, q1.ID, right1, q2.ID, wrong2)
	if got := api(`unsent()`); got != unsentBoth {
		t.Errorf("unsent() = %s, want %s", got, unsentBoth)
	}
	tb.run(`window[N.PageAPI].acknowledge(` + quote(q1.ID) + `); window[N.PageAPI].acknowledge("no-such-question")`)
	unsent2 := fmt.Sprintf(`[{"question":%q,"choice":%q}]`, q2.ID, wrong2)
	if got := api(`unsent()`); got != unsent2 {
		t.Errorf("after acknowledge: unsent() = %s, want %s", got, unsent2)
	}
	want := progress{Answers: map[string]string{q1.ID: right1, q2.ID: wrong2}, Sent: map[string]string{q1.ID: right1}, Question: 2}
	if got := tb.progress(); !reflect.DeepEqual(got, want) {
		t.Errorf("progress record %+v, want %+v", got, want)
	}
	token := api(`reader()`)
	if len(token) != 24 || token != api(`reader()`) || token != quote(eval[string](tb, `localStorage.getItem(N.ReaderKey)`)) {
		t.Errorf("reader() = %s, %s; stored %q: want one 22-character token, kept", token, api(`reader()`), eval[string](tb, `localStorage.getItem(N.ReaderKey)`))
	}

	// A page opened later (not a reload, where the browser might restore
	// the form itself) restores the answers and the question shown, and
	// knows which answers the server has.
	later := tb.another()
	later.open("/")
	if got := later.checkedAnswers(); !reflect.DeepEqual(got, want.Answers) {
		t.Errorf("a later page shows the answers %v, want %v", got, want.Answers)
	}
	if got := later.shownQuestions(); got != "2" {
		t.Errorf("a later page shows questions %s, want 2", got)
	}
	if got := later.shownVerdicts(2); got != "✗ Not quite.|explanation|Next question" {
		t.Errorf("a later page shows question 2 with %q", got)
	}
	if got := eval[string](later, `JSON.stringify(window[N.PageAPI].unsent())`); got != unsent2 {
		t.Errorf("a later page: unsent() = %s, want %s", got, unsent2)
	}
	if got := eval[string](later, `JSON.stringify(window[N.PageAPI].reader())`); got != token {
		t.Errorf("a later page: reader() = %s, want %s", got, token)
	}
}

// TestAnswerByTap: a pointer's tap on a choice answers without moving focus
// to its radio (focus there restyles the question and the quiz's fieldsets
// on a slow phone's tap, before the answer restyles them again); a click
// with no click count, as assistive technology sends, still answers. The
// call a question is about is shown once the verdict is on screen, in a
// task of its own; a step the reader picks before then is the one shown.
// Fails with page.js's checkWithoutFocus leaving answers alone (focus on
// the radio), with answered showing the call at once (the right arrow,
// pressed in the same task, then goes on from the question's call), and
// with answered showing it later whatever the reader did meanwhile.
func TestAnswerByTap(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.answer(1, rightChoice(1))
	if got := eval[string](tb, `document.activeElement.name || document.activeElement.tagName`); strings.HasPrefix(got, "fc-answer-") {
		t.Errorf("after a tap on a choice focus is on its radio, %q", got)
	}

	q2 := question(2)
	step2 := story.Default().CallIndex(q2.Call) + 1
	if step2 <= 2 {
		t.Fatalf("the test wants question 2 about a call after the second, not step %d", step2)
	}
	tb.check("fc-question-2", true)
	tb.run(fmt.Sprintf(`document.querySelector('.fc-q[data-q="2"] .fc-choice:nth-child(%d)').click();
		document.querySelector('.' + N.StoryClass).dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));`, wrongChoice(2)+1))
	tb.settle()
	if got := tb.checkedAnswers(); got[q2.ID] == "" {
		t.Errorf("a click with no count did not answer question 2: %v", got)
	}
	tb.waitCard(1)
	tb.settle()
	if got := tb.shownCard(); got != cardName(1) {
		t.Errorf("after an answer and the right arrow in the same task the page shows %q, want %q: the reader's step", got, cardName(1))
	}

	// Without a step picked meanwhile, the question's call is shown.
	tb.check("fc-question-3", true)
	q3 := question(3)
	if q3.Call == "" {
		t.Fatal("the test wants question 3 about a call")
	}
	tb.answer(3, wrongChoice(3))
	tb.waitCard(story.Default().CallIndex(q3.Call) + 1)
}

// TestAnswerByKeyboard: the arrows, Home and End move among a question's
// choices without picking one, so a keyboard reader can reach every
// choice before answering; Space or Enter picks the one focused, and the
// arrows then leave the answer as it is. Fails without page.js's handler
// for the choices' keys: ArrowDown then picks the second choice at once.
func TestAnswerByKeyboard(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	q1, q2 := question(1), question(2)
	if len(q1.Choices) < 3 {
		t.Fatal("the test wants a first question with three choices or more")
	}
	// focused is the index of the choice focused in question n, -1 if none.
	focused := func(n int) int {
		return eval[int](tb, fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] input')].indexOf(document.activeElement)`, n))
	}
	tb.focus(`.fc-q[data-q="1"] .fc-choice input`)
	last := len(q1.Choices) - 1
	for _, step := range []struct {
		key  string
		want int
	}{
		{kb.ArrowDown, 1}, {kb.ArrowDown, 2}, {kb.ArrowUp, 1}, {kb.End, last}, {kb.ArrowDown, 0},
		{kb.ArrowUp, last}, {kb.Home, 0}, {kb.ArrowRight, 1}, {kb.ArrowLeft, 0},
	} {
		tb.press(step.key)
		if got := focused(1); got != step.want {
			t.Fatalf("after %q focus is on choice %d, want %d", step.key, got, step.want)
		}
		if got := tb.checkedAnswers(); len(got) != 0 {
			t.Fatalf("after %q the answers are %v: the arrows picked", step.key, got)
		}
	}
	// In a right-to-left language, left goes forward.
	tb.run(`document.documentElement.dir = "rtl"`)
	for _, step := range []struct {
		key  string
		want int
	}{{kb.ArrowLeft, 1}, {kb.ArrowRight, 0}} {
		tb.press(step.key)
		if got := focused(1); got != step.want {
			t.Fatalf("right to left, after %q focus is on choice %d, want %d", step.key, got, step.want)
		}
	}
	tb.run(`document.documentElement.dir = "ltr"`)
	// Every choice can be reached: the right one is picked with Space.
	for range rightChoice(1) {
		tb.press(kb.ArrowDown)
	}
	tb.press(" ")
	right1 := q1.Choices[rightChoice(1)].ID
	tb.waitFor(`!!document.querySelector('.fc-q[data-q="1"] input:checked')`)
	if got := tb.checkedAnswers(); got[q1.ID] != right1 || len(got) != 1 {
		t.Fatalf("Space on choice %d answered %v, want %s", rightChoice(1), got, right1)
	}
	if got := tb.shownVerdicts(1); !strings.HasPrefix(got, "✓ Right.") {
		t.Errorf("question 1 answered by keyboard shows %q", got)
	}
	// Answered: the arrows change nothing.
	tb.press(kb.ArrowDown + kb.End + kb.ArrowUp)
	if got := tb.checkedAnswers(); got[q1.ID] != right1 || len(got) != 1 {
		t.Errorf("the arrows after answering changed the answers to %v", got)
	}

	// Enter picks too, and the form is not sent anywhere (the quiz's
	// disabled submit button sees to that).
	tb.click(`.fc-q[data-q="1"] .fc-next`)
	tb.focus(`.fc-q[data-q="2"] .fc-choice input`)
	wrong2 := wrongChoice(2)
	tb.press(kb.Home)
	for range wrong2 {
		tb.press(kb.ArrowDown)
	}
	tb.press(kb.Enter)
	tb.waitFor(`!!document.querySelector('.fc-q[data-q="2"] input:checked')`)
	if got := tb.checkedAnswers(); got[q2.ID] != q2.Choices[wrong2].ID {
		t.Errorf("Enter on choice %d of question 2 answered %v", wrong2, got)
	}
	if got := eval[string](tb, `location.pathname + location.search.replace(/[?&]call=\d+/, "")`); got != "/" {
		t.Errorf("Enter on a choice went to %s", got)
	}
}

// TestQuestionShownAndShowAll: one question shows at a time; Next question
// shows the next and moves focus to it; "Show all questions at once" shows
// every one, without Next question. Both are kept in the progress record
// and restored by a page opened later.
// Fails with page.js's focusQuestionSoon removed (focus), or with its
// change handler not saving the question shown (the record); and with
// state.css's question rule removed (every question shows).
func TestQuestionShownAndShowAll(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	if got := tb.shownQuestions(); got != "1" {
		t.Fatalf("the quiz opens on questions %s, want 1", got)
	}
	tb.answer(1, wrongChoice(1))
	tb.click(`.fc-q[data-q="1"] .fc-next`)
	tb.waitFor(`document.activeElement.id === "fc-prompt-2"`)
	if got := tb.shownQuestions(); got != "2" {
		t.Errorf("after Next question: questions %s, want 2", got)
	}
	if p := tb.progress(); p.Question != 2 || p.All {
		t.Errorf("progress record %+v, want question 2, not all", p)
	}

	tb.click(`label.fc-check:has(#fc-quiz-all)`)
	all := "1,2,3,4,5,6,7,8,9,10,11,12,13"
	if got := tb.shownQuestions(); got != all {
		t.Errorf("Show all shows questions %s", got)
	}
	if n := eval[int](tb, `[...document.querySelectorAll(".fc-next")].filter(el => el.checkVisibility()).length`); n != 0 {
		t.Errorf("with every question shown, %d Next question show", n)
	}
	if p := tb.progress(); p.Question != 2 || !p.All {
		t.Errorf("progress record %+v, want question 2, all", p)
	}

	later := tb.another()
	later.open("/")
	if got := later.shownQuestions(); got != all {
		t.Errorf("a later page shows questions %s, want all", got)
	}
	later.click(`label.fc-check:has(#fc-quiz-all)`)
	if got := later.shownQuestions(); got != "2" {
		t.Errorf("a later page, Show all unchecked: questions %s, want 2", got)
	}
}

// TestRetry: Retry (the form's reset) clears every answer, shows question
// 1 again and moves focus to it; the progress record follows.
// Fails with page.js's reset handler removed (focus and record).
func TestRetry(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.answerAll(3)
	tb.click(`#fc-quiz button[type="reset"]`)
	tb.waitFor(`document.activeElement.id === "fc-prompt-1"`)
	if got := tb.checkedAnswers(); len(got) != 0 {
		t.Errorf("after Retry the answers %v are still checked", got)
	}
	if got := tb.shownQuestions(); got != "1" {
		t.Errorf("after Retry: questions %s, want 1", got)
	}
	tb.waitFor(`localStorage.getItem(N.ProgressKeyPrefix + ` + quote(story.Default().ID) + `).includes('"answers":{}')`)
	if p := tb.progress(); len(p.Answers) != 0 || p.Question != 1 {
		t.Errorf("after Retry the progress record is %+v", p)
	}
}

// TestScoreIsSaid: as the last question is answered, the live region
// says the score: the end that shows is a live region too, but one that
// appears with its words, which screen readers do not read. Fails without
// page.js's say of N.ScoreTextAttr in answered.
func TestScoreIsSaid(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.answerAll(8)
	want := fmt.Sprintf("You scored 8 of %d", len(story.Default().Quiz.Questions))
	tb.waitFor(`document.getElementById(N.AnnouncerID).textContent === ` + quote(want))
}
