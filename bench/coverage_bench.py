"""The coverage map's data (/api/coverage): per district and governorate, the bodies on a theme,
gaps and overlaps, on the demo corpus plus the real 2014-2015 3W table (3,331 rows) when present.

The first request after a write computes the gaps of all 119 places (cached until the next
write); later requests, one per theme or filter, reuse them. Baseline in the same run: one
`who covers` question for one place (what the map repeats per place).
Run: .venv/bin/python -m bench.coverage_bench
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

from api.deps import Service
from api.routes.coverage import coverage
from api.service import open_dalil
from bench._report import write_section

REPO = Path(__file__).resolve().parent.parent
THREEW = Path(os.environ.get("DALIL_SHARED", REPO.parent / "shared")) / "corpus" / "data" / "iraq_3w_humanitarian_response_2014-2015_cluster_dashboard.csv"


def main() -> None:
    os.environ.setdefault("DALIL_INDEX_ON_INGEST", "0")  # the map reads the graph only
    srcs = [REPO / "data" / "demo"] + ([THREEW] if THREEW.exists() else [])
    with tempfile.TemporaryDirectory() as tmp, open_dalil(home=Path(tmp)) as d:
        d.ingest(srcs)
        svc = Service(d, threading.RLock())
        d.snapshot()  # built once per write, outside both timings
        t0 = time.perf_counter()
        d.who("youth", "Sinjar")
        base = time.perf_counter() - t0
        rows = []
        for label, theme in (("first request (all themes; computes the gaps)", ""), ("theme youth", "youth"),
                             ("theme education", "education"), ("theme youth again (cached)", "youth")):
            t0 = time.perf_counter()
            res = coverage(svc, theme, "", "")
            dt = time.perf_counter() - t0
            rows.append(f"| {label} | {dt:.2f} s | {dt / base:.0f} | {res['max']} | "
                        f"{sum(1 for v in res['places'].values() if v['overlaps'])} |")
        facts = len(d.snapshot().statements), len(d.snapshot().efforts)
    body = "\n".join([
        f"Graph: demo corpus{' + the 2014-2015 3W table' if THREEW.exists() else ''} "
        f"({facts[0]} statements, {facts[1]} efforts); 18 governorates + 101 districts.",
        "",
        "| request | time | × one `who` | most bodies in a place | places with overlaps |",
        "| --- | --- | --- | --- | --- |",
        f"| baseline: one `who covers youth in Sinjar` | {base * 1000:.0f} ms | 1 | | |",
        *rows,
    ])
    write_section("Coverage map data", "python -m bench.coverage_bench", body)
    print(body)


if __name__ == "__main__":
    main()
