package sqlfacts

import (
	"errors"
	"fmt"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Bounds on the SQL text Analyze hands to PostgreSQL's parser. The parser
// is C code that recurses once per level of nesting and has no guard of
// its own: thousands of terms (SET hits = hits + 1 + 1 + ...) overflow the
// thread's stack and kill the process, which Go cannot recover. With the
// estimate of depth, a 512 KiB stack overflows from about 1,480 (plus
// chains, nested calls, NOT chains; measured on linux/amd64), an 8 MiB one
// (glibc's usual default for threads) from about 23,000. Rate-limit SQL
// estimates at a few dozen, a CREATE TABLE of 100 columns at about 400.
const (
	MaxLen   = 1 << 20 // bytes of SQL text
	MaxDepth = 500     // estimated nesting depth, see depth
)

// ErrTooComplex is matched (errors.Is) by the error Analyze returns for
// SQL text over MaxLen or MaxDepth, which it does not parse. Other errors
// mean the text is not SQL PostgreSQL accepts; this one means rlcheck did
// not look, and callers should say so.
var ErrTooComplex = errors.New("sqlfacts: SQL text too long or too deeply nested to parse")

// LimitError describes SQL text over the bounds.
type LimitError struct {
	Len   int // bytes
	Depth int // estimated nesting depth; 0 when the text was too long to look at
}

// Error says which bound the text exceeds.
func (e *LimitError) Error() string {
	if e.Depth == 0 {
		return fmt.Sprintf("sqlfacts: SQL text of %d bytes is longer than %d bytes; not parsed", e.Len, MaxLen)
	}
	return fmt.Sprintf("sqlfacts: SQL text nests about %d levels deep, more than %d; not parsed", e.Depth, MaxDepth)
}

// Is matches ErrTooComplex.
func (e *LimitError) Is(target error) bool { return target == ErrTooComplex }

// checkBounds returns the *LimitError of text over the bounds, or nil.
func checkBounds(sql string) *LimitError {
	if len(sql) > MaxLen {
		return &LimitError{Len: len(sql)}
	}
	// Every level of nesting takes at least one token, and every token
	// at least one byte.
	if len(sql) <= MaxDepth {
		return nil
	}
	if d := depth(sql); d > MaxDepth {
		return &LimitError{Len: len(sql), Depth: d}
	}
	return nil
}

// depth bounds from above how deeply the parse tree of sql nests, from its
// tokens (PostgreSQL's own scanner, which does not recurse). Each group in
// parentheses or brackets weighs one plus the number of its tokens, at its
// own level, that can open a level of the tree: operators and keywords,
// everything but operands (names, constants, placeholders), commas and
// comments. A level of the tree takes at least one such token or group,
// so no path from the root is deeper than the heaviest chain of nested
// groups. A semicolon outside any group starts a new statement. Text the
// scanner rejects weighs nothing: the parser rejects it too, without
// recursing.
func depth(sql string) int {
	scan, err := pg.Scan(sql)
	if err != nil {
		return 0
	}
	// Groups in the order they open, so that a group's parent comes
	// before it; the weights are complete only at the end.
	weight := []int{1}
	parent := []int{-1}
	open := []int{0} // the groups not yet closed, innermost last
	for _, tok := range scan.GetTokens() {
		switch tok.GetToken() {
		case pg.Token_ASCII_40, pg.Token_ASCII_91: // ( [
			parent = append(parent, open[len(open)-1])
			weight = append(weight, 1)
			open = append(open, len(weight)-1)
		case pg.Token_ASCII_41, pg.Token_ASCII_93: // ) ]
			if len(open) > 1 {
				open = open[:len(open)-1]
			}
		case pg.Token_ASCII_59: // ;
			if len(open) == 1 {
				parent = append(parent, -1)
				weight = append(weight, 1)
				open[0] = len(weight) - 1
			}
		case pg.Token_ASCII_44, // ,
			pg.Token_IDENT, pg.Token_UIDENT, pg.Token_FCONST, pg.Token_SCONST, pg.Token_USCONST,
			pg.Token_BCONST, pg.Token_XCONST, pg.Token_ICONST, pg.Token_PARAM,
			pg.Token_SQL_COMMENT, pg.Token_C_COMMENT:
		default:
			weight[open[len(open)-1]]++
		}
	}
	deepest := 0
	for i := range weight {
		if p := parent[i]; p >= 0 {
			weight[i] += weight[p] // now the chain's weight, root to i
		}
		deepest = max(deepest, weight[i])
	}
	return deepest
}
