package ui

// The classes, ids and attributes the page (app/ui/page) renders for
// web/app.css alone: no script and no state rule uses them, so they are not
// written into any (see names.go for those). app.css types them; TestContract
// fails when it uses one that is not declared in this package.
const (
	// The widget's header and footer.
	HeadClass    = "fc-head"
	DekClass     = "fc-dek"
	FootClass    = "fc-foot"
	CreditsClass = "fc-credits"
	// FullLinkClass is an embed's link to the whole widget.
	FullLinkClass = "fc-full"
	// ScreenReaderClass hides text that only assistive technology reads.
	ScreenReaderClass = "fc-sr-only"

	// The map.
	MapCaptionClass = "fc-map-caption"
	MapTitleID      = "fc-map-title"
	MapDescID       = "fc-map-desc"

	// The timeline: its controls, the Play button's icon and its two
	// labels (PlayingAttr says which shows), the clock (its label and
	// every step's time), and the strip of the day (the axis, each call's
	// mark and bar, the hours).
	ControlsClass   = "fc-controls"
	PlayButtonClass = "fc-btn-play"
	PlayIconClass   = "fc-play-icon"
	PlayTextClass   = "fc-play-text"
	PauseTextClass  = "fc-pause-text"
	ClockClass      = "fc-clock"
	ClockLabelClass = "fc-clock-label"
	ClockTimeClass  = "fc-clock-time"
	StripClass      = "fc-strip"
	MarksClass      = "fc-marks"
	HoursClass      = "fc-hours"
	// LevelAttr is on each of the strip's labels: the last level of labels
	// that shows it (1 every label, 2 every other one, then fewer). A
	// phone's strip shows level 2; a strip too narrow for a level's labels
	// in the reader's text size shows the next (web/state.css).
	LevelAttr = "data-level"

	// The cards: one per step, with the step's position, the title and
	// the leader's role, badges (BadgeKindAttr: one of the Badge values),
	// the facts, the summary, the points said, where sources disagree,
	// notes, sources and, in a brief card, the fold.
	CardClass         = "fc-card"
	CardStepClass     = "fc-card-step"
	CardTitleClass    = "fc-card-title"
	CardRoleClass     = "fc-card-role"
	BadgesClass       = "fc-badges"
	BadgeClass        = "fc-badge"
	BadgeKindAttr     = "data-kind"
	BadgeUncertain    = "uncertain"
	BadgeOutside      = "outside"
	BadgeLater        = "later"
	BadgeConflict     = "conflict"
	FactsClass        = "fc-facts"
	SummaryClass      = "fc-summary"
	PointsClass       = "fc-points"
	ConflictClass     = "fc-conflict"
	CertaintyClass    = "fc-certainty"
	PlaceNoteClass    = "fc-place-note"
	CardSourcesClass  = "fc-card-sources"
	MoreClass         = "fc-more"
	OverviewHintClass = "fc-overview-hint"
	SourcesClass      = "fc-sources"
	SourceClass       = "fc-source"
	// SourceSeparatorAttr is on each source: what follows it in a list of
	// sources (the locale's comma, locale.SourceSeparator), which
	// web/app.css shows.
	SourceSeparatorAttr = "data-sep"
	CardTitleIDPrefix   = "fc-card-title-"
	ListTitleID         = "fc-list-title"
	ListItemsClass      = "fc-calls"
	ListItemClass       = "fc-call"
	ListLeaderClass     = "fc-call-leader"
	ListPlaceClass      = "fc-call-place"
	ListTimeClass       = "fc-call-time"
	ListLocalTimeClass  = "fc-call-local"

	// The quiz: QuizClass is its form's (the form's id is QuizID).
	QuizClass         = "fc-quiz"
	QuizTitleID       = "fc-quiz-title"
	CheckClass        = "fc-check"
	ChoicesClass      = "fc-choices"
	ChoiceListClass   = "fc-choice-list"
	ChoiceMarkClass   = "fc-choice-mark"
	ChoiceTextClass   = "fc-choice-text"
	PromptClass       = "fc-prompt"
	FeedbackClass     = "fc-feedback"
	VerdictClass      = "fc-verdict"
	VerdictRightAttr  = "data-right"
	ExplanationClass  = "fc-explanation"
	ScoreClass        = "fc-score"
	ScoreNumberClass  = "fc-score-n"
	EndActionsClass   = "fc-end-actions"
	NotesClass        = "fc-notes"
	NotesTitleID      = "fc-notes-title"
	NoteListClass     = "fc-note-list"
	SourceListClass   = "fc-source-list"
	SourceNoteClass   = "fc-source-note"
	SnippetClass      = "fc-snippet"
	SnippetLabelClass = "fc-snippet-label"
	SnippetIDPrefix   = "fc-embed-"
	EmbedPartsClass   = "fc-embed-parts"

	// ChoiceInputClass is a quiz choice's radio. The stylesheet names it,
	// not input, where an answer hides the other choices' radios: a rule
	// of the quiz's :has() that ends in input had every step restyle the
	// step radios too (docs/testing.md).
	ChoiceInputClass = "fc-choice-input"
)
