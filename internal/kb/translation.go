package kb

import (
	"fmt"
	"strings"
)

// translationOf reads, from a post's front matter, its language and what
// links it to its translations (issue 14, item 4): a key that blogs set on
// every language of one post (Hugo's translationKey, jekyll-polyglot's
// ref…), else, when the front matter gives a language, its date: two posts
// of one date in two languages about one event, with as many talks, are
// taken for translations (the store checks the rest).
func translationOf(meta map[string]any) (lang, key string) {
	lang = metaString(meta, "lang", "language", "locale")
	for _, k := range []string{"translationKey", "translation_key", "translationkey", "ref", "i18n_key", "i18n-key", "lang_ref"} {
		if v := metaString(meta, k); v != "" {
			return lang, "key:" + v
		}
	}
	if lang != "" {
		if d := metaString(meta, "date"); d != "" {
			if len(d) >= 10 {
				d = d[:10] // the day: the two languages may be posted hours apart
			}
			return lang, "date:" + d
		}
	}
	return lang, ""
}

// metaString is the first of keys the front matter gives, as text.
func metaString(meta map[string]any, keys ...string) string {
	for _, k := range keys {
		v, ok := meta[k]
		if !ok || v == nil {
			continue
		}
		s := strings.TrimSpace(fmt.Sprint(v))
		if t, ok := v.(interface{ Format(string) string }); ok {
			s = t.Format("2006-01-02")
		}
		if s != "" {
			return s
		}
	}
	return ""
}
