"""Extraction speed: the staged extractor with its statistical backbone against the rules alone.

    python -m bench.extract_bench [--rounds 3] [--no-write]

Runs the extractor over data/demo plus ../shared/corpus/dev (where present) twice in the same
process: rules only (``DALIL_NLP=false``, the extractor before the spaCy stages) and the full
staged extractor, and reports sentences per second and the ratio. CPU time is reported next to
wall time because the machines are shared.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bench._report import write_section

REPO = Path(__file__).resolve().parent.parent
CORPORA = [REPO / "data" / "demo", REPO.parent / "shared" / "corpus" / "dev"]


def _pages() -> list[tuple[str, list[tuple[int, str]], str]]:
    from ingest.loaders import load

    out = []
    for folder in CORPORA:
        if not folder.exists():
            continue
        for f in sorted(folder.glob("*.md")):
            if f.name == "README.md":
                continue
            ld = load(f)
            out.append((f.name, [(p.number, p.text) for p in ld.pages], ld.document.title))
    return out


def _run(docs: list[tuple[str, list[tuple[int, str]], str]], nlp_on: bool, rounds: int) -> tuple[float, float, int]:
    from graph.settings import get_settings
    from ingest import nlp
    from ingest.chunking import split_sentences
    from ingest.extract import Extractor

    os.environ["DALIL_NLP"] = "true" if nlp_on else "false"
    get_settings.cache_clear()
    nlp._pipeline.cache_clear()
    x = Extractor()
    x.extract(docs[0][1], docs[0][2])  # warm: model load and indexes are not per-document costs
    n = sum(len(split_sentences(t)) for _, pages, _ in docs for _, t in pages)
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        for _, pages, title in docs:
            x.extract(pages, title)
        best_wall = min(best_wall, time.perf_counter() - w)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best_wall, best_cpu, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args()
    docs = _pages()
    rw, rc, n = _run(docs, False, a.rounds)
    fw, fc, _ = _run(docs, True, a.rounds)
    load1 = os.getloadavg()[0]
    body = (
        f"{len(docs)} documents (data/demo and ../shared/corpus/dev), {n} sentences; best of {a.rounds} rounds, "
        f"load average {load1:.1f} on {os.cpu_count()} cores.\n\n"
        "| extractor | wall s | CPU s | sentences/s (wall) | sentences/s (CPU) |\n|---|---|---|---|---|\n"
        f"| rules only (`DALIL_NLP=false`, the extractor before this issue's stages) | {rw:.2f} | {rc:.2f} | {n / rw:.0f} | {n / rc:.0f} |\n"
        f"| staged, with the spaCy backbone (default) | {fw:.2f} | {fc:.2f} | {n / fw:.0f} | {n / fc:.0f} |\n\n"
        f"Ratio staged / rules only: **{fw / rw:.2f}×** wall, **{fc / rc:.2f}×** CPU. Extraction is one step of ingest; "
        "loading, chunking, embedding and the store write are unchanged by it."
    )
    print(body)
    if not a.no_write:
        write_section("Extraction speed", "python -m bench.extract_bench", body)


if __name__ == "__main__":
    main()
