package pagetest

import (
	"strings"
	"testing"
)

// TestEarlyWidthMessage: a pym parent may announce its width while the
// embed is still in its head, before there is a body to measure; page.js
// answers once the page is parsed, and throws nothing meanwhile. (An
// iframe stands in for the parent: window.parent is replaceable.)
// Fails with the height read before the body exists ("Cannot read
// properties of null").
func TestEarlyWidthMessage(t *testing.T) {
	tb := newTab(t)
	tb.beforeScripts(`window.__errors = [];
		window.__heights = [];
		addEventListener("error", e => window.__errors.push(String(e.message)));
		let parent = null;
		const add = EventTarget.prototype.addEventListener;
		window.addEventListener = function (type, ...rest) {
			add.call(this, type, ...rest);
			if (!document.currentScript) return;
			if (!parent) { // page.js's first listener: its top level has begun
				const frame = document.createElement("iframe");
				document.documentElement.appendChild(frame);
				parent = frame.contentWindow;
				parent.addEventListener("message", e => { if (typeof e.data === "string") window.__heights.push(e.data); });
				window.parent = parent;
			}
			if (type !== "message") return;
			// Right after page.js's top level, still in the head.
			queueMicrotask(() => {
				window.__bodyThen = String(document.body);
				dispatchEvent(new MessageEvent("message", {data: "pymxPYMxfivecallsxPYMxwidthxPYMx360", source: parent}));
			});
		};`)
	tb.open("/embed")
	tb.waitFor(`window.__heights.length > 0`)
	if got := eval[string](tb, `window.__bodyThen`); got != "null" {
		t.Fatalf("the width message came with a body (%s): the test no longer sends it early", got)
	}
	if errs := eval[[]string](tb, `window.__errors`); len(errs) > 0 {
		t.Errorf("page.js threw: %q", errs)
	}
	heights := eval[[]string](tb, `window.__heights`)
	if !strings.HasPrefix(heights[0], "pymxPYMxfivecallsxPYMxheightxPYMx") || strings.HasSuffix(heights[0], "xPYMx0") {
		t.Errorf("the first height sent: %q", heights[0])
	}
}
