package pinyin

import "testing"

// Initials runs on every project write (the search column) and on every
// imported row.
func BenchmarkInitials(b *testing.B) {
	for b.Loop() {
		if Initials("城关镇污水处理厂提标改造工程（二期）") == "" {
			b.Fatal("no initials")
		}
	}
}
