// Command notes turns a folder of conference write-ups into a queryable
// knowledge base. See internal/cli for the commands.
package main

import (
	"os"

	"github.com/notes-kb/notes/internal/cli"
)

func main() { os.Exit(cli.Main()) }
