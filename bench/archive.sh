#!/usr/bin/env bash
# Archive benchmark (issue 5): issue rate, archive verify MB/s and search latency on N
# generated 8D records, release build. Not a test: it asserts nothing, it reports.
#   bench/archive.sh [N=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
swift build -c release --product qmsforms-bench >/dev/null
mkdir -p bench/results
.build/release/qmsforms-bench archive --records "$n" --forms forms --workspace "${TMPDIR:-/tmp}/qmsforms-bench-ws" \
  --json "bench/results/archive-$n.json"
echo "JSON: bench/results/archive-$n.json"
