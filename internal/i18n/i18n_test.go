package i18n

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// Both catalogues have the same keys, and each message takes the same
// arguments in both languages.
func TestCataloguesAgree(t *testing.T) {
	zh, en := Keys(ZH), Keys(EN)
	slices.Sort(zh)
	slices.Sort(en)
	if !slices.Equal(zh, en) {
		for _, k := range zh {
			if !Has(k) {
				t.Errorf("%s: only in zh-CN", k)
			}
		}
		for _, k := range en {
			if !Has(k) {
				t.Errorf("%s: only in en-US", k)
			}
		}
	}
	for _, k := range zh {
		if a, b := argsUsed(catalogue[ZH][k]), argsUsed(catalogue[EN][k]); !slices.Equal(a, b) {
			t.Errorf("%s: zh-CN takes arguments %v, en-US %v", k, a, b)
		}
	}
}

var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[sdvqg]`)

// argsUsed lists the arguments a message's verbs take, 1-based, sorted.
func argsUsed(msg string) []int {
	var out []int
	next := 1
	for _, m := range verb.FindAllStringSubmatch(msg, -1) {
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
		next = n + 1
	}
	slices.Sort(out)
	return out
}

func TestNotification(t *testing.T) {
	for _, c := range []struct {
		lang        Lang
		kind        string
		args        []string
		title, body string
	}{
		{ZH, "order_issued", []string{"order", "污水厂进度滞后", "2026-11-30"}, "收到督办单：污水厂进度滞后", "回复期限 2026-11-30"},
		{EN, "order_issued", []string{"order", "污水厂进度滞后", "2026-11-30"}, "Supervision order received: 污水厂进度滞后", "Reply by 2026-11-30"},
		{EN, "light_red", []string{"产业园"}, "Red light: 产业园", ""},
		{ZH, "problem_escalated", []string{"1", "用地未落实", "2026-12-01"}, "问题升级（挂牌督办）：用地未落实", "办理期限 2026-12-01"},
		{EN, "node_overdue", []string{"产业园", "施工许可", "2026-10-01"}, "Node overdue: 产业园 · 施工许可", "Planned finish 2026-10-01"},
	} {
		title, body, ok := Notification(c.lang, c.kind, c.args)
		if !ok || title != c.title || body != c.body {
			t.Errorf("%s %s: %q %q %v, want %q %q", c.lang, c.kind, title, body, ok, c.title, c.body)
		}
	}
	if _, _, ok := Notification(EN, "no_such_kind", nil); ok {
		t.Error("an unknown kind is said")
	}
}
