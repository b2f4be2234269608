package extract

import (
	"strings"
	"sync"
)

// companyAliases maps folded spellings to one short canonical name, so that
// "Amazon Web Services" and "AWS" are one company.
var companyAliases = map[string]string{
	"aws":                        "AWS",
	"amazon web services":        "AWS",
	"amazon":                     "AWS",
	"aws france":                 "AWS",
	"amazon web services france": "AWS",
	"amazon aws":                 "AWS",
	"google":                     "Google",
	"google cloud":               "Google",
	"gcp":                        "Google",
	"microsoft":                  "Microsoft",
	"microsoft azure":            "Microsoft",
	"bedrock streaming":          "Bedrock",
	"france tv":                  "France Télévisions",
	"francetv":                   "France Télévisions",
	"france televisions":         "France Télévisions",
	"societe generale":           "Société Générale",
	"scaleway":                   "Scaleway",
	"ovh":                        "OVHcloud",
	"ovhcloud":                   "OVHcloud",
	"red hat":                    "Red Hat",
	"redhat":                     "Red Hat",
	"netflix":                    "Netflix",
	"datadog":                    "Datadog",
	"hashicorp":                  "HashiCorp",
	"github":                     "GitHub",
	"gitlab":                     "GitLab",
	"docker":                     "Docker",
	"docker inc":                 "Docker",
	"thoughtworks":               "Thoughtworks",
	"octo technology":            "OCTO Technology",
	"octo":                       "OCTO Technology",
	"zenika":                     "Zenika",
	"xebia":                      "Xebia",
	"publicis sapient":           "Publicis Sapient",
	"sfeir":                      "SFEIR",
	"wescale":                    "WeScale",
	"d2si":                       "D2SI",
}

var legalSuffixes = map[string]bool{"inc": true, "sa": true, "sas": true, "ltd": true, "llc": true, "gmbh": true, "corp": true, "corporation": true}

// canonicalCompany normalises a company name: known aliases, legal suffixes
// and surrounding punctuation removed.
func canonicalCompany(s string) string {
	s = strings.TrimSpace(strings.Trim(cleanInline(s), " .,;:()\"'«»"))
	words := strings.Fields(s)
	if len(words) > 1 && legalSuffixes[strings.Trim(fold(words[len(words)-1]), ".")] {
		words = words[:len(words)-1]
	}
	s = strings.Join(words, " ")
	if c, ok := companyAliases[fold(s)]; ok {
		return c
	}
	return s
}

// knownCompany reports whether c is a canonical name from the alias table.
func knownCompany(c string) bool {
	return canonicalNames()[c]
}

var canonicalNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, v := range companyAliases {
		m[v] = true
	}
	return m
})
