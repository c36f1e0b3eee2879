package ui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The names the served page, its script (web/page.js), its stylesheets
// (web/app.css and the state stylesheet web/state.css), the embedding
// page's script (web/embed.js), the service worker and the WebAssembly
// share: ids, classes, data attributes and their values, input names,
// storage keys, events, globals and message types. Each is declared here
// once. Go code uses the constants; the scripts and the state stylesheet
// get them written in by Go (ExpandScript, ExpandStyle), under the
// constant's own identifier, so that N.StepRadioName in a script and
// {StepRadioName} in the state stylesheet are ui.StepRadioName; web/app.css
// types class names, and TestContract (app/server) fails when it uses one
// that is not declared here.
//
// Prefixes: "fc-" (and "data-fc-", "fc:") for every name inside the widget;
// "fivecalls" for the embed's public names, which editors paste into their
// pages (data-fivecalls-src, window.FiveCalls, the fivecalls:height
// message) and which must not change.
const (
	// RootClass is the widget's root element, a <main>; ThemeAttr and
	// ModeAttr on it say its colour theme and whether it is a page or an
	// embed. ZoneAttr on each step's time is the IANA zone of the place its
	// item starts from, in which the WebAssembly animates the clock.
	RootClass = "fc"
	ThemeAttr = "data-theme"
	ModeAttr  = "data-mode"
	ZoneAttr  = "data-zone"
	// MountClass is go-app's mount point in the browser, an empty element
	// ahead of the widget: the WebAssembly runs beside the server's page
	// and never replaces it.
	MountClass = "fc-mount"
	// MotionAttr is set on <html> once the WebAssembly has taken over the
	// night shading and the clock: the animated ones replace the
	// prerendered ones of the step shown.
	MotionAttr = "data-fc-motion"
	// UpdateClass is the notice, hidden until the page's script shows it,
	// that a new version is ready; its button's control is ControlReload.
	UpdateClass = "fc-update"
	// In an author's preview (fivecalls serve --watch) only: LiveAttr on
	// the update notice is where the page's script asks whether the story
	// has changed, VersionAttr the page's version, to compare; the
	// ProblemsClass panel lists the problems of the story's file, and the
	// WarningsClass panel, while it has none, its story's weak spots.
	LiveAttr      = "data-fc-live"
	VersionAttr   = "data-fc-version"
	ProblemsClass = "fc-problems"
	WarningsClass = "fc-warnings"
	// OneAttr and OtherAttr hold the sentence a script writes for a count
	// of one and for any other count, {n} standing for the count: the
	// warnings panel's summary ("The story file has 3 warnings: …").
	OneAttr   = "data-fc-one"
	OtherAttr = "data-fc-other"

	// StepRadioName is the group of radios, one per step of the timeline
	// (0: the overview of every call; 1…n: the calls, in order), that
	// says which step the map, the timeline, the cards and the list show;
	// StepRadioID(n) is step n's. On a step's radio, AtAttr is the call's
	// start (RFC 3339, UTC), PlaceAttr the place called and AnnounceAttr
	// what the live region says when the step is shown.
	StepRadioName = "fc-step"
	AtAttr        = "data-at"
	AnnounceAttr  = "data-announce"
	// StepAttr marks an element that belongs to one step: only the step
	// shown's show.
	StepAttr = "data-step"
	// StepEvent is the event the page's script fires on the document,
	// with the step as its detail, whenever another step is shown.
	StepEvent = "fc:step"
	// With its script, the page also holds the step shown as classes on
	// <html>, which the server writes for the step it renders and
	// web/page.js keeps at each step, and the state rules follow those
	// (web/state.css): a class changed on an ancestor restyles only the
	// elements that carry the classes its rules name, the two steps'
	// parts, where a radio's :has() restyles every part of every step
	// (Chromium invalidates by attribute name, and by one set for all
	// :has() rules). ScriptStepsClass, which the script adds as it starts,
	// says they are kept (the rules wait for it); AtClassPrefix+n is the
	// step shown, UpToClassPrefix+n each step up to it (every step, on the
	// overview) and FocusClassPrefix+n the step whose radio has the
	// keyboard's focus. Each part of step n carries StepClassPrefix+n
	// (StepClass), each place's dot group PlaceStepClassPrefix+n for each
	// call it is in (0: the origin). The rules that follow the radios, for
	// a page without its script, are a stylesheet of their own
	// (RadioStepsID), which the script turns off.
	ScriptStepsClass     = "fc-js-steps"
	AtClassPrefix        = "fc-at"
	UpToClassPrefix      = "fc-upto"
	FocusClassPrefix     = "fc-focus"
	StepClassPrefix      = "fc-s"
	PlaceStepClassPrefix = "fc-p"
	RadioStepsID         = "fc-radio-steps"
	// StoryClass is the section of the map, the timeline, the cards and the
	// list, which the step radios lead; BriefClass marks an embed's cards
	// that share one place (the stylesheet hides, not removes, the others);
	// ClockTimesClass holds every step's time beside the controls, in one
	// place too.
	StoryClass      = "fc-story"
	BriefClass      = "fc-brief"
	ClockTimesClass = "fc-clock-times"
	// StepsClass is the fieldset of the step radios, the story's first
	// part: the state rules look into it alone (a :has() over the whole
	// story would make every step change restyle all of it) and reach the
	// parts that follow it with ~.
	StepsClass = "fc-steps"
	// MapClass, TimelineClass, CardsClass and ListClass are the story's
	// sections that follow the step radios. A state rule names the
	// sections its parts are in (~ .MapClass …, never ~ * …): a ~ *
	// tried on every ancestor would make a change among <body>'s children,
	// such as go-app's mount, restyle the whole widget.
	MapClass      = "fc-map"
	TimelineClass = "fc-timeline"
	CardsClass    = "fc-cards"
	ListClass     = "fc-list"
	// AllButtonClass is the "All calls" control, which shows the overview.
	AllButtonClass = "fc-btn-all"
	// CalledDotVar and CalledRingVar are custom properties set on the
	// place called's group (UnzoomClass): the fill of its dot and the
	// visibility of its ring (PartDot, PartPulse).
	CalledDotVar  = "fc-called-dot"
	CalledRingVar = "fc-called-ring"

	// The map. MeridianAttr on its <svg> is its central meridian (degrees
	// east); LayerAttr names its layers and PartAttr its parts (and the
	// timeline's), for the stylesheet and the animation. ArcAttr is a
	// call's arc (its step), AheadAttr the same arc dashed in the layer
	// below the arcs (LayerAhead), shown while the call is still to come,
	// so that it never covers the call shown's. PlaceAttr is a place's id
	// (on a step's radio, the place it goes to; FromAttr the place it
	// starts from), RoleAttr "origin" on the place the calls are made
	// from, FrameAttr a step's set of place labels (placed for that step's
	// framing) and SizeAttr a label's tier.
	MeridianAttr = "data-meridian"
	LayerAttr    = "data-layer"
	PartAttr     = "data-part"
	ArcAttr      = "data-arc"
	AheadAttr    = "data-ahead"
	PlaceAttr    = "data-place"
	FromAttr     = "data-from"
	RoleAttr     = "data-role"
	FrameAttr    = "data-frame"
	SizeAttr     = "data-size"
	// The values of LayerAttr, PartAttr and RoleAttr.
	LayerNight  = "night"
	LayerArcs   = "arcs"
	LayerAhead  = "ahead"
	LayerPlaces = "places"
	LayerLabels = "labels"
	PartMapSVG  = "map"
	PartDot     = "dot"
	PartPulse   = "pulse"
	PartLeader  = "leader"
	PartTick    = "tick"
	PartAxis    = "axis"
	RoleOrigin  = "origin"
	// ZoomClass is the group the map's framing scales and moves (by the
	// custom properties --ZoomK, --ZoomX, --ZoomY), UnzoomClass the groups
	// that undo the scale so that dots keep their size.
	ZoomClass   = "fc-zoom"
	UnzoomClass = "fc-unzoom"
	ZoomK       = "fc-k"
	ZoomX       = "fc-x"
	ZoomY       = "fc-y"
	// NightID and ClockID are the night shading and the clock the
	// WebAssembly animates.
	NightID = "fc-night-motion"
	ClockID = "fc-clock-motion"

	// The timeline. MarkAttr is a call's mark on the strip of the day and
	// its entry in the list (its step); UnknownAttr marks a call whose
	// length is unknown. ControlAttr names a control, one of the Control
	// values; DisabledAttr marks an inert stand-in at either end of the
	// day; PlayingAttr is "true" on Play while it plays; TargetAttr is the
	// id Copy copies.
	MarkAttr        = "data-mark"
	MarkClass       = "fc-mark"
	MarkBarClass    = "fc-mark-bar"
	ListEntryClass  = "fc-call-btn"
	UnknownAttr     = "data-unknown"
	ControlAttr     = "data-control"
	DisabledAttr    = "data-disabled"
	PlayingAttr     = "data-playing"
	TargetAttr      = "data-target"
	ControlPrev     = "prev"
	ControlNext     = "next"
	ControlOverview = "overview"
	ControlPlay     = "play"
	ControlShare    = "share"
	ControlCopy     = "copy"
	ControlReload   = "reload"
	// ButtonClass is a control's look; ButtonFaceClass the part of a
	// label-button that the page's script makes a button for assistive
	// technology (a <label> may have no role).
	ButtonClass     = "fc-btn"
	ButtonFaceClass = "fc-btn-face"
	// AnnouncerID is the polite live region that says each step shown.
	AnnouncerID = "fc-announcer"

	// The quiz. QuizID is its <form>, with the story's id in StoryAttr,
	// the number of questions in QuestionsAttr and, in APIAttr, the
	// widget's base path ("/" or "/graphics/x/") under which the answers
	// API lives (absent on a static export, which has none).
	QuizID        = "fc-quiz"
	EndClass      = "fc-end"
	ProgressClass = "fc-progress"
	StoryAttr     = "data-story"
	QuestionsAttr = "data-questions"
	APIAttr       = "data-api"
	// QuestionRadioName is the group of radios, one per question, that
	// says which question is shown (QuestionRadioID(n), 1-based); ShowAllID
	// the checkbox that shows them all at once.
	QuestionRadioName = "fc-question"
	ShowAllID         = "fc-quiz-all"
	// In this order in the quiz: QuestionsPosClass is the fieldset of the
	// question radios, QuizOptionsClass the line of the ShowAllID
	// checkbox, QuestionsClass the list of the questions, then EndClass
	// (the state rules reach each from the one before with ~).
	QuestionsPosClass = "fc-qpos"
	QuizOptionsClass  = "fc-quiz-options"
	QuestionsClass    = "fc-questions"
	// AnswerRadioPrefix + a question's id names the group of that
	// question's choices; a radio's value is its choice's id, and
	// CorrectAttr marks the right one.
	AnswerRadioPrefix = "fc-answer-"
	CorrectAttr       = "data-correct"
	// QuestionClass is a question's item, with its position in
	// QuestionAttr (1-based), its id in QuestionIDAttr and, in
	// QuestionStepAttr, the step of the call it is about, if any.
	QuestionClass    = "fc-q"
	QuestionAttr     = "data-q"
	QuestionIDAttr   = "data-question"
	QuestionStepAttr = "data-call"
	// NextQuestionClass is "Next question", a label of the next question's
	// radio; PromptIDPrefix + n (PromptID) is question n's prompt, which
	// takes focus then.
	NextQuestionClass = "fc-next"
	PromptIDPrefix    = "fc-prompt-"
	// ChoiceClass is a choice's label, in which ShareClass holds the share
	// of readers who chose it (a <progress> and ShareNumClass, its figure);
	// CompareClass is the end's comparison with other readers. The
	// WebAssembly fills them in.
	ChoiceClass   = "fc-choice"
	ShareClass    = "fc-share"
	ShareNumClass = "fc-share-num"
	CompareClass  = "fc-compare"
	// AnswerEvent is the event the page's script fires on the document,
	// with {question, choice} as its detail, when the reader answers.
	AnswerEvent = "fc:answer"
	// The words the scripts write, in the story's language, carried by the
	// page: on the quiz form, for the WebAssembly's figures, the share of
	// readers (ShareTextAttr), its stand-in when there are no figures
	// (ShareUnknownAttr), the reader's standing, first to finish, beside
	// too few others for one, or not (StandingAttr, StandingFirstAttr,
	// StandingFewAttr), the figures' absence
	// (UnavailableAttr) and the same with the reader's answers waiting to
	// be sent (WaitingAttr), a percentage (PercentAttr) and the digits numbers
	// are written with (DigitsAttr); on Share, the shared text
	// (MessageAttr) and the widget's address, which an embed's own is not
	// (ShareLinkAttr), on Share and Copy what they did (DoneAttr) and what
	// to do instead (FallbackAttr). A template's {0} and {1} are filled in
	// by the script.
	ShareTextAttr     = "data-share-text"
	ShareUnknownAttr  = "data-share-unknown"
	StandingAttr      = "data-standing"
	StandingFirstAttr = "data-standing-first"
	StandingFewAttr   = "data-standing-few"
	UnavailableAttr   = "data-unavailable"
	WaitingAttr       = "data-waiting"
	PercentAttr       = "data-percent"
	DigitsAttr        = "data-digits"
	// ScoreTextAttr is the score's sentence ("You scored {0} of 13"), which
	// the page's script says in the live region as the quiz ends: the end
	// it shows is a live region too, but one that appears with its words,
	// which screen readers do not read.
	ScoreTextAttr = "data-score-text"
	MessageAttr   = "data-message"
	ShareLinkAttr = "data-share-link"
	DoneAttr      = "data-done"
	// CopiedAttr keeps Copy's own word while the button says it copied.
	CopiedAttr   = "data-copied"
	FallbackAttr = "data-fallback"
	// SnippetBaseAttr is on an embed snippet written with the widget's
	// path rather than its address (no --public-url; a static export,
	// whose host is not known when it is written): the value is that
	// path, for which the page's script writes the page's own address as
	// the Embed dialog opens, so that a snippet pasted into an article on
	// another host still points here.
	SnippetBaseAttr = "data-base"
	// SnippetPageAttr is on a plain iframe's snippet: the embed's page,
	// under the widget's own path. A plain iframe cannot size itself, and
	// the height the server writes is the default story's (ui.Pages); as
	// the dialog shows the snippet, the page's script loads that page out
	// of sight and writes the story's own height in.
	SnippetPageAttr = "data-page"
	// ShareStatusClass and EmbedStatusClass say what Share and Copy did.
	ShareStatusClass = "fc-share-status"
	EmbedStatusClass = "fc-embed-status"
	// TitleClass is the story's title.
	TitleClass = "fc-title"

	// The reader's progress, kept by the page's script in localStorage:
	// their random token under ReaderKey, and per story, under
	// ProgressKeyPrefix + the story's id, the answers given, those the
	// server has acknowledged and the question shown. ProbeKey is written
	// and removed to learn whether storage works. The Legacy keys are the
	// earlier versions' (a reader's token, the unsent answers, a story's
	// progress), read once and moved over.
	ReaderKey               = "fc:reader"
	ProgressKeyPrefix       = "fc:progress:"
	ProbeKey                = "fc:probe"
	LegacyReaderKey         = "fivecalls:reader"
	LegacyPendingKey        = "fivecalls:pending"
	LegacyPostedKey         = "fivecalls:posted"
	LegacyProgressKeyPrefix = "fivecalls:quiz:"

	// PageAPI is the page's script's global, through which the WebAssembly
	// asks for the reader's token, step and progress and says which
	// answers the server acknowledged (see app/ui/client's pageAPI).
	PageAPI = "fcPage"
	// GoAppGetenv is the function go-app v9's WebAssembly calls at start
	// for its settings (app.Getenv); the page's script provides it, since
	// go-app's own app.js is not used.
	GoAppGetenv = "goappGetenv"
	// ZonesID is the page's <script type="application/json"> with the
	// zone table (ZoneTable), for the animated clock.
	ZonesID = "fc-zones"
	// WarmArg is the argument the page's script runs the WebAssembly with
	// in its worker, before the page gets it: the program then runs what
	// the page will run first, so that the browser compiles it there, and
	// calls WarmDoneFunc with 0, or 3 where go-app did not mount (app/ui/
	// client's WarmUp). It then waits to be ended with the worker: go-app
	// has timers running, which would wake a program that had exited.
	WarmArg      = "warm"
	WarmDoneFunc = "fcWarmDone"

	// The embed dialog: EmbedPartName is its choice of parts, PresetAttr a
	// preset's snippets (the index of its page among EmbedPages), and
	// EmbedAtStepID the box that makes the snippets open at the step shown
	// (?call=), which page.js shows, as it alone can follow the step.
	EmbedClass    = "fc-embed"
	EmbedPartName = "fc-embed-parts"
	PresetAttr    = "data-preset"
	EmbedAtStepID = "fc-embed-at-step"

	// The embed's public names (web/embed.js, on the embedding page): the
	// attributes of the div an editor pastes, which becomes an iframe with
	// EmbedIDAttr set (an id of EmbedIDPrefix and a number), the script's
	// global, and the type of the widget's height message.
	EmbedSrcAttr    = "data-fivecalls-src"
	EmbedPartsAttr  = "data-fivecalls-parts"
	EmbedTitleAttr  = "data-fivecalls-title"
	EmbedHeightAttr = "data-fivecalls-height"
	EmbedIDAttr     = "data-fivecalls-id"
	EmbedIDPrefix   = "fivecalls-"
	// DefaultChildID is the id the widget gives itself in its height
	// messages when its address names none (pym.js's childId).
	DefaultChildID = "fivecalls"
	EmbedGlobal    = "FiveCalls"
	HeightMessage  = "fivecalls:height"
)

