package ledger

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// This file reads legacy Excel 97-2003 workbooks (BIFF8 inside an OLE2
// container). We read the records ourselves rather than take a third-party
// .xls package: the two pure-Go ones on the module proxy misread these
// ledgers (extrame/xls shows amounts with a custom number format as dates,
// drops formula results and panics on empty sheets; shakinm/xlsReader drops
// every formula cell, so 合计 rows come out empty) and neither reports merged
// cells, which two-row headers need. The OLE2 container is parsed by mscfb,
// which excelize already depends on.

// BIFF8 record types we read; everything else is skipped.
const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recRString    = 0x00D6
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recFormula    = 0x0006
	recString     = 0x0207
	recBoolErr    = 0x0205
	recMerged     = 0x00E5
	recFilePass   = 0x002F
)

// maxStream bounds what we read of a workbook stream: ledgers are a few
// hundred kilobytes; a corrupt size field must not allocate gigabytes.
const maxStream = 64 << 20

var errNotBIFF8 = errors.New("not an Excel 97-2003 (BIFF8) workbook")

// readXLS parses an OLE2 .xls file into grids, one per worksheet. A panic in
// the container reader (third-party code fed a hostile file) becomes an
// error; the record parser below is bounds-checked and must not panic.
func readXLS(r io.ReaderAt, size int64) (grids []*grid, err error) {
	stream, err := workbookStream(r, size)
	if err != nil {
		return nil, err
	}
	return parseBIFF(stream)
}

func workbookStream(r io.ReaderAt, size int64) (b []byte, err error) {
	if err := checkOLEHeader(r, size); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("corrupt OLE2 container: %v", p)
		}
	}()
	doc, err := mscfb.New(r)
	if err != nil {
		return nil, err
	}
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "Workbook":
			return io.ReadAll(io.LimitReader(entry, maxStream))
		case "Book":
			return nil, fmt.Errorf("Excel 5.0/95 workbook: %w", errNotBIFF8)
		}
	}
	return nil, errors.New("no Workbook stream in the OLE2 file")
}

// checkOLEHeader bounds the sector counts of an OLE2 header by the file's
// size before mscfb sees them: mscfb sizes slices from them, and a forged
// count made it reserve gigabytes (found by FuzzRead).
func checkOLEHeader(r io.ReaderAt, size int64) error {
	h := make([]byte, 76)
	if _, err := r.ReadAt(h, 0); err != nil {
		return fmt.Errorf("OLE2 header: %w", err)
	}
	shift := binary.LittleEndian.Uint16(h[30:])
	if shift != 9 && shift != 12 {
		return errors.New("OLE2 header: bad sector size")
	}
	sectors := uint32(size>>shift) + 1
	for _, off := range []int{40, 44, 64, 72} { // directory, FAT, mini FAT, DIFAT sector counts
		if binary.LittleEndian.Uint32(h[off:]) > sectors {
			return errors.New("OLE2 header: sector count larger than the file")
		}
	}
	return nil
}

// record is one BIFF record: its type and its data with any CONTINUE
// records kept apart, because strings restart their flags at each one.
type record struct {
	typ   uint16
	data  []byte
	conts [][]byte
}

// records splits a stream into records, joining CONTINUE records to the
// record they continue.
func records(b []byte) []record {
	var out []record
	for len(b) >= 4 {
		typ := binary.LittleEndian.Uint16(b)
		n := int(binary.LittleEndian.Uint16(b[2:]))
		if 4+n > len(b) {
			break
		}
		data := b[4 : 4+n]
		b = b[4+n:]
		if typ == recContinue && len(out) > 0 {
			last := &out[len(out)-1]
			last.conts = append(last.conts, data)
			continue
		}
		out = append(out, record{typ: typ, data: data})
	}
	return out
}

type boundSheet struct {
	name string
	pos  int
	kind byte // 0 worksheet, 2 chart, 6 VB module
}

func parseBIFF(stream []byte) ([]*grid, error) {
	recs := records(stream)
	if len(recs) == 0 || recs[0].typ != recBOF || len(recs[0].data) < 4 {
		return nil, errNotBIFF8
	}
	if v := binary.LittleEndian.Uint16(recs[0].data); v != 0x0600 {
		return nil, fmt.Errorf("BIFF version %#x: %w", v, errNotBIFF8)
	}
	var sheets []boundSheet
	var sst []string
	for _, rec := range recs[1:] {
		switch rec.typ {
		case recFilePass:
			return nil, errors.New("the workbook is password-protected")
		case recBoundSheet:
			if bs, ok := parseBoundSheet(rec.data); ok {
				sheets = append(sheets, bs)
			}
		case recSST:
			sst = parseSST(rec)
		}
		if rec.typ == recEOF {
			break
		}
	}
	var grids []*grid
	for _, bs := range sheets {
		if bs.kind != 0 || bs.pos < 0 || bs.pos >= len(stream) {
			continue
		}
		g := &grid{name: bs.name}
		readSheet(g, records(stream[bs.pos:]), sst)
		if g.tooBig {
			return nil, errTooBig
		}
		grids = append(grids, g)
	}
	return grids, nil
}

