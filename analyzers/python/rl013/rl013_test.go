package rl013_test

import (
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python/pythontest"
)

func TestFixtures(t *testing.T) {
	pythontest.Run(t, filepath.Join("..", "..", "..", "testdata", "python", "RL013"), "RL013")
}