// StepRadioID is the id of step n's radio (0: the overview).
func StepRadioID(n int) string { return StepRadioName + "-" + strconv.Itoa(n) }

// StepClass is the class of step n's parts (0: the overview's).
func StepClass(n int) string { return StepClassPrefix + strconv.Itoa(n) }

// PlaceStepClass is the class of the dot groups of the places in call n
// (0: the origin, on the overview).
func PlaceStepClass(n int) string { return PlaceStepClassPrefix + strconv.Itoa(n) }

// QuestionRadioID is the id of question n's radio (1-based).
func QuestionRadioID(n int) string { return QuestionRadioName + "-" + strconv.Itoa(n) }

// PromptID is the id of question n's prompt (1-based).
func PromptID(n int) string { return PromptIDPrefix + strconv.Itoa(n) }

// scriptNames are the names above under their identifiers, as the scripts
// and the state stylesheet refer to them. TestScriptNamesAreTheConstants
// keeps the table and the constants alike.
var scriptNames = map[string]string{
	"RootClass": RootClass, "ThemeAttr": ThemeAttr, "ModeAttr": ModeAttr, "ZoneAttr": ZoneAttr,
	"MountClass": MountClass, "MotionAttr": MotionAttr, "UpdateClass": UpdateClass,
	"LiveAttr": LiveAttr, "VersionAttr": VersionAttr, "ProblemsClass": ProblemsClass, "WarningsClass": WarningsClass,
	"OneAttr": OneAttr, "OtherAttr": OtherAttr,
	"StepRadioName": StepRadioName, "AtAttr": AtAttr, "AnnounceAttr": AnnounceAttr, "StepAttr": StepAttr,
	"StepEvent": StepEvent, "ScriptStepsClass": ScriptStepsClass, "AtClassPrefix": AtClassPrefix, "UpToClassPrefix": UpToClassPrefix,
	"FocusClassPrefix": FocusClassPrefix, "StepClassPrefix": StepClassPrefix, "PlaceStepClassPrefix": PlaceStepClassPrefix, "RadioStepsID": RadioStepsID,
	"StoryClass": StoryClass, "StepsClass": StepsClass, "MapClass": MapClass, "TimelineClass": TimelineClass, "CardsClass": CardsClass, "ListClass": ListClass, "AllButtonClass": AllButtonClass, "CalledDotVar": CalledDotVar, "CalledRingVar": CalledRingVar, "BriefClass": BriefClass, "ClockTimesClass": ClockTimesClass,
	"MeridianAttr": MeridianAttr, "LayerAttr": LayerAttr, "PartAttr": PartAttr, "ArcAttr": ArcAttr, "AheadAttr": AheadAttr,
	"PlaceAttr": PlaceAttr, "FromAttr": FromAttr, "RoleAttr": RoleAttr, "FrameAttr": FrameAttr, "SizeAttr": SizeAttr,
	"LayerNight": LayerNight, "LayerArcs": LayerArcs, "LayerAhead": LayerAhead, "LayerPlaces": LayerPlaces, "LayerLabels": LayerLabels,
	"PartMapSVG": PartMapSVG, "PartDot": PartDot, "PartPulse": PartPulse, "PartLeader": PartLeader,
	"PartTick": PartTick, "PartAxis": PartAxis, "RoleOrigin": RoleOrigin,
	"ZoomClass": ZoomClass, "UnzoomClass": UnzoomClass, "ZoomK": ZoomK, "ZoomX": ZoomX, "ZoomY": ZoomY,
	"NightID": NightID, "ClockID": ClockID,
	"MarkAttr": MarkAttr, "MarkClass": MarkClass, "MarkBarClass": MarkBarClass, "ListEntryClass": ListEntryClass, "UnknownAttr": UnknownAttr, "ControlAttr": ControlAttr, "DisabledAttr": DisabledAttr,
	"PlayingAttr": PlayingAttr, "TargetAttr": TargetAttr,
	"ControlPrev": ControlPrev, "ControlNext": ControlNext, "ControlOverview": ControlOverview,
	"ControlPlay": ControlPlay, "ControlShare": ControlShare, "ControlCopy": ControlCopy, "ControlReload": ControlReload,
	"ButtonClass": ButtonClass, "ButtonFaceClass": ButtonFaceClass, "AnnouncerID": AnnouncerID,
	"QuizID": QuizID, "EndClass": EndClass, "ProgressClass": ProgressClass, "StoryAttr": StoryAttr, "QuestionsAttr": QuestionsAttr, "APIAttr": APIAttr,
	"QuestionRadioName": QuestionRadioName, "ShowAllID": ShowAllID, "QuestionsPosClass": QuestionsPosClass, "QuizOptionsClass": QuizOptionsClass, "QuestionsClass": QuestionsClass, "AnswerRadioPrefix": AnswerRadioPrefix,
	"CorrectAttr": CorrectAttr, "QuestionClass": QuestionClass, "QuestionAttr": QuestionAttr,
	"QuestionIDAttr": QuestionIDAttr, "QuestionStepAttr": QuestionStepAttr, "NextQuestionClass": NextQuestionClass, "PromptIDPrefix": PromptIDPrefix,
	"ChoiceClass": ChoiceClass, "ShareClass": ShareClass, "ShareNumClass": ShareNumClass, "CompareClass": CompareClass,
	"AnswerEvent": AnswerEvent, "ShareTextAttr": ShareTextAttr, "ShareUnknownAttr": ShareUnknownAttr,
	"StandingAttr": StandingAttr, "StandingFirstAttr": StandingFirstAttr, "StandingFewAttr": StandingFewAttr, "UnavailableAttr": UnavailableAttr, "WaitingAttr": WaitingAttr,
	"PercentAttr": PercentAttr, "DigitsAttr": DigitsAttr, "ScoreTextAttr": ScoreTextAttr, "MessageAttr": MessageAttr, "ShareLinkAttr": ShareLinkAttr, "DoneAttr": DoneAttr, "CopiedAttr": CopiedAttr,
	"FallbackAttr": FallbackAttr, "SnippetBaseAttr": SnippetBaseAttr, "SnippetPageAttr": SnippetPageAttr, "ShareStatusClass": ShareStatusClass, "EmbedStatusClass": EmbedStatusClass,
	"TitleClass": TitleClass,
	"ReaderKey":  ReaderKey, "ProgressKeyPrefix": ProgressKeyPrefix, "ProbeKey": ProbeKey,
	"LegacyReaderKey": LegacyReaderKey, "LegacyPendingKey": LegacyPendingKey, "LegacyPostedKey": LegacyPostedKey,
	"LegacyProgressKeyPrefix": LegacyProgressKeyPrefix,
	"PageAPI":                 PageAPI, "GoAppGetenv": GoAppGetenv, "ZonesID": ZonesID, "WarmArg": WarmArg, "WarmDoneFunc": WarmDoneFunc,
	"EmbedClass": EmbedClass, "EmbedPartName": EmbedPartName, "PresetAttr": PresetAttr, "EmbedAtStepID": EmbedAtStepID,
	"EmbedSrcAttr": EmbedSrcAttr, "EmbedPartsAttr": EmbedPartsAttr, "EmbedTitleAttr": EmbedTitleAttr,
	"EmbedHeightAttr": EmbedHeightAttr, "EmbedIDAttr": EmbedIDAttr, "EmbedIDPrefix": EmbedIDPrefix,
	"EmbedGlobal": EmbedGlobal, "HeightMessage": HeightMessage, "DefaultChildID": DefaultChildID,
	"CallParam": CallParam, "ThemeParam": ThemeParam, "ThemeLight": ThemeLight, "ThemeDark": ThemeDark,
}

