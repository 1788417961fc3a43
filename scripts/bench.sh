#!/usr/bin/env bash
# Measures rlcheck's speed: the Go micro-benchmarks, then a whole scan of a
# generated tree of N copies of the bundled examples (N=200 by default).
# Compare runs with benchstat; nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-200}

echo "== micro-benchmarks"
go test -run='^$' -bench=. -benchmem ./analyzers/python ./analyzers/gocode ./internal/sqlfacts

# The Python engine against tree-sitter's parse alone, over the standard
# library of the local python3, without its site-packages
# (RLCHECK_BENCH_CORPUS overrides it): the
# "project" line should stay within twice the "parse" line (compare the
# cpu-s/op columns on a busy machine).
corpus=${RLCHECK_BENCH_CORPUS:-}
if [ -z "$corpus" ] && command -v python3 >/dev/null; then
  corpus=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
fi
if [ -n "$corpus" ]; then
  echo "== Python engine vs. parse alone, over $corpus"
  RLCHECK_BENCH_CORPUS="$corpus" go test -run='^$' -bench=Corpus -benchtime=1x -count=3 ./analyzers/python
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/rlcheck" ./cmd/rlcheck
for i in $(seq "$copies"); do
  mkdir -p "$work/tree/svc$i"
  cp examples/fastapi-dynamodb/*.py testdata/seeds/*.py "$work/tree/svc$i/"
done
files=$(find "$work/tree" -name '*.py' | wc -l)
echo "== scan of $files Python files"
start=$(date +%s.%N)
"$work/rlcheck" scan --fail-on never --format json "$work/tree" >/dev/null
end=$(date +%s.%N)
echo "$files files in $(echo "$end - $start" | bc) s"
