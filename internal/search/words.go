package search

import "sync"

// Words returns the words of text as the index cuts them, before analysis:
// what a person would call the words of a file, and what a test of "every
// word of a file is found" samples.
func Words(text string) []string {
	value := []byte(text)
	spans := scanWords(value, nil)
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.start:s.end]
	}
	return out
}

// Searchable reports whether word, searched alone, can match anything:
// false for a stop word ("les", "the"), which the index leaves out.
func Searchable(word string) bool {
	return len(terms(textAnalyzers().text, word)) > 0
}

var textAnalyzers = sync.OnceValue(func() analyzers { return newAnalyzers(newIndexMapping()) })
