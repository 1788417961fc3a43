package vettool

import "testing"

func TestInvoked(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build123/b001/vet.cfg"}, true},
		{[]string{"-RL004=false", "/tmp/go-build123/b001/vet.cfg"}, true},
		{nil, false},
		{[]string{"scan"}, false},
		{[]string{"scan", "config.cfg.py"}, false},
		{[]string{"scan", "settings.cfg"}, false},
		{[]string{"version"}, false},
	}
	for _, tt := range tests {
		if got := Invoked(tt.args); got != tt.want {
			t.Errorf("Invoked(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestAnalyzersKeepNames(t *testing.T) {
	for _, a := range Analyzers() {
		if a.Run == nil || a.Name == "" || a.URL == "" {
			t.Errorf("analyzer %q is incomplete", a.Name)
		}
	}
}
