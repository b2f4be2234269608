package core

import (
	"path/filepath"
	"strings"
)

// ShowPath is how a stored (absolute) path is shown to someone working in
// folder base: relative to base when it is under it, as stored otherwise.
// A relative path (stored by an older notes) is shown as it is.
func ShowPath(base, path string) string {
	if base == "" || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(base, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}
