"""Ingest of 1,000 PDF pages end to end, against PDF text extraction plus embedding alone.

One command: ``.venv/bin/python -m bench.pdf_bench [--pages 1000]``. The corpus is the English
demo texts laid out in two columns by fpdf2 (the layout test set's engine), each copy made
distinct so that nothing is embedded twice. It is made once and kept under the system's temporary
folder (``dalil-pdf-bench-corpus/``, keyed by the page count and the sources), so a second run
times ingest only; it is made by one process per core. Two timings in the same run, on the same
files, each with its CPU time (the machine is shared: wall time alone says more about the load):

- baseline: pdfplumber's plain text of every page, cut into chunk-sized pieces and embedded with
  the configured embedder: the least any PDF search index has to do;
- ``dalil ingest``: reading order, chunking, extraction, resolution, the graph write and the
  vectors, as a user runs it (a separate process, a fresh data folder).

The goal is under 10 minutes for 1,000 pages on two cores and a ratio of at most 1.3. Writes the
"PDF ingest" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench._report import write_section
from tests.ingest.layouts.generate import SOURCES, Source, fpdf_two_columns

DALIL = str(Path(sys.executable).parent / "dalil")


_COPY_VERSION = b"1"  # bump when _copy changes what a copy holds


def _copy(n: int, src_dir: Path, out: Path) -> tuple[Path, int]:
    """Lay out copy ``n`` (each paragraph tagged with its copy): its PDF and page count."""
    import pypdfium2

    english = [s for s in SOURCES if s.lang == "en"]
    base = english[n % len(english)]
    md = base.path.read_text(encoding="utf-8")
    tagged = "\n\n".join(
        f"{p} This is note {n}.{i} of the benchmark copy." if p.strip() and not p.lstrip().startswith(("#", "-", ">"))
        else p
        for i, p in enumerate(md.split("\n\n"))
    )
    path = src_dir / f"{base.name}-{n:04d}.md"
    path.write_text(tagged, encoding="utf-8")
    pdf = fpdf_two_columns(Source(path.stem, path, "en"), out / f"{path.stem}.pdf")
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return pdf, len(doc)
    finally:
        doc.close()


def make_corpus(out: Path, pages: int) -> tuple[int, int]:
    """Copies of the English sources until ``pages`` pages are written; returns (files, pages).
    Copies are made a batch per core at a time; a copy's page count is known only once made."""
    src_dir = out.parent / "md"  # outside the folder that is ingested
    src_dir.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    total = files = made = 0
    cores = os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=cores) as pool:
        while total < pages:
            # about 4 pages a copy: ask for what is still missing, at least one per core
            batch = max(cores, (pages - total) // 4)
            for pdf, count in pool.map(_copy, range(made, made + batch), [src_dir] * batch, [out] * batch):
                if total >= pages:  # the batch overshot: the extra copies are not part of the corpus
                    pdf.unlink()
                    continue
                total += count
                files += 1
            made += batch
    return files, total


def cached_corpus(pages: int) -> tuple[Path, int, int, float]:
    """The corpus of ``pages`` pages, made on first use and kept for the next run: (folder,
    files, pages, seconds it took to make, 0 when it was already there)."""
    layout = Path(fpdf_two_columns.__code__.co_filename).read_bytes()  # the generator and the texts
    key = hashlib.sha256(layout + b"".join(s.path.read_bytes() for s in SOURCES) + _COPY_VERSION)
    root = Path(tempfile.gettempdir()) / "dalil-pdf-bench-corpus" / f"{pages}-{key.hexdigest()[:12]}"
    done = root / "done.json"
    if done.exists():
        meta = json.loads(done.read_text())
        return root / "pdf", int(meta["files"]), int(meta["pages"]), 0.0
    shutil.rmtree(root, ignore_errors=True)
    t0 = time.perf_counter()
    files, total = make_corpus(root / "pdf", pages)
    done.write_text(json.dumps({"files": files, "pages": total}))
    return root / "pdf", files, total, time.perf_counter() - t0


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def baseline(pdfs: list[Path], embedder_name: str, chunk_chars: int) -> tuple[float, float, int]:
    """Seconds (wall, CPU) for plain text extraction and embedding of chunk-sized pieces, in this
    process; pieces embedded."""
    import pdfplumber

    from search.embed import get_embedder

    embedder = get_embedder(embedder_name)
    embedder.embed(["warm up"])
    t0, c0 = time.perf_counter(), _cpu_self()
    pieces: list[str] = []
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                text = page.extract_text() or ""
                pieces += [text[i : i + chunk_chars] for i in range(0, len(text), chunk_chars)]
                page.close()
    embedder.embed(pieces)
    return time.perf_counter() - t0, _cpu_self() - c0, len(pieces)


def end_to_end(folder: Path, home: Path) -> tuple[float, float, dict[str, object]]:
    """Seconds (wall, CPU of the process and its workers) of ``dalil ingest``, and its report."""
    env = {**os.environ, "DALIL_HOME": str(home)}
    t0, c0 = time.perf_counter(), _cpu_children()
    res = subprocess.run([DALIL, "ingest", str(folder), "--json"], env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - t0, _cpu_children() - c0
    out = json.loads(res.stdout) if res.stdout.strip() else {"files": [], "failed": -1}
    return seconds, cpu, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=1000)
    args = ap.parse_args()
    from graph.settings import get_settings

    settings = get_settings()
    corpus, files, pages, made = cached_corpus(args.pages)
    pdfs = sorted(corpus.glob("*.pdf"))
    load_start = os.getloadavg()[1]
    base_s, base_cpu, pieces = baseline(pdfs, settings.embedder, settings.chunk_chars)
    with tempfile.TemporaryDirectory(prefix="dalil-pdf-bench-") as tmp:
        e2e_s, e2e_cpu, out = end_to_end(corpus, Path(tmp) / "home")
    reports = out.get("files", [])
    assert isinstance(reports, list)
    ingested = sum(1 for r in reports if r.get("status") == "ingested")
    statements = sum(int(r.get("statements", 0)) for r in reports)
    chunks = sum(int(r.get("chunks", 0)) for r in reports)
    ratio = e2e_s / base_s
    rows = [
        "| step | wall | per page | CPU | CPU per page | notes |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| baseline: pdfplumber text + embedding ({settings.embedder}), one process | {base_s:.1f} s | "
        f"{base_s / pages * 1000:.0f} ms | {base_cpu:.1f} s | {base_cpu / pages * 1000:.0f} ms | "
        f"{pieces} pieces of {settings.chunk_chars} chars |",
        f"| `dalil ingest` end to end | {e2e_s:.1f} s | {e2e_s / pages * 1000:.0f} ms | {e2e_cpu:.1f} s | "
        f"{e2e_cpu / pages * 1000:.0f} ms | {ingested}/{files} files, {chunks} chunks, {statements} statements, "
        f"{out.get('failed')} failed |",
        f"| ratio end to end / baseline | {ratio:.2f} | | {e2e_cpu / base_cpu:.2f} | | goal ≤ 1.3 (wall) |",
    ]
    load = os.getloadavg()[1]
    from ingest.parallel import default_workers

    workers = default_workers([Path(r["path"]) for r in reports]) if reports else 1
    generated = f"generated in {made:.0f} s" if made else "generated by an earlier run and kept"
    body = (
        f"{pages} PDF pages in {files} two-column files (fpdf2, the demo texts; {generated}, "
        f"not timed), {os.cpu_count()} cores, `dalil ingest` with {workers} worker process(es) (the default), "
        f"5-minute load average {load_start:.1f} before the baseline and {load:.1f} at the end (other work on the "
        "machine slows both timings, not always alike). Goal: under 10 minutes for 1,000 pages, ratio ≤ 1.3.\n\n"
        + "\n".join(rows)
    )
    write_section("PDF ingest", f"python -m bench.pdf_bench --pages {args.pages}", body)
    print(body)


if __name__ == "__main__":
    main()
