// Package python is rlcheck's Python engine: it parses Python files with
// tree-sitter, builds a small model of each file (package pyfile) and runs
// the Python rules (packages rl001, rl002, ...) on it.
package python

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/rlcheck/rlcheck/analyzers/python/pyfile"
	"github.com/rlcheck/rlcheck/analyzers/python/pyrule"
	"github.com/rlcheck/rlcheck/analyzers/python/rl001"
	"github.com/rlcheck/rlcheck/analyzers/python/rl002"
	"github.com/rlcheck/rlcheck/analyzers/python/rl003"
	"github.com/rlcheck/rlcheck/analyzers/python/rl004"
	"github.com/rlcheck/rlcheck/analyzers/python/rl005"
	"github.com/rlcheck/rlcheck/analyzers/python/rl006"
	"github.com/rlcheck/rlcheck/analyzers/python/rl007"
	"github.com/rlcheck/rlcheck/analyzers/python/rl008"
	"github.com/rlcheck/rlcheck/analyzers/python/rl009"
	"github.com/rlcheck/rlcheck/analyzers/python/rl010"
	"github.com/rlcheck/rlcheck/analyzers/python/rl016"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

// all lists the Python rules, sorted by ID.
var all = []*pyrule.Rule{rl001.Rule, rl002.Rule, rl003.Rule, rl004.Rule, rl005.Rule, rl006.Rule, rl007.Rule, rl008.Rule, rl009.Rule, rl010.Rule, rl016.Rule}

// RuleIDs lists the rule IDs implemented for Python, sorted.
func RuleIDs() []string {
	ids := make([]string, len(all))
	for i, r := range all {
		ids[i] = r.ID
	}
	return ids
}

// Check parses one Python file and runs the enabled rules on it. path is
// used verbatim in the findings. It is safe for concurrent use and never
// panics: a file that is not text gets a notification and no findings; a
// file with syntax errors gets a notification, and the rules still run on
// what parsed.
func Check(path string, src []byte, enabled func(ruleID string) bool) (fs []finding.Finding, notes []finding.Notification) {
	var rule string // the rule running, "" while parsing
	defer func() {
		if r := recover(); r != nil {
			fs = nil
			notes = append(notes, finding.InternalError(path, rule, path, r, debug.Stack()))
		}
	}()
	f, err := pyfile.Parse(path, src)
	if err != nil {
		level := finding.LevelError
		if errors.Is(err, pyfile.ErrNotText) {
			level = finding.LevelWarning
		}
		return nil, []finding.Notification{{Level: level, Path: path, Message: fmt.Sprintf("%s was not analyzed: %v", path, err)}}
	}
	defer f.Close()
	if line := f.SyntaxError(); line > 0 {
		notes = append(notes, finding.Notification{Level: finding.LevelWarning, Path: path,
			Message: fmt.Sprintf("%s has a syntax error at line %d; the rest of the file was analyzed", path, line)})
	}
	for _, r := range all {
		rule = r.ID
		if !enabled(r.ID) {
			continue
		}
		pass := &pyrule.Pass{File: f, Rule: rules.MustLookup(r.ID)}
		r.Run(pass)
		fs = append(fs, pass.Findings...)
	}
	finding.Sort(fs)
	return slices.Clip(fs), notes
}
