// Package schema holds the SQLite schema of notes as numbered, append-only
// migrations. It is its own package because //go:embed cannot reach "..".
package schema

import "embed"

// FS holds the migrations, named NNN_description.sql and applied in order.
//
//go:embed *.sql
var FS embed.FS
