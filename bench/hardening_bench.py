"""Hardening (issue 17): ingest linear in its input, bounded SPARQL, readers during an upload.

Measures, each in a fresh store:
- a one-paragraph document of 100 KB and of 1 MB (10x), and a 3W CSV of 10,000 and 100,000
  rows (10x): ingest time (graph and vectors), the 10x ratio (goal <= 12) and the big input
  (goal < 60 s); the baseline, measured in the same run, is reading and decoding the same file
  and splitting it into sentences (the floor any ingest pays);
- the pathological SPARQL cross product and its COUNT: time to the limit error (goal < 30 s)
  and the largest RSS of the server process and of its query children (goal < 2 GB);
- GET /api/who while a 6 MB upload is ingested: p95 latency (goal < 1 s).
CPU seconds are reported next to wall seconds: on a shared machine the wall clock also counts
other processes' turns. Run: .venv/bin/python -m bench.hardening_bench [--quick]
"""

from __future__ import annotations

import contextlib
import csv
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from api.service import open_dalil
from bench._report import percentile, write_section
from graph.settings import get_settings

PARAGRAPH = ("The Ministry of Water Resources shall coordinate canal maintenance programmes in Maysan with "
             "the support of local councils and the Provincial Water Forum (PWF). Voluntary groups should "
             "train teachers on tolerance between neighbours, and the Governorate Office may fund small "
             "repairs for families who came back. ")
ORGS = [f"Relief Partners {c}" for c in "ABCDEFGHIJKLMNOPQRST"] + ["Hope Aid Network", "River Valley Trust"]
SECTORS = ["Water and sanitation", "Protection", "Livelihoods", "Health", "Shelter", "Youth engagement"]


def paragraph_file(folder: Path, kb: int) -> Path:
    size = kb * 1024
    path = folder / f"paragraph-{kb}kb.md"
    path.write_text("# Sample plan\n\n" + (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size] + "\n", encoding="utf-8")
    return path


def distinct_file(folder: Path, kb: int) -> Path:
    """One paragraph as long, but no sentence in it twice (each names its own programme number
    and year): what parsing each distinct sentence once does not save."""
    size, n = kb * 1024, 0
    parts: list[str] = []
    sentences = [s.strip() + "." for s in PARAGRAPH.split(".") if s.strip()]
    while n < size:
        i = len(parts)
        s = sentences[i % len(sentences)].replace(" in ", f" in {1990 + i // 3 % 40} (programme {i}) in ", 1)
        s = s if " in " in sentences[i % len(sentences)] else f"Under programme {i}, {s[0].lower()}{s[1:]}"
        parts.append(s)
        n += len(s) + 1
    path = folder / f"distinct-{kb}kb.md"
    path.write_text("# Sample plan\n\n" + " ".join(parts)[:size] + "\n", encoding="utf-8")
    return path


def table_file(folder: Path, rows: int) -> Path:
    from graph.vocab import load_gazetteer

    districts = list(load_gazetteer().by_level("district"))
    rnd = random.Random(17)
    path = folder / f"3w-{rows}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Organisation", "District", "District P-code", "Sector", "Activity", "Start", "End"])
        for i in range(rows):
            d = rnd.choice(districts)
            w.writerow([rnd.choice(ORGS), d.name, d.id.removeprefix("place:"), rnd.choice(SECTORS),
                        f"activity {i % 997}", "2021-01-01", "2022-06-30"])
    return path


def baseline(path: Path) -> float:
    from ingest.chunking import split_sentences
    from ingest.loaders import decode_text

    t = time.perf_counter()
    text = decode_text(path, path.read_bytes())
    if path.suffix == ".csv":
        sum(1 for _ in csv.reader(text.splitlines()))
    else:
        split_sentences(text)
    return time.perf_counter() - t


def ingest_time(path: Path) -> tuple[float, float, str]:
    with tempfile.TemporaryDirectory() as tmp, open_dalil(home=Path(tmp)) as d:
        d.ingest([])  # seed places and concepts outside the timed part
        t, c = time.perf_counter(), time.process_time()
        (rep,) = d.ingest([path])
        wall, cpu = time.perf_counter() - t, time.process_time() - c
    assert rep.status == "ingested", rep.reason
    what = f"{rep.chunks} chunks, {rep.statements} statements" if rep.chunks else f"{rep.efforts} efforts"
    return wall, cpu, what


