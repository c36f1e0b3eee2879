package ui

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fivecalls/app/story"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// quiz asks one question at a time. After an answer it says right or wrong
// in words, explains with the source, and shows what other readers chose; at
// the end, the score, how it compares, Retry and Share.
//
// Prerendered (no JavaScript) it lists every question with its choices and
// the answer behind a disclosure, so the quiz still informs.
type quiz struct {
	app.Compo

	index    int               // current question
	answers  map[string]string // question id → choice id
	finished bool
	stats    *statsResponse // nil: not loaded or unreachable ("—")
	reader   string
	unsent   []answerRequest // this page view's answers, for blocked storage
	shared   string          // feedback after Share
	retrying bool            // a retry of the queue is planned
	online   app.Func
}

func newQuiz() *quiz { return &quiz{} }

// quizProgress is what survives a reload.
type quizProgress struct {
	Index    int               `json:"index"`
	Answers  map[string]string `json:"answers"`
	Finished bool              `json:"finished"`
}

func progressKey(storyID string) string { return "fivecalls:quiz:" + storyID }

// OnInit restores the reader's progress in the browser before the first
// render, so that render is already the one-question quiz rather than the
// prerendered list of every question, built only to be replaced.
func (q *quiz) OnInit() {
	s := current().Story
	if app.IsServer || s == nil {
		return
	}
	q.answers = map[string]string{}
	var p quizProgress
	if raw := storageGet(progressKey(s.ID)); raw != "" && json.Unmarshal([]byte(raw), &p) == nil {
		q.index = clampStep(p.Index, len(s.Quiz.Questions))
		if p.Answers != nil {
			q.answers = p.Answers
		}
		q.finished = p.Finished
	}
}

func (q *quiz) OnMount(ctx app.Context) {
	s := current().Story
	if s == nil {
		return
	}
	q.reader = readerToken()
	q.online = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { q.sync(ctx) })
		return nil
	})
	app.Window().Call("addEventListener", "online", q.online)
	q.sync(ctx)
}

func (q *quiz) OnDismount() {
	if q.online != nil {
		app.Window().Call("removeEventListener", "online", q.online)
		q.online.Release()
		q.online = nil
	}
}

// retryEvery is how often queued answers are retried while some remain:
// the browser's online event is not reliable on its own.
const retryEvery = 5 * time.Second

// settleDelay outlasts the API's stats cache (a second), so the figures
// fetched after the last answer count this reader's own score.
const settleDelay = 1200 * time.Millisecond

// sync sends queued answers, then reloads the readers' figures. While
// answers remain queued the figures show "—", and it tries again later.
func (q *quiz) sync(ctx app.Context) {
	s := current().Story
	unsent := append([]answerRequest(nil), q.unsent...)
	finished := q.finished
	ctx.Async(func() {
		if !flushAnswers(ctx, apiBase(), unsent) {
			ctx.Dispatch(func(ctx app.Context) { q.stats = nil })
			q.scheduleRetry(ctx)
			return
		}
		if finished {
			time.Sleep(settleDelay)
		}
		st := fetchStats(ctx, apiBase(), s.ID)
		ctx.Dispatch(func(ctx app.Context) {
			q.unsent = nil
			q.stats = st
		})
	})
}

// scheduleRetry plans one more sync, unless one is planned already.
func (q *quiz) scheduleRetry(ctx app.Context) {
	ctx.Dispatch(func(ctx app.Context) {
		if q.retrying {
			return
		}
		q.retrying = true
		ctx.After(retryEvery, func(ctx app.Context) {
			q.retrying = false
			q.sync(ctx)
		})
	})
}

func (q *quiz) save() {
	s := current().Story
	b, _ := json.Marshal(quizProgress{Index: q.index, Answers: q.answers, Finished: q.finished})
	storageSet(progressKey(s.ID), string(b))
}

func (q *quiz) answer(ctx app.Context, qu *story.Question, choice string) {
	if _, done := q.answers[qu.ID]; done {
		return
	}
	s := current().Story
	q.answers[qu.ID] = choice
	a := answerRequest{Story: s.ID, Question: qu.ID, Choice: choice, Reader: q.reader, Answer: randomToken()}
	q.unsent = append(q.unsent, a)
	enqueueAnswer(a)
	if q.index == len(s.Quiz.Questions)-1 {
		q.finished = true
	}
	q.save()
	if qu.Call != "" {
		ctx.NewActionWithValue(actionReplay, qu.Call)
	}
	q.sync(ctx)
}

