// Package docx writes Word documents (.docx) of the kind offices send:
// a title, headings, paragraphs and plain tables, A4, in Chinese fonts
// (黑体 headings, 仿宋 body as government documents use). It writes the
// OOXML parts directly; nothing else is needed to open them in Word, WPS
// or LibreOffice.
package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Document is built block by block, then written.
type Document struct {
	body strings.Builder
}

// New starts an empty document.
func New() *Document { return &Document{} }

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func run(text string, bold bool, size int, font string) string {
	props := fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s"/>`, font)
	if bold {
		props += "<w:b/>"
	}
	props += fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size, size)
	return `<w:r><w:rPr>` + props + `</w:rPr><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// Title is the document's centred title (二号 黑体).
func (d *Document) Title(text string) {
	d.body.WriteString(`<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr>` + run(text, true, 44, "黑体") + `</w:p>`)
}

// Subtitle is a centred line under the title (date, issuing office).
func (d *Document) Subtitle(text string) {
	d.body.WriteString(`<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr>` + run(text, false, 28, "楷体") + `</w:p>`)
}

// Heading is a section heading (三号 黑体).
func (d *Document) Heading(text string) {
	d.body.WriteString(`<w:p><w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr>` + run(text, true, 32, "黑体") + `</w:p>`)
}

// Para is a body paragraph (三号 仿宋, first line indented two characters).
func (d *Document) Para(text string) {
	d.body.WriteString(`<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:spacing w:line="440" w:lineRule="exact"/></w:pPr>` +
		run(text, false, 32, "仿宋") + `</w:p>`)
}

// Table is a bordered table: a bold header row, then the rows (小四 宋体).
func (d *Document) Table(header []string, rows [][]string) {
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	row := func(cells []string, bold bool) {
		b.WriteString(`<w:tr>`)
		if bold {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for _, c := range cells {
			b.WriteString(`<w:tc><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` + run(c, bold, 24, "宋体") + `</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	row(header, true)
	for _, r := range rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl><w:p/>`)
}

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// Write writes the .docx.
func (d *Document) Write(w io.Writer) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + ns + `><w:body>` + d.body.String() +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1304" w:bottom="1440" w:left="1304" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}
