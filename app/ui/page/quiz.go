package page

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"

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

	w *Widget
}

func newQuiz(w *Widget) *quiz { return &quiz{w: w} }

// quizHeading names the quiz, "Quiz: …", with its own title or the
// catalogue's.
func (w *Widget) quizHeading() string {
	title := w.story.Quiz.Title
	if title == "" {
		title = w.loc.T(locale.QuizDefaultTitle)
	}
	return w.loc.T(locale.QuizTitle, title)
}

func (q *quiz) Render() app.UI {
	w := q.w
	s, loc, noAPI := w.story, w.loc, w.opts.NoAPI
	if len(s.Quiz.Questions) == 0 {
		return app.Div()
	}
	n := len(s.Quiz.Questions)
	positions := make([]app.UI, 0, n)
	questions := make([]app.UI, 0, n)
	for i := range s.Quiz.Questions {
		positions = append(positions, radio(ui.QuestionRadioName, ui.QuestionRadioID(i+1), strconv.Itoa(i+1), i == 0).
			Aria("label", attrText(loc.T(locale.QuestionPosition, i+1, n))))
		questions = append(questions, w.renderQuestion(i, !noAPI))
	}
	_, words := loc.ClockFormat()
	form := app.Elem("form").
		Class(ui.QuizClass).
		ID(ui.QuizID).
		Attr(ui.StoryAttr, s.ID).
		Attr(ui.QuestionsAttr, strconv.Itoa(n)).
		Attr(ui.DigitsAttr, attrText(words.Digits)).
		Attr(ui.ScoreTextAttr, attrText(loc.T(locale.Score, "{0}", n))).
		Aria("labelledby", ui.QuizTitleID)
	if !noAPI {
		// What the WebAssembly writes of the readers' figures.
		form = form.Attr(ui.APIAttr, w.opts.BasePath).
			Attr(ui.ShareTextAttr, attrText(loc.T(locale.ShareOfReaders, "{0}"))).
			Attr(ui.ShareUnknownAttr, attrText(loc.T(locale.ShareUnknown))).
			Attr(ui.StandingAttr, attrText(loc.T(locale.Standing, "{0}"))).
			Attr(ui.StandingFirstAttr, attrText(loc.T(locale.StandingFirst))).
			Attr(ui.StandingFewAttr, attrText(loc.T(locale.StandingFew))).
			Attr(ui.UnavailableAttr, attrText(loc.T(locale.FiguresUnavailable))).
			Attr(ui.WaitingAttr, attrText(loc.T(locale.FiguresWaiting))).
			Attr(ui.PercentAttr, attrText(percentTemplate(loc)))
	}
	return form.Body(
		// A disabled default button: pressing Enter on a radio must not
		// submit the form (and reload the page) when there is no script.
		app.Button().Type("submit").Disabled(true).Hidden(true).Aria("hidden", "true").Text(loc.T(locale.Submit)),
		// The region is named "Quiz: …" so readers and hosts can find it by name.
		app.Elem("h2").ID(ui.QuizTitleID).Text(w.quizHeading()),
		app.Elem("fieldset").Class(ui.QuestionsPosClass).Body(
			app.Elem("legend").Text(loc.T(locale.QuestionShown)),
			app.Div().Body(positions...),
		),
		app.P().Class(ui.QuizOptionsClass).Body(
			app.Elem("label").Class(ui.CheckClass).Body(
				app.Input().Type("checkbox").ID(ui.ShowAllID),
				app.Elem("span").Text(loc.T(locale.ShowAll)),
			),
		),
		app.Elem("ol").Class(ui.QuestionsClass).Body(questions...),
		w.renderEnd(n, !noAPI),
	)
}

// percentTemplate is how the language writes a percentage, {0} where the
// number goes: "{0}%", "{0} %".
func percentTemplate(loc *locale.Locale) string {
	return strings.Replace(loc.Percent(42), loc.Int(42), "{0}", 1)
}

