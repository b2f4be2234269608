//go:build !unix

package main

import "os"

// peakRSS is unknown (0) where there is no getrusage.
func peakRSS(*os.ProcessState) int64 { return 0 }
