package finding

import (
	"path/filepath"
	"testing"
)

func TestCharColumn(t *testing.T) {
	line := []byte("var Zähler, Ü = 1, hot()")
	tests := []struct{ byteCol, want int }{
		{0, 1}, {1, 1}, {5, 5}, {8, 7}, {22, 20}, {27, 25}, {40, 38},
	}
	for _, tt := range tests {
		if got := CharColumn(line, tt.byteCol); got != tt.want {
			t.Errorf("CharColumn(%d) = %d, want %d", tt.byteCol, got, tt.want)
		}
	}
	if got := CharColumn([]byte("\xff\xfeab"), 4); got != 4 {
		t.Errorf("invalid UTF-8 bytes count one character each: got %d", got)
	}
}

func TestFingerprintsSurviveShiftedLines(t *testing.T) {
	before := []byte("import x\n\n    table.update_item(...)\n")
	after := []byte("import x\nimport y\n\n\ttable.update_item(...)\n")
	mk := func(line int) []Finding {
		return []Finding{{RuleID: "RL002", Location: Location{Path: "a.py", Start: Position{Line: line, Column: 5}}}}
	}
	a, b := mk(3), mk(4)
	SetFingerprints(a, func(string) []byte { return before })
	SetFingerprints(b, func(string) []byte { return after })
	if a[0].Fingerprint == "" || a[0].Fingerprint != b[0].Fingerprint {
		t.Errorf("fingerprint changed when lines shifted: %q vs %q", a[0].Fingerprint, b[0].Fingerprint)
	}
	c := mk(3)
	c[0].RuleID = "RL001"
	SetFingerprints(c, func(string) []byte { return before })
	if c[0].Fingerprint == a[0].Fingerprint {
		t.Error("different rules share a fingerprint")
	}
}

func TestFingerprintsDistinguishIdenticalLines(t *testing.T) {
	src := []byte("x()\nx()\n")
	fs := []Finding{
		{RuleID: "RL004", Location: Location{Path: "a.py", Start: Position{Line: 1}}},
		{RuleID: "RL004", Location: Location{Path: "a.py", Start: Position{Line: 2}}},
	}
	SetFingerprints(fs, func(string) []byte { return src })
	if fs[0].Fingerprint == fs[1].Fingerprint {
		t.Errorf("identical lines share fingerprint %q", fs[0].Fingerprint)
	}
}

func TestSort(t *testing.T) {
	fs := []Finding{
		{RuleID: "RL002", Location: Location{Path: "b.py", Start: Position{Line: 1}}},
		{RuleID: "RL003", Location: Location{Path: "a.py", Start: Position{Line: 9}}},
		{RuleID: "RL001", Location: Location{Path: "a.py", Start: Position{Line: 9}}},
		{RuleID: "RL004", Location: Location{Path: "a.py", Start: Position{Line: 2}}},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Location.Path+":"+f.RuleID)
	}
	want := []string{"a.py:RL004", "a.py:RL001", "a.py:RL003", "b.py:RL002"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %q, want %q", got, want)
		}
	}
}

func TestRelPath(t *testing.T) {
	root := filepath.FromSlash("/repo")
	tests := map[string]string{
		"/repo/app/x.py":  "app/x.py",
		"/repo":           ".",
		"/elsewhere/y.py": "/elsewhere/y.py",
		"":                "",
	}
	for in, want := range tests {
		if got := RelPath(root, filepath.FromSlash(in)); got != want {
			t.Errorf("RelPath(%q) = %q, want %q", in, got, want)
		}
	}
}
