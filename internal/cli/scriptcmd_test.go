package cli

import (
	"errors"
	"fmt"
	"os"
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
	env.Setenv("BASH_COMPLETION", bashCompletion())
	return nil
}

// ScriptCondition answers the scripts' own conditions: [bash-completion]
// holds when the bash-completion package is installed ($BASH_COMPLETION
// is then its main script).
func ScriptCondition(cond string) (bool, error) {
	if cond == "bash-completion" {
		return bashCompletion() != "", nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// bashCompletion is the main script of the bash-completion package, where
// Debian, Fedora, Alpine and Homebrew put it, or "".
func bashCompletion() string {
	for _, p := range []string{
		"/usr/share/bash-completion/bash_completion",
		"/usr/local/share/bash-completion/bash_completion",
		"/opt/homebrew/share/bash-completion/bash_completion",
		"/etc/bash_completion",
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}
