"""`dalil ingest --workers N`: documents loaded and extracted in N processes, written by one.

Loading (pdfplumber, OCR) and extraction (the spaCy backbone and the rules) take nearly all of an
ingest's time and need nothing from the graph, so worker processes do them, a few documents
ahead. Everything that reads or writes the graph stays in this process and in the order of the
files: each document is identified, resolved against the actors the documents before it wrote,
and written in its own transaction, exactly as with one worker — so the graph is the same.

Workers are spawned, not forked: this process holds the graph store and embedding threads,
which a fork would copy in an unknown state. A file whose load or extraction crashes fails
alone, as in one process; a worker that dies (a parser's segfault) fails its file and the rest
are ingested here, one by one.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ingest.extract import Extraction, Extractor
from ingest.identity import identify
from ingest.limits import call_with_time_limit, check_file
from ingest.loaders import LoadedDocument, LoadError, iter_paths, load
from ingest.pipeline import STRUCTURED_SUFFIXES, DocumentFacts, FileReport, Ingestor, extract_document

__all__ = ["default_workers", "ingest_in_parallel"]

_WORTH_IT = 4  # documents per worker below which starting workers costs more than it saves
_AHEAD = 2  # documents in flight per worker: enough to keep it busy, few enough to bound memory
_state: dict[str, object] = {}


def default_workers(paths: list[Path]) -> int:
    """DALIL_INGEST_WORKERS, else one worker per core when there are enough documents to repay
    starting them (each loads the extractor's models: seconds), else none (1)."""
    from graph.settings import get_settings

    if get_settings().ingest_workers:
        return get_settings().ingest_workers
    cores = os.cpu_count() or 1
    documents = sum(1 for p in iter_paths(paths) if p.suffix.lower() not in STRUCTURED_SUFFIXES)
    return cores if documents >= _WORTH_IT * cores else 1


def _init(error_log: Path | None) -> None:
    import warnings

    warnings.filterwarnings("ignore")  # library noise stays off the screen, as in the CLI
    _state["extractor"] = Extractor()
    _state["log"] = error_log


def _prepare(path: Path) -> tuple[LoadedDocument, Extraction] | FileReport:
    """In a worker: the file's checks, text and extraction, or its failure."""
    from ingest.failures import failure_reason

    try:
        if reason := check_file(path):
            return FileReport(str(path), "failed", reason)
        try:
            loaded = call_with_time_limit(path, load, path)
        except LoadError as e:
            return FileReport(str(path), "failed", e.reason)
        extractor = _state["extractor"]
        assert isinstance(extractor, Extractor)
        return loaded, extract_document(loaded, extractor)
    except Exception as e:  # the point: one file's crash is that file's failure alone
        log = _state.get("log")
        return FileReport(str(path), "failed", failure_reason(path, e, log if isinstance(log, Path) else None))


def _unchanged(ing: Ingestor, path: Path) -> FileReport | None:
    """A file the graph holds already, byte for byte, needs no worker."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the worker reports it
    doc_id, same = identify(ing.store, ing.source_of(path), digest)
    return FileReport(str(path), "unchanged", doc_id=doc_id) if same else None


def ingest_in_parallel(
    ing: Ingestor,
    files: list[Path],
    workers: int,
    on_file: Callable[[FileReport], None] | None = None,
    on_facts: Callable[[DocumentFacts], None] | None = None,
) -> list[FileReport]:
    """Ingest ``files`` in order with ``workers`` processes loading and extracting ahead."""
    reports: list[FileReport] = []
    queue: deque[tuple[Path, Future[tuple[LoadedDocument, Extraction] | FileReport] | FileReport | None]] = deque()
    todo = iter(files)
    ctx = multiprocessing.get_context("spawn")
    pool: ProcessPoolExecutor | None = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init,
                                                           initargs=(ing.error_log,))
    try:
        while True:
            while pool is not None and len(queue) < _AHEAD * workers and (path := next(todo, None)) is not None:
                if path.suffix.lower() in STRUCTURED_SUFFIXES:
                    queue.append((path, None))  # tables resolve rows against the graph: here
                else:
                    queue.append((path, _unchanged(ing, path) or pool.submit(_prepare, path)))
            if not queue:
                if pool is None and (path := next(todo, None)) is not None:
                    queue.append((path, None))  # the pool broke: the rest one by one, here
                    continue
                break
            path, job = queue.popleft()
            if job is None:
                rep = ing.ingest_file(path, on_facts)
            elif isinstance(job, FileReport):
                rep = job
            else:
                try:
                    done = job.result()
                except BrokenProcessPool:
                    done = FileReport(str(path), "failed", "the worker process reading it died (a crash in a "
                                      "parser); the other files are ingested without workers")
                    pool.shutdown(cancel_futures=True) if pool else None
                    pool = None
                    queue = deque((p, None if isinstance(j, Future) else j) for p, j in queue)
                if isinstance(done, FileReport):
                    rep = done
                else:
                    loaded, extraction = done
                    rep = ing.guarded(path, ing.ingest_loaded, loaded, str(path), on_facts, ing.source_of(path),
                                      extraction)
            reports.append(rep)
            if on_file:
                on_file(rep)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return reports
