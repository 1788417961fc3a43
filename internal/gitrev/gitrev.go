// Package gitrev checks out another revision of the repository being
// scanned in a temporary git worktree, so that rlcheck can scan it too
// (rlcheck scan --new-from-rev). In a shallow clone (CI checkouts fetch
// one commit) a revision that is not there is fetched, that one commit
// only, from the origin remote.
package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Worktree is a temporary checkout of one revision.
type Worktree struct {
	Repo   string // top level of the repository it was made from
	Dir    string // top level of the worktree
	Commit string // the commit checked out
	tmp    string
}

// Checkout makes a temporary worktree of rev (a commit, branch, tag or
// any revision git understands) of the repository that holds dir. When
// rev does not resolve, it runs `git fetch --depth=1 origin rev` once and
// tries again; if that fails too, the error says what to run. Fetched
// says whether it fetched.
func Checkout(dir, rev string) (wt *Worktree, fetched bool, err error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, false, fmt.Errorf("%q is no revision", rev)
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, false, fmt.Errorf("--new-from-rev needs a git repository: %w", err)
	}
	top = filepath.FromSlash(top)
	commit, err := resolve(top, rev)
	if err != nil {
		if _, ferr := git(top, "fetch", "--quiet", "--no-tags", "--depth=1", "origin", rev); ferr != nil {
			return nil, false, fmt.Errorf("revision %s is not in this clone (a shallow CI checkout?) and fetching it failed: %v; "+
				"fetch it before the scan: git fetch --depth=1 origin %s (or check out with fetch-depth: 0)", rev, ferr, rev)
		}
		fetched = true
		if commit, err = resolve(top, rev); err != nil {
			// A branch fetched by name is only in FETCH_HEAD.
			if commit, err = resolve(top, "FETCH_HEAD"); err != nil {
				return nil, fetched, fmt.Errorf("revision %s: %w", rev, err)
			}
		}
	}
	tmp, err := os.MkdirTemp("", "rlcheck-rev-")
	if err != nil {
		return nil, fetched, err
	}
	wt = &Worktree{Repo: top, Dir: filepath.Join(tmp, "tree"), Commit: commit, tmp: tmp}
	if _, err := git(top, "worktree", "add", "--quiet", "--detach", wt.Dir, commit); err != nil {
		os.RemoveAll(tmp)
		return nil, fetched, fmt.Errorf("checking out %s in a temporary worktree: %w", rev, err)
	}
	return wt, fetched, nil
}

// Remove deletes the worktree and git's record of it.
func (wt *Worktree) Remove() error {
	_, err := git(wt.Repo, "worktree", "remove", "--force", wt.Dir)
	if rerr := os.RemoveAll(wt.tmp); err == nil {
		err = rerr
	}
	if _, perr := git(wt.Repo, "worktree", "prune"); err == nil {
		err = perr
	}
	return err
}

// Map translates a path of the repository (absolute) to the same place in
// the worktree; ok is false for a path outside the repository.
func (wt *Worktree) Map(path string) (string, bool) {
	rel, err := filepath.Rel(wt.Repo, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.Join(wt.Dir, rel), true
}

func resolve(top, rev string) (string, error) {
	return git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
}

// git runs a git command in dir and returns its trimmed output; the error
// carries git's message.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				msg = fmt.Sprintf("git %s exited %d", args[0], ee.ExitCode())
			} else {
				msg = err.Error()
			}
		}
		return "", errors.New(firstLine(msg))
	}
	return strings.TrimSpace(stdout.String()), nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