func parseBoundSheet(d []byte) (boundSheet, bool) {
	if len(d) < 8 {
		return boundSheet{}, false
	}
	bs := boundSheet{pos: int(binary.LittleEndian.Uint32(d)), kind: d[5]}
	cch := int(d[6])
	s, _ := unicodeChars(d[7:], cch)
	bs.name = s
	return bs, true
}

// readSheet fills g from the records of one worksheet substream.
func readSheet(g *grid, recs []record, sst []string) {
	if len(recs) == 0 || recs[0].typ != recBOF {
		return
	}
	pendingString := -1 // row*256+col of a FORMULA whose text follows in STRING
	depth := 0          // embedded chart substreams have their own BOF/EOF
	for _, rec := range recs[1:] {
		d := rec.data
		switch {
		case rec.typ == recBOF:
			depth++
		case rec.typ == recEOF && depth == 0:
			return
		case rec.typ == recEOF:
			depth--
		}
		if depth > 0 {
			continue
		}
		if cellRecord[rec.typ] {
			pendingString = -1 // a STRING belongs to the FORMULA just before it
		}
		switch rec.typ {
		case recLabelSST:
			if r, c, ok := rowCol(d, 10); ok {
				if i := int(binary.LittleEndian.Uint32(d[6:])); i < len(sst) {
					g.set(r, c, sst[i])
				}
			}
		case recLabel, recRString:
			if r, c, ok := rowCol(d, 9); ok {
				s, _ := xlString(d[6:], 2)
				g.set(r, c, s)
			}
		case recNumber:
			if r, c, ok := rowCol(d, 14); ok {
				g.set(r, c, numberText(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))))
			}
		case recRK:
			if r, c, ok := rowCol(d, 10); ok {
				g.set(r, c, numberText(rkValue(binary.LittleEndian.Uint32(d[6:]))))
			}
		case recMulRK:
			readMulRK(g, d)
		case recBoolErr:
			if r, c, ok := rowCol(d, 8); ok {
				g.set(r, c, boolErrText(d[6], d[7]))
			}
		case recFormula:
			pendingString = readFormula(g, d)
		case recString:
			if pendingString >= 0 {
				s, _ := xlString(d, 2)
				g.set(pendingString/256, pendingString%256, s)
			}
			pendingString = -1
		case recMerged:
			readMerged(g, d)
		}
	}
}

// cellRecord lists the records that hold a cell; shared-formula and array
// records may sit between a FORMULA and its STRING, these may not.
var cellRecord = map[uint16]bool{
	recLabelSST: true, recLabel: true, recRString: true, recNumber: true, recRK: true,
	recMulRK: true, recBoolErr: true, recFormula: true, 0x0201: true, 0x00BE: true, // BLANK, MULBLANK
}

// rowCol reads the row and column that start most cell records, after
// checking that the record has at least n bytes.
func rowCol(d []byte, n int) (int, int, bool) {
	if len(d) < n {
		return 0, 0, false
	}
	r := int(binary.LittleEndian.Uint16(d))
	c := int(binary.LittleEndian.Uint16(d[2:]))
	return r, c, c < 256
}

func readMulRK(g *grid, d []byte) {
	r, c, ok := rowCol(d, 6)
	if !ok {
		return
	}
	for p := 4; p+6 <= len(d)-2 && c < 256; p, c = p+6, c+1 {
		g.set(r, c, numberText(rkValue(binary.LittleEndian.Uint32(d[p+2:]))))
	}
}

// readFormula stores a formula's cached result, which is what Excel showed
// when the file was saved. A text result follows in a STRING record; the
// returned position says where to put it (-1: none).
func readFormula(g *grid, d []byte) int {
	r, c, ok := rowCol(d, 14)
	if !ok {
		return -1
	}
	res := d[6:14]
	if res[6] != 0xFF || res[7] != 0xFF {
		g.set(r, c, numberText(math.Float64frombits(binary.LittleEndian.Uint64(res))))
		return -1
	}
	switch res[0] {
	case 0: // text, in the next STRING record
		return r*256 + c
	case 1:
		g.set(r, c, boolErrText(res[2], 0))
	case 2:
		g.set(r, c, boolErrText(res[2], 1))
	}
	return -1
}

func readMerged(g *grid, d []byte) {
	if len(d) < 2 {
		return
	}
	n := int(binary.LittleEndian.Uint16(d))
	for i, p := 0, 2; i < n && p+8 <= len(d); i, p = i+1, p+8 {
		a := area{
			r0: int(binary.LittleEndian.Uint16(d[p:])),
			r1: int(binary.LittleEndian.Uint16(d[p+2:])),
			c0: int(binary.LittleEndian.Uint16(d[p+4:])),
			c1: int(binary.LittleEndian.Uint16(d[p+6:])),
		}
		if a.r0 <= a.r1 && a.c0 <= a.c1 {
			g.merges = append(g.merges, a)
		}
	}
}

