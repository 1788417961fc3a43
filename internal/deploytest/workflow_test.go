package deploytest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type workflow struct {
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Steps       []step            `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestExampleWorkflow checks the workflow users copy: least privilege,
// and a SARIF upload that survives a failing rlcheck step but skips fork
// pull requests, whose token cannot write security events.
func TestExampleWorkflow(t *testing.T) {
	var wf workflow
	decodeYAML(t, ".github/workflows/rlcheck-example.yml", &wf)
	if wf.Permissions["contents"] != "read" || wf.Permissions["security-events"] != "write" || len(wf.Permissions) != 2 {
		t.Errorf("permissions = %v, want exactly contents: read, security-events: write", wf.Permissions)
	}
	var rlcheckID string
	var uploaded bool
	for _, job := range wf.Jobs {
		for i, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "rlcheck/rlcheck@"):
				rlcheckID = s.ID
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				uploaded = true
				if rlcheckID == "" || i == 0 {
					t.Error("upload-sarif runs before rlcheck")
				}
				if !strings.Contains(s.If, "!cancelled()") && !strings.Contains(s.If, "always()") && !strings.Contains(s.If, "failure()") {
					t.Errorf("upload-sarif if: %q does not run after a failed rlcheck step", s.If)
				}
				if !strings.Contains(s.If, "head.repo.full_name == github.repository") {
					t.Errorf("upload-sarif if: %q does not skip fork pull requests", s.If)
				}
				if want := "${{ steps." + rlcheckID + ".outputs.sarif-file }}"; s.With["sarif_file"] != want {
					t.Errorf("upload-sarif sarif_file = %q, want %q", s.With["sarif_file"], want)
				}
				if s.With["category"] == "" {
					t.Error("upload-sarif has no category")
				}
			}
		}
	}
	if rlcheckID == "" {
		t.Error("the example does not use rlcheck/rlcheck (or the step has no id)")
	}
	if !uploaded {
		t.Error("the example does not upload the SARIF report")
	}
}

// TestCIWorkflowRunsAction checks that the project's CI runs .ci/run and
// the local action on the examples.
func TestCIWorkflowRunsAction(t *testing.T) {
	var wf workflow
	decodeYAML(t, ".github/workflows/ci.yml", &wf)
	var ciRun, local bool
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if strings.Contains(s.Run, "bash .ci/run") {
				ciRun = true
			}
			if s.Uses == "./" && s.With["paths"] == "examples" && s.With["fail-on"] == "never" {
				local = true
			}
		}
	}
	if !ciRun {
		t.Error("ci.yml does not run bash .ci/run")
	}
	if !local {
		t.Error("ci.yml does not run the local action (uses: ./) on examples with fail-on never")
	}
}

// TestActionlint lints the workflows with actionlint, which also checks
// the `with:` of `uses: ./` against action.yml's inputs and, when
// shellcheck is installed, the workflows' run scripts.
func TestActionlint(t *testing.T) {
	bin, err := exec.LookPath("actionlint")
	if err != nil {
		t.Skip("actionlint is not on PATH; install it with: go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12")
	}
	// Named files work outside a git checkout too (a source tarball);
	// in one, actionlint also resolves `uses: ./` against action.yml.
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows found: %v", err)
	}
	args := []string{"-no-color"}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		args = append(args, rel)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}

// TestShellcheck lints the scripts under scripts/ when shellcheck is
// installed.
func TestShellcheck(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH (apt-get install shellcheck)")
	}
	scripts, err := filepath.Glob(filepath.Join(repoRoot(t), "scripts", "*.sh"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts found: %v", err)
	}
	cmd := exec.Command(bin, scripts...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
}

// TestActionEndToEnd builds rlcheck the way the action does and runs the
// action's steps against examples/ with a simulated runner
// (scripts/test-action-local.sh). It needs Go and a C compiler; -short
// skips it.
func TestActionEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rlcheck with cgo; skipped with -short")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	cmd := exec.Command(bash, filepath.Join(repoRoot(t), "scripts", "test-action-local.sh"))
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/test-action-local.sh: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// TestActionSchema validates action.yml and the workflows against
// SchemaStore's schemas with action-validator
// (npm install -g @action-validator/cli) when it is on PATH.
func TestActionSchema(t *testing.T) {
	bin, err := exec.LookPath("action-validator")
	if err != nil {
		t.Skip("action-validator is not on PATH (npm install -g @action-validator/cli)")
	}
	files, err := filepath.Glob(filepath.Join(repoRoot(t), ".github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append([]string{filepath.Join(repoRoot(t), "action.yml")}, files...) {
		if out, err := exec.Command(bin, f).CombinedOutput(); err != nil {
			t.Errorf("action-validator %s: %v\n%s", f, err, out)
		}
	}
}
