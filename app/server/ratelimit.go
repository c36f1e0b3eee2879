package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of the rate limiter's memory bound.
const (
	// rateLimitMaxClients bounds the buckets kept in memory (about 100 bytes
	// each, so about 10 MB at most). Past it the least recently seen client
	// is forgotten, which only gives that client a fresh burst.
	rateLimitMaxClients = 100_000
	rateLimitShards     = 32
)

// withRateLimit limits each client to perSecond requests per second with
// bursts of up to burst requests (token bucket). A client over its rate gets
// 429 Too Many Requests with Retry-After; other clients are not slowed: a
// bucket is a few arithmetic operations under one of 32 shard locks, and
// nothing ever waits. perSecond <= 0 turns the limit off and returns next.
//
// A client is the reader's address as the request log middleware found it
// (see clientResolver): the connection's address, or behind a trusted
// reverse proxy (--trusted-proxies) the address the proxy reports. Of an
// IPv6 address the /64 prefix counts, since one subscriber usually holds a
// whole /64. Behind a proxy that is not trusted every reader shares the
// proxy's bucket.
//
// The address is never stored or logged. Buckets are keyed by an HMAC-SHA256
// of it, truncated to 64 bits, under a key drawn at random when the limiter
// is made and never written anywhere, so not even a memory dump maps a key
// back to an address without brute-forcing the key.
func withRateLimit(perSecond float64, burst int, next http.Handler) http.Handler {
	return rateLimit(perSecond, burst)(next)
}

// rateLimit is withRateLimit for several handlers at once: those it wraps
// share one limiter, so a reader has one allowance however many stories'
// APIs they call.
func rateLimit(perSecond float64, burst int) func(http.Handler) http.Handler {
	if perSecond <= 0 || math.IsNaN(perSecond) {
		return func(next http.Handler) http.Handler { return next }
	}
	return newRateLimiter(perSecond, burst, rateLimitMaxClients).wrap
}

// rateLimiter holds one token bucket per client key.
type rateLimiter struct {
	rate  float64 // tokens per second
	burst float64 // bucket size, >= 1
	// full is how long an untouched bucket takes to fill up. A bucket idle
	// that long is the same as a new one, so it can be dropped unnoticed.
	full        time.Duration
	maxPerShard int
	now         func() time.Time // tests replace it
	macs        sync.Pool        // of hash.Hash (HMAC-SHA256 under the key)
	shards      [rateLimitShards]rateShard
}

// rateShard is a map of buckets plus a list of them from most to least
// recently seen, for eviction.
type rateShard struct {
	mu      sync.Mutex
	buckets map[uint64]*bucket
	head    *bucket // most recently seen
	tail    *bucket // least recently seen
}

type bucket struct {
	key        uint64
	tokens     float64
	last       time.Time
	prev, next *bucket
}

// newRateLimiter makes a limiter that keeps at most about maxClients buckets
// (rounded up to a multiple of the shard count).
func newRateLimiter(perSecond float64, burst, maxClients int) *rateLimiter {
	if burst < 1 {
		burst = 1
	}
	key := make([]byte, 32)
	rand.Read(key) // never fails; crashes the program if the system's source does
	l := &rateLimiter{
		rate:        perSecond,
		burst:       float64(burst),
		full:        durationOf(float64(burst) / perSecond),
		maxPerShard: max(1, (maxClients+rateLimitShards-1)/rateLimitShards),
		now:         time.Now,
	}
	l.macs.New = func() any { return hmac.New(sha256.New, key) }
	for i := range l.shards {
		l.shards[i].buckets = make(map[uint64]*bucket)
	}
	return l
}

func (l *rateLimiter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := l.allow(l.clientKey(clientAddress(r)))
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		secs := int64(math.Ceil(wait.Seconds()))
		if secs < 1 {
			secs = 1
		}
		h := w.Header()
		h.Set("Retry-After", strconv.FormatInt(secs, 10))
		h.Set("Cache-Control", "no-store")
		const msg = "Too many requests from your connection. Please wait a moment and try again."
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSON(w, http.StatusTooManyRequests, struct {
				Error string `json:"error"`
			}{msg})
			return
		}
		http.Error(w, msg, http.StatusTooManyRequests)
	})
}

