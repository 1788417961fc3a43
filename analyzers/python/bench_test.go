package python_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/analyzers/python/pyast"
)

// BenchmarkCheck measures parsing and all rules on the Python fixtures,
// seeds and examples, per file.
func BenchmarkCheck(b *testing.B) {
	var srcs [][]byte
	for _, pattern := range []string{"testdata/python/*/*.py", "testdata/seeds/*.py", "examples/*/*.py"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", pattern))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			srcs = append(srcs, src)
		}
	}
	if len(srcs) == 0 {
		b.Fatal("no Python files")
	}
	var bytes int64
	for _, s := range srcs {
		bytes += int64(len(s))
	}
	b.SetBytes(bytes / int64(len(srcs)))
	b.ResetTimer()
	for i := range b.N {
		python.Check("bench.py", srcs[i%len(srcs)], func(string) bool { return true })
	}
}

// BenchmarkCorpus compares, over the Python files under
// $RLCHECK_BENCH_CORPUS (scripts/bench.sh points it at the standard
// library of the local python3), tree-sitter's parse alone with the whole
// engine, both on all cores: "parse" is the floor that "project" (the
// files analyzed as one project, as rlcheck scan does) is measured
// against. Directories named site-packages or dist-packages below the
// corpus are left out: the installed third-party packages are not the
// standard library (point the variable at site-packages itself to
// measure those).
func BenchmarkCorpus(b *testing.B) {
	root := os.Getenv("RLCHECK_BENCH_CORPUS")
	if root == "" {
		b.Skip("RLCHECK_BENCH_CORPUS is not set")
	}
	var inputs []python.Input
	var size int64
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != root && (d.Name() == "site-packages" || d.Name() == "dist-packages") {
			return filepath.SkipDir // the installed packages are not the standard library
		}
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".py" {
			if src, err := os.ReadFile(path); err == nil {
				inputs = append(inputs, python.Input{Path: path, Rel: path, Src: src})
				size += int64(len(src))
			}
		}
		return nil
	})
	if len(inputs) == 0 {
		b.Fatalf("no Python files under %s", root)
	}
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(size)
		defer reportCPU(b)()
		for range b.N {
			var wg sync.WaitGroup
			next := make(chan []byte)
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for src := range next {
						if _, err := pyast.Parse(src); err != nil {
							b.Error(err)
						}
					}
				})
			}
			for _, in := range inputs {
				next <- in.Src
			}
			close(next)
			wg.Wait()
		}
	})
	b.Run("project", func(b *testing.B) {
		b.SetBytes(size)
		defer reportCPU(b)()
		for range b.N {
			python.CheckProject(inputs, []string{root}, func(string) bool { return true })
		}
	})
}
