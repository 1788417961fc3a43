#!/usr/bin/env bash
# The steps of rlcheck's composite GitHub Action (action.yml). They live in
# this script rather than inline so that they are the same code on Linux,
# macOS and Windows (Git Bash) runners, and so scripts/test-action-local.sh
# can run them outside GitHub.
#
#   action.sh prepare   decide where the binary goes and its cache key
#   action.sh build     build or install rlcheck (skipped on a cache hit)
#   action.sh run       run `rlcheck action`, forwarding its exit code
#
# Everything comes from the environment (never from ${{ }} interpolation):
#   GITHUB_ACTION_PATH   the action's checkout (the ref in `uses:`)
#   RUNNER_TEMP, RUNNER_OS, GITHUB_OUTPUT   set by the runner
#   RLCHECK_VERSION      the `version` input: empty = build the checkout
#   RLCHECK_BIN          (run) the binary that prepare announced
#   INPUT_*              (run) the inputs of `rlcheck action`
set -euo pipefail

die() {
  # A workflow-command error shows up as an annotation on the run.
  echo "::error title=rlcheck action::$*"
  exit 2
}

# output NAME VALUE: set a step output (or print it outside Actions).
output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$1" "$2"
  fi
}

is_windows() {
  case "${RUNNER_OS:-$(uname -s)}" in
  Windows | MINGW* | MSYS* | CYGWIN*) return 0 ;;
  esac
  return 1
}

# native prints a path in the form both bash and native programs accept:
# on Windows C:/x/y (cygpath -m), elsewhere unchanged.
native() {
  if is_windows && command -v cygpath >/dev/null 2>&1; then
    cygpath -m "$1"
  else
    printf '%s\n' "$1"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  else
    shasum -a 256 | cut -d' ' -f1
  fi
}

# source_hash prints a digest of everything `go build` reads from the
# action's checkout: Go files, go.mod/go.sum and embedded files (the rule
# docs). Paths are relative, so the digest does not depend on where the
# runner unpacked the action.
source_hash() {
  (
    cd "$1"
    find . \( -name .git -o -name testdata -o -name examples -o -name node_modules -o -path ./docs -o -path ./.github \) -prune \
      -o -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name '*.c' -o -name '*.h' -o -path './rules/*.md' \) -print0 |
      LC_ALL=C sort -z |
      while IFS= read -r -d '' f; do
        printf '%s\0' "$f"
        cat -- "$f"
      done | sha256
  )
}

