package e2e

import "encoding/json"

// traceEvent is what the benchmarks read of a Chrome trace's event: a
// task (ThreadControllerImpl::RunTask), an event dispatched to the page
// (EventDispatch, its type), a restyle (UpdateLayoutTree, the elements it
// styled), an element's style invalidated (its node's name), a thread's
// name, a navigation's commit (a mojo message).
type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
	Ts   float64 `json:"ts"`
	Dur  float64 `json:"dur"`
	TDur float64 `json:"tdur"`
	Args struct {
		Name     string `json:"name"`
		Elements int    `json:"elementCount"`
		Data     struct {
			Type     string `json:"type"`
			NodeName string `json:"nodeName"`
		} `json:"data"`
		Mojo struct {
			Interface string `json:"mojo_interface_tag"`
		} `json:"chrome_mojo_event_info"`
	} `json:"args"`
}

// rendererMainThreads are the events of each renderer's main thread in a
// trace's events (JSON objects), a list for each thread in the order
// recorded. A page and the page before it may have a renderer each.
func rendererMainThreads(events [][]byte) [][]traceEvent {
	type thread struct{ pid, tid int }
	mains := map[thread]bool{}
	byThread := map[thread][]traceEvent{}
	for _, raw := range events {
		var ev traceEvent
		if json.Unmarshal(raw, &ev) != nil {
			continue
		}
		th := thread{ev.Pid, ev.Tid}
		if ev.Ph == "M" && ev.Name == "thread_name" && ev.Args.Name == "CrRendererMain" {
			mains[th] = true
		}
		byThread[th] = append(byThread[th], ev)
	}
	var out [][]traceEvent
	for th := range mains {
		out = append(out, byThread[th])
	}
	return out
}
