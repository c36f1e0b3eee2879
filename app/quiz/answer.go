package quiz

// Answer is one reader's choice for one question.
type Answer struct {
	Story    string `json:"story"`
	Question string `json:"question"`
	Choice   string `json:"choice"`
	// Reader is the random token one browser keeps; it links that browser's
	// answers and nothing else.
	Reader string `json:"reader"`
	// ID is a random id the browser makes per answer so a resent answer (a
	// retry, an offline queue flushed twice) is counted once.
	ID string `json:"answer"`
	// Correct is filled by Catalog.Check, never taken from the client.
	Correct bool `json:"correct"`
}

// Token lengths: long enough to be unguessable when random, short enough to
// keep rows and logs small.
const (
	MinTokenLen = 16
	MaxTokenLen = 64
)

// ValidToken reports whether s is a well-formed reader or answer id:
// 16 to 64 characters of A-Z, a-z, 0-9, '-' and '_' (URL-safe base64 and
// UUIDs both fit).
func ValidToken(s string) bool {
	if len(s) < MinTokenLen || len(s) > MaxTokenLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}
