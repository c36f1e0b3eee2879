package quiz

import "encoding/json"

// Receipt is the answers API's reply to an answer (POST /api/answers).
type Receipt struct {
	// Stored is false when the answer was already stored (a resend) or the
	// reader had already answered the question (the first answer counts):
	// either way nothing was lost.
	Stored bool `json:"stored"`
	// Correct says whether the choice was right, CorrectChoice which was.
	Correct       bool   `json:"correct"`
	CorrectChoice string `json:"correctChoice"`
	// Stats are the story's Stats, encoded, as the server keeps them for
	// every reader (omitted when they cannot be read); Counted says whether
	// they count this answer, and so every answer of the reader's that the
	// server acknowledged before it. When they do not, Including adds the
	// reader's own.
	Stats   json.RawMessage `json:"stats,omitempty"`
	Counted bool            `json:"counted"`
}
