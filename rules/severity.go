package rules

import (
	"fmt"
	"strings"
)

// Severity ranks findings. The zero value is not a valid severity.
type Severity int

// Severities, lowest first, so that comparisons read naturally.
const (
	Low Severity = iota + 1
	Medium
	High
)

// String returns "low", "medium" or "high".
func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses "low", "medium" or "high" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want high, medium or low)", s)
}

// UnmarshalYAML reads a severity written as a word.
func (s *Severity) UnmarshalYAML(unmarshal func(any) error) error {
	var word string
	if err := unmarshal(&word); err != nil {
		return err
	}
	v, err := ParseSeverity(word)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// SARIFLevel maps the severity to a SARIF result level.
func (s Severity) SARIFLevel() string {
	switch s {
	case High:
		return "error"
	case Medium:
		return "warning"
	}
	return "note"
}

// SecurityScore is the numeric CVSS-like score GitHub code scanning reads
// from the security-severity property (high is 7.0-8.9, medium 4.0-6.9,
// low 0.1-3.9).
func (s Severity) SecurityScore() string {
	switch s {
	case High:
		return "8.1"
	case Medium:
		return "5.3"
	}
	return "3.1"
}
