// Package suppress reads rlcheck's inline suppression comments and
// matches them against findings, for both languages alike:
//
//	# rlcheck: ignore[RL003] the handler re-raises after logging      (Python)
//	# rlcheck: file-ignore[RL004] one row per tenant, see ADR-12       (Python, whole file)
//	//rlcheck:ignore RL003 the caller retries with backoff             (Go)
//	//rlcheck:file-ignore RL004,RL005 counters of the admin tool       (Go, whole file)
//
// A line directive suppresses findings that start on its own line or,
// when the comment stands alone on its line, on the next line. Rules are
// IDs or names, comma-separated. The reason is required: a directive
// without one suppresses nothing and is reported, and so is a directive
// that suppresses nothing (a stale one).
package suppress

import (
	"bytes"
	"fmt"
	"go/scanner"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rlcheck/rlcheck/rules"
)

// Directive is one suppression comment.
type Directive struct {
	Line, Column int  // where the comment starts; 1-based, Column in characters
	Alone        bool // the comment is the only thing on its line
	FileLevel    bool // file-ignore: the whole file
	Rules        []string
	Reason       string
	// Problem says why the directive suppresses nothing by itself (no
	// reason, an unknown rule, malformed), or is "".
	Problem string
	// Used records, per rule, whether a finding matched.
	Used map[string]bool
}

// Language selects the comment syntax.
type Language int

// Languages.
const (
	Python Language = iota
	Go
)

// LanguageOf returns the language of a file by its name, and whether it
// is one rlcheck reads.
func LanguageOf(path string) (Language, bool) {
	switch {
	case strings.HasSuffix(path, ".py"):
		return Python, true
	case strings.HasSuffix(path, ".go"):
		return Go, true
	}
	return 0, false
}

var (
	// pyDirective matches the text of a Python comment after '#'.
	pyDirective = regexp.MustCompile(`^\s*rlcheck:\s*(ignore|file-ignore)\[([^\]]*)\](.*)$`)
	// goDirective matches the text of a Go line comment after "//".
	goDirective = regexp.MustCompile(`^rlcheck:(ignore|file-ignore)(?:\s+(\S+))?(.*)$`)
	// mention tells a directive gone wrong from a comment that merely
	// talks about rlcheck.
	mention = regexp.MustCompile(`^\s*rlcheck:`)
)

// Parse finds the directives in a source file.
func Parse(src []byte, lang Language) []*Directive {
	var out []*Directive
	for _, c := range comments(src, lang) {
		text := c.text
		if lang == Python {
			// "# type: ignore  # rlcheck: ignore[RL001] why": one
			// comment may hold several pragmas.
			for _, part := range strings.Split(text, "#") {
				if mention.MatchString(part) {
					text = part
					break
				}
			}
		}
		d := parseComment(text, lang)
		if d == nil {
			continue
		}
		d.Line, d.Column, d.Alone = c.line, c.col, c.alone
		out = append(out, d)
	}
	return out
}

func parseComment(text string, lang Language) *Directive {
	re, syntax := pyDirective, "# rlcheck: ignore[RL003] reason"
	if lang == Go {
		re, syntax = goDirective, "//rlcheck:ignore RL003 reason"
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		if mention.MatchString(text) {
			return &Directive{Problem: fmt.Sprintf("a malformed rlcheck directive; write %s", syntax)}
		}
		return nil
	}
	d := &Directive{FileLevel: m[1] == "file-ignore", Reason: strings.TrimSpace(m[3]), Used: make(map[string]bool)}
	if lang == Go && m[3] != "" && !strings.ContainsAny(m[3][:1], " \t") {
		return &Directive{Problem: fmt.Sprintf("a malformed rlcheck directive; write %s", syntax)}
	}
	for _, item := range strings.Split(m[2], ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		r := lookup(item)
		if r == nil {
			d.Problem = fmt.Sprintf("unknown rule %q (see 'rlcheck rules')", item)
			return d
		}
		if !slices.Contains(d.Rules, r.ID) {
			d.Rules = append(d.Rules, r.ID)
		}
	}
	switch {
	case len(d.Rules) == 0:
		d.Problem = fmt.Sprintf("name the rules it suppresses: %s", syntax)
	case d.Reason == "":
		d.Problem = "it gives no reason, so it suppresses nothing; write why after the rule IDs"
	}
	return d
}

func lookup(s string) *rules.Rule {
	for _, r := range rules.Active() {
		if strings.EqualFold(r.ID, s) || strings.EqualFold(r.Name, s) {
			return r
		}
	}
	return nil
}

// Match returns the directive that suppresses a finding of rule on line,
// marking it used, or nil. Directives with a problem never suppress.
func Match(ds []*Directive, rule string, line int) *Directive {
	for _, d := range ds {
		if d.Problem != "" || !slices.Contains(d.Rules, rule) {
			continue
		}
		if d.FileLevel || line == d.Line || d.Alone && line == d.Line+1 {
			d.Used[rule] = true
			return d
		}
	}
	return nil
}

// comment is the text of one comment (after '#' or "//").
type comment struct {
	text      string
	line, col int
	alone     bool
}

func comments(src []byte, lang Language) []comment {
	if lang == Go {
		return goComments(src)
	}
	return pyComments(src)
}

// goComments lists the line comments of a Go file, by go/scanner.
func goComments(src []byte) []comment {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, scanner.ScanComments)
	var out []comment
	lastLine := 0 // line of the last token other than a comment
	for {
		p, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		pos := fset.Position(p)
		if tok != token.COMMENT {
			if tok != token.SEMICOLON || lit == ";" {
				lastLine = pos.Line
			}
			continue
		}
		if !strings.HasPrefix(lit, "//") {
			continue
		}
		out = append(out, comment{text: lit[2:], line: pos.Line, col: charCol(src, pos.Offset), alone: lastLine != pos.Line})
	}
}

// pyComments lists the comments of a Python file: '#' outside string
// literals (single, triple-quoted, with any prefix) to the end of the
// line.
func pyComments(src []byte) []comment {
	var out []comment
	line, lineStart := 1, 0
	code := false // the current line holds code before the comment
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line, lineStart, code = line+1, i+1, false
		case '#':
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			text := strings.TrimSuffix(string(src[i+1:i+end]), "\r")
			out = append(out, comment{text: text, line: line, col: utf8.RuneCount(src[lineStart:i]) + 1, alone: !code})
			i += end - 1
		case '\'', '"':
			code = true
			quote := src[i : i+1]
			if bytes.HasPrefix(src[i:], []byte{c, c, c}) {
				quote = src[i : i+3]
			}
			j := i + len(quote)
			for j < len(src) && !bytes.HasPrefix(src[j:], quote) {
				if src[j] == '\\' {
					j++
					if j < len(src) && src[j] == '\n' {
						line, lineStart = line+1, j+1
					}
				} else if src[j] == '\n' {
					if len(quote) == 1 {
						break // an unterminated string ends at the line
					}
					line, lineStart = line+1, j+1
				}
				j++
			}
			if j < len(src) && src[j] == '\n' {
				i = j - 1
				continue
			}
			i = min(j+len(quote), len(src)) - 1
		case ' ', '\t', '\r', '\f':
		default:
			code = true
		}
	}
	return out
}

// charCol is the 1-based character column of a byte offset.
func charCol(src []byte, offset int) int {
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return utf8.RuneCount(src[start:offset]) + 1
}
