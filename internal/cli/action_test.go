package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sethvargo/go-githubactions"
)

func TestPathLines(t *testing.T) {
	for in, want := range map[string][]string{
		".":                                 {"."},
		"my service\n":                      {"my service"},
		"  handlers\n  rate limit/x.py\n\n": {"handlers", "rate limit/x.py"},
		"a\r\nb c\r\n":                      {"a", "b c"},
		"\n \n":                             nil,
	} {
		if got := pathLines(in); !slices.Equal(got, want) {
			t.Errorf("pathLines(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestActionPathsOnePerLine: the paths input names one path per line, so
// that paths with spaces can be scanned (they used to be split).
func TestActionPathsOnePerLine(t *testing.T) {
	dir := project(t, map[string]string{
		"my service/limits.py":  vulnerable,
		"second dir/limits.py":  vulnerable,
		"not scanned/limits.py": vulnerable,
	})
	env := map[string]string{
		"INPUT_PATHS":      "my service\n  second dir/limits.py  \n\n",
		"INPUT_FORMAT":     "text",
		"INPUT_SARIF_FILE": filepath.Join(dir, "out.sarif"),
	}
	var stdout, stderr bytes.Buffer
	gh := githubactions.New(githubactions.WithWriter(&stdout), githubactions.WithGetenv(func(k string) string { return env[k] }))
	code := runAction(gh, nil, &stdout, &stderr)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitFindings, stderr.String())
	}
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if f, _, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, "::") {
			files = append(files, f)
		}
	}
	files = slices.Compact(files)
	if want := []string{"my service/limits.py", "second dir/limits.py"}; !slices.Equal(files, want) {
		t.Errorf("reported files %q, want %q; stdout:\n%s", files, want, stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "out.sarif")); err != nil {
		t.Error(err)
	}
}