// renderQuestion is one question: its choices as a radio group, the
// verdict for either outcome, the explanation with its source, and the way
// on to the next question.
func (w *Widget) renderQuestion(i int, figures bool) app.UI {
	s, loc := w.story, w.loc
	n := len(s.Quiz.Questions)
	qu := &s.Quiz.Questions[i]
	right := correctChoice(qu)
	choices := make([]app.UI, 0, len(qu.Choices))
	for _, c := range qu.Choices {
		in := radio(ui.AnswerRadioPrefix+qu.ID, "", c.ID, false).Class(ui.ChoiceInputClass)
		mark := "✗"
		if c.ID == right {
			in = in.Attr(ui.CorrectAttr, "true")
			mark = "✓"
		}
		body := []app.UI{
			in,
			app.Elem("span").Class(ui.ChoiceMarkClass).Aria("hidden", "true").Text(mark),
			app.Elem("span").Class(ui.ChoiceTextClass).Text(c.Text),
		}
		if figures {
			body = append(body, app.Elem("span").Class(ui.ShareClass).Body(
				app.Elem("progress").Attr("max", "100").Attr("value", "0").Aria("hidden", "true"),
				// Unknown, the share is "—" to the eye and nothing to a
				// screen reader, which read "em dash of readers" in each
				// choice's name; the WebAssembly says it once it is known.
				app.Elem("span").Class(ui.ShareNumClass).Aria("hidden", "true").Text(loc.T(locale.ShareUnknown)),
			))
		}
		choices = append(choices, app.Elem("label").Class(ui.ChoiceClass).Body(body...))
	}
	item := app.Elem("li").
		Class(ui.QuestionClass).
		Attr(ui.QuestionAttr, strconv.Itoa(i+1)).
		Attr(ui.QuestionIDAttr, qu.ID)
	if qu.Call != "" {
		if k := s.CallIndex(qu.Call); k >= 0 {
			item = item.Attr(ui.QuestionStepAttr, strconv.Itoa(k+1))
		}
	}
	body := []app.UI{
		app.Elem("fieldset").Class(ui.ChoicesClass).Body(
			app.Elem("legend").Body(
				app.Elem("span").Class(ui.ProgressClass).Text(loc.T(locale.QuestionPosition, i+1, n)),
				app.Elem("span").Class(ui.PromptClass).ID(ui.PromptID(i+1)).TabIndex(-1).Body(app.Text(qu.Prompt+" "), w.outsideBadge(qu)),
			),
			app.Div().Class(ui.ChoiceListClass).Body(choices...),
		),
		app.Div().Class(ui.FeedbackClass).Aria("live", "polite").Body(
			app.P().Class(ui.VerdictClass).Attr(ui.VerdictRightAttr, "yes").Text(loc.T(locale.VerdictRight)),
			app.P().Class(ui.VerdictClass).Attr(ui.VerdictRightAttr, "no").Text(loc.T(locale.VerdictWrong, choiceText(qu, right))),
			app.P().Class(ui.ExplanationClass).Body(app.Text(qu.Explanation+" "), app.Elem("span").Text(loc.T(locale.SourceLabel)), sourceLinks(w, qu.Sources)),
		),
	}
	if i < n-1 {
		body = append(body, labelButton(ui.QuestionRadioID(i+2), "", ui.ButtonClass+" "+ui.NextQuestionClass, "", app.Text(loc.T(locale.NextQuestion))))
	}
	return item.Body(body...)
}

// renderEnd is the end of the quiz, shown once every question is answered:
// the score (a CSS counter of the right answers checked, set where the
// language's sentence puts it), how it compares with other readers (filled
// in by the WebAssembly), Retry and Share.
func (w *Widget) renderEnd(n int, figures bool) app.UI {
	loc := w.loc
	var compare app.UI = app.Text("")
	if figures {
		compare = app.P().Class(ui.CompareClass).Text(loc.T(locale.Comparing))
	}
	const counter = "\x00"
	before, after, _ := strings.Cut(loc.T(locale.Score, counter, n), counter)
	// One run of text, written as it is: go-app would put a line break on
	// each side of the number, which a browser shows as a space, where the
	// sentence has none ("2問中1問正解").
	score := fmt.Sprintf(`<p class="%s">%s<span class="%s"></span>%s</p>`,
		ui.ScoreClass, html.EscapeString(before), ui.ScoreNumberClass, html.EscapeString(after))
	return app.Div().Class(ui.EndClass).Aria("live", "polite").Body(
		app.Raw(score),
		compare,
		app.Div().Class(ui.EndActionsClass).Body(
			app.Button().Class(ui.ButtonClass).Type("reset").Text(loc.T(locale.Retry)),
			app.Button().Class(ui.ButtonClass).Type("button").Attr(ui.ControlAttr, ui.ControlShare).
				Attr(ui.MessageAttr, attrText(loc.T(locale.ShareText, "{0}", "{1}", w.story.Title))).
				Attr(ui.ShareLinkAttr, attrText(w.base())).
				Attr(ui.DoneAttr, attrText(loc.T(locale.ShareCopied))).
				Attr(ui.FallbackAttr, attrText(loc.T(locale.ShareCopyThis, "{0}"))).
				Text(loc.T(locale.Share)),
		),
		app.P().Class(ui.ShareStatusClass).Aria("live", "polite"),
	)
}

func (w *Widget) outsideBadge(qu *story.Question) app.UI {
	if w.story.FromOutside(qu.Sources) {
		return badge(ui.BadgeOutside, w.loc.T(locale.OutsideArticle))
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
