package ledger

import (
	"bytes"
	"io"
	"testing"
)

// The target: 10,000 projects written or read in under 5 s each.

func BenchmarkWriteXLSX10k(b *testing.B) {
	projects := genProjects(10_000, 2024, 7)
	for b.Loop() {
		if err := WriteXLSX(io.Discard, 2024, "", projects); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadXLSX10k(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, 2024, "", genProjects(10_000, 2024, 7)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p, err := Read(bytes.NewReader(data), int64(len(data)), "bench.xlsx", Options{})
		if err != nil || len(p.Sheets[0].Rows) != 10_000 {
			b.Fatal(err)
		}
	}
}
