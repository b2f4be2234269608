package kb

import "github.com/notes-kb/notes/internal/core"

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
	// EventStored: the files are handled (all of them, unless the import
	// stopped); what follows is the index.
	EventStored
	// EventIndexSkipped: the search index could not be updated (Err;
	// ErrIndexLocked when another notes holds it). The import goes on
	// with the database alone; the notes holding the lock, the next search
	// or a reindex brings the index up to date.
	EventIndexSkipped
	// EventRebuilding: the search index is rebuilt whole (Text says why:
	// "missing", "out of date", "was behind the database"…).
	EventRebuilding
	// EventIndexed: a rebuild put Done talks into the index.
	EventIndexed
	// EventIndexBusy: another notes is updating the index; a search
	// answers from the index as it was last written.
	EventIndexBusy
	// EventIndexStale: the search index is behind the database and could
	// not be rebuilt (Err: a full disk, a folder that cannot be written); a
	// search answers from the index as it is, which may miss the latest
	// changes.
	EventIndexStale
)

// Event is something a long operation reports as it goes: a file that
// failed, a warning, progress, a rebuild of the index. Which fields are
// set depends on Kind.
type Event struct {
	Kind    EventKind
	Failure core.Failure // EventFailed, EventWarning
	Path    string       // EventExplain
	Text    string       // EventExplain, EventRebuilding
	Err     error        // EventIndexSkipped, EventIndexStale
	Done    int          // EventStep, EventIndexed
	Total   int          // EventStep
}

// report calls fn with e, when there is an fn.
func report(fn func(Event), e Event) {
	if fn != nil {
		fn(e)
	}
}
