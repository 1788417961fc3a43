#!/usr/bin/env bash
# Runs the composite action's steps (scripts/action.sh prepare, build, run)
# on this machine the way a GitHub runner does, against examples/, and
# checks the step outputs, the job summary and the SARIF file.
#
#   scripts/test-action-local.sh            # uses a temporary RUNNER_TEMP
#   KEEP=1 scripts/test-action-local.sh     # keep it for inspection
#
# It simulates the runner's environment: GITHUB_ACTIONS, GITHUB_WORKSPACE,
# GITHUB_ACTION_PATH (this checkout, as with `uses: ./`), RUNNER_TEMP,
# RUNNER_OS, and fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files per step.
# Needs Go and a C compiler, like the action. Exits non-zero on the first
# failed check.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
if [ -z "${KEEP:-}" ]; then
  trap 'rm -rf "$tmp"' EXIT
else
  echo "keeping $tmp"
fi

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

case "$(uname -s)" in
Linux) runner_os=Linux ;;
Darwin) runner_os=macOS ;;
*) runner_os=Windows ;;
esac

export GITHUB_ACTIONS=true
export GITHUB_WORKSPACE=$repo
export GITHUB_ACTION_PATH=$repo
export GITHUB_REPOSITORY=${GITHUB_REPOSITORY:-rlcheck/rlcheck}
export GITHUB_SERVER_URL=${GITHUB_SERVER_URL:-https://github.com}
export GITHUB_SHA=${GITHUB_SHA:-$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo 0000000000000000000000000000000000000000)}
export RUNNER_TEMP=$tmp/runner-temp
export RUNNER_OS=$runner_os
mkdir -p "$RUNNER_TEMP"

