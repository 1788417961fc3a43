// Package safetext makes text that rlcheck does not control (file names,
// messages that quote the scanned code) safe to print where a reader or a
// program interprets it: a terminal, a CI log that GitHub Actions scans for
// workflow commands, a Markdown job summary.
package safetext

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// legacyCommand is the prefix of the GitHub Actions runner's legacy
// workflow commands (##[stop-commands]token), which it recognizes anywhere
// in a line, not only at its start as it does "::" commands.
const legacyCommand = "##["

// Line returns s as one printable line: newline, carriage return and tab
// become \n, \r and \t; other control characters, invalid UTF-8 bytes and
// the Unicode characters that are not printable (bidirectional overrides,
// line and paragraph separators, zero-width and non-ASCII spaces) become
// \xNN, \uNNNN or \UNNNNNNNN, as in a Go string literal; and the "[" of
// "##[" becomes \x5b, so that the line cannot carry a legacy workflow
// command. Everything else, backslashes included, is unchanged.
func Line(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '[' && strings.HasSuffix(s[:i], "##"):
			b.WriteString(`\x5b`)
		case r < utf8.RuneSelf && !strconv.IsPrint(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case !strconv.IsPrint(r):
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII without "##[", which Line
// returns unchanged.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf || c == 0x7f {
			return false
		}
	}
	return !strings.Contains(s, legacyCommand)
}

// LineStart returns Line(path) for a path that begins a line of output:
// a relative path that would begin with "::" (after spaces), which GitHub
// Actions reads as a workflow command, gets a "./" in front.
func LineStart(path string) string {
	p := Line(path)
	if strings.HasPrefix(strings.TrimLeft(p, " "), "::") {
		return "./" + p
	}
	return p
}

// markdownSpecial are the ASCII punctuation characters that Markdown
// (GitHub Flavored) gives a meaning inline: emphasis, code, links, images,
// raw HTML, entities, tables, strikethrough.
const markdownSpecial = "\\`*_[]<>()!|~&#"

// Markdown returns Line(s) with every Markdown punctuation character
// backslash-escaped, so that s shows literally inside a paragraph or a
// table cell: it can open no link, image, HTML tag, code span or cell.
func Markdown(s string) string {
	s = Line(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(markdownSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
