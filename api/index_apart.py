"""The search index's side of `dalil serve`'s start-up check, read in a child process.

Qdrant's local mode loads every point of its folder into the process that opens it, as Python
objects (over 50 KB per passage of the bench's synthetic graph, most of which the allocator keeps
after the client closes). The start-up check (api.maintenance.startup_repair) needs only each
document's point count and content hashes: a child process reads them and saves the search mirror
(search/mirror_cache.py) as a first search would, so the server answers domain questions without
holding the points, and its first search maps the saved mirror instead of opening Qdrant.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from graph.settings import Settings

# the child opens Qdrant's folder and builds the mirror: seconds at 100k passages
TIMEOUT_S = 600.0


def read_apart(settings: Settings) -> dict[str, tuple[int, set[str]]] | None:
    """doc id -> (points, content hashes) of the local vector store, read by a child process;
    None when the child failed (a folder another process holds): the caller reads it itself."""
    root = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])
    args = [sys.executable, "-m", "api.index_apart", str(settings.qdrant_path), json.dumps(settings.search_exact)]
    try:
        done = subprocess.run(args, env=dict(os.environ, PYTHONPATH=path), capture_output=True, text=True,
                              timeout=TIMEOUT_S, check=True)
        got = json.loads(done.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
    return {d: (int(n), set(h)) for d, (n, h) in got.items()}


def main(folder: str, exact: str) -> None:
    from search.consistency import indexed_state
    from search.vectors import VectorStore

    vs = VectorStore(Path(folder), exact=json.loads(exact))
    try:
        state = indexed_state(vs)
        vs.persist()  # the server's first search loads this instead of the points
    finally:
        vs.close()
    print(json.dumps({d: [n, sorted(h)] for d, (n, h) in state.items()}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
