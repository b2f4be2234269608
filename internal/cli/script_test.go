package cli_test

import (
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/notes-kb/notes/internal/cli"
)

// TestMain lets the test binary run as the notes command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"notes": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the end-to-end scripts of testdata/script: the real
// binary's stdout, stderr and exit status, as a user sees them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:       "../../testdata/script",
		Setup:     cli.ScriptSetup,
		Condition: cli.ScriptCondition,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// touch-later FILE moves a file's modification time an hour
			// ahead without changing its content.
			"touch-later": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: touch-later file")
				}
				later := time.Now().Add(time.Hour)
				ts.Check(os.Chtimes(ts.MkAbs(args[0]), later, later))
			},
			"exits": cli.ScriptExits,
		},
	})
}
