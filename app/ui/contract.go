package ui

import "strconv"

// The names the served page, its script (web/widget.js), its stylesheets
// (web/app.css, web/state.css) and the WebAssembly share. Each is declared
// here once; the components render them, and TestContract fails when a
// script or stylesheet uses an id, data attribute, class, storage key,
// global or message type that is neither declared here nor on the page.
//
// The page keeps its state in the document (see the package doc): which
// call is shown is a checked radio of CallRadioName, which question a
// checked radio of QuestionRadioName, and each answer a checked radio of
// AnswerRadioPrefix+question id. CSS shows what the state says; the script
// and the WebAssembly read and change the same radios.
const (
	// RootClass is the widget's root element, a <main>.
	RootClass = "fc"
	// MountClass is go-app's mount point in the browser, an empty element
	// ahead of the widget: the app runs beside the server's page and never
	// replaces it (see page.go).
	MountClass = "fc-live"
	// UpdateClass is the notice the live component shows when a new
	// version is ready.
	UpdateClass = "fc-update"
	// LiveAttr is set on <html> once the WebAssembly has adopted the page:
	// the live night shading and clock take over from the prerendered ones.
	LiveAttr = "data-fc-live"

	// CallRadioName is the group of radios, one per call, that says which
	// call the map, the timeline, the card and the list show.
	CallRadioName = "fc-call"
	// QuestionRadioName is the group of radios, one per question, that says
	// which question the quiz shows.
	QuestionRadioName = "fc-qpos"
	// AnswerRadioPrefix + a question's id names the group of that
	// question's choices; its value is the choice's id.
	AnswerRadioPrefix = "fc-answer-"
	// ShowAllID is the checkbox that shows every question at once.
	ShowAllID = "fc-quiz-all"
	// QuizID is the quiz's <form>; it carries the story's id in StoryAttr
	// and, in APIAttr, the widget's base path ("/" or "/graphics/x/") under
	// which the answers API lives: absent on a static export, which has none.
	QuizID    = "fc-quiz"
	StoryAttr = "data-story"
	APIAttr   = "data-api"

	// StepAttr marks an element that belongs to one call (1-based): only
	// the current call's show.
	StepAttr = "data-step"
	// FrameAttr marks a step's set of place labels, placed for that step's
	// framing of the map: only the current step's shows.
	FrameAttr = "data-frame"
	// ArcAttr, MarkAttr: a call's arc on the map, and its marks on the
	// strip of the day and in the list (1-based).
	ArcAttr  = "data-arc"
	MarkAttr = "data-mark"
	// PlaceAttr is a place's id on the map (and, on a call's radio, the
	// place it called); RoleAttr says "origin" on the place the calls are
	// made from.
	PlaceAttr = "data-place"
	RoleAttr  = "data-role"
	// AtAttr on a call radio is the call's start, RFC 3339 in UTC, for the
	// animation; AnnounceAttr the sentence the live region says for it.
	AtAttr       = "data-at"
	AnnounceAttr = "data-announce"
	// ZoomVars are the CSS custom properties (--fc-k, --fc-x, --fc-y) that
	// web/state.css sets to frame the current call and web/app.css eases.
	ZoomVar, ZoomXVar, ZoomYVar = "fc-k", "fc-x", "fc-y"
	// MeridianAttr on the map is its central meridian (degrees east), for
	// the live night shading.
	MeridianAttr = "data-meridian"
	// ZoneAttr on the root is the origin's IANA zone, for the live clock.
	ZoneAttr = "data-zone"
	// ControlAttr names a control: "prev", "next", "overview" (labels of
	// the call radios), and those the script handles: "play", "share" and
	// "copy" (whose TargetAttr is the id to copy).
	ControlAttr = "data-control"
	TargetAttr  = "data-target"
	// PlayingAttr is "true" on the Play control while it plays.
	PlayingAttr = "data-playing"

	// QuestionAttr on a question is its 1-based position, QuestionIDAttr its
	// id, and QuestionCallAttr the call (1-based) it is about, if any.
	QuestionAttr     = "data-q"
	QuestionIDAttr   = "data-question"
	QuestionCallAttr = "data-call"
	// CorrectAttr marks the right choice's radio.
	CorrectAttr = "data-correct"
	// QuestionClass is a question's item, ChoiceClass a choice's label, in
	// which ShareClass holds the share of readers who chose it (a bar and
	// ShareNumClass, its figure); CompareClass is the end's comparison with
	// other readers. The WebAssembly fills the figures in.
	QuestionClass = "fc-q"
	ChoiceClass   = "fc-choice"
	ShareClass    = "fc-share"
	ShareNumClass = "fc-share-num"
	CompareClass  = "fc-compare"

	// LayerAttr names the map's layers (night, arcs, places, labels) and
	// PartAttr a part of the map or the timeline (map, dot, pulse, leader,
	// tick, axis), for the stylesheet and the animation.
	LayerAttr = "data-layer"
	PartAttr  = "data-part"

	// AnnouncerID is the polite live region; NightID and ClockID the live
	// night shading and clock the WebAssembly animates.
	AnnouncerID = "fc-announcer"
	NightID     = "fc-night"
	ClockID     = "fc-clock"

	// ReaderKey, PendingKey and PostedKey are the browser storage keys of
	// the reader's random token, the answers waiting to be sent, and the
	// ids of answers the server acknowledged; QuizKeyPrefix + a story's id
	// keeps the reader's progress in its quiz (web/widget.js).
	ReaderKey     = "fivecalls:reader"
	PendingKey    = "fivecalls:pending"
	PostedKey     = "fivecalls:posted"
	QuizKeyPrefix = "fivecalls:quiz:"
	// ProbeKey is written and removed to learn whether storage works.
	ProbeKey = "fivecalls:probe"

	// StartGlobal is what the patched app.js calls with go-app's start
	// (see app/server/bootpatch.go); web/widget.js decides when.
	// ModuleGlobal compiles app.wasm (in a worker, web/compile.js).
	// EmbedPartName is the embed dialog's choice of parts, PresetAttr a
	// preset's snippets.
	StartGlobal   = "fivecallsScheduleStart"
	ModuleGlobal  = "fivecallsModule"
	EmbedPartName = "fc-embed-parts"
	PresetAttr    = "data-preset"
	// HeightMessage is the type of the widget's own height message to an
	// embedding page (web/embed.js listens for it).
	HeightMessage = "fivecalls:height"

	// The embedding page's side (web/embed.js): the attributes of the div
	// an editor pastes, which become an iframe, and the script's global.
	EmbedSrcAttr    = "data-fivecalls-src"
	EmbedPartsAttr  = "data-fivecalls-parts"
	EmbedTitleAttr  = "data-fivecalls-title"
	EmbedHeightAttr = "data-fivecalls-height"
	EmbedIDAttr     = "data-fivecalls-id"
	EmbedGlobal     = "FiveCalls"
)