// onChoice answers the current question with the clicked choice. The choice
// travels in a data attribute: go-app v9 keeps the first closure it saw for a
// button position, so a closure capturing the choice would answer the first
// question again.
func (q *quiz) onChoice(ctx app.Context, e app.Event) {
	s := current().Story
	qu := &s.Quiz.Questions[clampStep(q.index, len(s.Quiz.Questions))]
	q.answer(ctx, qu, ctx.JSSrc().Get("dataset").Get("choice").String())
}

func (q *quiz) next(ctx app.Context, e app.Event) {
	s := current().Story
	if q.index < len(s.Quiz.Questions)-1 {
		q.index++
	}
	q.save()
	ctx.Defer(func(app.Context) { focusByID("fc-quiz-prompt") })
}

func (q *quiz) retry(ctx app.Context, e app.Event) {
	q.index = 0
	q.answers = map[string]string{}
	q.finished = false
	q.shared = ""
	q.save()
	ctx.Defer(func(app.Context) { focusByID("fc-quiz-prompt") })
}

// share uses the Web Share API, or copies the link. The text and the link
// carry the score only.
func (q *quiz) share(ctx app.Context, e app.Event) {
	s := current().Story
	score, total := q.score()
	text := fmt.Sprintf("I scored %d of %d on the quiz “%s”.", score, total, s.Title)
	link := shareURL()
	nav := app.Window().Get("navigator")
	if nav.Get("share").Truthy() {
		data := map[string]any{"title": s.Title, "text": text, "url": link}
		nav.Call("share", data)
		return
	}
	if clip := nav.Get("clipboard"); clip.Truthy() {
		clip.Call("writeText", text+" "+link)
		q.shared = "Link copied."
		return
	}
	q.shared = "Copy this link: " + link
}

func (q *quiz) score() (score, total int) {
	s := current().Story
	for _, qu := range s.Quiz.Questions {
		if c, ok := q.answers[qu.ID]; ok && correctChoice(&qu) == c {
			score++
		}
	}
	return score, len(s.Quiz.Questions)
}

func correctChoice(qu *story.Question) string {
	for _, c := range qu.Choices {
		if c.Correct {
			return c.ID
		}
	}
	return ""
}

func (q *quiz) Render() app.UI {
	s := current().Story
	if s == nil || len(s.Quiz.Questions) == 0 {
		return app.Div()
	}
	title := s.Quiz.Title
	if title == "" {
		title = "Quiz"
	}
	section := app.Elem("section").
		Class("fc-quiz").
		ID("fc-quiz").
		Aria("labelledby", "fc-quiz-title")
	// The region is named "Quiz: …" so readers and hosts can find it by name.
	head := app.Elem("h2").ID("fc-quiz-title").Text("Quiz: " + title)
	if app.IsServer || q.answers == nil {
		return section.Body(head, q.renderAll(s))
	}
	if q.finished && len(q.answers) == len(s.Quiz.Questions) {
		return section.Body(head, q.renderQuestion(s), q.renderEnd(s))
	}
	return section.Body(head, q.renderQuestion(s))
}

// renderAll is the prerendered quiz: every question, choices, and the answer
// behind a disclosure.
func (q *quiz) renderAll(s *story.Story) app.UI {
	items := make([]app.UI, 0, len(s.Quiz.Questions))
	for i := range s.Quiz.Questions {
		qu := &s.Quiz.Questions[i]
		choices := make([]app.UI, 0, len(qu.Choices))
		for _, c := range qu.Choices {
			choices = append(choices, app.Elem("li").Text(c.Text))
		}
		answer := ""
		for _, c := range qu.Choices {
			if c.Correct {
				answer = c.Text
			}
		}
		items = append(items, app.Elem("li").Class("fc-q").Body(
			app.P().Class("fc-q-prompt").Body(app.Text(qu.Prompt+" "), outsideBadge(s, qu)),
			app.Elem("ol").Class("fc-q-choices").Attr("type", "a").Body(choices...),
			app.Elem("details").Body(
				app.Elem("summary").Text("Show the answer"),
				app.P().Body(app.Elem("strong").Text(answer+". "), app.Text(qu.Explanation+" "), sourceLinks(s, qu.Sources)),
			),
		))
	}
	return app.Elem("ol").Class("fc-q-all").Body(items...)
}

func outsideBadge(s *story.Story, qu *story.Question) app.UI {
	if s.FromOutside(qu.Sources) {
		return badge("outside", "Outside the article")
	}
	return app.Text("")
}

