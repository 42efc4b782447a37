"""HTTP read load against `dalil serve` on loopback: requests/s, errors and p95 on ask / who / search.

One command: ``.venv/bin/python -m bench.load_bench``. The demo corpus is ingested into a temp
home, `dalil serve` runs as a separate process, and this process drives it with a bounded
number of threads (httpx) for a fixed time per endpoint. Baseline in the same run: GET
/api/health (the framework's floor on this machine). Writes the "HTTP load" section of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench._report import percentile, write_section

REPO = Path(__file__).resolve().parent.parent
DALIL = str(Path(sys.executable).parent / "dalil")
TARGETS: dict[str, tuple[str, dict[str, object]]] = {
    "health (baseline)": ("/api/health", {}),
    "ask": ("/api/ask", {"q": "Which bodies cover youth in Nineveh?"}),
    "who": ("/api/who", {"theme": "youth", "place": "Nineveh"}),
    "search": ("/api/search", {"q": "youth centres in Sinjar", "limit": 10}),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def drive(url: str, params: dict[str, object], threads: int, seconds: float) -> dict[str, float]:
    lat: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(timeout=30) as c:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    ok = c.get(url, params=params).status_code == 200  # type: ignore[arg-type]
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt)
                    errors[0] += 0 if ok else 1

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - t0
    return {"n": len(lat), "errors": errors[0], "rps": len(lat) / wall, "p50": percentile(lat, 50) * 1000,
            "p95": percentile(lat, 95) * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dalil-load-") as home:
        env = {**os.environ, "DALIL_HOME": home, "DALIL_API_OPEN_READS": "1"}
        subprocess.run([DALIL, "ingest", str(REPO / "data" / "demo"), "--json"], env=env, check=True, capture_output=True)
        port = _free_port()
        proc = subprocess.Popen([DALIL, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            for path, params in TARGETS.values():  # warm up (model load, caches)
                httpx.get(base + path, params=params, timeout=120)  # type: ignore[arg-type]
            results = {name: drive(base + path, params, args.threads, args.seconds) for name, (path, params) in TARGETS.items()}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    rows = ["| endpoint | requests | errors | req/s | p50 ms | p95 ms |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in results.items():
        rows.append(f"| {name} | {r['n']} | {r['errors']} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} |")
        print(rows[-1])
    body = (f"`dalil serve` (uvicorn, one process, embedded store) over the demo corpus, driven from a separate "
            f"process on loopback by {args.threads} threads for {args.seconds:.0f} s per endpoint (open reads). "
            "Requests into the store are serialised by one lock (the embedded engine is single-connection), so "
            "req/s is about 1 / latency of the query; `health` is the HTTP floor measured in the same run.\n\n"
            + "\n".join(rows))
    write_section("HTTP load", "python -m bench.load_bench", body)


if __name__ == "__main__":
    main()
