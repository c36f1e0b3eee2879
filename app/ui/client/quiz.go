package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"fivecalls/app/locale/cldrtime"
	"fivecalls/app/quiz"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// quizClient is the part of the quiz the WebAssembly adds to the page's
// form: it posts every answer the reader gives (ui.AnswerEvent), those
// given before it ran and those given offline included, and fills in what
// other readers chose and how the reader compares, from the figures the
// server sends back with each answer (quiz.Receipt).
//
// The server counts a reader's first answer to a question only (an
// answer is its story, reader and question), so a resend, a reload or a
// second tab never counts twice; the id sent with it is quiz.AnswerID. The page's script keeps which answers the server acknowledged;
// those it has not are sent again when the connection returns.
type quizClient struct {
	ctx      app.Context
	page     pageAPI
	form     app.Value
	words    quizWords // the page's words for the figures
	figs     *figures  // where they go, found when first filled
	filling  sync.Mutex
	story    string
	hasAPI   bool   // the page has an answers API (a static export has none)
	api      string // the widget's base path, without its final slash
	onAnswer app.Func
	online   app.Func
	sending  bool // a send of the unsent answers is under way
	again    bool // and another is wanted after it
	retrying bool // a retry is planned
}

// statsRefreshAfter are the waits before each reading of the figures
// again after a finished quiz's last receipt: past the server's stats
// cache (1 s), and, while it still serves older figures, past its longest
// (StatsMaxAge, 10 s).
var statsRefreshAfter = []time.Duration{3 * time.Second, 4 * time.Second, 8 * time.Second}

const (
	// apiTimeout bounds a request to the answers API.
	apiTimeout = 8 * time.Second
	// retryEvery is how often unsent answers are tried again while some
	// remain: the browser's online event is not reliable on its own.
	retryEvery = 5 * time.Second
)

func newQuizClient(ctx app.Context, doc app.Value, page pageAPI) *quizClient {
	q := &quizClient{ctx: ctx, page: page, form: doc.Call("getElementById", ui.QuizID)}
	if !q.form.Truthy() {
		return q
	}
	api := q.form.Call("getAttribute", ui.APIAttr)
	if !api.Truthy() {
		return q // a static export: no API, no figures
	}
	q.story = q.form.Call("getAttribute", ui.StoryAttr).String()
	q.hasAPI, q.api = true, strings.TrimSuffix(api.String(), "/")
	q.words = readQuizWords(q.form)
	q.onAnswer = app.FuncOf(func(app.Value, []app.Value) any {
		q.send()
		return nil
	})
	doc.Call("addEventListener", ui.AnswerEvent, q.onAnswer)
	q.online = app.FuncOf(func(app.Value, []app.Value) any {
		q.send()
		return nil
	})
	app.Window().Call("addEventListener", "online", q.online)
	return q
}

// adopt sends the answers the page holds that the server has not
// acknowledged (given before the WebAssembly ran, or offline), and fills in
// the figures of those it has.
func (q *quizClient) adopt() {
	if !q.hasAPI {
		return
	}
	if len(q.page.unsent()) > 0 {
		q.send()
		return
	}
	if answered, _, _ := q.page.result(); answered > 0 {
		q.ctx.Async(func() { q.fill(fetchStats(q.ctx, q.api, q.story)) })
	}
}

// send posts the unsent answers in turn, and fills in the figures the last
// receipt brings. One send runs at a time; an answer given meanwhile is
// sent right after.
func (q *quizClient) send() {
	if !q.hasAPI {
		return
	}
	if q.sending {
		q.again = true
		return
	}
	unsent := q.page.unsent()
	if len(unsent) == 0 {
		return
	}
	q.sending, q.again = true, false
	reader := q.page.reader()
	q.ctx.Async(func() {
		var last *quiz.Stats
		failed := false
		for _, g := range unsent {
			a := quiz.Answer{Story: q.story, Question: g.question, Choice: g.choice, Reader: reader, ID: quiz.AnswerID(reader, g.question)}
			r, retry := postAnswer(q.ctx, q.api, a)
			if retry {
				failed = true
				break
			}
			q.ctx.Dispatch(func(app.Context) { q.page.acknowledge(a.Question) })
			if r != nil {
				last = q.counting(r, a)
			}
		}
		switch {
		case failed:
			q.fill(nil)
		case last != nil:
			q.fill(last)
			if answered, total, _ := q.page.result(); total > 0 && answered == total {
				q.refreshLater(last)
			}
		}
		q.ctx.Dispatch(func(app.Context) {
			q.sending = false
			if failed {
				q.retryLater()
				return
			}
			if q.again {
				q.send()
			}
		})
	})
}

