package ddbexpr

import (
	"fmt"
	"unicode/utf8"
)

// ErrorKind classifies an Error.
type ErrorKind int

const (
	// Syntax is malformed text: an unexpected token, a missing operand, an
	// unknown or misplaced function, a clause given twice.
	Syntax ErrorKind = iota
	// Arithmetic is + or - outside the value of a SET action, for example
	// in a condition (request_count + :inc <= :limit).
	Arithmetic
	// KeyCondition is a well-formed condition that is not a valid key
	// condition (OR, NOT, IN, <>, a third part, no partition-key equality).
	KeyCondition
)

// Error is an expression DynamoDB rejects, at a byte offset of the
// expression text.
type Error struct {
	Offset int
	Msg    string
	Kind   ErrorKind
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // attribute name, keyword or function name
	tName           // #placeholder
	tValue          // :placeholder
	tNumber         // list index (or a misplaced literal)
	tPunct          // ( ) , . [ ] = <> < <= > >= + -
)

type token struct {
	kind tokKind
	text string
	off  int
}

// lex splits s into tokens; the last one is tEOF at len(s).
func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isLetter(c) || c == '_':
			j := wordEnd(s, i+1)
			toks = append(toks, token{tIdent, s[i:j], i})
			i = j
		case c == '#' || c == ':':
			j := wordEnd(s, i+1)
			if j == i+1 {
				return nil, &Error{Offset: i, Msg: fmt.Sprintf("%q must be followed by a placeholder name (letters, digits, _)", c)}
			}
			kind := tName
			if c == ':' {
				kind = tValue
			}
			toks = append(toks, token{kind, s[i:j], i})
			i = j
		case isDigit(c):
			j := i + 1
			for j < len(s) && isDigit(s[j]) {
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
		case c == '\'' || c == '"':
			return nil, &Error{Offset: i, Msg: "string literals are not allowed in an expression; pass the value as a :value placeholder"}
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, &Error{Offset: i, Msg: fmt.Sprintf("unexpected character %q; write such attribute names through a #name placeholder", r)}
		}
	}
	return append(toks, token{tEOF, "", len(s)}), nil
}

func wordEnd(s string, j int) int {
	for j < len(s) && isWord(s[j]) {
		j++
	}
	return j
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isWord(c byte) bool   { return isLetter(c) || isDigit(c) || c == '_' }
