#!/usr/bin/env bash
# Measures what rlcheck scan costs on a large tree (GOROOT/src by default)
# against the floor of loading the same packages with go/packages and
# doing nothing else (scripts/loadfloor): wall time and peak resident
# memory of each, from /usr/bin/time. Nothing here asserts a number.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-$(go env GOROOT)/src}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/rlcheck" ./cmd/rlcheck
go build -o "$work/loadfloor" ./scripts/loadfloor
measure() {
  /usr/bin/time -f "%e s wall, %M KB peak RSS" "$@" >/dev/null 2>"$work/err" || true
  tail -1 "$work/err"
}
echo "== load floor:   $(measure "$work/loadfloor" "$tree")"
echo "== rlcheck scan: $(measure "$work/rlcheck" scan --fail-on never --format json "$tree")"
