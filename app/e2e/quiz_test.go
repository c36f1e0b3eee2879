package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// postAnswer stores one answer through the API, as another reader would.
func postAnswer(t testing.TB, base, question, choice, reader, id string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{
		"story": story.Default().ID, "question": question, "choice": choice, "reader": reader, "answer": id,
	})
	res, err := http.Post(base+"/api/answers", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("seed answer: status %d", res.StatusCode)
	}
}

// seedOtherReader stores another reader's answer to each question, as if
// they had answered before: a choice's share needs two answers
// (quiz.MinShareAnswers), and a test that waits for the readers' figures
// after its reader's answer would otherwise wait for "—" to turn into one.
func seedOtherReader(tb testing.TB, base string, qs []story.Question) {
	tb.Helper()
	for i, q := range qs {
		c, _ := wrongChoice(q)
		postAnswer(tb, base, q.ID, c, "other-reader-00000009", fmt.Sprintf("seed-9-%02d-xxxxxxxx", i))
	}
	waitCounted(tb, base, len(qs))
}

// waitCounted waits until the server's figures count at least n answers.
// They are cached for a second, and an answer's receipt carries them: a
// reader who answers sooner after the seeds can get figures from before
// them (one answer to a question: "—"). So CI once failed, waiting for
// question 2's share.
func waitCounted(tb testing.TB, base string, n int) {
	tb.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if got := int(stats(tb, base)["answers"].(float64)); got >= n {
			return
		} else if time.Now().After(deadline) {
			tb.Fatalf("the server's figures count %d answers, want at least %d", got, n)
		}
	}
}

func correctChoice(q story.Question) (id string, index int) {
	for i, c := range q.Choices {
		if c.Correct {
			return c.ID, i
		}
	}
	return "", -1
}

func wrongChoice(q story.Question) (id string, index int) {
	for i, c := range q.Choices {
		if !c.Correct {
			return c.ID, i
		}
	}
	return "", -1
}

// TestQuizCompletesWithReadersFigures: a reader answers every question,
// sees right or wrong in words, the explanation and what other readers
// chose, resumes after a reload, and ends with the score and the comparison.
func TestQuizCompletesWithReadersFigures(t *testing.T) {
	e := newEnv(t, 1280, 900)
	qs := story.Default().Quiz.Questions
	n := len(qs)
	// Three other readers finished: scores n, 0 and n/2 (first half right).
	for r, rightUpTo := range []int{n, 0, n / 2} {
		reader := fmt.Sprintf("other-reader-%08d", r)
		for i, q := range qs {
			c, _ := wrongChoice(q)
			if i < rightUpTo {
				c, _ = correctChoice(q)
			}
			postAnswer(t, e.url, q.ID, c, reader, fmt.Sprintf("seed-%d-%02d-xxxxxxxx", r, i))
		}
	}
	waitCounted(t, e.url, 3*n)
	e.open("/")
	if !eval[bool](e, `/^Quiz/.test(document.getElementById('fc-quiz-title').textContent)`) {
		t.Errorf("quiz heading %q does not name the quiz", eval[string](e, `document.getElementById('fc-quiz-title').textContent`))
	}
	// This reader gets the first 8 right and the rest wrong: score 8 of n,
	// which beats the readers with 0 and n/2 (=6): 2 of 3 = 66%.
	const myScore = 8
	for i, q := range qs {
		n := i + 1
		e.waitFor(fmt.Sprintf(`document.querySelector('.fc-q[data-q="%d"]').checkVisibility({visibilityProperty: true}) && document.querySelector('.fc-q[data-q="%d"] .fc-progress').textContent === "Question %d of %d"`, n, n, n, len(qs)), 5*time.Second)
		_, idx := wrongChoice(q)
		if i < myScore {
			_, idx = correctChoice(q)
		}
		e.answerQuestion(n, idx)
		e.waitFor(fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] .fc-share-num')].some(s => /^\d+%% of readers$/.test(s.textContent))`, n), 10*time.Second)
		if i == 3 { // reload mid-quiz: the browser keeps the form, the reader resumes where they were
			e.do(30*time.Second, chromedp.Reload())
			e.waitLive()
			if !eval[bool](e, `document.querySelector('.fc-q[data-q="4"]').checkVisibility({visibilityProperty: true}) && !!document.querySelector('.fc-q[data-q="4"] input:checked')`) {
				t.Fatal("after a reload the reader is not back at question 4, answered")
			}
		}
		if n < len(qs) {
			e.nextQuestion(n)
		}
	}
	e.waitFor(`document.querySelector('.fc-end').checkVisibility({visibilityProperty: true})`, 5*time.Second)
	if got := e.scoreText(); got != fmt.Sprintf("You scored %d of %d", myScore, len(qs)) {
		t.Errorf("score = %q, want %d of %d", got, myScore, len(qs))
	}
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent.startsWith("You beat")`, 10*time.Second)
	if got := eval[string](e, `document.querySelector('#fc-quiz .fc-compare').textContent`); got != "You beat 66% of readers." {
		t.Errorf("comparison = %q, want You beat 66%% of readers.", got)
	}
	// Every answer reaches the server (stats are cached for a second).
	waitAnswers(t, e.url, 4*len(qs))
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestFirstReaderToFinish: with nobody else's results, the end says so.
func TestFirstReaderToFinish(t *testing.T) {
	e := newEnv(t, 1280, 900)
	e.open("/")
	e.answerWholeQuiz()
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent === "You are the first reader to finish this quiz."`, 10*time.Second)
}

