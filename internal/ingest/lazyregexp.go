package ingest

import "github.com/notes-kb/notes/internal/lazyre"

// lazyRegexp is a regular expression compiled on first use (see lazyre).
type lazyRegexp = lazyre.Regexp

func lazyRE(src string) *lazyRegexp { return lazyre.New(src) }
