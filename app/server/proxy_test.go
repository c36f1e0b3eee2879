package server

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func mustResolver(tb testing.TB, trusted, header string) *clientResolver {
	tb.Helper()
	ps, err := ParsePrefixes(trusted)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := newClientResolver(ps, header)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestClientResolverReadsOnlyTrustedHops(t *testing.T) {
	xff := mustResolver(t, "10.0.0.0/8, 127.0.0.1, ::1", "")
	fwd := mustResolver(t, "10.0.0.0/8,127.0.0.1", "forwarded")
	for _, tc := range []struct {
		name    string
		c       *clientResolver
		remote  string
		headers map[string][]string
		want    string
	}{
		{"no proxies trusted: the connection", nil, "203.0.113.9:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "203.0.113.9"},
		{"untrusted connection: header ignored", xff, "203.0.113.9:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "203.0.113.9"},
		{"trusted proxy: the hop it reports", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "198.51.100.1"},
		{"trusted IPv6 loopback proxy", xff, "[::1]:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "198.51.100.1"},
		{"what the reader wrote to the left is ignored", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"1.1.1.1, 8.8.8.8, 198.51.100.1"}}, "198.51.100.1"},
		{"a chain of trusted proxies is skipped", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"1.1.1.1, 198.51.100.1, 10.1.2.3, 10.9.9.9"}}, "198.51.100.1"},
		{"several header lines are one list", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"1.1.1.1", "198.51.100.1, 10.1.2.3"}}, "198.51.100.1"},
		{"all hops trusted: the farthest", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"10.1.2.3, 10.4.5.6"}}, "10.1.2.3"},
		{"no header: the proxy itself", xff, "127.0.0.1:5555", nil, "127.0.0.1"},
		{"garbage from a trusted proxy: that proxy", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1, unknown, 10.1.2.3"}}, "10.1.2.3"},
		{"garbage beyond the reader is never read", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"<script>, 198.51.100.1"}}, "198.51.100.1"},
		{"hop with a port", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1:4711"}}, "198.51.100.1"},
		{"IPv6 hop", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"2001:db8::7"}}, "2001:db8::7"},
		{"IPv4-mapped IPv6 hop", xff, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"::ffff:198.51.100.1"}}, "198.51.100.1"},
		{"X-Forwarded-For ignored when Forwarded is configured", fwd, "127.0.0.1:5555", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "127.0.0.1"},
		{"Forwarded for=", fwd, "127.0.0.1:5555", map[string][]string{"Forwarded": {`for=198.51.100.1;proto=https`}}, "198.51.100.1"},
		{"Forwarded quoted IPv6 with port, chain", fwd, "127.0.0.1:5555", map[string][]string{"Forwarded": {`for=1.1.1.1, for="[2001:db8::7]:4711";proto=https, for=10.0.0.2`}}, "2001:db8::7"},
		{"Forwarded by= only: that proxy", fwd, "127.0.0.1:5555", map[string][]string{"Forwarded": {`by=10.0.0.2`}}, "127.0.0.1"},
		{"Forwarded obfuscated: that proxy", fwd, "127.0.0.1:5555", map[string][]string{"Forwarded": {`for=_hidden`}}, "127.0.0.1"},
		{"Forwarded ignored when X-Forwarded-For is configured", xff, "127.0.0.1:5555", map[string][]string{"Forwarded": {`for=198.51.100.1`}}, "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tc.remote
			for k, vs := range tc.headers {
				for _, v := range vs {
					r.Header.Add(k, v)
				}
			}
			if got := tc.c.resolve(r); got != tc.want {
				t.Errorf("resolve = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParsePrefixes(t *testing.T) {
	ps, err := ParsePrefixes("10.0.0.0/8, 192.168.1.7 ::1,fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.7/32"),
		netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("fd00::/8")}
	if len(ps) != len(want) {
		t.Fatalf("got %v, want %v", ps, want)
	}
	for i := range want {
		if ps[i] != want[i] {
			t.Errorf("prefix %d = %v, want %v", i, ps[i], want[i])
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "localhost", "10.0.0.1/8/2"} {
		if _, err := ParsePrefixes(bad); err == nil {
			t.Errorf("ParsePrefixes(%q): no error", bad)
		}
	}
	if _, err := newClientResolver(ps, "X-Real-IP"); err == nil {
		t.Error("X-Real-IP accepted as the proxy header")
	}
}

func TestPseudonymsAreStableWithinADayAndShort(t *testing.T) {
	now := time.Date(2017, 1, 28, 9, 0, 0, 0, time.UTC)
	p := newPseudonyms()
	p.now = func() time.Time { return now }
	a := p.of("198.51.100.1")
	if len(a) != 8 {
		t.Errorf("pseudonym %q is not 8 hex digits", a)
	}
	if p.of("198.51.100.1:4711") != a {
		t.Error("the port changed the pseudonym")
	}
	if p.of("198.51.100.2") == a {
		t.Error("two addresses share a pseudonym")
	}
	if p.of("2001:db8::1") != p.of("2001:db8::ffff") {
		t.Error("one IPv6 /64 got two pseudonyms (the rate limiter counts it as one client)")
	}
	now = now.Add(pseudonymKeyLifetime)
	if p.of("198.51.100.1") == a {
		t.Error("the pseudonym outlived its key's day")
	}
}
