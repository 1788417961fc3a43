package pythontest

import (
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/rules"
)

func at(line int, id string, sev rules.Severity, msg string) finding.Finding {
	return finding.Finding{RuleID: id, Severity: sev, Message: msg, Location: finding.Location{Start: finding.Position{Line: line, Column: 1}}}
}

func TestCompare(t *testing.T) {
	src := []byte(`x = 1  # want "RL002 \\[high\\]"
y = 2
z = 3  # todo-want "RL001"
w = 4  # want "RL003" "RL004"
`)
	tests := []struct {
		name  string
		fs    []finding.Finding
		wants []string // substrings of the expected problems, in order
	}{
		{"all matched", []finding.Finding{
			at(1, "RL002", rules.High, "m"), at(4, "RL003", rules.Medium, "m"), at(4, "RL004", rules.Medium, "m"),
		}, nil},
		{"missing finding", []finding.Finding{at(4, "RL003", rules.Medium, "m"), at(4, "RL004", rules.Medium, "m")},
			[]string{`1: no finding matches want`}},
		{"wrong severity", []finding.Finding{
			at(1, "RL002", rules.Medium, "m"), at(4, "RL003", rules.Medium, "m"), at(4, "RL004", rules.Medium, "m"),
		}, []string{"unexpected finding: RL002 [medium]", "1: no finding matches want"}},
		{"extra finding", []finding.Finding{
			at(1, "RL002", rules.High, "m"), at(2, "RL001", rules.High, "m"), at(4, "RL003", rules.Medium, "m"), at(4, "RL004", rules.Medium, "m"),
		}, []string{"2:1: unexpected finding: RL001"}},
		{"todo gap fixed", []finding.Finding{
			at(1, "RL002", rules.High, "m"), at(3, "RL001", rules.High, "m"), at(4, "RL003", rules.Medium, "m"), at(4, "RL004", rules.Medium, "m"),
		}, []string{"3: RL001 [high] m is now found"}},
	}
	for _, tt := range tests {
		got := Compare(src, tt.fs)
		if len(got) != len(tt.wants) {
			t.Errorf("%s: problems %q, want %d", tt.name, got, len(tt.wants))
			continue
		}
		for i, w := range tt.wants {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: problem %q does not contain %q", tt.name, got[i], w)
			}
		}
	}
}

func TestCompareRejectsMalformedWants(t *testing.T) {
	got := Compare([]byte("x = 1  # want RL001\ny = 2  # want \"[\"\n"), nil)
	if len(got) != 2 {
		t.Errorf("problems = %q, want two malformed-want reports", got)
	}
}
