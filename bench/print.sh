#!/usr/bin/env bash
# Print benchmark (issue 6): N filled 8D records (5 A4 pages each) printed to PDF by one
# `qmsforms print` (one browser session), with 1 tab and with the default tabs; and one record
# alone (browser start included), median of 5. Release build. Reports; asserts nothing.
#   bench/print.sh [N=100]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
swift build -c release --product qmsforms >/dev/null
q=$PWD/.build/release/qmsforms
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$n"); do
  sed "s/^record_no: .*/record_no: $(printf '8D-2026-%04d' "$i")/" forms/examples/8d.yaml >"$work/data.yaml"
  "$q" fill 8d "$work/data.yaml" -o "$work/html" >/dev/null
done
now() { date +%s.%N; }
run() { # tabs, output folder, inputs… → seconds
  local tabs=$1 out=$2; shift 2
  local t0; t0=$(now)
  QMS_PRINT_TABS=$tabs "$q" print "$@" --pdf "$out" >/dev/null 2>&1
  awk "BEGIN { printf \"%.2f\", $(now) - $t0 }"
}
one=$(run 1 "$work/t1" "$work"/html/*.html)
default_tabs=$(nproc); [ "$default_tabs" -gt 4 ] && default_tabs=4
many=$(run "$default_tabs" "$work/t2" "$work"/html/*.html)
singles=()
for _ in 1 2 3 4 5; do singles+=("$(run "$default_tabs" "$work/one.pdf" "$work/html/8D-2026-0001.html")"); done
single=$(printf '%s\n' "${singles[@]}" | sort -n | sed -n 3p)
pages=$(pdfinfo "$work/t2/8D-2026-0001.pdf" | awk '/^Pages:/ {print $2}')
bytes=$(du -cb "$work"/t2/*.pdf | tail -1 | cut -f1)
printed=$(ls "$work"/t2/*.pdf | wc -l)
mkdir -p bench/results
json=bench/results/print-$n.json
cat >"$json" <<JSON
{"records": $n, "printed": $printed, "pages_per_record": $pages, "chromium": "$(chromium --version 2>/dev/null | head -1)",
 "seconds_1_tab": $one, "seconds_${default_tabs}_tabs": $many, "records_per_s": $(awk "BEGIN { printf \"%.1f\", $n / $many }"),
 "pdf_mb": $(awk "BEGIN { printf \"%.1f\", $bytes / 1000000 }"), "single_record_median_s": $single}
JSON
printf '%-40s %s\n' "records printed (of $n), pages each" "$printed, $pages" \
  "1 tab: seconds" "$one" "$default_tabs tabs: seconds" "$many" \
  "$default_tabs tabs: records/s" "$(awk "BEGIN { printf \"%.1f\", $n / $many }")" \
  "one record alone (browser start), median s" "$single" "PDF MB in all" "$(awk "BEGIN { printf \"%.1f\", $bytes / 1000000 }")"
echo "JSON: $json"
