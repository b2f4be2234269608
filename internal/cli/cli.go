// Package cli is the command line of notes: a cobra root, one file per
// command. Each command turns its flags into options, makes one call into
// the knowledge base (internal/kb), and shows the result with
// internal/render. Main runs it, prints errors once and maps them to exit
// codes: those decisions, and every word a command prints, live here.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// Exit codes of notes. Scripts rely on them: they may be added to, never
// renumbered.
const (
	// ExitOK: the command did what was asked. A query matching nothing is
	// not a failure.
	ExitOK = 0
	// ExitFailure: some files failed to import, a talk id does not exist,
	// or anything else went wrong that is neither a usage nor a database
	// error.
	ExitFailure = 1
	// ExitUsage: a bad flag, a wrong number of arguments, an unknown
	// command — and any database error (cannot open, corrupt, newer schema).
	ExitUsage = 2
	// ExitInterrupted: the command was stopped by Ctrl-C (SIGINT), 128+2
	// as a shell reports a process killed by it.
	ExitInterrupted = 130
	// ExitTerminated: the command was stopped by SIGTERM (128+15). Like
	// Ctrl-C, it stops an import between files and keeps what it stored.
	ExitTerminated = 143
)

// stopSignals are the signals that stop a command cleanly: an import
// commits the files it has stored, then notes exits 130 or 143.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// Stopped is the cause of a command's context when a signal stopped it.
type Stopped struct {
	Signal os.Signal
}

// Error names the signal.
func (s *Stopped) Error() string { return "stopped by " + s.Signal.String() }

// notifyStop returns a context that ends, with a *Stopped cause, at the
// first of stopSignals. A second signal is not caught: it kills notes as
// it would have without this (the database stays consistent, as under
// kill -9), for a user who does not want to wait for the commit.
func notifyStop(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	go func() {
		select {
		case sig := <-sigs:
			signal.Stop(sigs)
			cancel(&Stopped{Signal: sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		cancel(nil)
	}
}

// UsageError is a command line the user must correct: an unknown flag or
// command, a missing or extra argument, a flag value out of range.
type UsageError struct {
	Err error
}

// Error returns the message of the underlying error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UsageError) Unwrap() error { return e.Err }

// usageErrorf builds a UsageError.
func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// DBError is a failure of the database: it cannot be opened, created,
// migrated or queried. The knowledge base returns it; it exits 2.
type DBError = kb.DBError

// ImportError reports that some files of an import failed. Each failure
// has already been printed as "path[:line]: reason", so Main prints nothing
// more for it.
type ImportError struct {
	Failed int // files that could not be imported
	Total  int // files the walk found, plus paths that could not be walked
}

// Error says how many files failed.
func (e *ImportError) Error() string {
	if e.Failed == 1 {
		return "1 file failed to import"
	}
	return fmt.Sprintf("%d files failed to import", e.Failed)
}

// StoppedError is a command stopped by Ctrl-C or SIGTERM part way, with
// what it got done, which the "notes: interrupted" line ends with.
type StoppedError struct {
	Done string // "412 of 1000 files done (…) and saved; …"
	Err  error  // context.Canceled
}

// Error says what was done.
func (e *StoppedError) Error() string { return e.Done + ": " + e.Err.Error() }

// Unwrap returns the cancellation.
func (e *StoppedError) Unwrap() error { return e.Err }

// NotFoundError is a lookup of something that does not exist, such as
// "notes talk 999".
type NotFoundError struct {
	What string // "talk"
	ID   string
}

// Error says what was not found: "no talk with id 9".
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s with id %s", e.What, e.ID)
}

// Main runs notes with the process's arguments, environment and streams,
// and returns the exit code.
func Main() int {
	ctx, stop := notifyStop(context.Background())
	defer stop()
	// Bleve's index engine logs harmless internal races ("got err removing
	// file …: no such file or directory") with the standard logger, which
	// would land on the user's stderr among notes' own messages. notes
	// itself never uses it; NOTES_DEBUG=1 shows those lines.
	if os.Getenv("NOTES_DEBUG") == "" {
		log.SetOutput(io.Discard)
	}
	// NOTES_CPUPROFILE=file writes a CPU profile of the run, for the
	// performance work (go tool pprof bin/notes file).
	if path := os.Getenv("NOTES_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer func() {
					pprof.StopCPUProfile()
					f.Close()
				}()
			}
		}
	}
	return Run(ctx, os.Args[1:], render.System(os.Getenv), os.Getenv)
}

// Run runs notes with args (without the program name) on the given
// streams, prints the error if any once as "notes: message" on stderr, and
// returns the exit code. Tests call it directly.
func Run(ctx context.Context, args []string, streams *render.IO, getenv func(string) string) int {
	f := NewFactory(streams, getenv)
	root := NewCmdRoot(f)
	root.SetArgs(queryWords(root, f.joinJSONFields(root, args)))
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	cmd, err := root.ExecuteContextC(ctx)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr // a *DBError
	}
	if err == nil {
		return ExitOK
	}
	code := ExitCode(err)
	if stopped := (*Stopped)(nil); errors.As(context.Cause(ctx), &stopped) {
		// Whatever failed after a signal failed because of it (an
		// interrupted SQLite statement, say): the exit status says which.
		code = ExitInterrupted
		if stopped.Signal == syscall.SIGTERM {
			code = ExitTerminated
		}
	}
	printError(streams.Err, err, code)
	if code == ExitUsage && isUsage(err) && cmd != nil {
		fmt.Fprintf(streams.Err, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// ExitCode maps an error returned by a command to the exit status of
// notes. It is the one place where exit codes are decided.
func ExitCode(err error) int {
	var (
		importErr   *ImportError
		usageErr    *UsageError
		dbErr       *DBError
		notFoundErr *NotFoundError
		corrErr     *kb.CorrectionsError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &importErr):
		return ExitFailure
	case errors.As(err, &usageErr), isCobraUsage(err):
		return ExitUsage
	case errors.As(err, &dbErr), errors.As(err, &corrErr):
		return ExitUsage
	case errors.As(err, &notFoundErr):
		return ExitFailure
	default:
		return ExitFailure
	}
}

// isUsage reports whether err is about the command line, as opposed to a
// database error sharing its exit code.
func isUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u) || isCobraUsage(err)
}

// isCobraUsage recognises the usage errors cobra returns as plain errors
// before any of our code runs.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{
		"unknown command ",
		"unknown flag",
		"unknown shorthand flag",
		"required flag(s)",
		"flag needs an argument",
		"invalid argument ",
		"accepts ",
		"requires at least ",
		"if any flags in the group",
	} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// printError writes err once, as "notes: message". An ImportError prints
// nothing: its failures were listed as they happened. Interruptions print
// a short note. The message is sanitized like text from a post: it may
// echo a file name, a --db or -o value or an unknown flag, any of which
// can hold escape sequences (issue 13, item 5).
func printError(w io.Writer, err error, code int) {
	var (
		importErr *ImportError
		stopped   *StoppedError
	)
	done := ""
	if errors.As(err, &stopped) {
		done = ": " + render.Sanitize(stopped.Done)
	}
	switch {
	case errors.As(err, &importErr):
		return
	case code == ExitInterrupted:
		fmt.Fprintf(w, "notes: interrupted%s\n", done)
		return
	case code == ExitTerminated:
		fmt.Fprintf(w, "notes: terminated (SIGTERM)%s\n", done)
		return
	}
	fmt.Fprintf(w, "notes: %s\n", render.Sanitize(strings.TrimRight(err.Error(), "\n")))
}
