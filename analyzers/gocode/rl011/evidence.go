package rl011

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rlcheck/rlcheck/internal/deploy"
	"github.com/rlcheck/rlcheck/rules"
)

// evidence is what the repository says about how many instances of the
// service run. A Go server is one process per instance, so only replica
// counts (Kubernetes workloads and autoscalers, Helm replicaCount,
// Compose deploy.replicas and scale) matter; worker counts of Python
// servers do not.
type evidence struct {
	several *deploy.Fact // a replica count above one
	single  bool         // replica counts found, all of them one
}

// maxUp bounds how many directories above the package the module and
// repository roots are looked for.
const maxUp = 12

// findEvidence reads the deployment files of the package's module: under
// the module root (the nearest directory above the package with a go.mod)
// and the repository root (the nearest with a .git) when it lies above.
// A package laid out in a GOPATH (its directory ends in src/ and its
// import path) is its own root. The analyzer has no other way to learn
// the scan's roots: go vet runs it one package at a time, and the
// evidence is read from files as the Python engine reads it.
func findEvidence(pass *analysis.Pass) *evidence {
	ev := &evidence{}
	if len(pass.Files) == 0 {
		return ev
	}
	tf := pass.Fset.File(pass.Files[0].Pos())
	if tf == nil {
		return ev
	}
	facts := deploy.Find(roots(filepath.Dir(tf.Name()), pass.Pkg.Path()))
	for i, f := range facts.Replicas {
		if f.Count == deploy.Many || f.Count > 1 {
			ev.several = &facts.Replicas[i]
			break
		}
	}
	ev.single = ev.several == nil && len(facts.Replicas) > 0
	return ev
}

func roots(dir, pkgPath string) []string {
	if strings.HasSuffix(filepath.ToSlash(dir), "/src/"+pkgPath) {
		return []string{dir}
	}
	var out []string
	d := dir
	for i := 0; i < maxUp; i++ {
		if len(out) == 0 && exists(filepath.Join(d, "go.mod")) {
			out = append(out, d)
		}
		if exists(filepath.Join(d, ".git")) {
			if len(out) == 0 || out[0] != d {
				out = append(out, d)
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if len(out) == 0 {
		out = []string{dir}
	}
	return out
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// severity is medium, or low where the repository shows one instance.
func (e *evidence) severity() rules.Severity {
	if e.single {
		return rules.Low
	}
	return rules.Medium
}

// note names the evidence for the message.
func (e *evidence) note() string {
	switch {
	case e.several != nil:
		where := filepath.Base(e.several.Path)
		if e.several.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, e.several.Line)
		}
		return fmt.Sprintf(" (the repository runs several: %s, %s)", e.several.What, where)
	case e.single:
		return " (the repository shows a single replica; the limit multiplies as soon as it scales)"
	}
	return ""
}
