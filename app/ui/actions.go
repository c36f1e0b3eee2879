package ui

// Actions connect the controls to the page, which owns the timeline state.
const (
	// actionStep selects a call; its value is the call's index.
	actionStep = "fivecalls/step"
	// actionPlay starts (true) or pauses (false) the timeline.
	actionPlay = "fivecalls/play"
	// actionReplay replays a call on the map after a quiz answer; value: call id.
	actionReplay = "fivecalls/replay"
)