// Names returns every shared name, by its identifier, for tests and tools.
func Names() map[string]string {
	out := make(map[string]string, len(scriptNames))
	for k, v := range scriptNames {
		out[k] = v
	}
	return out
}

// scriptName matches a script's use of a name: N.StepRadioName. It is
// compiled on first use, by the server: a regexp made at the package's
// start would be made at every start of the WebAssembly too (in its
// worker's warm-up, then on the page), which imports this package for its
// names and never expands a script.
func scriptName() *regexp.Regexp {
	namePatterns.once.Do(compileNamePatterns)
	return namePatterns.script
}

// styleName matches a stylesheet's use of a name: {StepRadioName}; compiled
// on first use, as scriptName.
func styleName() *regexp.Regexp {
	namePatterns.once.Do(compileNamePatterns)
	return namePatterns.style
}

var namePatterns struct {
	once          sync.Once
	script, style *regexp.Regexp
}

func compileNamePatterns() {
	namePatterns.script = regexp.MustCompile(`\bN\.([A-Z][A-Za-z0-9]*)`)
	namePatterns.style = regexp.MustCompile(`\{([A-Z][A-Za-z0-9]*)\}`)
}

// namesPlaceholder is where a script's names go: its source declares
// `var N = __NAMES__;`, which fails loudly if served unwritten.
const namesPlaceholder = "__NAMES__"

