package ui

import (
	"fmt"

	"fivecalls/app/story"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// quiz asks one question at a time (or all at once, for readers who prefer
// it). After an answer it says right or wrong in words, explains with the
// source, and shows what other readers chose; at the end, the score, how it
// compares, Retry and Share.
//
// It is a form whose state is its radios: which question is shown
// (QuestionRadioName) and each question's answer. The stylesheet shows the
// current question, locks a question once answered, shows the verdict and
// the explanation, and counts the score with a CSS counter, so the whole
// quiz works without JavaScript; Retry is the form's reset button. The
// WebAssembly posts the answers and fills in the readers' figures.
type quiz struct {
	app.Compo
}

func newQuiz() *quiz { return &quiz{} }

func (q *quiz) Render() app.UI {
	c := current()
	s := c.Story
	if s == nil || len(s.Quiz.Questions) == 0 {
		return app.Div()
	}
	title := s.Quiz.Title
	if title == "" {
		title = "Quiz"
	}
	n := len(s.Quiz.Questions)
	positions := make([]app.UI, 0, n)
	questions := make([]app.UI, 0, n)
	for i := range s.Quiz.Questions {
		positions = append(positions, radio(QuestionRadioName, QuestionRadioID(i+1), fmt.Sprint(i+1), i == 0).
			Aria("label", fmt.Sprintf("Question %d of %d", i+1, n)))
		questions = append(questions, renderQuestion(s, i, !c.NoAPI))
	}
	form := app.Elem("form").
		Class("fc-quiz").
		ID(QuizID).
		Attr(StoryAttr, s.ID).
		Aria("labelledby", "fc-quiz-title")
	if !c.NoAPI {
		form = form.Attr(APIAttr, c.BasePath)
	}
	return form.Body(
		// A disabled default button: pressing Enter on a radio must not
		// submit the form (and reload the page) when there is no script.
		app.Button().Type("submit").Disabled(true).Hidden(true).Aria("hidden", "true").Text("Submit"),
		// The region is named "Quiz: …" so readers and hosts can find it by name.
		app.Elem("h2").ID("fc-quiz-title").Text("Quiz: "+title),
		app.Elem("fieldset").Class("fc-qpos").Body(
			app.Elem("legend").Text("Question shown"),
			app.Div().Body(positions...),
		),
		app.P().Class("fc-quiz-options").Body(
			app.Elem("label").Class("fc-check").Body(
				app.Input().Type("checkbox").ID(ShowAllID),
				app.Elem("span").Text("Show all questions at once"),
			),
		),
		app.Elem("ol").Class("fc-questions").Body(questions...),
		renderEnd(n, !c.NoAPI),
	)
}

// renderQuestion is one question: its choices as a radio group, the
// verdict for either outcome, the explanation with its source, and the way
// on to the next question.
func renderQuestion(s *story.Story, i int, figures bool) app.UI {
	n := len(s.Quiz.Questions)
	qu := &s.Quiz.Questions[i]
	right := correctChoice(qu)
	choices := make([]app.UI, 0, len(qu.Choices))
	for _, c := range qu.Choices {
		in := radio(AnswerRadioPrefix+qu.ID, "", c.ID, false)
		mark := "✗"
		if c.ID == right {
			in = in.Attr(CorrectAttr, "true")
			mark = "✓"
		}
		body := []app.UI{
			in,
			app.Elem("span").Class("fc-choice-mark").Aria("hidden", "true").Text(mark),
			app.Elem("span").Class("fc-choice-text").Text(c.Text),
		}
		if figures {
			body = append(body, app.Elem("span").Class(ShareClass).Body(
				app.Elem("progress").Attr("max", "100").Attr("value", "0").Aria("hidden", "true"),
				app.Elem("span").Class(ShareNumClass).Text("— of readers"),
			))
		}
		choices = append(choices, app.Elem("label").Class(ChoiceClass).Body(body...))
	}
	item := app.Elem("li").
		Class(QuestionClass).
		Attr(QuestionAttr, fmt.Sprint(i+1)).
		Attr(QuestionIDAttr, qu.ID)
	if qu.Call != "" {
		if k := s.CallIndex(qu.Call); k >= 0 {
			item = item.Attr(QuestionCallAttr, fmt.Sprint(k+1))
		}
	}
	body := []app.UI{
		app.Elem("fieldset").Class("fc-choices").Body(
			app.Elem("legend").Body(
				app.Elem("span").Class("fc-progress").Text(fmt.Sprintf("Question %d of %d", i+1, n)),
				app.Elem("span").Class("fc-prompt").ID(PromptID(i+1)).TabIndex(-1).Body(app.Text(qu.Prompt+" "), outsideBadge(s, qu)),
			),
			app.Div().Class("fc-choice-list").Body(choices...),
		),
		app.Div().Class("fc-feedback").Aria("live", "polite").Body(
			app.P().Class("fc-verdict").DataSet("right", "yes").Text("✓ Right."),
			app.P().Class("fc-verdict").DataSet("right", "no").Text("✗ Not quite. The answer: "+choiceText(qu, right)+"."),
			app.P().Class("fc-explanation").Body(app.Text(qu.Explanation+" "), app.Elem("span").Text("Source: "), sourceLinks(s, qu.Sources)),
		),
	}
	if i < n-1 {
		body = append(body, app.Elem("label").Class("fc-btn fc-next").Attr("for", QuestionRadioID(i+2)).Text("Next question"))
	}
	return item.Body(body...)
}

// renderEnd is the end of the quiz, shown once every question is answered:
// the score (a CSS counter of the right answers checked), how it compares
// with other readers (filled in by the WebAssembly), Retry and Share.
func renderEnd(n int, figures bool) app.UI {
	var compare app.UI = app.Text("")
	if figures {
		compare = app.P().Class(CompareClass).Text("Comparing with other readers…")
	}
	return app.Div().Class("fc-end").Aria("live", "polite").Body(
		app.P().Class("fc-score").Body(
			app.Text("You scored "),
			app.Elem("span").Class("fc-score-n"),
			app.Text(fmt.Sprintf(" of %d", n)),
		),
		compare,
		app.Div().Class("fc-end-actions").Body(
			app.Button().Class("fc-btn").Type("reset").Text("Retry"),
			app.Button().Class("fc-btn").Type("button").Attr(ControlAttr, "share").Text("Share"),
		),
		app.P().Class("fc-share-status").Aria("live", "polite"),
	)
}

func outsideBadge(s *story.Story, qu *story.Question) app.UI {
	if s.FromOutside(qu.Sources) {
		return badge("outside", "Outside the article")
	}
	return app.Text("")
}

func correctChoice(qu *story.Question) string {
	for _, c := range qu.Choices {
		if c.Correct {
			return c.ID
		}
	}
	return ""
}

func choiceText(qu *story.Question, id string) string {
	for _, c := range qu.Choices {
		if c.ID == id {
			return c.Text
		}
	}
	return ""
}