// TestOneOtherReaderFinished: beside a single other finished reader, the
// end says so rather than a percentage that would give away that reader's
// score.
func TestOneOtherReaderFinished(t *testing.T) {
	e := newEnv(t, 1280, 900)
	seedOtherReader(t, e.url, story.Default().Quiz.Questions)
	e.open("/")
	e.answerWholeQuiz()
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent === "One other reader has finished this quiz so far."`, 10*time.Second)
}

// TestQuizAnswersGivenOfflineAreSentOnce: an answer given offline shows "—"
// for the readers' figures, is sent when the connection returns, and is
// stored once even though the page retries.
func TestQuizAnswersGivenOfflineAreSentOnce(t *testing.T) {
	e := newEnv(t, 1280, 900)
	e.open("/")
	offline := e.pageOffline
	// Another reader answered first: a share needs two answers
	// (quiz.MinShareAnswers).
	q := story.Default().Quiz.Questions[0]
	other, _ := wrongChoice(q)
	postAnswer(t, e.url, q.ID, other, "other-reader-00000001", "seed-0-00-xxxxxxxx")
	offline(true)
	_, idx := correctChoice(q)
	e.answerQuestion(1, idx)
	time.Sleep(500 * time.Millisecond)
	if got := eval[string](e, `document.querySelector('.fc-q[data-q="1"] .fc-share-num').textContent`); got != "— of readers" {
		t.Errorf("offline figure = %q, want a dash", got)
	}
	time.Sleep(1100 * time.Millisecond) // past the stats cache
	if got := stats(t, e.url)["answers"].(float64); got != 1 {
		t.Fatalf("server has %v answers while the reader is offline, want the other reader's alone", got)
	}
	// The page keeps the answer, not yet acknowledged by the server.
	if got := eval[string](e, `JSON.stringify(fcPage.unsent())`); !strings.Contains(got, `"question":"`+q.ID+`"`) {
		t.Errorf("the offline answer is not kept as unsent: %s", got)
	}
	offline(false)
	e.waitFor(`[...document.querySelectorAll('.fc-q[data-q="1"] .fc-share-num')].some(s => /^\d+% of readers$/.test(s.textContent))`, 15*time.Second)
	waitAnswers(t, e.url, 2)
	// A reload keeps the answer (the page's script restores it) and sends
	// nothing twice.
	e.do(30*time.Second, chromedp.Reload())
	e.waitLive()
	time.Sleep(1500 * time.Millisecond)
	waitAnswers(t, e.url, 2)
}

// pageOffline takes the page's network away (on) or gives it back: its
// requests fail and it is told it is offline, as networkOffline does.
func (e *env) pageOffline(on bool) {
	e.t.Helper()
	e.networkOffline(on, false)
}

// networkOffline makes the page's requests fail (emulateNetworkConditionsByRule),
// its service worker's too when serviceWorker is true, and tells the page
// it is offline (overrideNetworkState, which fires online and offline); or,
// with on false, gives the network back.
func (e *env) networkOffline(on, serviceWorker bool) {
	e.t.Helper()
	if _, err := chromedp.Call(e.ctx, network.Enable, network.EnableParams{}); err != nil {
		e.t.Fatal(err)
	}
	params := network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: on, DownloadThroughput: -1, UploadThroughput: -1}},
	}
	if serviceWorker {
		params.EmulateOfflineServiceWorker = &on
	}
	if _, err := chromedp.Call(e.ctx, network.EmulateNetworkConditionsByRule, params); err != nil {
		e.t.Fatal(err)
	}
	if _, err := chromedp.Call(e.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: on, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		e.t.Fatal(err)
	}
}

// TestQuizEndedOfflineSaysTheAnswersWait: a reader who ends the quiz
// offline is told that other readers' results are not there and that
// their answers wait on the device to be sent (they were told only the
// first); once online the answers go and the comparison comes. Fails with
// app/ui/client's fill giving "unavailable" whatever is unsent.
func TestQuizEndedOfflineSaysTheAnswersWait(t *testing.T) {
	e := newEnv(t, 1280, 900)
	e.open("/")
	e.pageOffline(true)
	e.answerWholeQuiz()
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent.includes("your answers are kept on this device")`, 10*time.Second)
	e.pageOffline(false)
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent === "You are the first reader to finish this quiz."`, 20*time.Second)
}

// waitAnswers waits until the server's stats count want answers, allowing for
// the API's brief stats cache, and fails if they never do.
func waitAnswers(t *testing.T, base string, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := int(stats(t, base)["answers"].(float64))
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("server stored %d answers, want %d", got, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestFinishedQuizCatchesUp: an answer's receipt may carry figures from
// before other readers' answers of the last second (the server caches
// them), and a reader who has finished sends nothing more that would bring
// newer ones. Here every receipt carries the figures of before two other
// readers finished, as a cache read then would: the shares read "—" and
// the end says the reader is the first. Seconds later the page reads the
// figures again and shows them. Break it: leave out the read after the
// last receipt (client.refreshLater), and the shares stay "—".
func TestFinishedQuizCatchesUp(t *testing.T) {
	e := newEnv(t, 1280, 900)
	qs := story.Default().Quiz.Questions
	before, err := json.Marshal(stats(t, e.url))
	if err != nil {
		t.Fatal(err)
	}
	for r := range 2 {
		for i, q := range qs {
			c, _ := correctChoice(q)
			postAnswer(t, e.url, q.ID, c, fmt.Sprintf("other-reader-%08d", r), fmt.Sprintf("seed-%d-%02d-xxxxxxxx", r, i))
		}
	}
	waitCounted(t, e.url, 2*len(qs))
	staleReceipts(t, e.ctx, before)
	e.open("/")
	e.waitLive()
	for i, q := range qs {
		n := i + 1
		e.waitFor(fmt.Sprintf(`document.querySelector('.fc-q[data-q="%d"]').checkVisibility({visibilityProperty: true})`, n), 5*time.Second)
		_, idx := correctChoice(q)
		e.answerQuestion(n, idx)
		if n < len(qs) {
			e.nextQuestion(n)
		}
	}
	last := fmt.Sprintf(`.fc-q[data-q="%d"] .fc-share-num`, len(qs))
	// The receipts' figures count nobody else: the reader finished first.
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent === "You are the first reader to finish this quiz."`, 10*time.Second)
	if got := eval[string](e, `document.querySelector('`+last+`').textContent`); got != "— of readers" {
		t.Fatalf("before the figures are read again, the last question's share reads %q: the receipts were not held back", got)
	}
	e.waitFor(`[...document.querySelectorAll('`+last+`')].some(s => /^\d+% of readers$/.test(s.textContent))`, 10*time.Second)
	e.waitFor(`document.querySelector('#fc-quiz .fc-compare').textContent.startsWith("You beat")`, 5*time.Second)
}

