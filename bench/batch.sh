#!/usr/bin/env bash
# Batch benchmark (issue 7): builds release, then in one run on N generated 8D records —
# fill (XML + HTML) records/s and MB/s, validate records/s, issue records/s, archive verify MB/s,
# single fill latency (median of 20), peak RSS at N and at LARGE — and the peers in
# ../shared/bench/peers (Jinja2, lxml+XSLT) on the same N. Prints a table with the ratios and
# writes it as JSON. Reports; asserts nothing.
#   bench/batch.sh [N=10000] [LARGE=1000000]     (LARGE=0 skips the large run; it needs ~50 GB of disk)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
large=${2:-1000000}
python3 -c "import jinja2, lxml" 2>/dev/null || python3 -m pip install -q Jinja2 lxml
# Release, with the Swift runtime and Foundation linked in (as deployed: one binary, ~10 ms less start-up).
build=.build-release-static
swift build -c release --static-swift-stdlib --scratch-path "$build" >/dev/null
mkdir -p bench/results
json=bench/results/batch-$n-$large.json
"$build"/release/qmsforms-bench batch --records "$n" --large "$large" --forms forms --peers ../shared/bench/peers \
  --qmsforms "$build"/release/qmsforms --work "${TMPDIR:-/tmp}/qmsforms-batch-bench" --json "$json"
echo "JSON: $json"
