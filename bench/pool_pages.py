"""Where a `dalil serve` process's LadybugDB buffer pool goes: which pages of the graph file each
step of the serve memory check (bench.domain_bench.serve_rss) leaves resident, by table and column.

    .venv/bin/python -m bench.pool_pages HOME [HOME ...]    # data folders (graph.lbug inside)

The RSS of `dalil serve` over the synthetic graph is compared with the demo corpus (issue 19). The
pool holds two regions: the file's 4 KB pages, each at its own page number in a region of the
engine's maximum database size (8 TB), and the temporary pages of query execution in a region of
the pool's size. Neither is given back once touched, so what costs is which file pages any read
ever touches, not how many rows it returns. This opens the data folder as the service does, runs
its start-up, /api/stats and the four questions of the memory check in this process, prints both
regions after each step and each query that grew them, and at the end the resident file pages
per table and column (``CALL storage_info``: each column chunk's first page and page count).

Measured on the synthetic graph (100,000 statements): reading a column of rows scattered over the
table touches most of its pages (a node group's chunk is read whole), so the statements an
answer shows, spread over every node group, keep their id and quote columns resident whatever
else is read; the link queries keep the statements' CSR headers (SUBJECT, OBJECT, ABOUT, SCOPE:
about 1-2 MB each); the look-ups by id about 2 MB of the primary-key index. The wide text
columns other than quote (summary, post, instrument, review) cost nothing there: the generator
writes one value in each, which the engine stores as a constant.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import urllib.parse
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

# the engine's default maximum database size: the size of the region of the file's pages
DATA_REGION = 1 << 43
PAGE = 4096


def _regions() -> list[tuple[int, int]]:
    out = []
    with open("/proc/self/maps", encoding="ascii") as f:
        for line in f:
            a, b = (int(x, 16) for x in line.split()[0].split("-"))
            out.append((a, b - a))
    return out


def _present(start: int, pages: int) -> list[bool]:
    """Whether each page from ``start`` is resident (/proc/self/pagemap, bit 63)."""
    with open("/proc/self/pagemap", "rb") as f:
        f.seek((start // PAGE) * 8)
        buf = f.read(pages * 8)
    return [bool(v >> 63) for (v,) in struct.iter_unpack("<Q", buf)]


def pool_regions(pool: int) -> tuple[int, int]:
    """(start of the file's pages, start of the temporary pages): the two regions may be one
    mapping, the temporary region (``pool`` bytes) first."""
    for a, size in _regions():
        if size == DATA_REGION + pool:
            return a + pool, a
    data = next(a for a, size in _regions() if size == DATA_REGION)
    temp = next(a for a, size in _regions() if size == pool)
    return data, temp


def resident_mb(pool: int, file_pages: int) -> tuple[float, float]:
    """MB resident of the file's pages and of the temporary pages."""
    data, temp = pool_regions(pool)
    return (sum(_present(data, file_pages)) * PAGE / 2**20, sum(_present(temp, pool // PAGE)) * PAGE / 2**20)


def by_column(store: Any, pool: int, file_pages: int) -> Counter[str]:
    """Resident file pages per "Table.column" (``?``: pages of no column chunk: catalog,
    metadata, free pages)."""
    data, _ = pool_regions(pool)
    here = [i for i, p in enumerate(_present(data, file_pages)) if p]
    owner: dict[int, str] = {}
    for t in store._read("CALL show_tables() RETURN name", {}):
        for r in store._read(f"CALL storage_info('{t['name']}') RETURN column_name, start_page_idx, num_pages", {}):
            if r["num_pages"] and r["start_page_idx"] < 2**32 - 1:
                for i in range(r["start_page_idx"], r["start_page_idx"] + r["num_pages"]):
                    owner[i] = f"{t['name']}.{r['column_name']}"
    return Counter(owner.get(i, "?") for i in here)


def run(home: Path) -> dict[str, Any]:
    """The serve memory check's steps over ``home`` in this process, with the pool after each."""
    os.environ["DALIL_HOME"] = str(home)
    from api.maintenance import startup_repair
    from api.service import open_dalil
    from bench.domain_bench import http_questions
    from graph.ladybug_store import LadybugStore, pool_bytes
    from graph.store import open_store

    path = home / "graph.lbug"
    with open_store(path=str(path)) as s:
        questions = http_questions(s)
    pool, file_pages = pool_bytes(path), path.stat().st_size // PAGE + 64
    steps: list[dict[str, Any]] = []
    queries: list[dict[str, Any]] = []
    plain_run = LadybugStore.run

    def traced(self: LadybugStore, name: str, **params: Any) -> list[dict[str, Any]]:
        before = resident_mb(pool, file_pages)
        rows = plain_run(self, name, **params)
        after = resident_mb(pool, file_pages)
        if after != before:
            queries.append({"step": len(steps), "query": name, "rows": len(rows),
                            "data_mb": round(after[0] - before[0], 2), "temp_mb": round(after[1] - before[1], 2)})
        return rows

    LadybugStore.run = traced  # type: ignore[method-assign]
    try:
        with open_dalil(home) as d:
            def step(name: str, fn: Callable[[], object]) -> None:
                fn()
                data_mb, temp_mb = resident_mb(pool, file_pages)
                steps.append({"step": name, "data_mb": round(data_mb, 1), "temp_mb": round(temp_mb, 1)})

            step("open", lambda: None)
            step("start-up", lambda: startup_repair(d))
            step("stats", d.stats)
            def asker(q: str) -> tuple[str, Callable[[], object]]:
                path_, _, query = q.partition("?")
                kw = urllib.parse.parse_qs(query)
                what = path_.rsplit("/", 1)[1]
                ask: dict[str, Callable[[], object]] = {
                    "who": lambda: d.who(kw["theme"][0], kw["place"][0]), "mandate": lambda: d.mandate(kw["body"][0]),
                    "gaps": lambda: d.gaps(kw["place"][0]), "overlaps": lambda: d.overlaps(kw["actor"])}
                return what, ask[what]

            for q in questions:
                step(*asker(q))
            cols = by_column(d.graph, pool, file_pages)
    finally:
        LadybugStore.run = plain_run  # type: ignore[method-assign]
    return {"home": str(home), "steps": steps, "queries": queries,
            "columns_mb": {k: round(v * PAGE / 2**20, 2) for k, v in cols.most_common()}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("homes", nargs="+", help="data folders; each is measured in a fresh process")
    ap.add_argument("--child", action="store_true")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(run(Path(a.homes[0]))))
        return
    import subprocess

    for home in a.homes:
        r = subprocess.run([sys.executable, "-m", "bench.pool_pages", "--child", home], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).resolve().parent.parent)
        got = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"{home}: pool MB (file pages + temporary) after each step: "
              + ", ".join(f"{s['step']} {s['data_mb']} + {s['temp_mb']}" for s in got["steps"]))
        for q in got["queries"]:
            print(f"  step {q['step']} {q['query']} ({q['rows']} rows): file +{q['data_mb']}, temporary +{q['temp_mb']}")
        print("  resident file pages by column (MB): " + ", ".join(
            f"{k} {v}" for k, v in list(got["columns_mb"].items())[:20]))


if __name__ == "__main__":
    main()
