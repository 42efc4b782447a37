"""Run `dalil ingest` and SIGKILL the process at one chosen moment (a helper of test_faults.py).

``python -m tests.e2e.kill_ingest MOMENT HOME CORPUS``. The moment is reached by wrapping the
real store call at which it happens; the kill itself is a real ``kill -9`` of this process, so
nothing gets to clean up: no rollback, no close, no flush.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

MOMENTS = ("seed-transaction", "document-transaction", "after-graph-commit", "during-embedding", "during-upsert")


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(moment: str) -> None:
    from graph.ladybug_store import LadybugStore, _Batch
    from search.index import Prefetcher
    from search.vectors import VectorStore

    graph_write = LadybugStore.write
    writes = {"n": 0}

    def write(self: LadybugStore, ops: Any) -> None:
        ops = [(name, rows) for name, rows in ops if rows]
        if not ops:
            return
        writes["n"] += 1  # 1: seed, 2: the first document, 3: the second ...
        if (moment, writes["n"]) in (("seed-transaction", 1), ("document-transaction", 3)):
            self.conn.execute("BEGIN TRANSACTION")
            _Batch(self).run(ops[: max(1, len(ops) // 2)])  # half the transaction written, then the kill
            die()
        graph_write(self, ops)
        if moment == "after-graph-commit" and writes["n"] == 3:
            die()

    LadybugStore.write = write  # type: ignore[method-assign]

    embed = Prefetcher._embed

    def embedding(self: Prefetcher, hashes: list[str], texts: list[str]) -> None:
        if moment == "during-embedding" and self._done:
            die()
        embed(self, hashes, texts)

    Prefetcher._embed = embedding  # type: ignore[method-assign]

    upsert = VectorStore.upsert

    def upserting(self: VectorStore, points: Any, batch: int = 256) -> None:
        if moment == "during-upsert" and len(points) > 1:
            upsert(self, points[: len(points) // 2], batch=4)  # some batches stored, then the kill
            die()
        upsert(self, points, batch)

    VectorStore.upsert = upserting  # type: ignore[method-assign]


def main() -> None:
    moment, home, corpus = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    arm(moment)
    from api.service import open_dalil

    with open_dalil(home=home) as d:
        d.ingest([corpus])
    sys.exit(3)  # the moment never came


if __name__ == "__main__":
    main()
