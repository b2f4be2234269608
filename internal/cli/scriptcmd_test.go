package cli

import (
	"errors"
	"os/exec"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// ScriptExits is the testscript command "exits CODE CMD ARGS...": it runs
// a command and checks its exact exit status; its stdout and stderr can be
// checked after. Shared by every script runner of the package.
func ScriptExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// ScriptSetup gives every script the environment of a new user: its own
// HOME and data folder, no NOTES_DB, NO_COLOR or GLAMOUR_STYLE from the
// machine running the tests.
func ScriptSetup(env *testscript.Env) error {
	env.Setenv("HOME", env.WorkDir)
	env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
	env.Setenv("NOTES_DB", "")
	env.Setenv("NO_COLOR", "")
	env.Setenv("GLAMOUR_STYLE", "")
	return nil
}
