package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxMerges reads the merged ranges of each worksheet, by sheet name,
// straight from the package. excelize's GetMergeCells decodes the whole
// worksheet into memory first, which took more than half the time of
// reading a 10,000-row ledger; the merges sit in one element after the
// rows, so we jump to it. ok is false when the package is laid out in a way
// this does not follow; the caller then asks excelize.
func xlsxMerges(r io.ReaderAt, size int64) (merges map[string][]area, ok bool) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, false
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	wbPath := "xl/workbook.xml"
	var root relationships
	if decodePart(files["_rels/.rels"], &root) {
		for _, rel := range root.Rels {
			if strings.HasSuffix(rel.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(rel.Target, "/")
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels relationships
	dir := path.Dir(wbPath)
	if !decodePart(files[wbPath], &wb) || !decodePart(files[path.Join(dir, "_rels", path.Base(wbPath)+".rels")], &rels) {
		return nil, false
	}
	merges = map[string][]area{}
	for _, s := range wb.Sheets {
		target := rels.target(s.RID)
		if !strings.HasPrefix(target, "/") {
			target = path.Join(dir, target)
		}
		f := files[strings.TrimPrefix(target, "/")]
		if f == nil {
			return nil, false
		}
		m, ok := partMerges(f)
		if !ok {
			return nil, false
		}
		merges[s.Name] = m
	}
	return merges, true
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func (r relationships) target(id string) string {
	for _, rel := range r.Rels {
		if rel.ID == id {
			return rel.Target
		}
	}
	return ""
}

// decodePart unmarshals a small package part such as workbook.xml.
func decodePart(f *zip.File, v any) bool {
	if f == nil || f.UncompressedSize64 > 16<<20 {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}

var mergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*\bref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"`)

// partMerges finds the mergeCell elements of one worksheet part.
func partMerges(f *zip.File) ([]area, bool) {
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 512<<20))
	if err != nil {
		return nil, false
	}
	start := bytes.Index(data, []byte("mergeCells")) // after the rows
	if start < 0 {
		return nil, true
	}
	var out []area
	for _, m := range mergeRef.FindAllSubmatch(data[start:], -1) {
		c0, r0, err1 := excelize.CellNameToCoordinates(string(m[1]))
		c1, r1, err2 := excelize.CellNameToCoordinates(string(m[2]))
		if err1 == nil && err2 == nil && r0 <= r1 && c0 <= c1 {
			out = append(out, area{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
		}
	}
	return out, true
}