// staleReceipts replaces the figures of every answer's receipt the page
// gets with figures read before (a quiz.Stats as JSON), which do not count
// the answer.
func staleReceipts(t *testing.T, ctx context.Context, figures []byte) {
	t.Helper()
	if err := chromedp.Listen(ctx, func(ev any) {
		paused, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		go func() {
			if err := staleReceipt(ctx, paused, figures); err != nil {
				t.Errorf("holding a receipt back: %v", err)
			}
		}()
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*/api/answers", RequestStage: fetch.RequestStageResponse}},
	}); err != nil {
		t.Fatal(err)
	}
}

func staleReceipt(ctx context.Context, paused *fetch.EventRequestPaused, figures []byte) error {
	body, err := chromedp.Call(ctx, fetch.GetResponseBody, fetch.GetResponseBodyParams{RequestID: paused.RequestID})
	if err != nil {
		return err
	}
	var receipt map[string]any
	if err := json.Unmarshal(body.Body, &receipt); err != nil {
		return err
	}
	receipt["stats"], receipt["counted"] = json.RawMessage(figures), false
	out, err := json.Marshal(receipt)
	if err != nil {
		return err
	}
	var headers []*fetch.HeaderEntry // the body's own length and encoding no longer hold
	for _, h := range paused.ResponseHeaders {
		if !strings.EqualFold(h.Name, "Content-Length") && !strings.EqualFold(h.Name, "Content-Encoding") {
			headers = append(headers, h)
		}
	}
	_, err = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID: paused.RequestID, ResponseCode: paused.ResponseStatusCode, ResponseHeaders: headers, Body: out,
	})
	return err
}

