package pagetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// TestMapNameAndDescription: a screen reader names the map by its title
// and describes it by its summary, each once: the description is not
// read again as part of the name.
// Fails with the map labelled by its title and its description together.
func TestMapNameAndDescription(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(`.fc-map svg[role="img"]`)))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("no map image: %v", err)
	}
	tree, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{BackendNodeID: nodes[0].BackendNodeID})
	if err != nil || len(tree.Nodes) == 0 {
		t.Fatalf("the map is not in the accessibility tree: %v", err)
	}
	text := func(v *accessibility.Value) string {
		if v == nil {
			return ""
		}
		return strings.Trim(string(v.Value), `"`)
	}
	n := tree.Nodes[0]
	name, desc := text(n.Name), text(n.Description)
	title := eval[string](tb, `document.querySelector('.fc-map svg > title').textContent`)
	summary := eval[string](tb, `document.querySelector('.fc-map svg > desc').textContent`)
	if name != title {
		t.Errorf("the map's name is %q, want its title %q", name, title)
	}
	if desc != summary {
		t.Errorf("the map's description is %q, want its summary %q", desc, summary)
	}
}
