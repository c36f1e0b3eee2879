package server

import "net/http"

// routeTable is a ServeMux that keeps its patterns, in the order they were
// registered, so that Server.Routes can list what the server really answers
// (the documentation is checked against that list).
type routeTable struct {
	*http.ServeMux
	patterns []string
}

func newRouteTable() *routeTable {
	return &routeTable{ServeMux: http.NewServeMux()}
}

// Handle registers h for pattern, as http.ServeMux.Handle does.
func (t *routeTable) Handle(pattern string, h http.Handler) {
	t.ServeMux.Handle(pattern, h)
	t.patterns = append(t.patterns, pattern)
}

// Routes lists the patterns the server answers, as net/http's ServeMux
// writes them and as the request log and the metrics name each request's
// route (e.g. "GET /{$}", "POST /api/answers", "/" for anything else): the
// public listener's, the answers API's (when the server has a store), then
// those of the metrics listener (--metrics-addr) that the public one does
// not already list. A story's routes are at the root, or, with several
// stories, under /{story}/.
func (s *Server) Routes() []string {
	s.srv.updating.Lock() // siteRoutes is set by the first story's update
	defer s.srv.updating.Unlock()
	var out []string
	seen := map[string]bool{}
	for _, list := range [][]string{s.srv.publicRoutes, s.srv.siteRoutes, s.srv.adminRoutesList} {
		for _, p := range list {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