// counting returns the receipt's figures, with the reader's answer counted
// in them if the server read them before it stored it.
func (q *quizClient) counting(r *quiz.Receipt, a quiz.Answer) *quiz.Stats {
	var st quiz.Stats
	if len(r.Stats) == 0 || json.Unmarshal(r.Stats, &st) != nil {
		return nil
	}
	if !r.Counted {
		answered, questions, score := q.page.result()
		st = st.Including(a, answered == questions, score)
	}
	return &st
}

// refreshLater reads the figures again once the server's have been read
// since the reader's last answer, and fills them in if they count more
// answers than the receipt's (last, the reader's own counted). A receipt's
// figures may be a second old (server.APIOptions.StatsTTL), from before
// other readers' answers of that second, and a reader who has finished
// sends nothing more that would bring newer ones: their shares read "—"
// beside two other readers' answers, or their standing was left out.
// Figures that count fewer answers to a question than the receipt's, or
// fewer finished readers, are older than it (a slow read of the store
// keeps them up to ten seconds): they are asked for again, later.
func (q *quizClient) refreshLater(last *quiz.Stats) {
	q.ctx.Async(func() {
		for _, wait := range statsRefreshAfter {
			time.Sleep(wait)
			st := fetchStats(q.ctx, q.api, q.story)
			if st == nil {
				return // offline, or the store is down: the receipt's stand
			}
			if !countsAll(st, last) {
				continue
			}
			if st.Answers > last.Answers {
				q.fill(st)
			}
			return
		}
	})
}

// countsAll reports whether st counts every answer the receipt's figures
// r count: as many answers to each question or more, and as many readers
// who finished.
func countsAll(st, r *quiz.Stats) bool {
	if st.Finished < r.Finished {
		return false
	}
	for q, choices := range r.Questions {
		var have, want int64
		for _, n := range choices {
			want += n
		}
		for _, n := range st.Questions[q] {
			have += n
		}
		if have < want {
			return false
		}
	}
	return true
}

// retryLater plans one more send, unless one is planned already.
func (q *quizClient) retryLater() {
	if q.retrying {
		return
	}
	q.retrying = true
	q.ctx.After(retryEvery, func(app.Context) {
		q.retrying = false
		q.send()
	})
}

// fill writes the readers' figures into the space the page keeps for them:
// each choice's share, and at the end how the reader compares. Without
// figures (nil) the shares read "—". It writes only what changed, and
// finds the places the first time, letting the browser in between
// questions: it runs beside the reader, who may be tapping.
func (q *quizClient) fill(st *quiz.Stats) {
	q.filling.Lock()
	defer q.filling.Unlock()
	if q.figs == nil {
		q.figs = findFigures(q.form)
	}
	for _, qu := range q.figs.questions {
		for i := range qu.choices {
			c := &qu.choices[i]
			pct, ok := 0, false
			if st != nil {
				pct, ok = st.ShareOf(qu.id, c.value)
			}
			text := q.words.shareUnknown
			if ok {
				text = q.words.fill(q.words.share, pct)
			}
			if text != c.text {
				c.text = text
				c.num.Set("textContent", text)
				if ok {
					c.num.Call("removeAttribute", "aria-hidden")
				} else {
					c.num.Call("setAttribute", "aria-hidden", "true") // "—", as the page has it
				}
			}
			if c.bar.Truthy() && pct != c.pct {
				c.pct = pct
				c.bar.Set("value", pct)
			}
		}
	}
	answered, total, score := q.page.result()
	if el := q.figs.compare; el.Truthy() && total > 0 && answered == total {
		text := q.words.unavailable
		if st == nil && len(q.page.unsent()) > 0 {
			text = q.words.waiting // answers not sent yet: they will be
		}
		if st != nil {
			switch pct, others, ok := st.Standing(score); {
			case ok:
				text = q.words.fill(q.words.standing, pct)
			case others == 0:
				text = q.words.first
			default:
				text = q.words.few
			}
		}
		setText(el, text)
	}
}

// figures are the places the quiz form keeps for the readers' figures,
// with what was last written into each.
type figures struct {
	questions []questionFigures
	compare   app.Value
}

type questionFigures struct {
	id      string
	choices []choiceFigure
}

type choiceFigure struct {
	value    string    // the choice, as its radio's value
	num, bar app.Value // its share in words, and as a bar (may be absent)
	text     string    // written into num; "" before the first fill
	pct      int       // written into bar; -1 before
}