# normalize_version validates the `version` input and prints the module
# query for `go install`: v1.2.3 (a leading v is added), latest, or a
# commit hash.
normalize_version() {
  local v=$1
  case "$v" in
  latest) echo latest ;;
  v[0-9]*.[0-9]*.[0-9]* | [0-9]*.[0-9]*.[0-9]*)
    v=v${v#v}
    [[ $v =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || return 1
    echo "$v"
    ;;
  *)
    [[ $v =~ ^[0-9a-f]{7,40}$ ]] || return 1
    echo "$v"
    ;;
  esac
}

prepare() {
  command -v go >/dev/null 2>&1 ||
    die "no Go toolchain on PATH: keep the action's setup-go step (setup-go: true) or set up Go before this step"
  local tmp
  tmp=$(native "${RUNNER_TEMP:-${TMPDIR:-/tmp}}")
  local exe=""
  is_windows && exe=.exe
  local dir="$tmp/rlcheck-action"
  local goos goarch gover key=""
  goos=$(go env GOOS)
  goarch=$(go env GOARCH)
  gover=$(go env GOVERSION)
  if [ -n "${RLCHECK_VERSION:-}" ]; then
    local v
    v=$(normalize_version "$RLCHECK_VERSION") ||
      die "version input '$RLCHECK_VERSION' is not a release (v1.2.3), 'latest' or a commit hash"
    # latest moves, so it is never cached.
    [ "$v" != latest ] && key="rlcheck-$goos-$goarch-$gover-$v"
  else
    [ -n "${GITHUB_ACTION_PATH:-}" ] || die "GITHUB_ACTION_PATH is not set"
    local src
    src=$(native "$GITHUB_ACTION_PATH")
    [ -f "$src/go.mod" ] || die "$src has no go.mod: is this rlcheck's action checkout?"
    key="rlcheck-$goos-$goarch-$gover-src-$(source_hash "$src")"
  fi
  echo "rlcheck will be built with $gover for $goos/$goarch${key:+ (cache key $key)}"
  output dir "$dir"
  output bin "$dir/rlcheck$exe"
  output key "$key"
}

# find_mingw makes sure cgo finds a MinGW-w64 gcc on Windows runners. The
# runner images ship one, but which directory is on PATH has changed
# between image versions.
find_mingw() {
  local gcc candidate
  if gcc=$(command -v gcc 2>/dev/null) && "$gcc" -dumpmachine 2>/dev/null | grep -q mingw; then
    return 0
  fi
  for candidate in /c/mingw64/bin /c/msys64/mingw64/bin /c/msys64/ucrt64/bin \
    /c/ProgramData/mingw64/mingw64/bin /c/ProgramData/chocolatey/lib/mingw/tools/install/mingw64/bin \
    /c/Strawberry/c/bin; do
    if [ -x "$candidate/gcc.exe" ] && "$candidate/gcc.exe" -dumpmachine 2>/dev/null | grep -q mingw; then
      export PATH="$candidate:$PATH"
      echo "using MinGW-w64 gcc from $candidate"
      return 0
    fi
  done
  die "no MinGW-w64 gcc found: rlcheck needs cgo (tree-sitter, pg_query); install one (e.g. msys2/setup-msys2) before this step"
}

build() {
  local bin
  bin=$(native "${RLCHECK_BIN:?RLCHECK_BIN is not set (run prepare first)}")
  mkdir -p "$(dirname "$bin")"
  # cgo is required; the user's Go settings must not leak into our build.
  # GOTOOLCHAIN=auto: setup-go exports GOTOOLCHAIN=local, but a Go older
  # than rlcheck's go.mod may fetch the right toolchain for this build.
  export CGO_ENABLED=1 GOFLAGS='' GOWORK=off GOTOOLCHAIN=auto
  command -v go >/dev/null 2>&1 || die "no Go toolchain on PATH"
  local ldflags="-s -w"
  if is_windows; then
    find_mingw
    # Link the C runtime statically: the runner has several incompatible
    # MinGW DLL sets on PATH.
    ldflags="$ldflags -extldflags=-static"
  else
    command -v "${CC:-cc}" >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 ||
      die "no C compiler found: rlcheck needs cgo (install gcc or clang)"
  fi
  if ! build_once "$bin" "$ldflags"; then
    if is_windows; then
      # Some MinGW builds keep the stack protector (pg_query is compiled
      # with -fstack-protector) in a separate libssp.
      echo "retrying with CGO_LDFLAGS=-lssp"
      CGO_LDFLAGS="${CGO_LDFLAGS:-} -lssp" build_once "$bin" "$ldflags" || die "building rlcheck failed"
    else
      die "building rlcheck failed"
    fi
  fi
  "$bin" version
}

build_once() {
  local bin=$1 ldflags=$2
  if [ -n "${RLCHECK_VERSION:-}" ]; then
    local v
    v=$(normalize_version "$RLCHECK_VERSION") || die "bad version input '$RLCHECK_VERSION'"
    echo "go install github.com/rlcheck/rlcheck/cmd/rlcheck@$v"
    GOBIN=$(dirname "$bin") go install -trimpath -ldflags="$ldflags" "github.com/rlcheck/rlcheck/cmd/rlcheck@$v"
  else
    local src
    src=$(native "$GITHUB_ACTION_PATH")
    echo "go build ./cmd/rlcheck (in $src)"
    (cd "$src" && go build -trimpath -buildvcs=false -ldflags="$ldflags" -o "$bin" ./cmd/rlcheck)
  fi
}

run() {
  local bin
  bin=$(native "${RLCHECK_BIN:?RLCHECK_BIN is not set (run prepare first)}")
  [ -x "$bin" ] || die "$bin is missing: the build step did not run"
  local code=0
  "$bin" action || code=$?
  # rlcheck sets all outputs itself; when it stopped before (a usage
  # error), still tell the workflow how it ended.
  if [ -n "${GITHUB_OUTPUT:-}" ] && ! grep -Eq '^exit-code(=|<<)' "$GITHUB_OUTPUT"; then
    output exit-code "$code"
  fi
  exit "$code"
}

case "${1:-}" in
prepare) prepare ;;
build) build ;;
run) run ;;
*)
  echo "usage: $0 prepare|build|run" >&2
  exit 2
  ;;
esac