// CallRadioID is the id of call n's radio (1-based).
func CallRadioID(n int) string { return CallRadioName + "-" + strconv.Itoa(n) }

// QuestionRadioID is the id of question n's radio (1-based).
func QuestionRadioID(n int) string { return QuestionRadioName + "-" + strconv.Itoa(n) }

// PromptID is the id of question n's prompt, which takes focus when the
// reader moves to it.
func PromptID(n int) string { return "fc-prompt-" + strconv.Itoa(n) }

// ContractNames lists every name above, for TestContract and for tools.
func ContractNames() []string {
	return []string{
		RootClass, MountClass, UpdateClass, LiveAttr, CallRadioName, QuestionRadioName, AnswerRadioPrefix, ShowAllID,
		QuizID, StoryAttr, APIAttr, StepAttr, FrameAttr, MeridianAttr, ZoomVar, ZoomXVar, ZoomYVar, ArcAttr, MarkAttr, PlaceAttr, RoleAttr, AtAttr, AnnounceAttr, ZoneAttr,
		ControlAttr, TargetAttr, PlayingAttr, QuestionAttr, QuestionIDAttr, QuestionCallAttr, CorrectAttr,
		QuestionClass, ChoiceClass, ShareClass, ShareNumClass, CompareClass, LayerAttr, PartAttr, AnnouncerID,
		NightID, ClockID, ReaderKey, PendingKey, PostedKey, QuizKeyPrefix, ProbeKey, StartGlobal, ModuleGlobal, EmbedPartName, PresetAttr, HeightMessage,
		EmbedSrcAttr, EmbedPartsAttr, EmbedTitleAttr, EmbedHeightAttr, EmbedIDAttr, EmbedGlobal,
	}
}
