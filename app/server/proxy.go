package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxy headers the server can read the reader's address from.
const (
	HeaderXForwardedFor = "X-Forwarded-For"
	HeaderForwarded     = "Forwarded" // RFC 7239
)

// clientResolver finds the reader's address behind trusted reverse proxies.
//
// The forwarding header is read only when the connection comes from a
// trusted proxy, and only the one header configured: a proxy appends to the
// header it writes and passes any other through untouched, so reading a
// header it does not write would let a reader choose its own address.
// The hops are read from the right (the nearest) to the left, skipping
// trusted proxies; the first untrusted hop is the reader. What lies to its
// left was written by the reader and is ignored.
type clientResolver struct {
	trusted []netip.Prefix
	header  string // HeaderXForwardedFor or HeaderForwarded
}

// newClientResolver checks the header name; with no trusted proxies it
// returns nil, which resolves every request to its connection's address.
func newClientResolver(trusted []netip.Prefix, header string) (*clientResolver, error) {
	switch {
	case header == "", strings.EqualFold(header, HeaderXForwardedFor):
		header = HeaderXForwardedFor
	case strings.EqualFold(header, HeaderForwarded):
		header = HeaderForwarded
	default:
		return nil, fmt.Errorf("proxy header %q: want %s or %s", header, HeaderXForwardedFor, HeaderForwarded)
	}
	if len(trusted) == 0 {
		return nil, nil
	}
	ps := make([]netip.Prefix, len(trusted))
	for i, p := range trusted {
		ps[i] = p.Masked()
	}
	return &clientResolver{trusted: ps, header: header}, nil
}

// isTrusted reports whether a is one of the trusted proxies.
func (c *clientResolver) isTrusted(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	for _, p := range c.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// resolve returns the reader's address: an IP address as text, or the
// connection's host when that is not an IP (a Unix socket, a test's pipe).
func (c *clientResolver) resolve(r *http.Request) string {
	host := r.RemoteAddr
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if c == nil {
		return host
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !c.isTrusted(addr) {
		return host
	}
	hops := c.hops(r.Header)
	// The nearest hop that vouched for the next one; the connection's
	// address to start with.
	nearest := addr
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			// A trusted proxy wrote what is not an address ("unknown", an
			// obfuscated name): the reader cannot be told apart from the
			// others it forwards, so they share that proxy's address.
			return nearest.String()
		}
		if !c.isTrusted(a) {
			return a.String()
		}
		nearest = a
	}
	return nearest.String()
}

// hops lists the addresses of the configured header, all its lines in
// order, leftmost (farthest) first.
func (c *clientResolver) hops(h http.Header) []string {
	var hops []string
	for _, line := range h.Values(c.header) {
		for elem := range strings.SplitSeq(line, ",") {
			elem = strings.TrimSpace(elem)
			if c.header == HeaderForwarded {
				elem = forwardedFor(elem)
			}
			hops = append(hops, elem)
		}
	}
	return hops
}

// forwardedFor returns the for= value of one Forwarded element, such as
// `for="[2001:db8::1]:4711";proto=https`, unquoted; empty without one.
// Quoted strings holding commas or semicolons are not valid addresses
// anyway, so splitting on them first is safe.
func forwardedFor(elem string) string {
	for pair := range strings.SplitSeq(elem, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "for") {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

// parseHop reads an address as proxies write it: 192.0.2.1, 2001:db8::1,
// with a port (192.0.2.1:4711, [2001:db8::1]:4711), or bracketed.
func parseHop(s string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil {
			return a.Unmap().WithZone(""), true
		}
	}
	return netip.Addr{}, false
}

// ParsePrefixes reads a list of proxies as --trusted-proxies takes it:
// CIDR prefixes or single addresses, separated by commas or spaces.
func ParsePrefixes(list string) ([]netip.Prefix, error) {
	var ps []netip.Prefix
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			ps = append(ps, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither a CIDR prefix (10.0.0.0/8) nor an IP address", f)
		}
		a = a.Unmap().WithZone("")
		ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
	}
	return ps, nil
}

// clientAddrKey is the context key of the reader's address.
type clientAddrKey struct{}

// withClient records the reader's address in the request's context, for
// the rate limiter and the log's pseudonym.
func withClient(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// clientAddress returns the reader's address recorded by the request log
// middleware, or the connection's host when there is none.
func clientAddress(r *http.Request) string {
	if a, ok := r.Context().Value(clientAddrKey{}).(string); ok {
		return a
	}
	return (*clientResolver)(nil).resolve(r)
}

// forwardingHeaders are the headers a proxy adds; a request that carries
// one came through a proxy, whatever its connection's address.
var forwardingHeaders = []string{HeaderForwarded, HeaderXForwardedFor, "X-Real-Ip"}

// isLocal reports whether the reader is on this machine: its address is a
// loopback one and it did not come through a proxy (a proxy on this host
// forwards readers from anywhere).
func isLocal(r *http.Request) bool {
	for _, h := range forwardingHeaders {
		if _, ok := r.Header[h]; ok {
			return false
		}
	}
	a, err := netip.ParseAddr(clientAddress(r))
	return err == nil && a.IsLoopback()
}
