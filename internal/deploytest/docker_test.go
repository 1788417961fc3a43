package deploytest

import (
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd, args string
}

// parseDockerfile returns the stages of a Dockerfile, each a list of
// instructions starting with its FROM.
func parseDockerfile(src string) [][]instruction {
	var stages [][]instruction
	var logical strings.Builder
	flush := func() {
		line := strings.TrimSpace(logical.String())
		logical.Reset()
		if line == "" {
			return
		}
		cmd, args, _ := strings.Cut(line, " ")
		in := instruction{strings.ToUpper(cmd), strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) > 0 {
			stages[len(stages)-1] = append(stages[len(stages)-1], in)
		}
	}
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			logical.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		logical.WriteString(trimmed)
		flush()
	}
	flush()
	return stages
}

func TestDockerfile(t *testing.T) {
	stages := parseDockerfile(readFile(t, "Dockerfile"))
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stages, want a builder and a runtime stage", len(stages))
	}
	build, runtime := stages[0], stages[len(stages)-1]

	want := "golang:" + goDirective(t) + "-bookworm"
	from := regexp.MustCompile(`^(\S+)`).FindString(build[0].args)
	if from != want {
		t.Errorf("builder is FROM %s, want %s (go.mod's go directive)", from, want)
	}
	var cgo, gobuild bool
	for _, in := range build {
		if (in.cmd == "ENV" || in.cmd == "RUN") && regexp.MustCompile(`\bCGO_ENABLED=1\b`).MatchString(in.args) {
			cgo = true
		}
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
			gobuild = true
			for _, flag := range []string{"-trimpath", `-s -w`, "./cmd/rlcheck"} {
				if !strings.Contains(in.args, flag) {
					t.Errorf("go build lacks %s: %s", flag, in.args)
				}
			}
		}
		if in.cmd == "RUN" && regexp.MustCompile(`\bCGO_ENABLED=0\b`).MatchString(in.args) {
			t.Errorf("builder disables cgo: %s", in.args)
		}
	}
	if !cgo {
		t.Error("builder does not set CGO_ENABLED=1 (tree-sitter and pg_query need cgo)")
	}
	if !gobuild {
		t.Error("builder never runs go build")
	}

	last := map[string]string{}
	var goToolchain bool
	for _, in := range runtime {
		last[in.cmd] = in.args
		if in.cmd == "COPY" && strings.Contains(in.args, "/usr/local/go") {
			goToolchain = true
		}
	}
	if strings.HasPrefix(runtime[0].args, "golang:") {
		t.Errorf("runtime stage is the full Go image (%s); copy the toolchain into a slim one", runtime[0].args)
	}
	if !goToolchain {
		t.Error("runtime stage has no Go toolchain: rlcheck runs `go list` to analyze Go packages")
	}
	if got := last["ENTRYPOINT"]; got != `["rlcheck"]` {
		t.Errorf("ENTRYPOINT %s, want [\"rlcheck\"]", got)
	}
	if got := last["CMD"]; got != `["scan", "."]` {
		t.Errorf("CMD %s, want [\"scan\", \".\"]", got)
	}
	if got := last["WORKDIR"]; got != "/src" {
		t.Errorf("WORKDIR %s, want /src (where users mount the code, and where pre-commit's docker hooks mount it)", got)
	}
	switch user := strings.Split(last["USER"], ":")[0]; user {
	case "", "0", "root":
		t.Errorf("runtime runs as %q, want a non-root user", last["USER"])
	}
}

// dockerignore returns a function that tells which .dockerignore pattern
// excludes a slash-separated path ("" when none). It approximates Docker's
// matching: patterns are anchored at the root, **/ matches any number of
// directories, and excluding a directory excludes its contents.
func dockerignore(t *testing.T) func(file string) string {
	t.Helper()
	var patterns []string
	for _, line := range strings.Split(readFile(t, ".dockerignore"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "!") {
			t.Fatalf("exception patterns are not handled by this test: %s", line)
		}
		patterns = append(patterns, strings.Trim(line, "/"))
	}
	return func(file string) string {
		parts := strings.Split(file, "/")
		for i := 1; i <= len(parts); i++ {
			prefix := strings.Join(parts[:i], "/")
			for _, p := range patterns {
				if ok, _ := path.Match(p, prefix); ok {
					return p
				}
				if rest, ok := strings.CutPrefix(p, "**/"); ok {
					for j := 0; j < i; j++ {
						if ok, _ := path.Match(rest, strings.Join(parts[j:i], "/")); ok {
							return p
						}
					}
				}
			}
		}
		return ""
	}
}

// TestDockerignore checks that .dockerignore keeps what the build needs
// and drops local output.
func TestDockerignore(t *testing.T) {
	excluded := dockerignore(t)
	for _, needed := range []string{"go.mod", "go.sum", "cmd/rlcheck/main.go", "rules/docs/RL001.md", "internal/cli/cli.go"} {
		if p := excluded(needed); p != "" {
			t.Errorf(".dockerignore pattern %q excludes %s, which the build needs", p, needed)
		}
	}
	for _, junk := range []string{".git/HEAD", "rlcheck", "rlcheck.sarif", "testdata/x.go", "internal/x/testdata/y.go"} {
		if excluded(junk) == "" {
			t.Errorf(".dockerignore does not exclude %s", junk)
		}
	}
}

// TestDockerBuildContext runs the builder stage's go build (cgo, -trimpath,
// -s -w) on a copy of the Docker build context, i.e. the repository minus
// what .dockerignore excludes, so a pattern that drops a needed file
// fails here rather than in docker build. -short skips it.
func TestDockerBuildContext(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rlcheck with cgo; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	root := repoRoot(t)
	excluded := dockerignore(t)
	ctx := filepath.Join(t.TempDir(), "context")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "." {
			return os.MkdirAll(ctx, 0o755)
		}
		if excluded(filepath.ToSlash(rel)) != "" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		dst := filepath.Join(ctx, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "rlcheck")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", bin, "./cmd/rlcheck")
	cmd.Dir = ctx
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "GOFLAGS=-mod=readonly", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build in the Docker build context: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "rlcheck ") {
		t.Errorf("rlcheck version: %v, %q", err, out)
	}
}
