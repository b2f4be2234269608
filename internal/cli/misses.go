package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/kb"
	"github.com/notes-kb/notes/internal/render"
)

// sayMisses tells, when a listing found nothing, which filter values match
// nothing known, with the known names nearest to them: `no service matches
// "lambada"; did you mean AWS Lambda?`. It writes to stderr in a pipe too,
// and with --json: stdout stays the (empty) results (issue 16, item 2).
func sayMisses(ctx context.Context, s *render.IO, k *kb.KB, f core.TalkFilter) error {
	misses, err := k.Misses(ctx, f)
	if err != nil {
		return err
	}
	for _, m := range misses {
		fmt.Fprintln(s.Err, render.Sanitize(missMessage(m)))
	}
	return nil
}

// missMessage says what a Miss is about, and what to try instead.
func missMessage(m kb.Miss) string {
	var b strings.Builder
	if m.Filter == kb.MissYear {
		fmt.Fprintf(&b, "no talk in %s", m.Value)
		switch len(m.Nearest) {
		case 0:
			b.WriteString("; see 'notes events'")
		case 1:
			fmt.Fprintf(&b, "; the nearest year with talks is %s", m.Nearest[0])
		default:
			fmt.Fprintf(&b, "; the nearest years with talks are %s", strings.Join(m.Nearest, " and "))
		}
		return b.String()
	}
	if m.Catalogued {
		fmt.Fprintf(&b, "no talk names %s", m.Value)
	} else {
		fmt.Fprintf(&b, "no %s matches %q", m.Filter, m.Value)
	}
	if len(m.Nearest) == 0 {
		fmt.Fprintf(&b, "; see 'notes %s'", pluralHeader(m.Filter))
		return b.String()
	}
	names := make([]string, len(m.Nearest))
	for i, n := range m.Nearest {
		names[i] = render.OneLine(n)
	}
	b.WriteString("; did you mean ")
	if len(names) > 1 {
		b.WriteString(strings.Join(names[:len(names)-1], ", ") + " or ")
	}
	b.WriteString(names[len(names)-1] + "?")
	return b.String()
}
