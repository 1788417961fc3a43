package rl015_test

import (
	"path/filepath"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python/pythontest"
)

func TestFixtures(t *testing.T) {
	pythontest.Run(t, filepath.Join("..", "..", "..", "testdata", "python", "RL015"), "RL015")
}
