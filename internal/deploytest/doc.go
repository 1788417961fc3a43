// Package deploytest checks the files that ship rlcheck outside the Go
// module: the composite GitHub Action (action.yml and scripts/action.sh),
// the workflows under .github/workflows, the Dockerfile and
// .dockerignore, and .pre-commit-hooks.yaml.
//
// The package has no code of its own; its tests parse those files and
// check them against each other and against go.mod, run the action's
// steps with a simulated runner environment, and run actionlint and
// shellcheck when they are on PATH.
package deploytest