// TestUnknownSharesAreNotSaid: a choice's share that is not known ("—":
// for the first reader, or offline) is left out of the choice's name,
// which a screen reader read as "5, em dash of readers"; a known share is
// in it. Break it: drop aria-hidden from the page's share (the first
// reader's), or leave it off when the WebAssembly writes "—" again (an
// answer sent offline), or on when it writes a share.
func TestUnknownSharesAreNotSaid(t *testing.T) {
	e := newEnv(t, 1280, 900)
	qs := story.Default().Quiz.Questions
	e.open("/")
	e.waitLive()
	e.clickVisible(`.fc-quiz-options label`) // every question shown, answered or not
	answer := func(n int) (input, text string) {
		t.Helper()
		_, idx := correctChoice(qs[n-1])
		e.answerQuestion(n, idx)
		return fmt.Sprintf(`.fc-q[data-q="%d"] .fc-choice:nth-child(%d) input`, n, idx+1), qs[n-1].Choices[idx].Text
	}
	share := func(input string) string {
		return eval[string](e, `document.querySelector('`+input+`').closest('label').querySelector('.fc-share-num').textContent`)
	}
	first, text := answer(1)
	waitAnswers(t, e.url, 1)
	if got := share(first); got != "— of readers" {
		t.Fatalf("the first reader's share reads %q", got)
	}
	if got := e.axName(first); got != text {
		t.Errorf("the first reader's choice is named %q, want %q", got, text)
	}
	seedOtherReader(t, e.url, qs)
	second, text := answer(2)
	e.waitFor(`/^\d+% of readers$/.test(document.querySelector('`+second+`').closest('label').querySelector('.fc-share-num').textContent)`, 10*time.Second)
	if got, want := e.axName(second), regexp.MustCompile(`^`+regexp.QuoteMeta(text)+` \d+% of readers$`); !want.MatchString(got) {
		t.Errorf("with its share known, the choice is named %q, want %s", got, want)
	}
	e.pageOffline(true)
	answer(3)
	e.waitFor(`document.querySelector('`+second+`').closest('label').querySelector('.fc-share-num').textContent === "— of readers"`, 10*time.Second)
	if got := e.axName(second); got != text {
		t.Errorf("offline, with its share unknown again, the choice is named %q, want %q", got, text)
	}
}

// axName is the accessible name of the element sel finds: what a screen
// reader says for it.
func (e *env) axName(sel string) string {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel)))
	if err != nil || len(nodes) == 0 {
		e.t.Fatalf("%s: no element: %v", sel, err)
	}
	no := false
	tree, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{BackendNodeID: nodes[0].BackendNodeID, FetchRelatives: &no})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, n := range tree.Nodes {
		if n.BackendDOMNodeID == nodes[0].BackendNodeID && n.Name != nil {
			var name string
			if err := json.Unmarshal(n.Name.Value, &name); err != nil {
				e.t.Fatalf("%s: name %s: %v", sel, n.Name.Value, err)
			}
			return strings.Join(strings.Fields(name), " ")
		}
	}
	e.t.Fatalf("%s: not in the accessibility tree", sel)
	return ""
}
