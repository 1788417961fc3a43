package suppress

import (
	"fmt"
	"strings"
	"testing"
)

func describe(ds []*Directive) string {
	var out []string
	for _, d := range ds {
		s := fmt.Sprintf("%d:%d alone=%v file=%v rules=%v reason=%q", d.Line, d.Column, d.Alone, d.FileLevel, d.Rules, d.Reason)
		if d.Problem != "" {
			s += " problem=" + d.Problem
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func TestParsePython(t *testing.T) {
	src := `# rlcheck: file-ignore[RL004] one row per tenant, see ADR-12
import boto3
s = "# rlcheck: ignore[RL001] not a comment"
t = '''
# rlcheck: ignore[RL001] inside a docstring
'''
x = 1  # rlcheck: ignore[RL003, counter-read-then-write] the handler re-raises
    # rlcheck: ignore[RL002]
y = "é"  # type: ignore  # rlcheck:ignore[RL005] salted on purpose
# rlcheck: ignore[RL999] why
# rlcheck: ignore RL003 missing brackets
# rlcheck: ignore[] nothing named
# a comment that says rlcheck: ignore[RL001] in passing
u = "a\
b"  # rlcheck: ignore[RL006] after a continued string
`
	want := `1:1 alone=true file=true rules=[RL004] reason="one row per tenant, see ADR-12"
7:8 alone=false file=false rules=[RL003 RL001] reason="the handler re-raises"
8:5 alone=true file=false rules=[RL002] reason="" problem=it gives no reason, so it suppresses nothing; write why after the rule IDs
9:10 alone=false file=false rules=[RL005] reason="salted on purpose"
10:1 alone=true file=false rules=[] reason="why" problem=unknown rule "RL999" (see 'rlcheck rules')
11:1 alone=true file=false rules=[] reason="" problem=a malformed rlcheck directive; write # rlcheck: ignore[RL003] reason
12:1 alone=true file=false rules=[] reason="nothing named" problem=name the rules it suppresses: # rlcheck: ignore[RL003] reason
15:5 alone=false file=false rules=[RL006] reason="after a continued string"`
	if got := describe(Parse([]byte(src), Python)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestParseGo(t *testing.T) {
	src := "//rlcheck:file-ignore RL004,RL005 counters of the admin tool\npackage p\n\nvar s = \"//rlcheck:ignore RL001 not a comment\"\n\nfunc f() {\n\t//rlcheck:ignore RL003 the caller retries\n\tg() //rlcheck:ignore error-swallowing-handler logged and re-raised\n\t// rlcheck:ignore RL001 spaced\n\t//rlcheck:ignore RL001\n\t//rlcheck:ignoreRL001 x\n\t/* rlcheck:ignore RL001 block comments do not count */\n}\n"
	want := `1:1 alone=true file=true rules=[RL004 RL005] reason="counters of the admin tool"
7:2 alone=true file=false rules=[RL003] reason="the caller retries"
8:6 alone=false file=false rules=[RL003] reason="logged and re-raised"
9:2 alone=true file=false rules=[] reason="" problem=a malformed rlcheck directive; write //rlcheck:ignore RL003 reason
10:2 alone=true file=false rules=[RL001] reason="" problem=it gives no reason, so it suppresses nothing; write why after the rule IDs
11:2 alone=true file=false rules=[] reason="" problem=a malformed rlcheck directive; write //rlcheck:ignore RL003 reason`
	if got := describe(Parse([]byte(src), Go)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestMatch: a line directive covers its own line, and the next one when
// it stands alone; a file directive covers the file; one with a problem
// covers nothing.
func TestMatch(t *testing.T) {
	src := "a = 1  # rlcheck: ignore[RL001] trailing\n# rlcheck: ignore[RL002] above\nb = 2\n# rlcheck: ignore[RL003]\nc = 3\n# rlcheck: file-ignore[RL004] everywhere\n"
	ds := Parse([]byte(src), Python)
	tests := []struct {
		rule string
		line int
		want int // directive line, 0 for none
	}{
		{"RL001", 1, 1},
		{"RL001", 2, 0}, // a trailing comment covers its line only
		{"RL002", 3, 2},
		{"RL002", 2, 2},
		{"RL002", 4, 0},
		{"RL003", 5, 0}, // no reason
		{"RL004", 100, 6},
		{"RL005", 1, 0},
	}
	for _, tt := range tests {
		d := Match(ds, tt.rule, tt.line)
		got := 0
		if d != nil {
			got = d.Line
		}
		if got != tt.want {
			t.Errorf("Match(%s, line %d) = directive at %d, want %d", tt.rule, tt.line, got, tt.want)
		}
	}
	if !ds[0].Used["RL001"] || ds[2].Used["RL003"] {
		t.Errorf("Used: %v %v", ds[0].Used, ds[2].Used)
	}
}