# get_output FILE NAME prints one output from a GITHUB_OUTPUT file, in
# either of its syntaxes (name=value, or name<<DELIMITER ... DELIMITER).
get_output() {
  local file=$1 name=$2 line delim value found=""
  while IFS= read -r line; do
    if [[ $line == "$name="* ]]; then
      value=${line#"$name="}
      found=1
    elif [[ $line == "$name<<"* ]]; then
      delim=${line#"$name<<"}
      value=""
      local first=1
      while IFS= read -r line && [ "$line" != "$delim" ]; do
        if [ -n "$first" ]; then value=$line; first=""; else value+=$'\n'$line; fi
      done
      found=1
    fi
  done <"$file"
  [ -n "$found" ] || return 1
  printf '%s' "$value"
}

# step NAME [ENV=VALUE...]: run one step of action.sh with a fresh output
# file; its exit code is left in $step_code.
step() {
  local name=$1
  shift
  export GITHUB_OUTPUT=$tmp/$name.output GITHUB_STEP_SUMMARY=$tmp/$name.summary.md
  : >"$GITHUB_OUTPUT"
  : >"$GITHUB_STEP_SUMMARY"
  echo "== $name"
  step_code=0
  (cd "$GITHUB_WORKSPACE" && env "$@" bash "$GITHUB_ACTION_PATH/scripts/action.sh" "${name%%-*}") >"$tmp/$name.log" 2>&1 || step_code=$?
  sed 's/^/   | /' "$tmp/$name.log"
}

step prepare
[ "$step_code" = 0 ] || fail "prepare exited $step_code"
bin=$(get_output "$tmp/prepare.output" bin) || fail "prepare set no bin output"
key=$(get_output "$tmp/prepare.output" key) || fail "prepare set no key output"
[[ $key == rlcheck-*-src-* ]] || fail "cache key $key does not name a source build"

step build RLCHECK_BIN="$bin"
[ "$step_code" = 0 ] || fail "build exited $step_code"
[ -x "$bin" ] || fail "build did not produce $bin"
grep -q '^rlcheck [0-9]' "$tmp/build.log" || fail "the built binary did not print its version"

# A scan that reports and passes.
step run-never RLCHECK_BIN="$bin" INPUT_PATHS=examples INPUT_FAIL_ON=never INPUT_SARIF_FILE="$tmp/never.sarif"
[ "$step_code" = 0 ] || fail "run with fail-on never exited $step_code"
out=$tmp/run-never.output
for name in findings high medium low sarif-file exit-code; do
  get_output "$out" "$name" >/dev/null || fail "output $name is not set"
done
[ "$(get_output "$out" exit-code)" = 0 ] || fail "exit-code output is not 0"
findings=$(get_output "$out" findings)
[ "$findings" -gt 0 ] || fail "no findings in examples/"
[ "$(get_output "$out" sarif-file)" = "$tmp/never.sarif" ] || fail "sarif-file output is $(get_output "$out" sarif-file)"
grep -q '"version": "2.1.0"' "$tmp/never.sarif" || fail "the SARIF file is not SARIF 2.1.0"
grep -q '^::error ' "$tmp/run-never.log" || fail "no ::error annotation in the log"
grep -q 'rlcheck' "$tmp/run-never.summary.md" || fail "the job summary is empty"
echo "   ok: $findings findings, outputs, SARIF, annotations and summary"

# The same scan gates with fail-on high.
step run-high RLCHECK_BIN="$bin" INPUT_PATHS=examples INPUT_FAIL_ON=high INPUT_SARIF_FILE="$tmp/high.sarif"
[ "$step_code" = 1 ] || fail "run with fail-on high exited $step_code, want 1"
[ "$(get_output "$tmp/run-high.output" exit-code)" = 1 ] || fail "exit-code output is not 1"
echo "   ok: fail-on high fails the step"

# A bad input is exit 2, and the exit-code output still says so.
step run-bad RLCHECK_BIN="$bin" INPUT_PATHS=examples INPUT_FAIL_ON=critical
[ "$step_code" = 2 ] || fail "run with fail-on critical exited $step_code, want 2"
[ "$(get_output "$tmp/run-bad.output" exit-code)" = 2 ] || fail "exit-code output is not 2"
echo "   ok: a bad input exits 2"

# working-directory: paths are relative to it, reported paths stay
# relative to the repository root (what code scanning resolves).
step run-wd RLCHECK_BIN="$bin" INPUT_WORKING_DIRECTORY=examples INPUT_PATHS=go-postgres INPUT_FAIL_ON=never INPUT_SARIF_FILE="$tmp/wd.sarif"
[ "$step_code" = 0 ] || fail "run with working-directory exited $step_code"
grep -q '"uri": "examples/go-postgres/' "$tmp/wd.sarif" || fail "working-directory: SARIF paths are not relative to the repository root"
echo "   ok: working-directory"

# paths: one per line, spaces allowed.
mkdir -p "$tmp/ws/my service" "$tmp/ws/second dir"
cp "$repo/examples/fastapi-dynamodb/vulnerable.py" "$tmp/ws/my service/app.py"
cp "$repo/examples/fastapi-dynamodb/vulnerable.py" "$tmp/ws/second dir/app.py"
step run-paths RLCHECK_BIN="$bin" INPUT_WORKING_DIRECTORY="$tmp/ws" INPUT_PATHS=$'my service\n  second dir/app.py\n' INPUT_FAIL_ON=never INPUT_SARIF_FILE="$tmp/paths.sarif"
[ "$step_code" = 0 ] || fail "run with multi-line paths exited $step_code"
grep -q '"uri": "my%20service/app.py"' "$tmp/paths.sarif" || fail "paths: my service/app.py was not scanned"
grep -q '"uri": "second%20dir/app.py"' "$tmp/paths.sarif" || fail "paths: second dir/app.py was not scanned"
echo "   ok: multi-line paths with spaces"

# only-new on a pull request: a scratch repository whose head commit adds
# a file as vulnerable as the one already there, checked out shallow the
# way actions/checkout does; only the added file's findings count.
pr=$tmp/pr-origin
mkdir -p "$pr"
export GIT_AUTHOR_NAME=rlcheck GIT_AUTHOR_EMAIL=rlcheck@example.com GIT_COMMITTER_NAME=rlcheck GIT_COMMITTER_EMAIL=rlcheck@example.com
git -C "$pr" init --quiet --initial-branch=main
git -C "$pr" config uploadpack.allowReachableSHA1InWant true # as GitHub serves
cp "$repo/examples/fastapi-dynamodb/vulnerable.py" "$pr/app.py"
git -C "$pr" add app.py
git -C "$pr" commit --quiet -m base
base_sha=$(git -C "$pr" rev-parse HEAD)
cp "$repo/examples/fastapi-dynamodb/vulnerable.py" "$pr/added.py"
git -C "$pr" add added.py
git -C "$pr" commit --quiet -m head
git clone --quiet --depth=1 --no-local "file://$pr" "$tmp/pr-checkout"
printf '{"pull_request": {"base": {"sha": "%s", "ref": "main"}}}\n' "$base_sha" >"$tmp/event.json"

step run-push RLCHECK_BIN="$bin" INPUT_WORKING_DIRECTORY="$tmp/pr-checkout" INPUT_ONLY_NEW=true INPUT_FAIL_ON=never \
  GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$tmp/event.json" INPUT_SARIF_FILE="$tmp/push.sarif"
[ "$step_code" = 0 ] || fail "only-new on a push exited $step_code"
all=$(get_output "$tmp/run-push.output" findings)
grep -q 'only-new applies to pull_request events' "$tmp/run-push.log" || fail "only-new on a push did not say it scans everything"

step run-only-new RLCHECK_BIN="$bin" INPUT_WORKING_DIRECTORY="$tmp/pr-checkout" INPUT_ONLY_NEW=true INPUT_FAIL_ON=high \
  GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$tmp/event.json" INPUT_SARIF_FILE="$tmp/only-new.sarif"
[ "$step_code" = 1 ] || fail "only-new on a pull request exited $step_code, want 1 (added.py has high findings)"
new=$(get_output "$tmp/run-only-new.output" findings)
if [ "$all" -eq 0 ] || [ $((new * 2)) != "$all" ]; then
  fail "only-new reported $new of $all findings, want half (added.py's)"
fi
if grep -q 'uri": "app.py"' "$tmp/only-new.sarif"; then fail "only-new reported findings of app.py, which the base has"; fi
grep -q 'in the baseline' "$tmp/run-only-new.log" || fail "the summary does not count the findings the base has"
grep -q "fetched $base_sha" "$tmp/run-only-new.log" || fail "the shallow checkout's base commit was not fetched"
echo "   ok: only-new reports the $new findings a pull request adds (of $all) in a shallow checkout"

echo "PASS"
