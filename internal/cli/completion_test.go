package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/render"
)

// TestCompletionWord reads the word being completed as the shell will, once
// typed: the shells hand it over as typed (issue 16, item 1).
func TestCompletionWord(t *testing.T) {
	tests := []struct {
		name, typed, want string
	}{
		{"bare", "AWS", "AWS"},
		{"backslashes", `AWS\ Summit\ P`, "AWS Summit P"},
		{"open double quote", `"AWS Summit P`, "AWS Summit P"},
		{"open single quote", `'AWS Summit P`, "AWS Summit P"},
		{"closed quotes", `"AWS Summit" Paris`, "AWS Summit Paris"},
		{"quote in the middle", `AWS" Summit"`, "AWS Summit"},
		{"single quotes keep backslashes", `'a\ b`, `a\ b`},
		{"double quotes keep a backslash before a letter", `"a\b`, `a\b`},
		{"double quotes escape a quote", `"say \"hi`, `say "hi`},
		{"a quote inside the other", `"it's`, "it's"},
		{"trailing backslash", `AWS\`, "AWS"},
		{"accents", `Am\élie`, "Amélie"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := completionWord(tt.typed); got != tt.want {
				t.Errorf("completionWord(%q) = %q, want %q", tt.typed, got, tt.want)
			}
		})
	}
}

// TestCompletionScripts checks that cobra's scripts still have the passages
// notes changes, with and without descriptions: a cobra upgrade that
// changes them fails here, not on a user's Tab.
func TestCompletionScripts(t *testing.T) {
	streams, _, _ := render.Buffers()
	root := NewCmdRoot(NewFactory(streams, func(string) string { return "" }))
	for _, shell := range completionShells {
		for _, desc := range []bool{true, false} {
			var out bytes.Buffer
			if err := writeCompletion(root, &out, shell, desc); err != nil {
				t.Errorf("%s (descriptions %v): %v", shell, desc, err)
			}
			if out.Len() == 0 {
				t.Errorf("%s (descriptions %v): empty script", shell, desc)
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString("something else")
	err := patchScript(&buf, "notes", bashPatches)
	if err == nil || !strings.Contains(err.Error(), "cobra's script changed") {
		t.Errorf("patching a script without the passages: %v, want an error", err)
	}
}
