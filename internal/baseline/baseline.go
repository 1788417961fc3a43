// Package baseline reads and writes rlcheck's baseline files: the
// fingerprints of the findings a project accepts for now, so that a scan
// reports only findings not in it (rlcheck scan --baseline).
//
// A finding's fingerprint (internal/finding) hashes its rule, its path
// and the whitespace-free text of its first line, so it survives edits
// above the finding, renames of unrelated code and re-indentation; it
// changes when the line itself or the file's path changes. The rule,
// path, line and message stored next to it are for the people who review
// the file; only fingerprints are matched.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/safefile"
)

// Version is the version of the file format.
const Version = 1

// DefaultFile is where rlcheck baseline write puts the baseline.
const DefaultFile = ".rlcheck-baseline.json"

// maxFile bounds the baseline files read.
const maxFile = 64 << 20

// File is a baseline file.
type File struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
}

// FromFindings makes the baseline of findings (sorted, fingerprints set).
func FromFindings(fs []finding.Finding) *File {
	f := &File{Version: Version, Tool: "rlcheck", Findings: []Entry{}}
	for _, x := range fs {
		f.Findings = append(f.Findings, Entry{
			Fingerprint: x.Fingerprint, Rule: x.RuleID, Path: x.Location.Path,
			Line: x.Location.Start.Line, Message: x.Message,
		})
	}
	return f
}

// Write writes the baseline as indented JSON.
func (f *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// Fingerprints returns the set of the baseline's fingerprints.
func (f *File) Fingerprints() map[string]bool {
	set := make(map[string]bool, len(f.Findings))
	for _, e := range f.Findings {
		set[e.Fingerprint] = true
	}
	return set
}

// Read reads and checks a baseline file. Errors name the file, and the
// line and column of a JSON syntax error.
func Read(path string) (*File, error) {
	data, err := safefile.Read(path, maxFile)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := lineCol(data, se.Offset-1) // Offset is just past the bad byte
			return nil, fmt.Errorf("%s:%d:%d: not a baseline file: %v", path, line, col, err)
		case errors.As(err, &te):
			line, col := lineCol(data, te.Offset)
			return nil, fmt.Errorf("%s:%d:%d: not a baseline file: %s holds %s, want %s", path, line, col, te.Field, te.Value, te.Type)
		}
		return nil, fmt.Errorf("%s: not a baseline file: %v", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (rlcheck baseline write makes one)", path, f.Version, Version)
	}
	for i, e := range f.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("%s: finding %d of the baseline has no fingerprint", path, i+1)
		}
	}
	return &f, nil
}

// lineCol is the 1-based line and column of a byte offset.
func lineCol(data []byte, offset int64) (int, int) {
	before := data[:min(max(offset, 0), int64(len(data)))]
	return bytes.Count(before, []byte{'\n'}) + 1, len(before) - bytes.LastIndexByte(before, '\n')
}
