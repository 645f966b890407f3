package pinyin

import "testing"

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{
		"城关镇污水处理厂":  "cgzwsclc",
		"重点项目":      "zdxm",
		"G312国道改扩建": "g312gdgkj",
		"安阳":        "ay",
		"":          "",
	} {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}
