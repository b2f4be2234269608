package kb

import "fmt"

// EventKind says what an Event reports.
type EventKind int

const (
	// EventFailed: a file could not be imported (Failure). The import goes
	// on with the others.
	EventFailed EventKind = iota + 1
	// EventWarning: a file was imported with a problem worth knowing
	// (Failure, whose Reason is the warning).
	EventWarning
	// EventExplain: why a value was extracted from the file at Path (Text),
	// when ImportOptions.Explain asks for it.
	EventExplain
	// EventStep: one more file was handled (Done of Total).
	EventStep
	// EventStored: every file was handled; what follows is the index.
	EventStored
	// EventIndexSkipped: the search index could not be updated (Err;
	// ErrIndexLocked when another notes holds it). The database is
	// complete; the next search or reindex brings the index up to date.
	EventIndexSkipped
	// EventRebuilding: the search index is rebuilt whole (Text says why:
	// "missing", "out of date", "was behind the database"…).
	EventRebuilding
	// EventIndexed: a rebuild put Done talks into the index.
	EventIndexed
	// EventIndexBusy: another notes is updating the index; a search
	// answers from the index as it was last written.
	EventIndexBusy
)

// Event is something a long operation reports as it goes: a file that
// failed, a warning, progress, a rebuild of the index. Which fields are
// set depends on Kind.
type Event struct {
	Kind    EventKind
	Failure Failure // EventFailed, EventWarning
	Path    string  // EventExplain
	Text    string  // EventExplain, EventRebuilding
	Err     error   // EventIndexSkipped
	Done    int     // EventStep, EventIndexed
	Total   int     // EventStep
}

// Failure is a file that could not be imported, or a warning about one
// that was.
type Failure struct {
	Path   string `json:"path"`
	Line   *int   `json:"line"`
	Reason string `json:"reason"`
}

// String is the failure as printed: "path[:line]: reason".
func (f Failure) String() string {
	if f.Line != nil {
		return fmt.Sprintf("%s:%d: %s", f.Path, *f.Line, f.Reason)
	}
	return fmt.Sprintf("%s: %s", f.Path, f.Reason)
}

// WarningLine is a warning as printed: "path[:line]: warning: message".
func (f Failure) WarningLine() string {
	return Failure{Path: f.Path, Line: f.Line, Reason: "warning: " + f.Reason}.String()
}

// report calls fn with e, when there is an fn.
func report(fn func(Event), e Event) {
	if fn != nil {
		fn(e)
	}
}
