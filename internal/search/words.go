package search

import (
	"sync"
	"unsafe"
)

// Words returns the words of text as the index cuts them, before analysis:
// what a person would call the words of a file, and what a test of "every
// word of a file is found" samples.
func Words(text string) []string { return AppendWords(nil, text) }

// EachWord calls fn with the byte offsets of each word of text, in order,
// as Words cuts them, without building strings.
func EachWord(text string, fn func(start, end int)) {
	buf := spanBufs.Get().(*[]wordSpan)
	spans := scanWords(unsafe.Slice(unsafe.StringData(text), len(text)), (*buf)[:0])
	for _, s := range spans {
		fn(s.start, s.end)
	}
	*buf = spans
	spanBufs.Put(buf)
}

// spanBufs are EachWord's buffers: the import calls it on every line and
// body of every post, and growing a new slice each time was a fifth of
// its cost.
var spanBufs = sync.Pool{New: func() any { return new([]wordSpan) }}

// AppendWords appends the words of text to dst, as Words cuts them: the
// words share text's memory.
func AppendWords(dst []string, text string) []string {
	spans := scanWords(unsafe.Slice(unsafe.StringData(text), len(text)), nil)
	for _, s := range spans {
		dst = append(dst, text[s.start:s.end])
	}
	return dst
}

// Searchable reports whether word, searched alone, can match anything:
// false for a stop word ("les", "the"), which the index leaves out.
func Searchable(word string) bool {
	return len(terms(textAnalyzers().text, word)) > 0
}

var textAnalyzers = sync.OnceValue(func() analyzers { return newAnalyzers(newIndexMapping()) })

// Readable is a Markdown body as the index reads it: link targets and
// image paths dropped (what a talk's body is indexed as).
func Readable(md string) string { return readableBody(md) }
