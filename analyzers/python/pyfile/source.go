package pyfile

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/ianaindex"
)

// codingLine matches a PEP 263 encoding declaration, which Python honours
// on the first or second line: # -*- coding: latin-1 -*-.
var codingLine = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// decodeSource returns src as UTF-8: a file declaring another encoding
// (PEP 263) is decoded; a file that is then still not UTF-8 is no text.
func decodeSource(src []byte) ([]byte, error) {
	if name := declaredEncoding(src); name != "" && !isUTF8Name(name) {
		enc, err := ianaindex.IANA.Encoding(pythonCodec(name))
		if err != nil || enc == nil {
			return nil, fmt.Errorf("%w: it declares the encoding %s, which rlcheck cannot decode", ErrNotText, name)
		}
		out, err := enc.NewDecoder().Bytes(src)
		if err != nil {
			return nil, fmt.Errorf("%w: it is not valid %s", ErrNotText, name)
		}
		return out, nil
	}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%w: it is not valid UTF-8", ErrNotText)
	}
	return src, nil
}

// declaredEncoding returns the encoding the first two lines declare, or "".
func declaredEncoding(src []byte) string {
	for i, line := range bytes.SplitN(src, []byte("\n"), 3) {
		if i == 2 {
			break
		}
		if m := codingLine.FindSubmatch(line); m != nil {
			return string(m[1])
		}
	}
	return ""
}

func isUTF8Name(name string) bool {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "-")) {
	case "utf-8", "utf8", "utf-8-sig", "ascii", "us-ascii":
		return true
	}
	return false
}

// pythonCodec maps Python's spellings of codec names to IANA names.
func pythonCodec(name string) string {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	switch n {
	case "latin-1", "latin1", "l1", "iso-8859-1", "iso8859-1", "8859":
		return "ISO-8859-1"
	case "cp1252", "windows-1252":
		return "windows-1252"
	case "latin-9", "latin9", "iso-8859-15", "iso8859-15":
		return "ISO-8859-15"
	case "cp1251", "windows-1251":
		return "windows-1251"
	}
	return n
}

// exceptList matches an except clause naming several exceptions without
// parentheses (PEP 758, Python 3.14): except A, B:. The grammar rlcheck
// parses with predates it.
var exceptList = regexp.MustCompile(`(?m)^([ \t]*except\*?) ([A-Za-z_][\w.]*, ?)([A-Za-z_][\w.]*(?:, ?[A-Za-z_][\w.]*)*)([ \t]*(?:as[ \t]+\w+[ \t]*)?):`)

// parenthesizeExcepts rewrites those clauses to the parenthesized form,
// keeping every byte offset: "except A, B:" becomes "except(A,B):", the
// parenthesis taking the place of a space that the clause gives up (the
// one after except, and one after a comma). It reports whether it changed
// anything.
func parenthesizeExcepts(src []byte) ([]byte, bool) {
	if !bytes.Contains(src, []byte("except")) {
		return src, false
	}
	changed := false
	out := exceptList.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := exceptList.FindSubmatch(m)
		first := sub[2]
		if !bytes.HasSuffix(first, []byte(", ")) {
			return m // no space to give up: leave it
		}
		changed = true
		var b bytes.Buffer
		b.Write(sub[1])
		b.WriteByte('(')
		b.Write(first[:len(first)-1]) // "A," without its space
		b.Write(sub[3])
		b.WriteByte(')')
		b.Write(sub[4])
		b.WriteByte(':')
		return b.Bytes()
	})
	return out, changed
}
