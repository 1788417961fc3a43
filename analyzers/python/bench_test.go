package python_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python"
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