// ExpandScript writes the names a script uses into it: its placeholder
// becomes an object of exactly the names it refers to as N.Identifier,
// plus extra (values of the server's own, such as a version), which the
// script reads the same way. It is an error for the script to use a name
// that is neither, or to lack the placeholder.
func ExpandScript(src string, extra map[string]any) (string, error) {
	if strings.Count(src, namesPlaceholder) != 1 {
		return "", fmt.Errorf("the script does not declare var N = %s once", namesPlaceholder)
	}
	used := map[string]any{}
	var unknown []string
	for _, m := range scriptName().FindAllStringSubmatch(src, -1) {
		id := m[1]
		if v, ok := extra[id]; ok {
			used[id] = v
		} else if v, ok := scriptNames[id]; ok {
			used[id] = v
		} else if !slices.Contains(unknown, id) {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return "", fmt.Errorf("the script uses names app/ui does not declare: %s", strings.Join(unknown, ", "))
	}
	b, err := json.Marshal(used) // sorted keys: the same script always reads the same
	if err != nil {
		return "", err
	}
	return strings.Replace(src, namesPlaceholder, string(b), 1), nil
}

// ExpandStyle writes the names a stylesheet refers to as {Identifier}. It
// is an error to name one that is not declared.
func ExpandStyle(css string) (string, error) {
	var unknown []string
	out := styleName().ReplaceAllStringFunc(css, func(m string) string {
		id := m[1 : len(m)-1]
		v, ok := scriptNames[id]
		if !ok {
			if !slices.Contains(unknown, id) {
				unknown = append(unknown, id)
			}
			return m
		}
		return v
	})
	if len(unknown) > 0 {
		return "", fmt.Errorf("the stylesheet uses names app/ui does not declare: %s", strings.Join(unknown, ", "))
	}
	return out, nil
}
