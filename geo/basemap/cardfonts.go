package basemap

import (
	_ "embed"
	"image"
	"slices"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// The M+ 1 fonts, for the letters the Go fonts do not have: Japanese kana
// and kanji (the Go fonts cover Latin, Greek and Cyrillic). Their licence,
// source and checksums are in fonts/OFL.txt; together they add about 3.2 MB
// to the binary, which is what a card in Japanese costs.
var (
	//go:embed fonts/Mplus1-Bold.otf
	mplusBold []byte
	//go:embed fonts/Mplus1-Regular.otf
	mplusRegular []byte
)

// fallbackFace sets each letter in the first of its faces that has it: the
// Go font of the card's weight, then M+ 1. Its metrics are the first's.
type fallbackFace []font.Face

// pick is the face that has r, or the first when none has.
func (f fallbackFace) pick(r rune) font.Face {
	for _, face := range f {
		if _, ok := face.GlyphAdvance(r); ok {
			return face
		}
	}
	return f[0]
}

func (f fallbackFace) Close() error {
	for _, face := range f {
		face.Close()
	}
	return nil
}

func (f fallbackFace) Glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask image.Image, maskp image.Point, advance fixed.Int26_6, ok bool) {
	return f.pick(r).Glyph(dot, r)
}

func (f fallbackFace) GlyphBounds(r rune) (bounds fixed.Rectangle26_6, advance fixed.Int26_6, ok bool) {
	return f.pick(r).GlyphBounds(r)
}

func (f fallbackFace) GlyphAdvance(r rune) (advance fixed.Int26_6, ok bool) {
	return f.pick(r).GlyphAdvance(r)
}

// Kern kerns two letters of one face; none between faces.
func (f fallbackFace) Kern(r0, r1 rune) fixed.Int26_6 {
	if a, b := f.pick(r0), f.pick(r1); a == b {
		return a.Kern(r0, r1)
	}
	return 0
}

func (f fallbackFace) Metrics() font.Metrics { return f[0].Metrics() }

// CardLacks lists the letters of text that no font of the card has, in
// any of its weights, each once: a card would draw them as empty boxes.
// Format characters (a word joiner) are not drawn (drawable), so never
// lacking.
// The server checks its captions in each language with it.
func CardLacks(text string) ([]rune, error) {
	if err := loadCardFonts(); err != nil {
		return nil, err
	}
	var lacks []rune
	faces := []font.Face{newFace(cardFonts.bold, 12), newFace(cardFonts.medium, 12), newFace(cardFonts.normal, 12)}
	for _, r := range text {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || slices.Contains(lacks, r) {
			continue
		}
		for _, f := range faces {
			if _, ok := f.GlyphAdvance(r); !ok {
				lacks = append(lacks, r)
				break
			}
		}
	}
	return lacks, nil
}
