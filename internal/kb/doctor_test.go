package kb

import "testing"

func TestNotAName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"Xavier F. Gouchet", true},
		{"Ludwig van Beethoven", true},
		{"Jean-Pierre de la Roux", true},
		{"Olivier D'Alembert", true},
		{"ÉTIENNE VIDAL", true},
		{"danielcristho", false},
		{"Team Platform 2023", false},
		{"the AWS team", false},
		{"Jane Doe (AWS)", false},
		{"Un Deux Trois Quatre Cinq Six", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if why := notAName(tt.name); (why == "") != tt.ok {
				t.Errorf("notAName(%q) = %q, want a name: %v", tt.name, why, tt.ok)
			}
		})
	}
}

func TestCorrectionPath(t *testing.T) {
	t.Chdir(t.TempDir())
	wd := cwd()
	tests := []struct{ corr, shown, want string }{
		{"", "posts/a.md", "posts/a.md"},
		{wd + "/posts/.notes/corrections.yaml", "posts/a.md", "a.md"},
		{wd + "/fixes.yaml", "posts/a.md", "posts/a.md"},
		{wd + "/posts/.notes/corrections.yaml", "other/b.md", "../other/b.md"},
	}
	for _, tt := range tests {
		if got := correctionPath(tt.corr, tt.shown); got != tt.want {
			t.Errorf("correctionPath(%q, %q) = %q, want %q", tt.corr, tt.shown, got, tt.want)
		}
	}
}
