package ledger

import (
	"encoding/binary"
	"math"
	"testing"
	"unicode/utf16"
)

// biff builds BIFF8 streams for tests: records, shared strings split over
// CONTINUE records, and cell records, so the .xls reader is tested without
// the real files.
type biff []byte

func (b *biff) rec(typ uint16, data ...[]byte) {
	var body []byte
	for _, d := range data {
		body = append(body, d...)
	}
	*b = binary.LittleEndian.AppendUint16(*b, typ)
	*b = binary.LittleEndian.AppendUint16(*b, uint16(len(body)))
	*b = append(*b, body...)
}

func u16(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func u32(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

func bof(dt int) []byte { return append(append(u16(0x0600), u16(dt)...), make([]byte, 12)...) }

// testBIFF is a workbook with one sheet "台账": a header row from shared
// strings (one of them split across a CONTINUE record), numbers as NUMBER,
// RK and MULRK records, a 合计 row of formulas (a number and a text result),
// an embedded chart substream and a merged range after it.
func testBIFF() []byte {
	var wb biff
	wb.rec(recBOF, bof(0x0005))
	bsAt := len(wb) + 4
	wb.rec(recBoundSheet, u32(0), []byte{0, 0, 2, 1}, utf16le("台账"))
	// SST: "序号", "项目名称" split after two characters, then "total".
	wb.rec(recSST, u32(3), u32(3), u16(2), []byte{1}, utf16le("序号"), u16(4), []byte{1}, utf16le("项目"))
	wb.rec(recContinue, []byte{1}, utf16le("名称"), u16(5), []byte{0}, []byte("total"))
	wb.rec(recEOF)
	binary.LittleEndian.PutUint32(wb[bsAt:], uint32(len(wb)))
	wb.rec(recBOF, bof(0x0010))
	wb.rec(recLabelSST, u16(0), u16(0), u16(15), u32(0))
	wb.rec(recLabelSST, u16(0), u16(1), u16(15), u32(1))
	wb.rec(recLabel, u16(0), u16(2), u16(15), u16(7), []byte{1}, utf16le("总投资（万元）"))
	wb.rec(recNumber, u16(1), u16(0), u16(15), binary.LittleEndian.AppendUint64(nil, math.Float64bits(1)))
	wb.rec(recLabel, u16(1), u16(1), u16(15), u16(3), []byte{1}, utf16le("甲项目"))
	wb.rec(recRK, u16(1), u16(2), u16(15), u32(1378400<<2|2))
	wb.rec(recMulRK, u16(2), u16(0), u16(15), u32(2<<2|2), u16(15), u32(0x40290000), u16(15), u32(1234567<<2|3), u16(2))
	wb.rec(recFormula, u16(3), u16(1), u16(15), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 8))
	wb.rec(0x04BC, make([]byte, 10)) // SHRFMLA sits between a FORMULA and its STRING
	wb.rec(recString, u16(2), []byte{1}, utf16le("合计"))
	wb.rec(recFormula, u16(3), u16(2), u16(15), binary.LittleEndian.AppendUint64(nil, math.Float64bits(1390745.67)), make([]byte, 8))
	wb.rec(recBOF, bof(0x0020)) // an embedded chart, with its own EOF
	wb.rec(recLabelSST, u16(9), u16(9), u16(15), u32(2))
	wb.rec(recEOF)
	wb.rec(recMerged, u16(1), u16(4), u16(5), u16(0), u16(1))
	wb.rec(recEOF)
	return wb
}

func TestParseBIFF(t *testing.T) {
	grids, err := parseBIFF(testBIFF())
	if err != nil || len(grids) != 1 {
		t.Fatalf("%v, %d grids", err, len(grids))
	}
	g := grids[0]
	want := map[[2]int]string{
		{0, 0}: "序号", {0, 1}: "项目名称", {0, 2}: "总投资（万元）",
		{1, 0}: "1", {1, 1}: "甲项目", {1, 2}: "1378400", // RK integer
		{2, 0}: "2", {2, 1}: "12.5", {2, 2}: "12345.67", // MULRK: integer, float, integer/100
		{3, 1}: "合计", {3, 2}: "1390745.67", // formula results
	}
	for at, v := range want {
		if got := g.at(at[0], at[1]); got != v {
			t.Errorf("cell %v = %q, want %q", at, got, v)
		}
	}
	if g.at(9, 9) != "" {
		t.Errorf("a cell of the chart substream was read")
	}
	if g.name != "台账" || len(g.merges) != 1 || g.merges[0] != (area{4, 0, 5, 1}) {
		t.Errorf("name %q merges %v", g.name, g.merges)
	}
}

// TestParseBIFFTruncated: every prefix of a stream parses without panic.
func TestParseBIFFTruncated(t *testing.T) {
	b := testBIFF()
	for n := range b {
		_, _ = parseBIFF(b[:n])
	}
}
