// Package pinyin gives the pinyin initials of Chinese text, so that a clerk
// can find 城关镇污水处理厂 by typing "cgz". It relies on a published
// property of GB2312: its 3,755 level-1 characters are ordered by pinyin,
// so the first letter follows from the code's range. Rarer characters
// (level 2, ordered by radical) have no initial here and are skipped.
package pinyin

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// starts are the first GB2312 codes of each initial (I, U and V start no
// syllable in Mandarin).
var starts = []struct {
	code   uint16
	letter byte
}{
	{0xB0A1, 'a'}, {0xB0C5, 'b'}, {0xB2C1, 'c'}, {0xB4EE, 'd'}, {0xB6EA, 'e'}, {0xB7A2, 'f'},
	{0xB8C1, 'g'}, {0xB9FE, 'h'}, {0xBBF7, 'j'}, {0xBFA6, 'k'}, {0xC0AC, 'l'}, {0xC2E8, 'm'},
	{0xC4C3, 'n'}, {0xC5B6, 'o'}, {0xC5BE, 'p'}, {0xC6DA, 'q'}, {0xC8BB, 'r'}, {0xC8F6, 's'},
	{0xCBFA, 't'}, {0xCDDA, 'w'}, {0xCEF4, 'x'}, {0xD1B9, 'y'}, {0xD4D1, 'z'},
}

const level1End = 0xD7F9

// Initials returns the lower-case initials of the Chinese characters in s,
// with ASCII letters and digits kept as they are.
func Initials(s string) string {
	enc := simplifiedchinese.GBK.NewEncoder()
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			gb, err := enc.Bytes([]byte(string(r)))
			if err != nil || len(gb) != 2 {
				continue
			}
			if c := initial(uint16(gb[0])<<8 | uint16(gb[1])); c != 0 {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

func initial(code uint16) byte {
	if code < starts[0].code || code > level1End {
		return 0
	}
	letter := starts[0].letter
	for _, s := range starts {
		if code < s.code {
			break
		}
		letter = s.letter
	}
	return letter
}
