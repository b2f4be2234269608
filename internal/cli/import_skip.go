package cli

import "strings"

// notesFiles are the files of notes itself that an import must never read
// as posts, for ingest.Walk to skip by identity: the database (DBPath, of
// which IndexPath is DBPath + ".bleve"), its SQLite journals, and the search
// index with the folders a rebuild writes beside it (issue 13, item 10).
func notesFiles(opts *ImportOptions) []string {
	if opts.IndexPath == nil {
		return nil
	}
	index := opts.IndexPath()
	db := strings.TrimSuffix(index, ".bleve")
	return []string{db, db + "-wal", db + "-shm", db + "-journal", index, index + ".new", index + ".old"}
}
