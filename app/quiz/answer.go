package quiz

import (
	"encoding/base64"
	"hash/fnv"
)

// Answer is one reader's choice for one question: the body of POST
// /api/answers, which the WebAssembly sends and the server decodes.
type Answer struct {
	Story    string `json:"story"`
	Question string `json:"question"`
	Choice   string `json:"choice"`
	// Reader is the random token one browser keeps; it links that browser's
	// answers and nothing else.
	Reader string `json:"reader"`
	// ID is the answer's id, which the browser derives from the reader and
	// the question (AnswerID). It must be a valid token, and is stored as
	// sent, but it does not identify the answer: Story, Reader and Question
	// do, so a resent answer (a retry, a reload, a second tab) is counted
	// once whatever its id, and two readers' answers never collide.
	ID string `json:"answer"`
	// Correct is decided by Catalog.Check, never sent by a client.
	Correct bool `json:"-"`
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

// AnswerID is the id of a reader's answer to a question: the same reader
// and question always give the same id. Clients send it as the answer's id
// (the API requires one); the server counts a reader's first answer to a
// question once, however often it is sent, by the reader and the question
// themselves.
func AnswerID(reader, question string) string {
	h := fnv.New128a()
	h.Write([]byte(reader))
	h.Write([]byte{0})
	h.Write([]byte(question))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
