package pyfile

import (
	"strings"
	"testing"
)

func TestParenthesizeExcepts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"try:\n    x()\nexcept A, B:\n    pass\n", "try:\n    x()\nexcept(A,B):\n    pass\n"},
		{"    except ValueError, TypeError, KeyError:\n", "    except(ValueError,TypeError, KeyError):\n"},
		{"except a.B, c.D as e:\n", "except(a.B,c.D) as e:\n"},
		{"except* A, B:\n", "except*(A,B):\n"},
		{"except (A, B):\n", "except (A, B):\n"}, // already parenthesized
		{"except A,B:\n", "except A,B:\n"},       // no space to give up
		{"except A:\n", "except A:\n"},
	}
	for _, tt := range tests {
		got, _ := parenthesizeExcepts([]byte(tt.in))
		if string(got) != tt.want {
			t.Errorf("parenthesizeExcepts(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("%q: length changed", tt.in)
		}
	}
	f, err := Parse("x.py", []byte("try:\n    pass\nexcept A, B, C:\n    pass\n"))
	if err != nil || f.SyntaxError() != 0 {
		t.Errorf("three unparenthesized exceptions: error %v, syntax error at %d", err, f.SyntaxError())
	}
}

func TestDecodeSource(t *testing.T) {
	got, err := decodeSource([]byte("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\ns = '\xa4'\n"))
	if err != nil || !strings.Contains(string(got), "s = '€'") {
		t.Errorf("iso-8859-15 on line 2: %q, %v", got, err)
	}
	if _, err := decodeSource([]byte("x = 1\n\n# coding: latin-1\ny = '\xe9'\n")); err == nil {
		t.Error("a declaration on line 3 does not count: want an error for the invalid UTF-8")
	}
	if got, err := decodeSource([]byte("# coding: utf-8\nx = 'é'\n")); err != nil || string(got) != "# coding: utf-8\nx = 'é'\n" {
		t.Errorf("utf-8 declared: %q, %v", got, err)
	}
}
