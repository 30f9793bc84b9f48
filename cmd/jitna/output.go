package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// checkedWriter remembers the first error writing to w, so that a command
// whose output could not be written (a full disk, a closed pipe) exits 2
// instead of 0.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

// plain makes text safe for a terminal or a log: control characters (CR,
// LF, ESC and the rest) and the Unicode marks that reorder text are written
// as escapes, so that no value can move the cursor, colour the terminal or
// forge a line of its own.
func plain(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainLines is plain for text of several lines: each line made plain,
// the line breaks kept.
func plainLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = plain(l)
	}
	return strings.Join(lines, "\n")
}

// markdownCell makes text safe in a Markdown table cell or line: plain, then
// HTML (comments, tags, entities), table and emphasis syntax and code spans
// escaped, so that a value can neither hide the rows after it nor forge a
// line of the summary.
func markdownCell(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`,
		"[", `\[`, "]", `\]`, "~", `\~`).Replace(plain(s))
}
