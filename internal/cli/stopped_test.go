package cli

import (
	"bytes"
	"context"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
)

// TestInterruptedImportSaysHowFarItGot checks the last line of an import
// stopped by a signal (issue 16, item 6): how many of the files were
// done, and what running it again does, also when the files were all
// stored and the signal came while the index was updated.
func TestInterruptedImportSaysHowFarItGot(t *testing.T) {
	tests := []struct {
		name string
		sum  kb.Summary
		code int
		want string
	}{
		{"between files", kb.Summary{Files: 1000, Imported: 400, Skipped: 10, Failed: make([]core.Failure, 2), Talks: 1234}, ExitInterrupted,
			"notes: interrupted: 412 of 1000 files done (400 imported with 1234 talks, 10 unchanged, 2 failed) and saved; run the same import again for the other 588\n"},
		{"one file of one", kb.Summary{Files: 1, Imported: 1, Talks: 1}, ExitTerminated,
			"notes: terminated (SIGTERM): all 1 file done (1 imported with 1 talk, 0 unchanged, 0 failed) and saved; the next search or import brings the search index up to date\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := &StoppedError{Done: importDone(tt.sum), Err: context.Canceled}
			if got := ExitCode(err); got != ExitInterrupted {
				t.Errorf("ExitCode = %d, want %d", got, ExitInterrupted)
			}
			var w bytes.Buffer
			printError(&w, err, tt.code)
			if got := w.String(); got != tt.want {
				t.Errorf("printed %q\nwant    %q", got, tt.want)
			}
		})
	}
}
