// Package finding is the one model of a result that both language engines
// produce and every output writer consumes.
package finding

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rlcheck/rlcheck/rules"
)

// Position is a place in a source file. Line and Column are 1-based;
// Column counts Unicode code points (characters), not bytes, as SARIF and
// GitHub expect.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Location is a range in a file. Path is slash-separated and relative to the
// scan root. Message describes the place for related locations ("the count
// is read here") and is empty for primary locations.
type Location struct {
	Path    string   `json:"path"`
	Start   Position `json:"start"`
	End     Position `json:"end"`
	Message string   `json:"message,omitempty"`
}

// Finding is one rule violation.
type Finding struct {
	RuleID   string         `json:"rule"`
	Severity rules.Severity `json:"-"`
	Message  string         `json:"message"`
	Location Location       `json:"location"`
	Related  []Location     `json:"related,omitempty"`
	// Flow is the path the finding's value takes, in execution order,
	// when it crosses functions: where a client value is read, each call
	// that passes it on, and where it is counted. Each step's Message
	// says what happens there. Empty when the finding sits in one place.
	Flow        []Location `json:"flow,omitempty"`
	Fingerprint string     `json:"fingerprint,omitempty"`
	// Suppression is set on a finding that an inline directive
	// suppressed; such findings are reported only on request.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// Suppression records the inline directive that suppressed a finding
// (SARIF's suppression of kind inSource).
type Suppression struct {
	Justification string   `json:"justification"` // the reason the directive gives
	Location      Location `json:"location"`      // where the directive is
}

// Sort orders findings by path, position and rule, the order every output
// uses.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Location.Path, b.Location.Path),
			cmp.Compare(a.Location.Start.Line, b.Location.Start.Line),
			cmp.Compare(a.Location.Start.Column, b.Location.Start.Column),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Level is the weight of a Notification.
type Level string

// Notification levels, as SARIF names them.
const (
	LevelError   Level = "error"   // part of the input could not be analyzed
	LevelWarning Level = "warning" // analyzed, but with less information than usual
	LevelNote    Level = "note"    // informational
)

// Notification reports a problem with the run itself rather than with the
// code: a file that could not be read or parsed, a Go package that did not
// type-check. Path is relative to the scan root, or empty.
type Notification struct {
	Level Level  `json:"level"`
	Path  string `json:"path,omitempty"`
	// Line and Column place the problem in Path, when it has a place
	// (a suppression directive); 0 otherwise.
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Rule    string `json:"rule,omitempty"` // the rule concerned, such as the analyzer that failed
	Message string `json:"message"`
	// Internal marks a failure of rlcheck itself (an analyzer panicked or
	// returned an error) rather than a problem with the input: the scan is
	// incomplete, so the run is not successful.
	Internal bool `json:"internal,omitempty"`
	// Debug is shown only on request (--debug): the goroutine stack of an
	// internal error.
	Debug string `json:"-"`
}

// InternalError is the notification of an analyzer that failed: rule is
// its rule ID ("" when the failure came before any rule ran), subject what
// it was analyzing ("app/x.py", "package example.com/m/a"), path the file
// or directory for the location, cause the panic value or error, and stack
// the goroutine stack, if known.
func InternalError(path, rule, subject string, cause any, stack []byte) Notification {
	in := "internal error"
	if rule != "" {
		in += " in " + rule
	}
	return Notification{
		Level: LevelError, Path: path, Rule: rule, Internal: true, Debug: string(stack),
		Message: fmt.Sprintf("%s while analyzing %s: %v; the scan is incomplete", in, subject, cause),
	}
}

// RelPath turns an absolute file path into a Location path: relative to
// root and slash-separated. A path outside root stays absolute (slashed),
// since "../" has no meaning for code scanning.
func RelPath(root, path string) string {
	if path == "" {
		return ""
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// FlowStep starts the message of a related location that is a step of the
// finding's flow. go/analysis diagnostics have no field for a flow, so the
// Go analyzers carry it as Related entries with this prefix, in execution
// order, and the Go driver turns them into Flow (keeping them in Related,
// without the prefix).
const FlowStep = "flow: "
