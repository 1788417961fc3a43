package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// buildRlcheck compiles the command once per test binary run.
func buildRlcheck(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rlcheck")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func run(t *testing.T, dir, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return o.String(), e.String(), code
}

// TestGoVetVettool runs the binary the way `go vet -vettool` does: the
// go command performs the handshake (-V=full, -flags) and then hands over
// one .cfg file per package.
func TestGoVetVettool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs go vet")
	}
	bin := buildRlcheck(t)
	module, err := filepath.Abs(filepath.Join("..", "..", "testdata", "vetmodule"))
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, module, "go", "vet", "-vettool="+bin, "./...")
	if code == 0 {
		t.Fatalf("go vet succeeded on a module with a finding; stderr:\n%s", stderr)
	}
	want := regexp.MustCompile(`counter\.go:12:\d+: RL004 \[medium\] `)
	if !want.MatchString(stderr) {
		t.Errorf("go vet output lacks the RL004 finding on line 12:\n%s", stderr)
	}
	if n := strings.Count(stderr, "RL004"); n != 1 {
		t.Errorf("got %d RL004 findings, want 1 (CountPerClient is keyed per client):\n%s", n, stderr)
	}

	// Disabling the analyzer through vet's own flag silences it.
	_, stderr, code = run(t, module, "go", "vet", "-vettool="+bin, "-RL004=false", "./...")
	if code != 0 || strings.Contains(stderr, "RL004") {
		t.Errorf("go vet -RL004=false: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestGoVetReadsTheConfig: under go vet the analyzers find the config
// file nearest to each package themselves; the declared wrappers make a
// read-then-write pair in limits, and plain's own config file, which
// declares none, wins there.
func TestGoVetReadsTheConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs go vet")
	}
	bin := buildRlcheck(t)
	module, err := filepath.Abs(filepath.Join("..", "..", "testdata", "vetconfig"))
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, module, "go", "vet", "-vettool="+bin, "./...")
	if code == 0 {
		t.Fatalf("go vet succeeded on a module with a finding; stderr:\n%s", stderr)
	}
	want := regexp.MustCompile(`limits[/\\]limits\.go:24:\d+: RL001 \[high\] counters\.Set runs on a decision taken from the read by counters\.Get`)
	if !want.MatchString(stderr) || strings.Count(stderr, "RL0") != 1 {
		t.Errorf("want one finding, RL001 on limits.go:24; stderr:\n%s", stderr)
	}
}

// TestScanExamples runs the binary on the bundled examples, as the
// README's first command does, and checks which rules fire in which files:
// every vulnerable file has its bugs found, and the fixed twins stay silent.
func TestScanExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildRlcheck(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, root, bin, "scan", "examples")
	if code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr)
	}
	line := regexp.MustCompile(`^(\S+?):\d+:\d+: (RL\d{3}) \[(high|medium|low)\] \S`)
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("malformed text line %q", l)
		}
		if pair := m[1] + " " + m[2]; !slices.Contains(got, pair) {
			got = append(got, pair)
		}
	}
	slices.Sort(got)
	want := []string{
		"examples/fastapi-dynamodb/vulnerable.py RL001",
		"examples/fastapi-dynamodb/vulnerable.py RL002",
		"examples/fastapi-dynamodb/vulnerable.py RL003",
		"examples/fastapi-dynamodb/vulnerable.py RL004",
		"examples/fastapi-dynamodb/vulnerable.py RL005",
		"examples/fastapi-dynamodb/vulnerable.py RL006",
		"examples/fastapi-dynamodb/vulnerable.py RL007",
		"examples/fastapi-dynamodb/vulnerable.py RL008",
		"examples/fastapi-dynamodb/vulnerable.py RL009",
		"examples/fastapi-dynamodb/vulnerable.py RL010",
		"examples/fastapi-dynamodb/vulnerable.py RL011",
		"examples/fastapi-dynamodb/vulnerable.py RL012",
		"examples/fastapi-dynamodb/vulnerable.py RL013",
		"examples/fastapi-dynamodb/vulnerable.py RL014",
		"examples/fastapi-dynamodb/vulnerable.py RL015",
		"examples/fastapi-dynamodb/vulnerable.py RL016",
		"examples/go-postgres/limiter/vulnerable.go RL001",
		"examples/go-postgres/limiter/vulnerable.go RL003",
		"examples/go-postgres/limiter/vulnerable.go RL004",
		"examples/go-postgres/limiter/vulnerable.go RL005",
		"examples/go-postgres/limiter/vulnerable.go RL006",
		"examples/go-postgres/limiter/vulnerable.go RL008",
		"examples/go-postgres/limiter/vulnerable.go RL010",
		"examples/go-postgres/limiter/vulnerable.go RL012",
		"examples/go-redis/limiter/vulnerable.go RL011",
		"examples/go-redis/limiter/vulnerable.go RL013",
		"examples/go-redis/limiter/vulnerable.go RL014",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings by file and rule:\n got %q\nwant %q\nstdout:\n%s", got, want, stdout)
	}
	if strings.Contains(stderr, "warning") || strings.Contains(stderr, "error:") {
		t.Errorf("the examples should load cleanly; stderr:\n%s", stderr)
	}
}

