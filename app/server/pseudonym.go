package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// pseudonymKeyLifetime is how long one key names readers: a pseudonym
// links a reader's requests within a day at most.
const pseudonymKeyLifetime = 24 * time.Hour

// pseudonyms turns readers' addresses into short pseudonyms for the access
// log, so an operator can tell one abusive client from a crowd (and see
// whether the proxy's addresses reach the server) without the log holding
// any address. A pseudonym is 8 hex digits of an HMAC-SHA256 of the client's
// identity (the IPv4 address or the IPv6 /64, as the rate limiter counts
// clients) under a random key that lives only in memory and is replaced
// every day: once the key is gone, nobody can map a pseudonym back to an
// address, not even by trying every address.
type pseudonyms struct {
	now func() time.Time // tests replace it

	mu    sync.Mutex
	key   []byte
	until time.Time
}

func newPseudonyms() *pseudonyms { return &pseudonyms{now: time.Now} }

// of returns the pseudonym of addr (with or without a port).
func (p *pseudonyms) of(addr string) string {
	p.mu.Lock()
	if now := p.now(); p.key == nil || !now.Before(p.until) {
		p.key = make([]byte, 32)
		rand.Read(p.key) // never fails; crashes the program if the system's source does
		p.until = now.Add(pseudonymKeyLifetime)
	}
	key := p.key
	p.mu.Unlock()
	m := hmac.New(sha256.New, key)
	m.Write(clientIdentity(addr))
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.Sum(sum[:0])[:4])
}
