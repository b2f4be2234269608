package ingest

import (
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// Detect decides the format from the content, not the extension: posts
// come out of blog exports named .txt, .md or nothing at all.
//
// An AsciiDoc "= Title" first line or a leading "<!DOCTYPE html"/"<html"
// decide at once. Otherwise Detect weighs the markers of each format in
// the first lines: "==" sections, ":attr:" entries, "====" delimiters and
// block macros for AsciiDoc; "#" headings, [links](url), fences and
// Kramdown attributes for Markdown. YAML front matter with nothing else
// decisive means a Jekyll or Hugo post, hence Markdown. What has neither
// is plain text.
func Detect(text string) core.Format {
	_, body, _, state := locateFrontMatter(text)
	if state != fmClosed {
		body = text
	}
	if len(body) > detectSample {
		body = body[:detectSample]
	}
	lines := splitLines(body)
	if len(lines) > detectLines {
		lines = lines[:detectLines]
	}

	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "//") && !strings.HasPrefix(t, "////") {
			continue
		}
		low := strings.ToLower(t)
		if strings.HasPrefix(low, "<!doctype html") || strings.HasPrefix(low, "<html") ||
			strings.HasPrefix(low, "<?xml") && strings.Contains(strings.ToLower(body), "<html") {
			return core.FormatHTML
		}
		if adocDocTitleRe.MatchString(l) {
			return core.FormatAsciiDoc
		}
		break
	}

	var adoc, md int
	inFence := ""
	prevBlank := true
	for _, l := range lines {
		if inFence != "" {
			if strings.HasPrefix(strings.TrimSpace(l), inFence) {
				inFence = ""
			}
			continue
		}
		if f := fenceOpen(l); f != "" {
			inFence = f
			md += 2
			continue
		}
		// Cheap byte tests guard every regexp: most lines are prose, and
		// twelve regexps per line made detection a tenth of an import.
		first := byte(0)
		if l != "" {
			first = l[0]
		}
		switch {
		case first == '=' && adocSectionRe.MatchString(l),
			first == ':' && adocAttrRe.MatchString(l),
			strings.Contains(l, "::") && (adocMacroLineRe.MatchString(l) || adocPreprocRe.MatchString(l)):
			adoc += 2
		case prevBlank && strings.IndexByte("=*_./|", first) >= 0 && adocDelimRe.MatchString(l),
			first == '[' && adocBlockAttrRe.MatchString(l),
			strings.Contains(l, "**") && adocNestedListRe.MatchString(l):
			adoc++
		}
		if mayHaveInlineMacro(l) {
			adoc += len(adocInlineMacroRe.FindAllStringIndex(l, 4))
		}
		switch {
		case first == '#' && mdHeadingRe.MatchString(l),
			strings.Contains(l, "](") && mdLinkRe.MatchString(l),
			strings.Contains(l, "{") && kramdownRe.MatchString(l):
			md += 2
		case (strings.Contains(l, "**") || strings.Contains(l, "__")) && mdBoldRe.MatchString(l), strings.HasPrefix(l, "> "):
			md++
		}
		prevBlank = strings.TrimSpace(l) == ""
	}
	switch {
	case adoc >= 2 && adoc > md:
		return core.FormatAsciiDoc
	case md >= 2:
		return core.FormatMarkdown
	case state == fmClosed:
		return core.FormatMarkdown
	}
	return core.FormatText
}

// Detect looks at the start of a file only: markers show up early, and a
// 6 MB file must not cost more than a small one.
const (
	detectSample = 256 << 10
	detectLines  = 3000
)

var (
	adocDocTitleRe    = lazyRE(`^= \S`)
	adocSectionRe     = lazyRE(`^={2,6} +\S`)
	adocAttrRe        = lazyRE(`^:!?[A-Za-z0-9_][\w-]*!?:(\s|$)`)
	adocDelimRe       = lazyRE(`^(={4,}|\*{4,}|_{4,}|\.{4,}|/{4,}|\|===)\s*$`)
	adocMacroLineRe   = lazyRE(`^(image|include|video|audio|toc)::\S*\[.*\]\s*$`)
	adocPreprocRe     = lazyRE(`^(ifdef|ifndef|ifeval|endif)::\S*\[.*\]\s*$`)
	adocBlockAttrRe   = lazyRE(`^\[(source|quote|verse|listing|literal|NOTE|TIP|WARNING|IMPORTANT|CAUTION|cols=|\.|#)[^\]]*\]\s*$`)
	adocNestedListRe  = lazyRE(`^\s*\*{2,5} \S`)
	adocInlineMacroRe = lazyRE(`(^|\s)(link|image|xref|mailto):[^\s\[]+\[|(https?|ftp)://[^\s\[\]()]+\[[^\]]*\]|<<[\w-]+(,[^>]*)?>>`)

	mdHeadingRe = lazyRE(`^#{1,6}\s+\S`)
	mdLinkRe    = lazyRE(`\[[^\]\n]*\]\([^)\s]+(\s+"[^"]*")?\)`)
	mdBoldRe    = lazyRE(`\*\*[^*\s][^*]*\*\*|__[^_\s][^_]*__`)
	kramdownRe  = lazyRE(`\{:[^}\n]*\}|\{%.*%\}`)
)

// mayHaveInlineMacro is a cheap test run before adocInlineMacroRe: one of
// its three forms needs a "<<", a "link:"-like macro name and a "[", or a
// URL running up to a "[". Markdown links, "[text](https://…)", have none.
func mayHaveInlineMacro(l string) bool {
	if strings.Contains(l, "<<") {
		return true
	}
	if strings.IndexByte(l, '[') < 0 {
		return false
	}
	return strings.Contains(l, "link:") || strings.Contains(l, "image:") || strings.Contains(l, "xref:") ||
		strings.Contains(l, "mailto:") || urlThenBracket(l, "\t\n\f\r []()")
}

// urlThenBracket reports whether some "://" in s is followed by at least
// one byte not in stop, then by "[": the part of the URL patterns that
// cannot be cheaply ruled out otherwise. Bytes of non-ASCII runes are
// never in stop, as the runes never are in the patterns' classes.
func urlThenBracket(s, stop string) bool {
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			return false
		}
		j := i + 3
		for j < len(s) && strings.IndexByte(stop, s[j]) < 0 {
			j++
		}
		if j > i+3 && j < len(s) && s[j] == '[' {
			return true
		}
		s = s[i+3:]
	}
}

// fenceOpen returns the fence ("```" or "~~~") a line opens, or "".
func fenceOpen(l string) string {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return ""
	}
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			n := len(t) - len(strings.TrimLeft(t, f[:1]))
			if f[0] == '`' && strings.Contains(t[n:], "`") {
				return "" // "```x```" is inline code, not a fence
			}
			return t[:n]
		}
	}
	return ""
}
