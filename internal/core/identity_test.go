package core

import (
	"strings"
	"testing"
)

func TestPersonKey(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		match bool
	}{
		{"case and accents", "Étienne VIDAL", "etienne vidal", true},
		{"middle initial", "Xavier F. Gouchet", "Xavier Gouchet", true},
		{"middle initial without dot", "Xavier F Gouchet", "Xavier Gouchet", true},
		{"hyphen", "Jean-Pierre Roux", "Jean Pierre Roux", true},
		{"spaces", "Anne  Martin", "Anne Martin", true},
		{"two first names sharing a surname", "Marie Dupont", "Paul Dupont", false},
		{"two initials sharing a surname", "J. Doe", "K. Doe", false},
		{"an initial is not a first name", "J. Doe", "John Doe", false},
		{"compound first name", "Jean-Marc Dupont", "Jean Dupont", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := PersonKey(tt.a), PersonKey(tt.b)
			if (ka == kb) != tt.match {
				t.Errorf("PersonKey(%q) = %q, PersonKey(%q) = %q; want equal: %v", tt.a, ka, tt.b, kb, tt.match)
			}
		})
	}
}

func TestCompanyKey(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		match bool
	}{
		{"space", "Log Normal", "LogNormal", true},
		{"hyphen and case", "log-normal", "LogNormal", true},
		{"legal suffix", "Acme SAS", "Acme", true},
		{"legal suffix with dot", "Acme, Inc.", "ACME", true},
		{"accents", "Société Générale", "Societe Generale", true},
		{"more words", "Bedrock Streaming", "Bedrock", false},
		{"other company", "Cargoroute", "Vinotheca", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := CompanyKey(tt.a), CompanyKey(tt.b)
			if (ka == kb) != tt.match {
				t.Errorf("CompanyKey(%q) = %q, CompanyKey(%q) = %q; want equal: %v", tt.a, ka, tt.b, kb, tt.match)
			}
		})
	}
	if got := strings.Join(CompanyWords("Log Normal, Inc."), " "); got != "log normal" {
		t.Errorf("CompanyWords = %q, want %q", got, "log normal")
	}
}