// clientKey returns the keyed hash of a client's address, with or
// without a port.
func (l *rateLimiter) clientKey(addr string) uint64 {
	m := l.macs.Get().(hash.Hash)
	m.Reset()
	m.Write(clientIdentity(addr))
	var sum [sha256.Size]byte
	k := binary.LittleEndian.Uint64(m.Sum(sum[:0]))
	l.macs.Put(m)
	return k
}

// allow takes a token from key's bucket. When there is none it returns
// false and how long until there is one.
func (l *rateLimiter) allow(key uint64) (bool, time.Duration) {
	now := l.now()
	s := &l.shards[key%rateLimitShards]
	s.mu.Lock()
	defer s.mu.Unlock()

	b := s.buckets[key]
	if b == nil {
		s.evict(now, l.full, l.maxPerShard-1)
		b = &bucket{key: key, tokens: l.burst, last: now}
		s.buckets[key] = b
	} else {
		s.unlink(b)
		if d := now.Sub(b.last); d > 0 { // a clock that steps back adds nothing
			b.tokens = math.Min(l.burst, b.tokens+d.Seconds()*l.rate)
			b.last = now
		}
		// Drop up to two idle buckets per request: enough to keep up with
		// any arrival rate of new clients, without a sweeper goroutine.
		s.evictIdle(now, l.full, 2)
	}
	s.pushFront(b)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, durationOf((1 - b.tokens) / l.rate)
}

// durationOf converts seconds to a Duration, saturating instead of
// overflowing for absurdly slow rates.
func durationOf(seconds float64) time.Duration {
	if seconds >= float64(math.MaxInt64)/float64(time.Second) {
		return math.MaxInt64
	}
	return time.Duration(seconds * float64(time.Second))
}

// evict drops idle buckets, then the least recently seen ones until at most
// keep remain.
func (s *rateShard) evict(now time.Time, full time.Duration, keep int) {
	s.evictIdle(now, full, 2)
	for len(s.buckets) > keep && s.tail != nil {
		b := s.tail
		s.unlink(b)
		delete(s.buckets, b.key)
	}
}

// evictIdle drops up to n buckets that have been idle long enough to be full.
func (s *rateShard) evictIdle(now time.Time, full time.Duration, n int) {
	for ; n > 0 && s.tail != nil && now.Sub(s.tail.last) >= full; n-- {
		b := s.tail
		s.unlink(b)
		delete(s.buckets, b.key)
	}
}

func (s *rateShard) pushFront(b *bucket) {
	b.prev, b.next = nil, s.head
	if s.head != nil {
		s.head.prev = b
	}
	s.head = b
	if s.tail == nil {
		s.tail = b
	}
}

func (s *rateShard) unlink(b *bucket) {
	if b.prev != nil {
		b.prev.next = b.next
	} else if s.head == b {
		s.head = b.next
	}
	if b.next != nil {
		b.next.prev = b.prev
	} else if s.tail == b {
		s.tail = b.prev
	}
	b.prev, b.next = nil, nil
}

// clients returns how many buckets the limiter holds.
func (l *rateLimiter) clients() int {
	n := 0
	for i := range l.shards {
		s := &l.shards[i]
		s.mu.Lock()
		n += len(s.buckets)
		s.mu.Unlock()
	}
	return n
}

// clientIdentity is what tells one client from another: an IPv4 address, or
// the /64 prefix of an IPv6 address, as 16 bytes. addr may carry a port.
func clientIdentity(addr string) []byte {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		// Not an IP (a Unix socket, a test's "pipe"): the string is the client.
		return []byte(host)
	}
	a = a.Unmap()
	if a.Is6() {
		// The zone (fe80::1%eth0) is dropped by the prefix.
		a = netip.PrefixFrom(a.WithZone(""), 64).Masked().Addr()
	}
	b := a.As16()
	return b[:]
}
