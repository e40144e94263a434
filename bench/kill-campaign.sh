#!/usr/bin/env bash
# Fault campaign (issue 13): SIGKILL `qmsforms issue` at random moments N times in one workspace,
# then check what an auditor would: verify after recovery, numbers consecutive with no gap and no
# duplicate, every number a killed process had already printed present, the next issue numbered
# on. Release build. It reports figures; it exits non-zero only when the archive is wrong.
#   bench/kill-campaign.sh [N=1000] [MAX_DELAY_MS=90]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
delay=${2:-90}
swift build -c release --product qmsforms >/dev/null
bin="$PWD/.build/release/qmsforms"
work=$(mktemp -d "${TMPDIR:-/tmp}/qmsforms-kills.XXXXXX")
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
"$bin" init "$work/ws" --from forms >/dev/null
grep -v '^record_no:' forms/examples/capa.yaml > "$work/capa.yaml"
mkdir -p bench/results
python3 - "$bin" "$work" "$n" "$delay" <<'PY' | tee "bench/results/kill-campaign-$n.txt"
import json, random, signal, subprocess, sys, time
bin, work, n, delay = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ws = work + "/ws"
def q(*args):
    return subprocess.run([bin, *args], cwd=ws, capture_output=True, text=True)
reported, pending_seen, started = [], 0, time.monotonic()
for i in range(n):
    p = subprocess.Popen([bin, "issue", "capa", work + "/capa.yaml", "--by", "王芳"], cwd=ws,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    time.sleep(random.uniform(0, delay / 1000))
    p.send_signal(signal.SIGKILL)
    out, _ = p.communicate()
    if p.returncode == 0 and out:
        reported.append(out.split("\t")[0])
    if i % 10 == 9 and "pending.json" in q("archive", "verify").stderr:
        pending_seen += 1
elapsed = time.monotonic() - started
first = q("archive", "verify")
q("archive", "reindex")
verify = q("archive", "verify")
numbers = [r["number"] for r in json.loads(q("archive", "list", "--format", "json").stdout)]
expected = ["CAPA-2026-%03d" % k for k in range(1, len(numbers) + 1)]
nxt = q("issue", "capa", work + "/capa.yaml", "--by", "王芳").stdout.split("\t")[0]
checks = {
    "verify after recovery passes": verify.returncode == 0,
    "numbers consecutive, no gap, no duplicate": sorted(numbers, key=lambda s: (len(s), s)) == expected,
    "every printed number is archived": set(reported) <= set(numbers),
    "the next issue takes the next number": nxt == "CAPA-2026-%03d" % (len(numbers) + 1),
}
print(f"kills: {n} (random delay 0–{delay} ms), {elapsed:.1f} s")
print(f"issues completed before the kill (number printed): {len(reported)}")
print(f"records in the archive: {len(numbers)} (committed but killed before printing: {len(numbers) - len(reported)})")
print(f"verify found an interrupted action pending, sampled every 10th kill: {pending_seen} of {n // 10}")
print(f"first verify after the campaign: exit {first.returncode}")
for name, ok in checks.items():
    print(("PASS " if ok else "FAIL ") + name)
if not all(checks.values()):
    print(verify.stderr, file=sys.stderr)
    sys.exit(1)
PY
