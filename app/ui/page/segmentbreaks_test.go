package page

import "testing"

// TestDropUnwrittenSpaces: the spaces beside a full-width mark go, through
// the tags of text (span, a), and no others: not those between other
// words, not those within a tag, not those in <pre>, not those between two
// boxes (labels, paragraphs).
func TestDropUnwrittenSpaces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<p>\n<span>時刻と所要時間：</span>\n<span><a href=\"x\">例示出版</a></span>\n</p>",
			"<p>\n<span>時刻と所要時間：</span><span><a href=\"x\">例示出版</a></span>\n</p>"},
		{"<p>\n遅れた。 \n<span>出典：</span>\n<span>例示</span>\n</p>",
			"<p>\n遅れた。<span>出典：</span><span>例示</span>\n</p>"},
		{"<span>旅日記</span> \n<span>（2025/04/10）</span>", "<span>旅日記</span><span>（2025/04/10）</span>"},
		{"<p>\nTurnbull. \n<span>Source: </span>\n<span>Breitbart</span>\n</p>",
			"<p>\nTurnbull. \n<span>Source: </span>\n<span>Breitbart</span>\n</p>"},
		{"<span>東京</span>\n<span>大阪</span>", "<span>東京</span>\n<span>大阪</span>"},
		{"<a title=\"出典： 例示\" class=\"a b\">x</a>", "<a title=\"出典： 例示\" class=\"a b\">x</a>"},
		{"<p>。\n<a title=\"a > b\" href=\"y\">例</a></p>", "<p>。<a title=\"a > b\" href=\"y\">例</a></p>"},
		{"<pre><code>出典：\n例示</code></pre>\n<p>出典：\n例示</p>", "<pre><code>出典：\n例示</code></pre>\n<p>出典：例示</p>"},
		{"。\n<pre>x</pre>", "。\n<pre>x</pre>"},
		{"<label><span>表示（小）</span></label>\n<label><span>クイズ</span></label>",
			"<label><span>表示（小）</span></label>\n<label><span>クイズ</span></label>"},
		{"<p>表示。</p>\n<p>クイズ</p>", "<p>表示。</p>\n<p>クイズ</p>"},
		{"<div><p>表示。</p>\nクイズ</div>", "<div><p>表示。</p>\nクイズ</div>"},
		{"<span>表示（小）</span>\n<label>クイズ</label>", "<span>表示（小）</span>\n<label>クイズ</label>"},
		{"<li><span>遅れた。 </span>\n<span class=\"fc-badge\">記事</span></li>", "<li><span>遅れた。</span><span class=\"fc-badge\">記事</span></li>"},
		{"\n。\n", "\n。\n"},
	} {
		if got := string(dropUnwrittenSpaces([]byte(c.in))); got != c.want {
			t.Errorf("dropUnwrittenSpaces(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
