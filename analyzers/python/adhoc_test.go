package python_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python"
)

func TestAdhocProject(t *testing.T) {
	root := os.Getenv("ADHOC")
	if root == "" {
		t.Skip()
	}
	var in []python.Input
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && filepath.Ext(p) == ".py" {
			b, _ := os.ReadFile(p)
			in = append(in, python.Input{Path: p, Rel: p, Src: b})
		}
		return nil
	})
	fs, _, st := python.CheckProject(in, []string{root}, func(string) bool { return true })
	t.Log(len(fs), st)
}
