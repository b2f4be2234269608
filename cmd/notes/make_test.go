package main

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakeScoreWithoutShared is the regression test of issue 16, item 6:
// in a fresh clone, without the shared folder, "make score" built notes
// and then said on stdout only that it "needs the shared corpus". It now
// says, on stderr and before building anything, which files are missing,
// where the folder goes or how to name it (SHARED=), that make test does
// not need it, and exits 2.
func TestMakeScoreWithoutShared(t *testing.T) {
	mk, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make")
	}
	nowhere := filepath.Join(t.TempDir(), "shared")
	cmd := exec.Command(mk, "-C", "../..", "score", "SHARED="+nowhere)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Errorf("make score SHARED=%s: %v, want exit status 2", nowhere, err)
	}
	for _, want := range []string{
		"make score: " + nowhere + "/tools/score.py or " + nowhere + "/corpus not found.",
		"put it at ../shared (beside this checkout), or run make score SHARED=/path/to/shared.",
		"make test does not need it",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
		}
	}
	if strings.Contains(stdout.String(), "go build") {
		t.Errorf("make score built notes before saying what it lacks:\n%s", stdout.String())
	}
}