// rkValue decodes Excel's compressed RK number.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

func boolErrText(v, isErr byte) string {
	if isErr == 0 {
		if v != 0 {
			return "TRUE"
		}
		return "FALSE"
	}
	switch v {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	}
	return "#N/A"
}

// unicodeChars reads a flags byte and cch characters (BIFF8 compressed
// latin-1 or UTF-16LE), returning the text and the bytes used.
func unicodeChars(b []byte, cch int) (string, int) {
	if len(b) < 1 {
		return "", 0
	}
	high := b[0]&1 != 0
	return decodeChars(b[1:], cch, high, 1)
}

func decodeChars(b []byte, cch int, high bool, used int) (string, int) {
	if high {
		cch = min(cch, len(b)/2)
		u := make([]uint16, cch)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return string(utf16.Decode(u)), used + 2*cch
	}
	cch = min(cch, len(b))
	r := make([]rune, cch)
	for i := range r {
		r[i] = rune(b[i])
	}
	return string(r), used + cch
}

// xlString reads an XLUnicodeString whose length field has lenBytes bytes,
// skipping rich-text and phonetic data.
func xlString(b []byte, lenBytes int) (string, int) {
	if len(b) < lenBytes+1 {
		return "", 0
	}
	cch := int(b[0])
	if lenBytes == 2 {
		cch = int(binary.LittleEndian.Uint16(b))
	}
	flags := b[lenBytes]
	p := lenBytes + 1
	if flags&8 != 0 { // rich text: run count
		p += 2
	}
	if flags&4 != 0 { // phonetic data: its size
		p += 4
	}
	if p > len(b) {
		return "", len(b)
	}
	return decodeChars(b[p:], cch, flags&1 != 0, p)
}

// sstReader walks the shared-string table across its CONTINUE records.
type sstReader struct {
	segs [][]byte
	i, p int
}

func (s *sstReader) next() (byte, bool) {
	for s.i < len(s.segs) && s.p >= len(s.segs[s.i]) {
		s.i, s.p = s.i+1, 0
	}
	if s.i >= len(s.segs) {
		return 0, false
	}
	b := s.segs[s.i][s.p]
	s.p++
	return b, true
}

func (s *sstReader) uint(n int) (int, bool) {
	v := 0
	for k := 0; k < n; k++ {
		b, ok := s.next()
		if !ok {
			return 0, false
		}
		v |= int(b) << (8 * k)
	}
	return v, true
}

func (s *sstReader) skip(n int) bool {
	for ; n > 0; n-- {
		if _, ok := s.next(); !ok {
			return false
		}
	}
	return true
}

// chars reads cch characters. Where the characters cross into a CONTINUE
// record, that record starts with a fresh flags byte saying whether the
// rest is compressed.
func (s *sstReader) chars(cch int, high bool) (string, bool) {
	u := make([]uint16, 0, min(cch, 4096))
	for len(u) < cch {
		if s.i >= len(s.segs) {
			return "", false
		}
		if s.p >= len(s.segs[s.i]) {
			s.i, s.p = s.i+1, 0
			f, ok := s.next()
			if !ok {
				return "", false
			}
			high = f&1 != 0
			continue
		}
		w := 1
		if high {
			w = 2
		}
		v, ok := s.uint(w)
		if !ok {
			return "", false
		}
		u = append(u, uint16(v))
	}
	return string(utf16.Decode(u)), true
}

// parseSST reads the shared strings; on a corrupt table it returns what it
// could read, so that the rest of the sheet still shows.
func parseSST(rec record) []string {
	s := &sstReader{segs: append([][]byte{rec.data}, rec.conts...)}
	if !s.skip(4) {
		return nil
	}
	n, ok := s.uint(4)
	if !ok {
		return nil
	}
	out := make([]string, 0, min(n, 1<<16))
	for len(out) < n {
		str, ok := s.sstString()
		if !ok {
			break
		}
		out = append(out, str)
	}
	return out
}

func (s *sstReader) sstString() (string, bool) {
	cch, ok1 := s.uint(2)
	flags, ok2 := s.next()
	if !ok1 || !ok2 {
		return "", false
	}
	runs, ext := 0, 0
	if flags&8 != 0 {
		runs, ok1 = s.uint(2)
	}
	if flags&4 != 0 {
		ext, ok2 = s.uint(4)
	}
	if !ok1 || !ok2 {
		return "", false
	}
	str, ok := s.chars(cch, flags&1 != 0)
	if !ok {
		return "", false
	}
	return str, s.skip(4*runs + ext)
}
