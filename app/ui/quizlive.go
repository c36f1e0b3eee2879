package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// quizClient is the part of the quiz the WebAssembly adds to the page's
// form (see quiz): it posts every answer the page holds, those given before
// it ran included, and fills in what other readers chose and how the reader
// compares. Browser only.
type quizClient struct {
	ctx      app.Context
	form     app.Value
	story    string
	hasAPI   bool   // the page has an answers API (a static export has none)
	api      string // the widget's base path, without its final slash
	reader   string
	unsent   []answerRequest // this page view's answers, for blocked storage
	stats    *statsResponse  // nil: not loaded or unreachable ("—")
	retrying bool            // a retry of the queue is planned
	online   app.Func
}

// retryEvery is how often queued answers are retried while some remain:
// the browser's online event is not reliable on its own.
const retryEvery = 5 * time.Second

// settleDelay outlasts the API's stats cache (a second), so the figures
// fetched after the last answer count this reader's own score.
const settleDelay = 1200 * time.Millisecond

func newQuizClient(ctx app.Context, doc app.Value) *quizClient {
	q := &quizClient{ctx: ctx, form: doc.Call("getElementById", QuizID)}
	if !q.form.Truthy() {
		return q
	}
	q.story = q.form.Call("getAttribute", StoryAttr).String()
	api := q.form.Call("getAttribute", APIAttr)
	if !api.Truthy() {
		return q
	}
	q.hasAPI, q.api = true, strings.TrimSuffix(api.String(), "/")
	q.reader = readerToken()
	q.online = app.FuncOf(func(app.Value, []app.Value) any {
		q.sync()
		return nil
	})
	app.Window().Call("addEventListener", "online", q.online)
	return q
}

// adopt posts the answers the page already holds: given before the
// WebAssembly ran, or restored by the browser on a reload.
func (q *quizClient) adopt() {
	if !q.hasAPI {
		return
	}
	checked := q.form.Call("querySelectorAll", `input[name^="`+AnswerRadioPrefix+`"]:checked`)
	for i := 0; i < checked.Length(); i++ {
		q.queue(checked.Index(i))
	}
	q.sync()
}

// answered follows an answer the reader just gave.
func (q *quizClient) answered(radio app.Value) {
	if !q.hasAPI {
		return
	}
	q.queue(radio)
	q.sync()
}

// queue enqueues the answer the radio holds, unless the server has it.
func (q *quizClient) queue(radio app.Value) {
	question := strings.TrimPrefix(radio.Get("name").String(), AnswerRadioPrefix)
	a := answerRequest{
		Story:    q.story,
		Question: question,
		Choice:   radio.Get("value").String(),
		Reader:   q.reader,
		Answer:   answerID(q.reader, question),
	}
	if posted(a.Answer) {
		return
	}
	q.unsent = append(q.unsent, a)
	enqueueAnswer(a)
}

// sync sends queued answers, then reloads the readers' figures. While
// answers remain queued the figures show "—", and it tries again later.
func (q *quizClient) sync() {
	unsent := append([]answerRequest(nil), q.unsent...)
	finished := q.finished()
	answers := q.answers()
	q.ctx.Async(func() {
		if !flushAnswers(q.ctx, q.api, unsent) {
			q.ctx.Dispatch(func(app.Context) {
				q.stats = nil
				q.fill()
				q.scheduleRetry()
			})
			return
		}
		if finished {
			time.Sleep(settleDelay)
		}
		st := fetchStats(q.ctx, q.api, q.story)
		if st != nil && !st.counts(answers) {
			// The server keeps its figures for a second: these were made
			// before the answer just sent. Ask once more.
			time.Sleep(settleDelay)
			if again := fetchStats(q.ctx, q.api, q.story); again != nil {
				st = again
			}
		}
		q.ctx.Dispatch(func(app.Context) {
			q.unsent = nil
			q.stats = st
			q.fill()
		})
	})
}

// scheduleRetry plans one more sync, unless one is planned already.
func (q *quizClient) scheduleRetry() {
	if q.retrying {
		return
	}
	q.retrying = true
	q.ctx.After(retryEvery, func(app.Context) {
		q.retrying = false
		q.sync()
	})
}

// answers are the page's answers, choice id by question id.
func (q *quizClient) answers() map[string]string {
	out := map[string]string{}
	checked := q.form.Call("querySelectorAll", `input[name^="`+AnswerRadioPrefix+`"]:checked`)
	for i := 0; i < checked.Length(); i++ {
		r := checked.Index(i)
		out[strings.TrimPrefix(r.Get("name").String(), AnswerRadioPrefix)] = r.Get("value").String()
	}
	return out
}

// finished reports whether every question has an answer.
func (q *quizClient) finished() bool {
	all := q.form.Call("querySelectorAll", "."+QuestionClass).Length()
	answered := q.form.Call("querySelectorAll", `.fc-q input[name^="`+AnswerRadioPrefix+`"]:checked`).Length()
	return all > 0 && answered == all
}

// fill writes the readers' figures into the space the page keeps for them:
// each choice's share, and at the end how the reader compares.
func (q *quizClient) fill() {
	questions := q.form.Call("querySelectorAll", "."+QuestionClass)
	for i := 0; i < questions.Length(); i++ {
		qu := questions.Index(i)
		id := qu.Call("getAttribute", QuestionIDAttr).String()
		choices := qu.Call("querySelectorAll", "."+ChoiceClass)
		for j := 0; j < choices.Length(); j++ {
			c := choices.Index(j)
			radio := c.Call("querySelector", "input")
			num := c.Call("querySelector", "."+ShareNumClass)
			bar := c.Call("querySelector", "."+ShareClass+" progress")
			if !radio.Truthy() || !num.Truthy() {
				continue
			}
			pct, ok := q.stats.share(id, radio.Get("value").String())
			text := "— of readers"
			if ok {
				text = fmt.Sprintf("%d%% of readers", pct)
			}
			setText(num, text)
			if bar.Truthy() {
				bar.Set("value", pct)
			}
		}
	}
	if el := q.form.Call("querySelector", "."+CompareClass); el.Truthy() && q.finished() {
		setText(el, q.comparison())
	}
}

// comparison says how the reader's score compares with other readers'.
func (q *quizClient) comparison() string {
	if q.stats == nil {
		return "Other readers' results are not available right now."
	}
	score := q.form.Call("querySelectorAll", `input[`+CorrectAttr+`]:checked`).Length()
	pct, ok := q.stats.beatPercent(score)
	if !ok {
		return "You are the first reader to finish this quiz."
	}
	return fmt.Sprintf("You beat %d%% of readers.", pct)
}

func (q *quizClient) release() {
	if q.online != nil {
		app.Window().Call("removeEventListener", "online", q.online)
		q.online.Release()
		q.online = nil
	}
}

// setText writes an element's text only when it changes.
func setText(el app.Value, text string) {
	if el.Get("textContent").String() != text {
		el.Set("textContent", text)
	}
}
