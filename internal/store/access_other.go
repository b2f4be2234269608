//go:build !unix

package store

import "os"

// mayWrite reads the write bit of path where access(2) does not exist
// (Windows: a read-only file has it cleared; folders are taken as
// writable, which SQLite will then say otherwise).
func mayWrite(path string) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	return info.IsDir() || info.Mode().Perm()&0o200 != 0
}
