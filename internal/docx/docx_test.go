package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	d := New()
	d.Title("重点项目简报")
	d.Para("全区重点项目247个，总投资933.8亿元 <&>")
	d.Table([]string{"单位", "项目数"}, [][]string{{"住建局", "12"}})
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		// Every part is well-formed XML.
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		if f.Name == "word/document.xml" && !strings.Contains(string(data), "933.8亿元 &lt;&amp;&gt;") {
			t.Fatal("text not escaped or missing")
		}
	}
}