func (q *quiz) renderQuestion(s *story.Story) app.UI {
	n := len(s.Quiz.Questions)
	qu := &s.Quiz.Questions[clampStep(q.index, n)]
	chosen, answered := q.answers[qu.ID]
	right := correctChoice(qu)
	choices := make([]app.UI, 0, len(qu.Choices))
	for _, c := range qu.Choices {
		c := c
		state := ""
		switch {
		case answered && c.ID == right:
			state = "right"
		case answered && c.ID == chosen:
			state = "wrong"
		}
		mark := ""
		switch state {
		case "right":
			mark = "✓ "
		case "wrong":
			mark = "✗ "
		}
		btn := app.Button().
			Class("fc-choice").
			Type("button").
			DataSet("state", state).
			Aria("pressed", fmt.Sprint(answered && c.ID == chosen)).
			DataSet("choice", c.ID).
			Disabled(answered).
			OnClick(q.onChoice).
			Body(
				app.Elem("span").Class("fc-choice-mark").Aria("hidden", "true").Text(mark),
				app.Elem("span").Text(c.Text),
			)
		var bar app.UI = app.Text("")
		if answered {
			bar = q.renderShare(qu.ID, c.ID)
		}
		choices = append(choices, app.Elem("li").Body(btn, bar))
	}
	body := []app.UI{
		app.P().Class("fc-progress").Text(fmt.Sprintf("Question %d of %d", q.index+1, n)),
		app.Elem("h3").ID("fc-quiz-prompt").TabIndex(-1).Body(app.Text(qu.Prompt+" "), outsideBadge(s, qu)),
		app.Elem("ul").Class("fc-choices").Aria("labelledby", "fc-quiz-prompt").Body(choices...),
	}
	if answered {
		verdict := "✓ Right."
		if chosen != right {
			verdict = "✗ Not quite. The answer: " + choiceText(qu, right) + "."
		}
		body = append(body,
			app.Div().Class("fc-feedback").Aria("live", "polite").Body(
				app.P().Class("fc-verdict").DataSet("right", fmt.Sprint(chosen == right)).Text(verdict),
				app.P().Class("fc-explanation").Body(app.Text(qu.Explanation+" "), app.Elem("span").Text("Source: "), sourceLinks(s, qu.Sources)),
			),
		)
		if q.index < n-1 {
			body = append(body, app.Button().Class("fc-btn fc-next").Type("button").Text("Next question").OnClick(q.next))
		}
	}
	return app.Div().Class("fc-quiz-q").Body(body...)
}

// renderShare shows the share of readers who chose a choice, or "—" while
// the figures are unavailable (offline, or answers still queued).
func (q *quiz) renderShare(question, choice string) app.UI {
	pct, ok := q.stats.share(question, choice)
	text := "—"
	if ok {
		text = fmt.Sprintf("%d%%", pct)
	}
	return app.Div().Class("fc-share").Body(
		app.Elem("progress").Attr("max", "100").Attr("value", fmt.Sprint(pct)).Aria("hidden", "true"),
		app.Elem("span").Class("fc-share-num").Text(text+" of readers"),
	)
}

func (q *quiz) renderEnd(s *story.Story) app.UI {
	score, total := q.score()
	comparison := "Other readers' results are not available right now."
	if pct, ok := q.stats.beatPercent(score); ok {
		comparison = fmt.Sprintf("You beat %d%% of readers.", pct)
	}
	return app.Div().Class("fc-end").Aria("live", "polite").Body(
		app.P().Class("fc-score").Text(fmt.Sprintf("You scored %d of %d", score, total)),
		app.P().Class("fc-compare").Text(comparison),
		app.Div().Class("fc-end-actions").Body(
			app.Button().Class("fc-btn").Type("button").Text("Retry").OnClick(q.retry),
			app.Button().Class("fc-btn").Type("button").Text("Share").OnClick(q.share),
		),
		app.P().Aria("live", "polite").Text(q.shared),
	)
}

func choiceText(qu *story.Question, id string) string {
	for _, c := range qu.Choices {
		if c.ID == id {
			return c.Text
		}
	}
	return ""
}

// apiBase is where the answers API lives: under the widget's own base path.
// A static export has none; the quiz then works without readers' figures.
func apiBase() string { return strings.TrimSuffix(rootPrefix(), "/") }

// shareURL is the widget's address without state beyond the story itself.
func shareURL() string {
	u, err := url.Parse(app.Window().Get("location").Get("href").String())
	if err != nil {
		return ""
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// focusByID moves focus, so keyboard and screen-reader users follow along.
func focusByID(id string) {
	if app.IsServer {
		return
	}
	el := app.Window().GetElementByID(id)
	if el.Truthy() {
		el.Call("focus")
	}
}
