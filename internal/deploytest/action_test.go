package deploytest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type actionInput struct {
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Default     *string `yaml:"default"`
}

type actionOutput struct {
	Description string `yaml:"description"`
	Value       string `yaml:"value"`
}

type actionFile struct {
	Name        string                  `yaml:"name"`
	Description string                  `yaml:"description"`
	Inputs      map[string]actionInput  `yaml:"inputs"`
	Outputs     map[string]actionOutput `yaml:"outputs"`
	Runs        struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

func loadAction(t *testing.T) actionFile {
	t.Helper()
	var a actionFile
	decodeYAML(t, "action.yml", &a)
	return a
}

// The inputs and outputs of `rlcheck action` (internal/cli/action.go,
// internal/ghactions): the action must pass the former and map the latter.
var (
	cliInputs  = []string{"paths", "fail-on", "only-new", "rules", "disable", "format", "sarif-file", "working-directory"}
	cliOutputs = []string{"findings", "high", "medium", "low", "sarif-file", "exit-code"}
)

func TestActionIsComposite(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite (no prebuilt image, runs on Linux, macOS and Windows)", a.Runs.Using)
	}
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs a name and a description (the Marketplace shows them)")
	}
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %s: shell %q, want bash (the one shell on every runner)", s.label(), s.Shell)
		}
		if s.Uses != "" && !regexp.MustCompile(`^[\w.-]+/[\w./-]+@v\d+$`).MatchString(s.Uses) {
			t.Errorf("step %s: uses %q, want owner/repo@vN (a pinned major version)", s.label(), s.Uses)
		}
	}
}

func TestActionInputsAreDeclaredAndUsed(t *testing.T) {
	a := loadAction(t)
	var runs strings.Builder
	for _, s := range a.Runs.Steps {
		// `if:` is an expression even without ${{ }}.
		fmt.Fprintf(&runs, "${{ %s }}\n", s.If)
		for _, v := range s.With {
			fmt.Fprintln(&runs, v)
		}
		for _, v := range s.Env {
			fmt.Fprintln(&runs, v)
		}
		fmt.Fprintln(&runs, s.Run)
	}
	used := map[string]bool{}
	for _, expr := range expressions(runs.String()) {
		for _, m := range regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`).FindAllStringSubmatch(expr, -1) {
			used[m[1]] = true
		}
	}
	for name := range used {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("steps use inputs.%s, which action.yml does not declare", name)
		}
	}
	for name, in := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is declared but no step uses it", name)
		}
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
		if in.Required {
			t.Errorf("input %s is required; every input should have a default", name)
		}
		if in.Default == nil {
			t.Errorf("input %s has no default", name)
		}
	}
	for _, name := range append(cliInputs, "version", "go-version") {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("input %s is missing", name)
		}
	}
	// fail-on is empty: the config file's, else high (rlcheck action).
	wantDefaults := map[string]string{"paths": ".", "fail-on": "", "only-new": "false", "format": "text", "sarif-file": "rlcheck.sarif", "working-directory": "."}
	for name, want := range wantDefaults {
		if in, ok := a.Inputs[name]; ok && in.Default != nil && *in.Default != want {
			t.Errorf("input %s defaults to %q; rlcheck action's own default is %q", name, *in.Default, want)
		}
	}
}

// TestActionPassesInputsThroughEnv checks that the step running `rlcheck
// action` gets every input as the INPUT_* variable go-githubactions reads
// (composite actions do not export inputs themselves), and that no run
// script interpolates an expression (script injection).
func TestActionPassesInputsThroughEnv(t *testing.T) {
	a := loadAction(t)
	for _, s := range a.Runs.Steps {
		if e := expressions(s.Run); len(e) > 0 {
			t.Errorf("step %s: run script interpolates ${{ %s }}; pass values through env", s.label(), strings.Join(e, " }}, ${{ "))
		}
	}
	i := slices.IndexFunc(a.Runs.Steps, func(s step) bool { return strings.Contains(s.Run, "action.sh\" run") })
	if i < 0 {
		t.Fatal("no step runs scripts/action.sh run")
	}
	run := a.Runs.Steps[i]
	if run.ID != "run" {
		t.Errorf("the run step's id is %q; the outputs map steps.run.outputs", run.ID)
	}
	for _, name := range cliInputs {
		key := "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		want := "${{ inputs." + name + " }}"
		if got, ok := run.Env[key]; !ok {
			t.Errorf("run step does not set %s", key)
		} else if got != want {
			t.Errorf("run step sets %s=%q, want %q", key, got, want)
		}
	}
	for key := range run.Env {
		if strings.HasPrefix(key, "INPUT_") {
			name := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(key, "INPUT_"), "_", "-"))
			if !slices.Contains(cliInputs, name) {
				t.Errorf("run step sets %s, which rlcheck action does not read", key)
			}
		}
	}
}

func TestActionOutputsAreMapped(t *testing.T) {
	a := loadAction(t)
	ids := map[string]bool{}
	for _, s := range a.Runs.Steps {
		if s.ID != "" {
			ids[s.ID] = true
		}
	}
	var names []string
	for name := range a.Outputs {
		names = append(names, name)
	}
	sort.Strings(names)
	want := slices.Clone(cliOutputs)
	sort.Strings(want)
	if !slices.Equal(names, want) {
		t.Errorf("outputs = %v, want %v (what rlcheck action sets)", names, want)
	}
	re := regexp.MustCompile(`^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$`)
	for name, out := range a.Outputs {
		m := re.FindStringSubmatch(out.Value)
		switch {
		case m == nil:
			t.Errorf("output %s: value %q is not ${{ steps.ID.outputs.NAME }}", name, out.Value)
		case !ids[m[1]]:
			t.Errorf("output %s: no step has id %q", name, m[1])
		case m[2] != name:
			t.Errorf("output %s maps step output %q", name, m[2])
		}
		if out.Description == "" {
			t.Errorf("output %s has no description", name)
		}
	}
}

// TestActionStepsReferenceScript checks that every `action.sh SUBCOMMAND`
// in action.yml exists in scripts/action.sh, and that step outputs used
// across steps are ones prepare sets.
func TestActionStepsReferenceScript(t *testing.T) {
	a := loadAction(t)
	script := readFile(t, "scripts/action.sh")
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			continue
		}
		m := regexp.MustCompile(`^bash "\$GITHUB_ACTION_PATH/scripts/action\.sh" (\w+)$`).FindStringSubmatch(strings.TrimSpace(s.Run))
		if m == nil {
			t.Errorf("step %s: run %q, want bash \"$GITHUB_ACTION_PATH/scripts/action.sh\" SUBCOMMAND", s.label(), s.Run)
			continue
		}
		if !strings.Contains(script, "\n"+m[1]+") "+m[1]+" ;;") {
			t.Errorf("step %s: scripts/action.sh has no %q subcommand", s.label(), m[1])
		}
	}
	data, err := yaml.Marshal(a.Runs.Steps)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`steps\.prep\.outputs\.([\w-]+)`).FindAllStringSubmatch(string(data), -1) {
		if !strings.Contains(script, "output "+m[1]+" ") {
			t.Errorf("action.yml uses steps.prep.outputs.%s, which prepare never sets", m[1])
		}
	}
	if info, err := os.Stat(filepath.Join(repoRoot(t), "scripts", "action.sh")); err != nil {
		t.Fatal(err)
	} else if info.Mode()&0o111 == 0 {
		t.Error("scripts/action.sh is not executable")
	}
}
