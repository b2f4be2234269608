package cli

import (
	"slices"
	"testing"
)

func TestEditorCommand(t *testing.T) {
	env := map[string]string{"HOME": "/home/jane", "FLAGS": "-w --new-window"}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		name   string
		editor string
		path   string
		line   int
		want   []string
	}{
		{"vim", "vim", "posts/a.md", 41, []string{"vim", "+41", "posts/a.md"}},
		{"nvim by its path", "/usr/bin/nvim", "posts/a.md", 41, []string{"/usr/bin/nvim", "+41", "posts/a.md"}},
		{"nano", "nano", "a.md", 3, []string{"nano", "+3", "a.md"}},
		{"emacsclient with arguments", "emacsclient -t -a ''", "a.md", 3, []string{"emacsclient", "-t", "-a", "", "+3", "a.md"}},
		{"code -w", "code -w", "posts/a.md", 41, []string{"code", "-w", "-g", "posts/a.md:41"}},
		{"subl", "subl --wait", "a.md", 7, []string{"subl", "--wait", "a.md:7"}},
		{"hx", "hx", "a.md", 7, []string{"hx", "a.md:7"}},
		{"unknown editor: the file alone", "ed", "a.md", 7, []string{"ed", "a.md"}},
		{"no line known", "vim", "a.md", 0, []string{"vim", "a.md"}},
		{"quoted program with a space", `"/opt/My Editor/vim" -p`, "a.md", 2, []string{"/opt/My Editor/vim", "-p", "+2", "a.md"}},
		{"tilde and variables", "~/bin/code $FLAGS", "a.md", 2, []string{"/home/jane/bin/code", "-w", "--new-window", "-g", "a.md:2"}},
		{"a path read as an option", "vim", "-x.md", 2, []string{"vim", "+2", "./-x.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := editorCommand(tt.editor, getenv, tt.path, tt.line)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("editorCommand(%q, %q, %d) = %q, want %q", tt.editor, tt.path, tt.line, got, tt.want)
			}
		})
	}
	for _, bad := range []string{`vim "unclosed`, "   ", "''"} {
		if got, err := editorCommand(bad, getenv, "a.md", 1); err == nil {
			t.Errorf("editorCommand(%q) = %q, want an error", bad, got)
		}
	}
}
