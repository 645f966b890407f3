package ledger

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestViaLibreOffice converts our export to legacy .xls (and back to .xlsx)
// with LibreOffice, when it is installed, and reads the result: a check of
// the BIFF8 reader on a thousand rows written by another program (shared
// strings spread over CONTINUE records), and of the export's layout
// surviving a real spreadsheet program.
func TestViaLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("soffice not installed, or -short")
	}
	const year = 2024
	in := genProjects(1000, year, 11)
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, year, "", in); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "ledger.xlsx")
	if err := os.WriteFile(src, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	xls := convert(t, soffice, src, "xls")
	b, err := os.ReadFile(xls)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, readBytes(t, b, Options{}), in, year)
	// And the .xls back to .xlsx: shared strings, LibreOffice's own XML.
	b, err = os.ReadFile(convert(t, soffice, xls, "xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, readBytes(t, b, Options{}), in, year)
}

// convert runs LibreOffice on src and returns the converted file's path.
func convert(t *testing.T, soffice, src, format string) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "--norestore", "--convert-to", format, "--outdir", dir, src)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	base := filepath.Base(src)
	dst := filepath.Join(dir, base[:len(base)-len(filepath.Ext(base))]+"."+format)
	if _, err := os.Stat(dst); err != nil {
		t.Skipf("LibreOffice could not convert (Calc not installed?): %s", out)
	}
	return dst
}
