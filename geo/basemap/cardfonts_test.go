package basemap

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/opentype"
)

// A card in Japanese or Russian is set in letters, not in the boxes a font
// draws for the letters it lacks: the Go fonts set Cyrillic, M+ 1 kana and
// kanji, in each of the card's weights (break it: drop the fallback in
// newFace, and 日 has no glyph).
func TestCardSetsJapaneseAndCyrillic(t *testing.T) {
	if err := loadCardFonts(); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]*opentype.Font{"bold": cardFonts.bold, "medium": cardFonts.medium, "normal": cardFonts.normal} {
		face := newFace(f, 20)
		for _, r := range "日本語のカードЖжé" {
			if _, ok := face.GlyphAdvance(r); !ok {
				t.Errorf("%s: no glyph for %q", name, r)
			}
		}
	}
	// A Japanese title, without spaces, breaks between letters.
	face := newFace(cardFonts.bold, 40)
	title := "トランプ大統領と世界の首脳との五回の電話"
	lines := wrapInTwoLines(face, title, 600)
	if len(lines) != 2 || strings.Join(lines, "") != title {
		t.Errorf("Japanese title set as %q, want two lines of it whole", lines)
	}
	// A Japanese caption with spaces, where no break between its words
	// fits, breaks between letters as well: two lines of it whole.
	caption := "区間 2/5：新大阪〜博多、株式会社東海道新幹線運行管理部の山田太郎さん（JST）"
	face = newFace(cardFonts.medium, 30)
	lines = wrapInTwoLines(face, caption, 600)
	unspaced := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	if len(lines) != 2 || unspaced(strings.Join(lines, "")) != unspaced(caption) {
		t.Errorf("Japanese caption set as %q, want two lines of it whole", lines)
	}
	for _, l := range lines {
		if w := advance(face, l); w > 600 {
			t.Errorf("caption line %q is %.0f px wide, over 600", l, w)
		}
	}
	// Where it may break: around each wide letter and space, not inside a
	// run of others.
	if got, want := strings.Join(letters("区間 2/5：大阪（JST）"), "|"), "区|間| |2/5|：|大|阪|（|JST|）"; got != want {
		t.Errorf("letters: %s, want %s", got, want)
	}
	// A Japanese card draws its title: ink where the title goes.
	s := cardSpec(CardWidth, "tokyo")
	img, _ := mustDrawCard(t, s, CardText{Title: "五回の電話", Caption: "東京 23:05", Credit: "地図：Natural Earth"})
	plain, _ := mustDrawCard(t, s, CardText{})
	if n := differingPixels(img, plain); n < 500 {
		t.Errorf("the Japanese title left ink on %d pixels, want 500 or more", n)
	}
}

// The embedded fonts are the ones fonts/OFL.txt names, checksums and all.
func TestCardFontsAreTheOnesNamed(t *testing.T) {
	notice, err := os.ReadFile("fonts/OFL.txt")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"Mplus1-Bold.otf": mplusBold, "Mplus1-Regular.otf": mplusRegular} {
		sum := sha256.Sum256(b)
		if !strings.Contains(string(notice), "sha256 "+hex.EncodeToString(sum[:])+"  "+name) {
			t.Errorf("%s's checksum is not the one fonts/OFL.txt names", name)
		}
	}
	if !strings.Contains(string(notice), "SIL Open Font License") {
		t.Error("fonts/OFL.txt lacks the licence")
	}
}

func differingPixels(a, b *image.RGBA) int {
	n := 0
	for i := 0; i+3 < len(a.Pix) && i+3 < len(b.Pix); i += 4 {
		if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
			n++
		}
	}
	return n
}
