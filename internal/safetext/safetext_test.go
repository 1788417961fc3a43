package safetext

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"app/limits.py", "app/limits.py"},
		{`C:\src\a.py`, `C:\src\a.py`},
		{"a\n::stop-commands::TOKEN\n.py", `a\n::stop-commands::TOKEN\n.py`},
		{"a\r\nb\tc", `a\r\nb\tc`},
		{"esc\x1b[31mred", `esc\x1b[31mred`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"café ünïcode", "café ünïcode"},
		{"rtl\u202eoverride", `rtl\u202eoverride`},
		{"line\u2028sep", `line\u2028sep`},
		{"bom\ufeff", `bom\ufeff`},
		{"nbsp\u00a0", `nbsp\u00a0`},
		{"x ##[stop-commands]t", `x ##\x5bstop-commands]t`},
		{"#[ok] and # [ok]", "#[ok] and # [ok]"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Line(tt.in)
		if got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.ContainsAny(got, "\n\r") || strings.Contains(got, "##[") {
			t.Errorf("Line(%q) = %q still holds a line break or a legacy command", tt.in, got)
		}
	}
}

func TestLineStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"::stop-commands::x.py", "./::stop-commands::x.py"},
		{"  ::error::x.py", "./  ::error::x.py"},
		{"a/::x.py", "a/::x.py"},
		{"/abs/::x.py", "/abs/::x.py"},
		{"\n::error::x.py", `\n::error::x.py`},
	}
	for _, tt := range tests {
		if got := LineStart(tt.in); got != tt.want {
			t.Errorf("LineStart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text 1.2", "plain text 1.2"},
		{"a|b", `a\|b`},
		{"[x](javascript:alert(1))", `\[x\]\(javascript:alert\(1\)\)`},
		{"<img src=x>", `\<img src=x\>`},
		{"`code` *em* _u_ ~s~ &amp; !", "\\`code\\` \\*em\\* \\_u\\_ \\~s\\~ \\&amp; \\!"},
		{"new\nline", `new\\nline`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := Markdown(tt.in); got != tt.want {
			t.Errorf("Markdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkLinePlain(b *testing.B) {
	s := strings.Repeat("app/limits.py: the counter is read here ", 4)
	for b.Loop() {
		Line(s)
	}
}
