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
