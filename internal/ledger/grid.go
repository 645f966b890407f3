package ledger

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// grid is one worksheet as the readers hand it to the parser: cell text by
// row and column (0-based), and the merged areas. Both the .xls and the .xlsx
// reader produce it, so the parser never knows which format it reads.
type grid struct {
	name   string
	cells  [][]string // cells[r][c]; rows may be shorter than others
	merges []area
	size   int  // cells allocated, against maxCells
	tooBig bool // a write went past maxCells and was dropped
}

// maxCells bounds one sheet in memory. A ledger of 10,000 projects has
// half a million cells; a hostile file with a cell in the last column of
// every row must not take gigabytes.
const maxCells = 4 << 20

var errTooBig = errors.New("sheet too large (more than 4 million cells)")

// area is a merged range, inclusive, 0-based.
type area struct{ r0, c0, r1, c1 int }

// at returns the text of a cell, "" outside the sheet.
func (g *grid) at(r, c int) string {
	if r < 0 || r >= len(g.cells) || c < 0 || c >= len(g.cells[r]) {
		return ""
	}
	return g.cells[r][c]
}

// set stores a value, growing the grid; readers call it in any order.
func (g *grid) set(r, c int, v string) {
	if r < len(g.cells) && c < len(g.cells[r]) {
		g.cells[r][c] = v
		return
	}
	have := 0
	if r < len(g.cells) {
		have = len(g.cells[r])
	}
	if g.size += max(0, r+1-len(g.cells)) + c + 1 - have; g.size > maxCells {
		g.tooBig = true
		return
	}
	for len(g.cells) <= r {
		g.cells = append(g.cells, nil)
	}
	row := append(g.cells[r], make([]string, c+1-have)...)
	row[c] = v
	g.cells[r] = row
}

// width is the number of columns of the widest row.
func (g *grid) width() int {
	w := 0
	for _, row := range g.cells {
		w = max(w, len(row))
	}
	return w
}

// mergedAt returns the value shown at (r, c): the top-left value of the merge
// that covers the cell, or the cell itself. Used for header rows only: data
// rows read merged cells once, so that amounts are not counted twice.
func (g *grid) mergedAt(r, c int) string {
	for _, m := range g.merges {
		if r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 {
			return g.at(m.r0, m.c0)
		}
	}
	return g.at(r, c)
}

// blankRow reports whether a row holds nothing but spaces.
func (g *grid) blankRow(r int) bool {
	if r < 0 || r >= len(g.cells) {
		return true
	}
	for _, v := range g.cells[r] {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// numberText renders a stored number the way Excel shows it in a General
// cell: at most 15 significant digits, never in exponent form, never as a
// date. Binary noise such as 0.30000000000000004 becomes 0.3, as in Excel.
func numberText(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "#NUM!"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	s := strconv.FormatFloat(f, 'e', 14, 64) // d.dddddddddddddde±XX
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	if digits == "" {
		return "0"
	}
	point := exp + 1 // digits before the decimal point
	var out string
	switch {
	case point <= 0:
		out = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		out = digits + strings.Repeat("0", point-len(digits))
	default:
		out = digits[:point] + "." + digits[point:]
	}
	if neg {
		out = "-" + out
	}
	return out
}

// squeeze removes all white space; header matching and section labels
// ignore the spaces offices type to align text ("合  计").
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// collapse trims and turns each run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u3000'
	}), " ")
}

// halfWidth maps full-width digits, letters and punctuation that appear in
// numbers and labels to ASCII, so "１２３．５" and "（一）" parse like "123.5"
// and "(一)".
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - '０' + '0'
		}
		switch r {
		case '（':
			return '('
		case '）':
			return ')'
		case '．':
			return '.'
		case '，':
			return ','
		case '：':
			return ':'
		case '－', '—', '–', '~', '～', '―':
			return '-'
		case '＋':
			return '+'
		case '／':
			return '/'
		case '％':
			return '%'
		case '\u3000':
			return ' '
		}
		return r
	}, s)
}