// findFigures finds the figures' places in the form, a few questions at a
// time.
func findFigures(form app.Value) *figures {
	f := &figures{compare: form.Call("querySelector", "."+ui.CompareClass)}
	questions := form.Call("querySelectorAll", "."+ui.QuestionClass)
	for i := 0; i < questions.Length(); i++ {
		if i > 0 && i%4 == 0 {
			yield()
		}
		qu := questions.Index(i)
		qf := questionFigures{id: qu.Call("getAttribute", ui.QuestionIDAttr).String()}
		choices := qu.Call("querySelectorAll", "."+ui.ChoiceClass)
		for j := 0; j < choices.Length(); j++ {
			c := choices.Index(j)
			radio := c.Call("querySelector", "input")
			num := c.Call("querySelector", "."+ui.ShareNumClass)
			if !radio.Truthy() || !num.Truthy() {
				continue
			}
			qf.choices = append(qf.choices, choiceFigure{
				value: radio.Get("value").String(),
				num:   num,
				bar:   c.Call("querySelector", "."+ui.ShareClass+" progress"),
				text:  num.Get("textContent").String(),
				pct:   -1,
			})
		}
		f.questions = append(f.questions, qf)
	}
	return f
}

func (q *quizClient) release() {
	if q.onAnswer != nil {
		app.Window().Get("document").Call("removeEventListener", ui.AnswerEvent, q.onAnswer)
		q.onAnswer.Release()
		q.onAnswer = nil
	}
	if q.online != nil {
		app.Window().Call("removeEventListener", "online", q.online)
		q.online.Release()
		q.online = nil
	}
}

// quizWords are the page's words for the readers' figures, in the story's
// language (the quiz form's attributes; app/ui/page writes them).
type quizWords struct {
	share, shareUnknown, standing, first, few, unavailable, waiting, percent, digits string
}

func readQuizWords(form app.Value) quizWords {
	attr := func(name string) string {
		if v := form.Call("getAttribute", name); v.Truthy() {
			return v.String()
		}
		return ""
	}
	return quizWords{
		share: attr(ui.ShareTextAttr), shareUnknown: attr(ui.ShareUnknownAttr), standing: attr(ui.StandingAttr),
		first: attr(ui.StandingFirstAttr), few: attr(ui.StandingFewAttr), unavailable: attr(ui.UnavailableAttr), waiting: attr(ui.WaitingAttr), percent: attr(ui.PercentAttr),
		digits: attr(ui.DigitsAttr),
	}
}

// fill writes a percentage, in the language's form and digits, into a
// template's {0}: "42% of readers", "42 % der Leser".
func (w quizWords) fill(template string, pct int) string {
	n := cldrtime.Digits(strconv.Itoa(pct), &cldrtime.Words{Digits: w.digits})
	return strings.Replace(template, "{0}", strings.Replace(w.percent, "{0}", n, 1), 1)
}

// setText writes an element's text only when it changes.
func setText(el app.Value, text string) {
	if el.Get("textContent").String() != text {
		el.Set("textContent", text)
	}
}

// postAnswer sends one answer. It returns the server's receipt (nil when
// the server refused the answer for good: a 4xx other than 408 and 429,
// which sending again would not change), and whether to try again later
// (no answer, a timeout, 408, 429 or a 5xx).
func postAnswer(ctx context.Context, api string, a quiz.Answer) (*quiz.Receipt, bool) {
	body, _ := json.Marshal(a)
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	res, err := fetchText(ctx, http.MethodPost, api+"/api/answers", "application/json", string(body))
	switch {
	case err != nil, res.Status == http.StatusRequestTimeout, res.Status == http.StatusTooManyRequests, res.Status >= 500:
		return nil, true
	case res.Status >= 300:
		return nil, false
	}
	var r quiz.Receipt
	if json.Unmarshal([]byte(res.Body), &r) != nil {
		return nil, false
	}
	return &r, false
}

// fetchStats loads what other readers chose; nil when the API cannot say.
func fetchStats(ctx context.Context, api, story string) *quiz.Stats {
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	res, err := fetchText(ctx, http.MethodGet, api+"/api/stats?story="+url.QueryEscape(story), "", "")
	if err != nil || res.Status != http.StatusOK || !strings.HasPrefix(res.ContentType, "application/json") {
		return nil
	}
	var st quiz.Stats
	if err := json.Unmarshal([]byte(res.Body), &st); err != nil {
		return nil
	}
	return &st
}
