// Package i18n holds the server's messages in zh-CN (the default) and en-US
// and picks one language per request from Accept-Language.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
)

// Lang is a supported language tag.
type Lang string

const (
	ZH Lang = "zh-CN"
	EN Lang = "en-US"
)

//go:embed *.json
var files embed.FS

var catalogue = map[Lang]map[string]string{}

func init() {
	for _, l := range []Lang{ZH, EN} {
		b, err := files.ReadFile(string(l) + ".json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", l, err))
		}
		catalogue[l] = m
	}
}

// Negotiate picks the language from an Accept-Language header: English
// when English is asked for before Chinese, else Chinese.
func Negotiate(header string) Lang {
	for _, part := range strings.Split(header, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "zh"):
			return ZH
		case strings.HasPrefix(tag, "en"):
			return EN
		}
	}
	return ZH
}

// T returns the message for key in lang with args filled in (fmt verbs in
// the message), falling back to Chinese, then to the key itself.
func T(lang Lang, key string, args ...any) string {
	msg, ok := catalogue[lang][key]
	if !ok {
		if msg, ok = catalogue[ZH][key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Has reports whether key exists in every language.
func Has(key string) bool {
	for _, m := range catalogue {
		if _, ok := m[key]; !ok {
			return false
		}
	}
	return true
}

// Keys returns the keys of lang, for tests that check both files agree.
func Keys(lang Lang) []string {
	var out []string
	for k := range catalogue[lang] {
		out = append(out, k)
	}
	return out
}

// codedArgs names the arguments of a notification that are codes (a
// supervision grade, an escalation level), said in words by these key
// prefixes before they are filled in.
var codedArgs = map[string]map[int]string{
	"order_issued":      {0: "grade."},
	"problem_escalated": {0: "escalation."},
}

// Notification says a notification of kind in lang: its title and body
// from the keys notify.<kind>.title and notify.<kind>.body, filled with
// args (names, dates; codes named by codedArgs). ok is false for a kind
// the catalogue does not know.
func Notification(lang Lang, kind string, args []string) (title, body string, ok bool) {
	key := "notify." + kind + "."
	if _, ok := catalogue[ZH][key+"title"]; !ok {
		return "", "", false
	}
	filled := make([]any, len(args))
	for i, a := range args {
		filled[i] = a
		if prefix, coded := codedArgs[kind][i]; coded {
			filled[i] = T(lang, prefix+a)
		}
	}
	title = T(lang, key+"title", filled...)
	if _, ok := catalogue[ZH][key+"body"]; ok {
		body = T(lang, key+"body", filled...)
	}
	return title, body, true
}
