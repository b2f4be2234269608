//go:build unix

package store

import "syscall"

// mayWrite asks the system whether this process may write path.
func mayWrite(path string) bool {
	const wOK = 2 // W_OK of access(2)
	return syscall.Access(path, wOK) == nil
}