// TestActionInSimulatedRunner runs `rlcheck action` with the environment a
// GitHub runner gives a step: inputs as INPUT_* variables, the workspace,
// and the files for step outputs and the job summary.
func TestActionInSimulatedRunner(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildRlcheck(t)
	workspace, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	outputs := filepath.Join(tmp, "output")
	summary := filepath.Join(tmp, "summary.md")
	sarif := filepath.Join(tmp, "rlcheck.sarif")

	cmd := exec.Command(bin, "action")
	cmd.Dir = filepath.Join(workspace, "examples")
	cmd.Env = append(os.Environ(),
		"GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE="+workspace,
		"GITHUB_OUTPUT="+outputs,
		"GITHUB_STEP_SUMMARY="+summary,
		"GITHUB_SERVER_URL=https://github.com",
		"GITHUB_REPOSITORY=acme/api",
		"GITHUB_SHA=0123456789abcdef",
		"INPUT_PATHS=fastapi-dynamodb",
		"INPUT_FAIL-ON=high",
		"INPUT_SARIF-FILE="+sarif,
		"INPUT_FORMAT=text",
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("rlcheck action: %v, want exit 1 (high findings)\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}

	// Annotations: workflow commands with file, line and a rule title,
	// paths relative to the repository root although the step ran in
	// examples/.
	annotation := regexp.MustCompile(`(?m)^::(error|warning|notice) (.*)::(.*)$`)
	found := annotation.FindAllStringSubmatch(stdout.String(), -1)
	if len(found) == 0 {
		t.Fatalf("no annotations in:\n%s", stdout.String())
	}
	for _, m := range found {
		props := m[2]
		if !strings.Contains(props, "file=examples/fastapi-dynamodb/vulnerable.py") ||
			!regexp.MustCompile(`line=\d+`).MatchString(props) ||
			!regexp.MustCompile(`title=RL\d{3} `).MatchString(props) {
			t.Errorf("malformed annotation %q", m[0])
		}
	}
	if found[0][1] != "error" {
		t.Errorf("first annotation is %q; the most severe must come first", found[0][1])
	}

	out, err := os.ReadFile(outputs)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"findings<<", "high<<", "medium<<", "low<<", "sarif-file<<", "exit-code<<"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("GITHUB_OUTPUT lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`exit-code<<\S+\n1\n`).Match(out) {
		t.Errorf("exit-code output is not 1:\n%s", out)
	}

	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## rlcheck:",
		"](https://github.com/acme/api/blob/0123456789abcdef/examples/fastapi-dynamodb/vulnerable.py#L",
		"RL002 dynamodb-unconditional-counter-update",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("job summary lacks %q:\n%s", want, md)
		}
	}
	data, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatalf("SARIF file not written: %v", err)
	}
	if !bytes.Contains(data, []byte(`"uri": "examples/fastapi-dynamodb/vulnerable.py"`)) {
		t.Errorf("SARIF paths are not relative to the repository root:\n%.2000s", data)
	}
}
