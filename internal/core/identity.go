package core

import (
	"strings"
	"unicode"
)

// PersonKey is the key under which spellings of one person's name meet:
// folded (case, accents), hyphens and dots read as spaces, and single
// letters between the first and the last word (middle initials) dropped.
// "Xavier F. Gouchet", "xavier gouchet" and "Xavier  Gouchet" share it, as
// do "Jean-Pierre Roux" and "Jean Pierre Roux"; "J. Doe" and "K. Doe" do
// not. Sharing a key is not enough to be one person: the store also wants
// a company or an event in common (two people may share a name).
func PersonKey(name string) string {
	words := looseWords(name)
	if len(words) > 2 {
		kept := words[:1]
		for _, w := range words[1 : len(words)-1] {
			if len([]rune(w)) > 1 {
				kept = append(kept, w)
			}
		}
		words = append(kept, words[len(words)-1])
	}
	return strings.Join(words, " ")
}

// legalSuffixes are words a company's name may end with or not: "Acme
// SAS" is Acme.
var legalSuffixes = map[string]bool{
	"inc": true, "sa": true, "sas": true, "sarl": true, "ltd": true, "llc": true,
	"gmbh": true, "corp": true, "corporation": true, "plc": true, "bv": true, "ag": true,
}

// CompanyWords are the folded words of a company's name without its legal
// suffixes and punctuation: "Log Normal, Inc." is [log normal].
func CompanyWords(name string) []string {
	words := looseWords(name)
	for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return words
}

// CompanyKey is the key under which spellings of one company meet: its
// CompanyWords written together, so that "Log Normal", "LogNormal" and
// "log-normal SAS" share it. As for people, the store also wants evidence
// in common before it takes two spellings for one company.
func CompanyKey(name string) string { return strings.Join(CompanyWords(name), "") }

// looseWords are the folded words of s, any character that is not a letter,
// a digit or an apostrophe read as a space.
func looseWords(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}
