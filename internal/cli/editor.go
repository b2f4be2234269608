package cli

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/shell"
)

// editorLine says how an editor is told the line to open a file at.
type editorLine int

const (
	lineNone  editorLine = iota // the file alone
	linePlus                    // +LINE FILE
	lineColon                   // FILE:LINE
	lineGoto                    // -g FILE:LINE
)

// editorLines are the editors that can open a file at a line, by the name
// of their program.
var editorLines = map[string]editorLine{
	"vi": linePlus, "vim": linePlus, "nvim": linePlus, "gvim": linePlus, "mvim": linePlus,
	"view": linePlus, "ex": linePlus, "elvis": linePlus, "nvi": linePlus, "vis": linePlus,
	"nano": linePlus, "pico": linePlus, "emacs": linePlus, "emacsclient": linePlus,
	"micro": linePlus, "kak": linePlus, "joe": linePlus, "jed": linePlus, "mg": linePlus,
	"ne": linePlus, "gedit": linePlus, "kate": linePlus, "mousepad": linePlus,
	"code": lineGoto, "code-insiders": lineGoto, "codium": lineGoto, "vscodium": lineGoto, "cursor": lineGoto,
	"subl": lineColon, "sublime_text": lineColon, "zed": lineColon, "hx": lineColon, "helix": lineColon,
}

// editorCommand is the command that opens path at line (0: unknown) with
// editor, the value of $VISUAL or $EDITOR: split into words as a shell
// would ("code -w", quotes, ~ and $VARIABLES read with getenv, which is
// also how a shell would run it), the file and its line added as that
// editor takes them (editorLines), or the file alone.
func editorCommand(editor string, getenv func(string) string, path string, line int) ([]string, error) {
	argv, err := shell.Fields(editor, getenv)
	if err != nil {
		return nil, err
	}
	if len(argv) == 0 || argv[0] == "" {
		return nil, errors.New("names no command")
	}
	// A path starting with "-" or "+" would be read as an option.
	if strings.HasPrefix(path, "-") || strings.HasPrefix(path, "+") {
		path = "." + string(filepath.Separator) + path
	}
	name := strings.TrimSuffix(filepath.Base(argv[0]), ".exe")
	at := path + ":" + strconv.Itoa(line)
	switch style := editorLines[name]; {
	case line <= 0 || style == lineNone:
		return append(argv, path), nil
	case style == linePlus:
		return append(argv, "+"+strconv.Itoa(line), path), nil
	case style == lineGoto:
		return append(argv, "-g", at), nil
	default:
		return append(argv, at), nil
	}
}
