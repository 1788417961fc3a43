package gitrev

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// run runs git in dir, failing the test on an error.
func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := git(dir, args...)
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// scratchRepo makes a repository with two commits: "base" (a.py = old)
// and main's head (a.py = new, b.py), and returns it and the base commit.
func scratchRepo(t *testing.T) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	dir := t.TempDir()
	run(t, dir, "init", "--quiet", "--initial-branch=main")
	run(t, dir, "config", "user.email", "t@example.com")
	run(t, dir, "config", "user.name", "t")
	run(t, dir, "config", "uploadpack.allowReachableSHA1InWant", "true") // as GitHub serves
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.py", "old\n")
	run(t, dir, "add", "a.py")
	run(t, dir, "commit", "--quiet", "-m", "base")
	base := run(t, dir, "rev-parse", "HEAD")
	run(t, dir, "branch", "base")
	write("a.py", "new\n")
	write("b.py", "added\n")
	run(t, dir, "add", "a.py", "b.py")
	run(t, dir, "commit", "--quiet", "-m", "head")
	return dir, base
}

func checkTree(t *testing.T, wt *Worktree, base string) {
	t.Helper()
	if wt.Commit != base {
		t.Errorf("commit %s, want %s", wt.Commit, base)
	}
	if data, err := os.ReadFile(filepath.Join(wt.Dir, "a.py")); err != nil || string(data) != "old\n" {
		t.Errorf("a.py at the base: %q %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(wt.Dir, "b.py")); err == nil {
		t.Error("b.py exists at the base")
	}
	if err := wt.Remove(); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(wt.Dir); err == nil {
		t.Error("the worktree is still there")
	}
	if list := run(t, wt.Repo, "worktree", "list"); strings.Count(list, "\n") != 0 {
		t.Errorf("git still lists worktrees:\n%s", list)
	}
}

func TestCheckout(t *testing.T) {
	dir, base := scratchRepo(t)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	wt, fetched, err := Checkout(sub, "HEAD~1")
	if err != nil || fetched {
		t.Fatalf("Checkout: fetched=%v %v", fetched, err)
	}
	if got, ok := wt.Map(filepath.Join(dir, "x", "y.py")); !ok || got != filepath.Join(wt.Dir, "x", "y.py") {
		t.Errorf("Map = %s %v", got, ok)
	}
	checkTree(t, wt, base)
	if _, _, err := Checkout(dir, "--upload-pack=x"); err == nil {
		t.Error("an option was taken for a revision")
	}
	if _, _, err := Checkout(t.TempDir(), "HEAD"); err == nil || !strings.Contains(err.Error(), "needs a git repository") {
		t.Errorf("outside a repository: %v", err)
	}
}

// TestCheckoutInShallowClone: a CI checkout of depth 1 lacks the base
// commit; Checkout fetches that one commit, by hash or by branch name.
func TestCheckoutInShallowClone(t *testing.T) {
	src, base := scratchRepo(t)
	for _, rev := range []string{base, "base"} {
		clone := filepath.Join(t.TempDir(), "clone")
		run(t, src, "clone", "--quiet", "--depth=1", "--no-local", "file://"+src, clone)
		if got := run(t, clone, "rev-parse", "--is-shallow-repository"); got != "true" {
			t.Fatalf("the clone is not shallow: %s", got)
		}
		wt, fetched, err := Checkout(clone, rev)
		if err != nil || !fetched {
			t.Fatalf("Checkout(%s): fetched=%v %v", rev, fetched, err)
		}
		checkTree(t, wt, base)
	}
	// Without a way to fetch it, the error says what to run.
	clone := filepath.Join(t.TempDir(), "clone")
	run(t, src, "clone", "--quiet", "--depth=1", "--no-local", "file://"+src, clone)
	run(t, clone, "remote", "remove", "origin")
	_, _, err := Checkout(clone, base)
	if err == nil || !strings.Contains(err.Error(), "git fetch --depth=1 origin "+base) {
		t.Errorf("no remote: %v", err)
	}
}
