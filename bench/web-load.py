#!/usr/bin/env python3
"""Load check of `qmsforms serve` (a benchmark, not a test).

N signed-in clients on loopback, each in its own thread with its own keep-alive connection,
fill a feedback form the way the page does: live validation as they type (VALIDATES requests),
a print preview, then issue. Reports requests/s, p50/p99 latency of validate, preview and issue,
errors (must be 0), and checks afterwards that every issued number is in the archive exactly
once and that `archive verify` passes.

    bench/web-load.py [--clients 8] [--records 25] [--binary .build/release/qmsforms]

Build first: swift build -c release. Run from the project root.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests/browser"))
from form_paths import entries  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "load-test-password"
VALIDATES = 4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--records", type=int, default=25, help="records each client issues")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/qmsforms"))
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="qms-load-")
    ws = os.path.join(folder, "ws")
    env = dict(os.environ, QMS_USER="admin")
    subprocess.run([args.binary, "init", ws], check=True, capture_output=True)
    for i in range(args.clients):
        subprocess.run([args.binary, "user", "add", f"load{i}", "--display", f"测试{i}", "--role", "record", "--password-stdin",
                        "--workspace", ws], input=PASSWORD + "\n", text=True, check=True, capture_output=True, env=env)
    log = open(os.path.join(folder, "serve.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--workspace", ws, "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    port = None
    for _ in range(300):
        m = re.search(r"127\.0\.0\.1:(\d+)/", open(log.name).read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    origin = f"http://127.0.0.1:{port}"
    with open(os.path.join(ROOT, "forms/examples/feedback.yaml"), encoding="utf-8") as f:
        fields = entries(yaml.safe_load(f))

    latencies = {"validate": [], "preview": [], "issue": []}
    errors, issued = [], []
    lock = threading.Lock()

    def client(i):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def request(method, path, body=None, headers=None):
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()

        status, headers, _ = request("POST", "/signin", urllib.parse.urlencode({"name": f"load{i}", "password": PASSWORD}),
                                     {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin})
        cookie = headers["Set-Cookie"].split(";")[0]
        _, _, home = request("GET", "/", headers={"Cookie": cookie})
        token = re.search(rb'data-csrf="([^"]+)"', home).group(1).decode()
        base = {"Cookie": cookie, "Origin": origin, "X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded"}
        for n in range(args.records):
            mine = [(p, f"{v} 客户{i}-{n}" if p == "a.description" else v) for p, v in fields]
            for step in range(VALIDATES):   # as the person types: more and more of the form
                partial = urllib.parse.urlencode(mine[: len(mine) * (step + 1) // VALIDATES])
                t = time.perf_counter()
                status, _, _ = request("POST", "/forms/feedback/validate", partial, dict(base, Accept="application/json"))
                with lock:
                    latencies["validate"].append(time.perf_counter() - t)
                    if status != 200:
                        errors.append(("validate", status))
            for action in ("preview", "issue"):
                t = time.perf_counter()
                status, headers, _ = request("POST", "/forms/feedback", urllib.parse.urlencode(mine + [("action", action)]), base)
                with lock:
                    latencies[action].append(time.perf_counter() - t)
                    ok = status == 200 if action == "preview" else status == 303
                    if not ok:
                        errors.append((action, status))
                    elif action == "issue":
                        issued.append(headers["Location"].rsplit("/", 1)[1])

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    server.terminate()
    server.wait()

    listed = json.loads(subprocess.run([args.binary, "archive", "list", "--format", "json", "--workspace", ws],
                                       capture_output=True, text=True, check=True).stdout)
    numbers = [r["number"] for r in listed if r["form"].endswith("07-03") or r["number"].startswith("FK-")]
    verify = subprocess.run([args.binary, "archive", "verify", "--workspace", ws], capture_output=True, text=True)
    total = sum(len(v) for v in latencies.values())

    def ms(xs, q):
        return statistics.quantiles(xs, n=100)[q - 1] * 1000 if len(xs) >= 2 else float("nan")

    print(f"qmsforms serve, {args.clients} clients × {args.records} records on loopback: {total} requests in {elapsed:.1f} s "
          f"= {total / elapsed:.0f} requests/s, {len(issued) / elapsed:.1f} issues/s")
    for name, xs in latencies.items():
        print(f"  {name:9} n={len(xs):5}  p50 {ms(xs, 50):7.2f} ms  p99 {ms(xs, 99):7.2f} ms")
    print(f"  errors: {len(errors)} {errors[:5]}")
    print(f"  issued {len(issued)}, distinct {len(set(issued))}, in the archive {len(numbers)}, "
          f"each exactly once: {sorted(issued) == sorted(numbers)}")
    print(f"  archive verify: {'passed' if verify.returncode == 0 else 'FAILED ' + verify.stderr}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if not errors and sorted(issued) == sorted(numbers) and verify.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