def scaling(folder: Path, quick: bool) -> tuple[list[str], list[str]]:
    lines = ["| input | baseline (read + split) | ingest wall | ingest CPU | × baseline | load (1 min) | result |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    verdicts = []
    ingest_time(paragraph_file(folder, 2))  # warm-up: the embedder loads once per process
    cases = [("one paragraph", paragraph_file, (100, 1024) if not quick else (20, 200), "KB"),
             ("one paragraph, no sentence repeated", distinct_file, (100, 1024) if not quick else (20, 200), "KB"),
             ("3W CSV", table_file, (10_000, 100_000) if not quick else (1_000, 10_000), "rows")]
    for name, make, (small, big), unit in cases:
        walls = {}
        for n in (small, big):
            path = make(folder, n)
            base = baseline(path)
            wall, cpu, what = ingest_time(path)
            walls[n] = (wall, cpu)
            lines.append(f"| {name}, {n:,} {unit} | {base:.2f} s | {wall:.1f} s | {cpu:.1f} s | "
                         f"{wall / max(base, 1e-6):.0f}× | {os.getloadavg()[0]:.1f} | {what} |")
        ratio_wall = walls[big][0] / walls[small][0]
        ratio_cpu = walls[big][1] / walls[small][1]
        verdicts.append(
            f"- {name}: 10× the input took {ratio_wall:.1f}× the wall time and {ratio_cpu:.1f}× the CPU time "
            f"(goal ≤ 12×: {_verdict(ratio_wall <= 12, ratio_cpu <= 12)}); the larger input took "
            f"{walls[big][0]:.1f} s wall, {walls[big][1]:.1f} s CPU (goal < 60 s: "
            f"{_verdict(walls[big][0] < 60, walls[big][1] < 60)}).")
    return lines, verdicts


def _verdict(wall_ok: bool, cpu_ok: bool) -> str:
    """Both clocks: the wall clock is the goal; CPU time says what this code costs when other
    processes share the machine (then the wall clock counts their turns too)."""
    if wall_ok:
        return "met"
    return "met in CPU time only; NOT met on the wall clock of this shared machine" if cpu_ok else "NOT met"


def sparql_limits(home: Path) -> list[str]:
    import psutil
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.auth import KeyStore
    from graph.settings import Settings

    key = KeyStore(home).create("reader", "bench")[1]
    out = ["| query | status | limit | time |", "| --- | --- | --- | --- |"]
    peak = [0]
    stop = threading.Event()

    def watch() -> None:
        me = psutil.Process()
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):  # a child that ended between listing and reading
                peak[0] = max(peak[0], me.memory_info().rss, *(c.memory_info().rss for c in me.children()))
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    s = Settings(home=home)
    with TestClient(create_app(s), raise_server_exceptions=False) as client:
        for q in ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"):
            t = time.perf_counter()
            r = client.post("/api/sparql", json={"query": q}, headers={"X-API-Key": key})
            took = time.perf_counter() - t
            body = r.json()
            out.append(f"| `{q}` | {r.status_code} | {body.get('limit', '')} | {took:.1f} s |")
    stop.set()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out.append("")
    out.append(f"Largest RSS seen: {peak[0] / 2**20:.0f} MB (one process, the API or a query child); "
               f"largest query child by the kernel's account: {children:.0f} MB (shares the parent's pages "
               f"copy-on-write; the cap is {get_settings().sparql_max_memory_mb} MB above them). Goal < 2 GB.")
    return out


def readers_during_upload(home: Path, mb: int) -> list[str]:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.auth import KeyStore
    from graph.settings import Settings

    ks = KeyStore(home)
    reader, editor = ks.create("reader", "bench")[1], ks.create("editor", "bench")[1]
    per_file = 512 * 1024
    files = [("files", (f"upload-{i}.md", ("# Part\n\n" + PARAGRAPH * (per_file // len(PARAGRAPH))).encode()))
             for i in range(mb * 1024 * 1024 // per_file)]
    lat: list[float] = []
    load0 = os.getloadavg()[0]
    with TestClient(create_app(Settings(home=home)), raise_server_exceptions=False) as client:
        t0, c0 = time.perf_counter(), time.process_time()
        job = client.post("/api/documents", files=files, headers={"X-API-Key": editor}).json()
        while True:
            t = time.perf_counter()
            client.get("/api/who", params={"theme": "youth"}, headers={"X-API-Key": reader})
            lat.append(time.perf_counter() - t)
            state = client.get(f"/api/jobs/{job['id']}", headers={"X-API-Key": editor}).json()
            if state["status"] in ("done", "failed"):
                break
            time.sleep(0.05)
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
    p95 = percentile(lat, 95)
    return [f"Upload of {len(files)} files ({mb} MB) ingested in {total:.0f} s ({state['status']}; the API "
            f"process used {cpu:.0f} s CPU, its worker processes the rest; load {load0:.1f} → "
            f"{os.getloadavg()[0]:.1f}); "
            f"{len(lat)} GET /api/who meanwhile: median {percentile(lat, 50) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {max(lat) * 1000:.0f} ms (goal p95 < 1 s: {'met' if p95 < 1 else 'NOT met'})."]


def main() -> None:
    quick = "--quick" in sys.argv
    from tests.conftest import DEMO

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        load_start = os.getloadavg()[0]
        lines, verdicts = scaling(folder, quick)
        home = folder / "home"
        with open_dalil(home=home) as d:
            d.ingest([DEMO])
        sparql = sparql_limits(home)
        readers = readers_during_upload(home, 1 if quick else 6)
    load = os.getloadavg()[0]
    body = "\n".join([
        f"Ingest time against the input size (fresh store each; vectors included). Load average (1 min) "
        f"at the start {load_start:.1f}, at the end {load:.1f}, on {os.cpu_count()} cores; the load column is "
        "read as each ingest ends.", "", *lines, "", *verdicts, "",
        "Bounded SPARQL on the demo graph (`POST /api/sparql`, default limits):", "", *sparql, "",
        "Readers during an upload (the API app in this process, demo graph; the job's documents are "
        "parsed in worker processes, written here, and questions answer from the state published "
        "after each file):", "", *readers,
    ])
    write_section("Hardening: linear ingest, bounded queries", "python -m bench.hardening_bench", body)
    print(body)


if __name__ == "__main__":
    main()
