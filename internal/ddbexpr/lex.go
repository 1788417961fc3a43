package ddbexpr

import "fmt"

// Error is a syntax error at a byte offset of the expression.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // attribute name or keyword
	tName           // #placeholder
	tValue          // :placeholder
	tNumber         // list index
	tPunct          // ( ) , . [ ] = <> < <= > >= + -
)

type token struct {
	kind tokKind
	text string
	off  int
}

func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isLetter(c) || c == '_':
			j := i + 1
			for j < len(s) && isWord(s[j]) {
				j++
			}
			toks = append(toks, token{tIdent, s[i:j], i})
			i = j
		case c == '#' || c == ':':
			j := i + 1
			for j < len(s) && isWord(s[j]) {
				j++
			}
			if j == i+1 {
				return nil, &Error{i, fmt.Sprintf("%q must be followed by a placeholder name", c)}
			}
			kind := tName
			if c == ':' {
				kind = tValue
			}
			toks = append(toks, token{kind, s[i:j], i})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks = append(toks, token{tNumber, s[i:j], i})
			i = j
		case c == '<' && i+1 < len(s) && (s[i+1] == '=' || s[i+1] == '>'), c == '>' && i+1 < len(s) && s[i+1] == '=':
			toks = append(toks, token{tPunct, s[i : i+2], i})
			i += 2
		case c == '(' || c == ')' || c == ',' || c == '.' || c == '[' || c == ']' || c == '=' || c == '<' || c == '>' || c == '+' || c == '-':
			toks = append(toks, token{tPunct, s[i : i+1], i})
			i++
		default:
			return nil, &Error{i, fmt.Sprintf("unexpected character %q", c)}
		}
	}
	return append(toks, token{tEOF, "", len(s)}), nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isWord(c byte) bool   { return isLetter(c) || c == '_' || c >= '0' && c <= '9' }
